// Runs a CommonJS bundle from V8's code cache. Node 20 compiles every module on every start (its
// compile cache, module.enableCompileCache, is Node >= 22.1), and compiling the server's bundle
// was a fifth of the path to the first request. A script compiled with `cachedData` skips both
// the parse and the lazy compilation of every function that had run when the cache was made.
//
// The cache sits beside the bundle (`<file>.cache`): `npm run build` writes it from a warmed-up
// start, and a process that found none, or one V8 refused (another Node version or V8 flags),
// writes a fresh one when it exits. V8 checks its version and flags but identifies the source
// only by its length, so each cache starts with the SHA-256 of the source it was made from, and a
// cache made from other bytes is never handed to V8.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const DIGEST = 32;

/**
 * Runs `file` (CommonJS) and returns its exports; `used` says whether the cache was accepted.
 * Scripts compiled from a cache have no dynamic-import callback on Node 20 ("A dynamic import
 * callback was not specified"), so the bundle imports ES modules through `plinth.import`.
 */
export function runCached(file) {
  const { script, used, cacheFile, digest } = compile(file);
  if (!used) writeOnExit(script, cacheFile, digest);
  globalThis[Symbol.for('plinth.import')] ??= (specifier) => import(specifier);
  globalThis[Symbol.for('plinth.runCached')] ??= runCached;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, used };
}

/** Whether this process would run `file` from its cache (the build checks the one it made). */
export function cacheAccepted(file) {
  return compile(file).used;
}

function compile(file) {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest();
  // The build writes ASCII (esbuild's charset: 'ascii'), for which latin1 is the same text and
  // ~30 ms cheaper to decode than UTF-8 at this size.
  const source = isAscii(bytes) ? bytes.latin1Slice() : bytes.toString('utf8');
  const cacheFile = cacheFileFor(file);
  let cachedData;
  try {
    const stored = readFileSync(cacheFile);
    if (stored.length > DIGEST && stored.subarray(0, DIGEST).equals(digest)) cachedData = stored.subarray(DIGEST);
  } catch {
    // no cache yet
  }
  // The wrapper Node gives a CommonJS module, on a line of its own so the bundle's lines keep
  // their numbers in stack traces.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`;
  const script = asStarted(() => new vm.Script(wrapped, { filename: file, lineOffset: -1, cachedData }));
  return { script, used: cachedData !== undefined && !script.cachedDataRejected, cacheFile, digest };
}

/**
 * `<file>.cache` for a plain `node` start. V8 accepts a cache only under the flags it was made
 * with, so a process started with options of its own (`--cpu-prof`, `--inspect`, a heap size,
 * NODE_OPTIONS) would refuse the plain one and replace it on exit, and the next plain start would
 * compile the whole bundle again: such a process keeps a cache of its own, named by its options.
 */
export function cacheFileFor(file) {
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
  return options ? `${file}.${createHash('sha256').update(options).digest('hex').slice(0, 12)}.cache` : `${file}.cache`;
}

/**
 * V8 flags the running code set for itself (`[flag, its default]` pairs, e.g. the heap's growing
 * factor, src/heap.ts). V8 stamps a cache with the flags in force when it is made, and refuses it
 * under others when it is read: a cache is read and made with these back at their defaults, as a
 * plain start has them, or every bundle loaded after the change (dist/precompiled.cjs) would be
 * compiled again (~17 ms of a start) and its cache never used.
 */
const RUNTIME_FLAGS = Symbol.for('plinth.runtimeV8Flags');

function asStarted(fn) {
  const flags = globalThis[RUNTIME_FLAGS] ?? [];
  for (const [, unset] of flags) v8.setFlagsFromString(unset);
  try {
    return fn();
  } finally {
    for (const [set] of flags) v8.setFlagsFromString(set);
  }
}

/**
 * On exit (or after a minute, for a server that runs on), so the cache holds every function the
 * process compiled by then. Written to a temporary file and renamed: another process never reads
 * half a cache. A read-only install just goes without.
 */
function writeOnExit(script, cacheFile, digest) {
  let done = false;
  const write = () => {
    if (done) return;
    done = true;
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, Buffer.concat([digest, asStarted(() => script.createCachedData())]));
      renameSync(tmp, cacheFile);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written
      }
    }
  };
  process.once('exit', write);
  setTimeout(write, 60_000).unref();
}
