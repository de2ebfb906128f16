// `npm run build`: one ESM bundle of the server in dist/ (fewer files to resolve and compile at
// start-up than the tsc output), plus the bundled OpenAPI document as JSON.
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { loadOpenApi } from '../src/http/contract.js';

const dist = new URL('../dist/', import.meta.url);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: dist.pathname,
  sourcemap: true,
  define: { PLINTH_BUNDLED: 'true' },
  // Native addons and the lazily loaded docs UI stay in node_modules.
  external: ['better-sqlite3', 'pg-native', '@scalar/fastify-api-reference'],
  banner: { js: "import { createRequire as __plinthRequire } from 'node:module'; const require = __plinthRequire(import.meta.url);" },
  logLevel: 'warning',
});
writeFileSync(new URL('openapi.json', dist), JSON.stringify(loadOpenApi({ fromSources: true })));
