#!/usr/bin/env node
// Runs the compiled CLI (npm run build); falls back to the TypeScript sources through tsx.
import { generateKeyPair } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `serve` on a SQLite database that does not exist yet: start its first RS256 signing key now, on
// the libuv pool, while the bundle loads and the migrations run (src/core/identity/early-key.ts).
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (command === undefined || command === 'serve') {
  const url = process.env.DATABASE_URL || 'sqlite:./data/plinth.db';
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : '';
  if (file === ':memory:' || (file !== '' && !existsSync(path.resolve(file)))) {
    const slot = Symbol.for('plinth.earlySigningKey');
    globalThis[slot] = new Promise((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }))),
    );
    globalThis[slot].catch(() => {});
  }
}

// The built CLI runs from V8's code cache (bin/code-cache.js).
const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
if (existsSync(cli)) {
  const { runCached } = await import('./code-cache.js');
  runCached(cli);
} else {
  await import('tsx/esm');
  await import(new URL('../src/main.ts', import.meta.url).href);
}
