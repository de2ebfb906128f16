// `npm run build`: one ESM bundle of the server in dist/ (fewer files to resolve and compile at
// start-up than the tsc output), plus the bundled OpenAPI document as JSON.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { StandaloneSerializer } from '@fastify/fast-json-stringify-compiler';
import { loadContract } from '../src/resources/index.js';
import { makeAjv, recordSchemas, sha256, type SchemaKind } from '../src/core/http/schemas.js';
import { createApp, createLogger } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { buildConsole } from './build-console.js';

const dist = new URL('../dist/', import.meta.url);
// Every start compiles the bundle (~5 MB, no compile cache on Node 20), and a single non-ASCII
// character in a comment makes V8 decode and scan a whole file as UTF-16: without whitespace
// and comments the code is a third smaller and all ASCII. Names are kept (stack traces, CPU
// profiles, the source maps map back); licence comments go to dist/*.LEGAL.txt.
const STARTUP_FRIENDLY = { minifyWhitespace: true, legalComments: 'external', charset: 'ascii' } as const;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  // main.ts: the CLI (bin/plinth.js); index.ts: the package entry (`import { createServer } from 'plinth'`).
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname, new URL('../src/index.ts', import.meta.url).pathname],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: dist.pathname,
  sourcemap: true,
  define: { PLINTH_BUNDLED: 'true' },
  ...STARTUP_FRIENDLY,
  // Native addons and the lazily loaded docs UI stay in node_modules.
  external: ['better-sqlite3', 'pg-native', '@scalar/fastify-api-reference'],
  banner: { js: "import { createRequire as __plinthRequire } from 'node:module'; const require = __plinthRequire(import.meta.url);" },
  logLevel: 'warning',
});
// The package's types: src/index.ts declares its public surface itself (no internal types), so
// its declarations come from that one file (isolated declarations, no type-check of the graph).
const publicEntry = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
const dts = ts.transpileDeclaration(publicEntry, { fileName: 'index.ts', reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.NodeNext, isolatedDeclarations: true, strict: true } });
if (dts.diagnostics?.length) throw new Error(`src/index.ts: ${dts.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
if (/\bfrom '\.|import\(['"]\./.test(dts.outputText)) throw new Error('src/index.ts: its public types must not refer to internal modules');
writeFileSync(new URL('index.d.ts', dist), dts.outputText);
const openapi = JSON.stringify(loadContract({ fromSources: true }));
writeFileSync(new URL('openapi.json', dist), openapi);

// Ahead-of-time validators and serializers (dist/precompiled.mjs): start a server from the
// sources on a throwaway SQLite file, record every schema it compiles, and generate the code
// Ajv (the server's options) and fast-json-stringify (Fastify's options) would build for it.
const schemas = new Map<string, { kind: SchemaKind; schema: any }>();
recordSchemas((kind, key, schema) => void schemas.set(key, { kind, schema: structuredClone(schema) }));
const tmp = mkdtempSync(path.join(tmpdir(), 'plinth-build-'));
try {
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(tmp, 'build.db')}`, LOG_LEVEL: 'silent' });
  const app = await createApp({ config, logger: createLogger('silent'), scheduleRotation: false });
  await app.close();
} finally {
  recordSchemas(undefined);
  rmSync(tmp, { recursive: true, force: true });
}
const bodyAjv = makeAjv(false, { source: true });
const paramAjv = makeAjv(true, { source: true });
let serializerCode = '';
const serializer = StandaloneSerializer({ readMode: false, storeFunction: (_opts, code) => void (serializerCode = code) })({}, { inlineValidators: true } as any);
const entry = (key: string, code: string) =>
  `  ${JSON.stringify(key)}: () => {\n    const module = { exports: {} }, exports = module.exports;\n${code}\n    return module.exports;\n  },\n`;
let validators = '';
let serializers = '';
for (const key of [...schemas.keys()].sort()) {
  const { kind, schema } = schemas.get(key)!;
  if (kind === 's') {
    serializer({ schema, method: '', url: '', httpStatus: '' } as any);
    serializers += entry(key, serializerCode);
  } else {
    const ajv = kind === 'b' ? bodyAjv : paramAjv;
    validators += entry(key, standaloneCode.default(ajv, ajv.compile(schema)));
  }
}
await build({
  stdin: {
    contents: `export const openapiHash = ${JSON.stringify(sha256(openapi))};\nexport const validators = {\n${validators}};\nexport const serializers = {\n${serializers}};\n`,
    resolveDir: new URL('..', import.meta.url).pathname,
    sourcefile: 'precompiled.js',
    loader: 'js',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: new URL('precompiled.mjs', dist).pathname,
  ...STARTUP_FRIENDLY,
  banner: { js: "import { createRequire as __plinthRequire } from 'node:module'; const require = __plinthRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The console's pages (dist/console), served at /console.
await buildConsole();
