// `npm run build`: the CLI and server as one CommonJS bundle (dist/cli.cjs) run from V8's code
// cache, the package entry as an ESM bundle (dist/index.js), the bundled OpenAPI document as
// JSON, the ahead-of-time validators (dist/precompiled.cjs) and the console.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type PluginBuild } from 'esbuild';
import ts from 'typescript';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { StandaloneSerializer } from '@fastify/fast-json-stringify-compiler';
import { loadContract } from '../src/resources/index.js';
import { operations } from '../src/core/http/contract.js';
import { makeAjv, recordSchemas, sha256, type SchemaKind } from '../src/core/http/schemas.js';
import { createApp, createLogger } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { buildConsole } from './build-console.js';
import { freePort } from '../bench/lib/proc.js';

const dist = new URL('../dist/', import.meta.url);
// Every start compiles the bundle (~5 MB, no compile cache on Node 20), and a single non-ASCII
// character in a comment makes V8 decode and scan a whole file as UTF-16: without whitespace
// and comments the code is a third smaller and all ASCII. Names are kept (stack traces, CPU
// profiles, the source maps map back); licence comments go to dist/*.LEGAL.txt.
const STARTUP_FRIENDLY = { minifyWhitespace: true, legalComments: 'external', charset: 'ascii' } as const;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  // The package entry (`import { createServer } from 'plinth'`); the CLI is dist/cli.cjs, below.
  entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
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
// Node built-ins that Fastify loads at start for servers Plinth never creates (HTTPS and HTTP/2:
// it serves plain HTTP behind its users' proxies); loading them was ~7 ms of every start (http2
// alone ~6). In the CLI bundle Fastify gets a stand-in that loads the module on first use.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b: PluginBuild) {
    b.onResolve({ filter: /^node:(http2|https)$/ }, (args) =>
      /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]server\.js$/.test(args.importer) ? { path: args.path, namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(args.path)}))[key] });\n`,
      loader: 'js',
    }));
  },
};
// The CLI (bin/plinth.js): one CommonJS file, because on Node 20 a CommonJS script can run from
// V8's code cache (bin/code-cache.js) and an ES module cannot. Dynamic imports of bundled code
// become plain requires; ES modules outside the bundle go through src/core/import-outside.ts.
await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: new URL('cli.cjs', dist).pathname,
  sourcemap: true,
  define: { PLINTH_BUNDLED: 'true', 'import.meta.url': '__plinthModuleUrl' },
  supported: { 'dynamic-import': false },
  plugins: [lazyBuiltins],
  ...STARTUP_FRIENDLY,
  // better-sqlite3's JavaScript is bundled (its addon is loaded from node_modules: src/core/db/db.ts).
  external: ['pg-native', '@scalar/fastify-api-reference'],
  banner: { js: "var __plinthModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
// The package's types: src/index.ts declares its public surface itself (no internal types), so
// its declarations come from that one file (isolated declarations, no type-check of the graph).
const publicEntry = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
const dts = ts.transpileDeclaration(publicEntry, { fileName: 'index.ts', reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.NodeNext, isolatedDeclarations: true, strict: true } });
if (dts.diagnostics?.length) throw new Error(`src/index.ts: ${dts.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
if (/\bfrom '\.|import\(['"]\./.test(dts.outputText)) throw new Error('src/index.ts: its public types must not refer to internal modules');
writeFileSync(new URL('index.d.ts', dist), dts.outputText);
const contract = loadContract({ fromSources: true });
const openapi = JSON.stringify(contract);
writeFileSync(new URL('openapi.json', dist), openapi);

// Ahead-of-time validators and serializers (dist/precompiled.cjs): start a server from the
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
// Every operation's route schemas, $refs inlined, as the server would derive them from the same
// document at start (src/core/http/contract.ts, ~15–25 ms of a cold start): JSON, which V8 parses
// faster than it runs the equivalent object literals.
const operationsJson = JSON.stringify([...operations(contract).values()]);
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
    contents: `export const openapiHash = ${JSON.stringify(sha256(openapi))};\nexport const operations = JSON.parse(${JSON.stringify(operationsJson)});\nexport const validators = {\n${validators}};\nexport const serializers = {\n${serializers}};\n`,
    resolveDir: new URL('..', import.meta.url).pathname,
    sourcefile: 'precompiled.js',
    loader: 'js',
  },
  bundle: true,
  platform: 'node',
  // CommonJS: the CLI runs it from V8's code cache (src/core/http/schemas.ts).
  format: 'cjs',
  target: 'node20',
  outfile: new URL('precompiled.cjs', dist).pathname,
  ...STARTUP_FRIENDLY,
  logLevel: 'warning',
});

// The console's pages (dist/console), served at /console.
await buildConsole();

// V8's code cache for the CLI (dist/cli.cjs.cache, bin/code-cache.js): made by a real start, so it
// holds what a start compiles (the migrations of a new database, the bootstrap, a token, a page of
// projects); the process writes it as it exits.
await warmCodeCache();

async function warmCodeCache() {
  const cache = new URL('cli.cjs.cache', dist).pathname;
  rmSync(cache, { force: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'plinth-warm-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const [clientId, clientSecret] = ['build-warm', randomBytes(24).toString('hex')];
  const child = spawn(process.execPath, [new URL('../bin/plinth.js', import.meta.url).pathname, 'serve'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '', // V8 refuses a cache made under other flags
      DATABASE_URL: `sqlite:${path.join(dir, 'warm.db')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PLINTH_MASTER_KEY: randomBytes(32).toString('base64'),
      PLINTH_BOOTSTRAP_CLIENT_ID: clientId,
      PLINTH_BOOTSTRAP_CLIENT_SECRET: clientSecret,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (let i = 0; ; i++) {
      const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (up) break;
      if (i > 600 || child.exitCode !== null) throw new Error('the warm-up server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const token = await fetch(`${base}/oauth/dpc/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const page = await fetch(`${base}/v1/projects`, { headers: { authorization: `Bearer ${token.access_token}` } });
    if (page.status !== 200) throw new Error(`the warm-up GET /v1/projects answered ${page.status}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  if (!existsSync(cache)) throw new Error('the warm-up server did not write dist/cli.cjs.cache');
  // A plain start must run both bundles from their caches: V8 refuses a cache stamped with other
  // flags (one the server set for itself and the loader did not put back, src/heap.ts), and then
  // every start compiles.
  const loader = new URL('../bin/code-cache.js', import.meta.url).href;
  // A script file, not `-e`, which would count as options of its own (cacheFileFor).
  const checker = path.join(mkdtempSync(path.join(tmpdir(), 'plinth-cache-check-')), 'check.mjs');
  const bundles = ['cli.cjs', 'precompiled.cjs'].map((f) => new URL(f, dist).pathname);
  writeFileSync(checker, `import(${JSON.stringify(loader)}).then((m) => process.exit(${JSON.stringify(bundles)}.every((f) => m.cacheAccepted(f)) ? 0 : 3))`);
  const accepted = spawnSync(process.execPath, [checker], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: 'inherit' });
  rmSync(path.dirname(checker), { recursive: true, force: true });
  if (accepted.status !== 0) throw new Error('a plain start refuses dist/cli.cjs.cache or dist/precompiled.cjs.cache (made under other V8 flags)');
}
