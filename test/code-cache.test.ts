import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// bin/code-cache.js runs the built CLI from V8's code cache. Each case runs a small CommonJS
// script through it in a fresh process, as bin/plinth.js does, since the cache is written on exit.
const LOADER = pathToFileURL(path.resolve(import.meta.dirname, '..', 'bin', 'code-cache.js')).href;

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'plinth-code-cache-'));
  file = path.join(dir, 'bundle.cjs');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(execArgv: string[] = []): { used: boolean; value: unknown; imported?: unknown; line?: string } {
  const script = `import(${JSON.stringify(LOADER)}).then(async ({ runCached }) => {
    const { used, exports } = runCached(${JSON.stringify(file)});
    const out = { used, value: exports.value };
    if (exports.load) out.imported = await exports.load();
    if (exports.fail) out.line = exports.fail();
    process.stdout.write(JSON.stringify(out));
  });`;
  // A script file, not `-e`: `-e` and its text would be options (process.execArgv) of their own.
  const runner = path.join(dir, 'run.mjs');
  writeFileSync(runner, script);
  return JSON.parse(execFileSync(process.execPath, [...execArgv, runner], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

describe('the code cache loader', () => {
  it('writes a cache on the first run, named by the source it was made from, and uses it on the next', () => {
    const source = 'exports.value = [1, 2, 3].map((n) => n * 2);\n';
    writeFileSync(file, source);
    expect(run()).toEqual({ used: false, value: [2, 4, 6] });
    const cache = readFileSync(`${file}.cache`);
    expect(cache.subarray(0, 32).equals(sha256(source))).toBe(true);
    expect(cache.length).toBeGreaterThan(32);
    expect(run()).toEqual({ used: true, value: [2, 4, 6] });
  });

  it('never runs a cache made from other bytes, even of the same length (V8 itself checks only the length)', () => {
    writeFileSync(file, 'exports.value = "first";\n');
    expect(run()).toEqual({ used: false, value: 'first' });
    expect(run().used).toBe(true);
    writeFileSync(file, 'exports.value = "other";\n');
    expect(run()).toEqual({ used: false, value: 'other' });
    expect(readFileSync(`${file}.cache`).subarray(0, 32).equals(sha256('exports.value = "other";\n'))).toBe(true);
    expect(run()).toEqual({ used: true, value: 'other' });
  });

  it('compiles from the source when V8 refuses the cache, and replaces it', () => {
    const source = 'exports.value = 42;\n';
    writeFileSync(file, source);
    run();
    const cache = readFileSync(`${file}.cache`);
    // Right digest, bytes V8 cannot accept (as after a Node upgrade).
    writeFileSync(`${file}.cache`, Buffer.concat([cache.subarray(0, 32), Buffer.alloc(cache.length - 32, 7)]));
    expect(run()).toEqual({ used: false, value: 42 });
    expect(readFileSync(`${file}.cache`).equals(cache.subarray(0, 32))).toBe(false);
    expect(run()).toEqual({ used: true, value: 42 });
  });

  it('keeps the cache of a process started with other options apart from the plain one', () => {
    writeFileSync(file, 'exports.value = 42;\n');
    expect(run().used).toBe(false);
    const plain = readFileSync(`${file}.cache`);
    // A start under the profiler (or any other option) neither refuses nor replaces the plain
    // start's cache: it writes, then uses, a cache of its own.
    expect(run(['--stack-size=2000'])).toMatchObject({ used: false, value: 42 });
    expect(readFileSync(`${file}.cache`).equals(plain)).toBe(true);
    expect(run(['--stack-size=2000'])).toMatchObject({ used: true, value: 42 });
    expect(run()).toMatchObject({ used: true, value: 42 });
    const own = readdirSync(dir).filter((n) => /^bundle\.cjs\.[0-9a-f]{12}\.cache$/.test(n));
    expect(own).toHaveLength(1);
  });

  it('makes its cache under the flags a start has, when the code set a V8 flag for itself (src/heap.ts)', () => {
    const setsFlag = (register: boolean) =>
      [
        `require('node:v8').setFlagsFromString('--heap-growing-percent=50');`,
        register ? `(globalThis[Symbol.for('plinth.runtimeV8Flags')] ??= []).push(['--heap-growing-percent=50', '--heap-growing-percent=0']);` : '',
        'exports.value = 7;',
        '',
      ].join('\n');
    // Unregistered, V8 stamps the cache with the changed flag and the next start refuses it:
    // the case this guards against (each start would compile the bundle again).
    writeFileSync(file, setsFlag(false));
    expect(run()).toEqual({ used: false, value: 7 });
    expect(run()).toEqual({ used: false, value: 7 });
    rmSync(`${file}.cache`);
    writeFileSync(file, setsFlag(true));
    expect(run()).toEqual({ used: false, value: 7 });
    expect(run()).toEqual({ used: true, value: 7 });
    expect(run()).toEqual({ used: true, value: 7 });
  });

  it('reads a cache under the flags a start has, for a bundle loaded after the code set a V8 flag (dist/precompiled.cjs)', () => {
    const second = path.join(dir, 'second.cjs');
    writeFileSync(second, 'exports.value = "second";\n');
    writeFileSync(
      file,
      [
        `require('node:v8').setFlagsFromString('--heap-growing-percent=50');`,
        `(globalThis[Symbol.for('plinth.runtimeV8Flags')] ??= []).push(['--heap-growing-percent=50', '--heap-growing-percent=0']);`,
        `exports.value = globalThis[Symbol.for('plinth.runCached')](${JSON.stringify(second)}).used;`,
        '',
      ].join('\n'),
    );
    expect(run()).toEqual({ used: false, value: false });
    expect(existsSync(`${second}.cache`)).toBe(true);
    // The second bundle is read from its cache although the flag was changed before it loaded.
    expect(run()).toEqual({ used: true, value: true });
  });

  it('runs when the cache cannot be written (a read-only install)', () => {
    writeFileSync(file, 'exports.value = "ok";\n');
    mkdirSync(`${file}.cache`); // a directory where the file would go: read and rename both fail
    expect(run()).toEqual({ used: false, value: 'ok' });
    expect(run()).toEqual({ used: false, value: 'ok' });
    expect(existsSync(path.join(dir, `bundle.cjs.cache.${process.pid}.tmp`))).toBe(false);
  });

  it('lends a working import() to a script compiled from the cache, and keeps its line numbers', () => {
    writeFileSync(path.join(dir, 'esm.mjs'), 'export const answer = "from an ES module";\n');
    writeFileSync(
      file,
      [
        `const load = () => globalThis[Symbol.for('plinth.import')](${JSON.stringify(pathToFileURL(path.join(dir, 'esm.mjs')).href)}).then((m) => m.answer);`,
        'exports.load = load;',
        'exports.fail = () => new Error("here").stack.split("\\n")[1];',
        'exports.value = 1;',
        '',
      ].join('\n'),
    );
    const first = run();
    const second = run();
    expect(second.used).toBe(true);
    for (const r of [first, second]) {
      expect(r.imported).toBe('from an ES module');
      expect(r.line).toContain(`${file}:3:`);
    }
  });
});
