import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { Sources, stageOfStack, stageTimes } from './stages.js';

const f = (source: string, functionName = 'fn') => ({ source, functionName });

describe('stageOfStack (leaf first)', () => {
  it('gives a builtin’s time to the code that called it', () => {
    expect(stageOfStack([f('', 'parse'), f('node_modules/secure-json-parse/index.js', '_parse'), f('node_modules/fastify/lib/contentTypeParser.js')])).toBe('body parse (JSON)');
    expect(stageOfStack([f('', 'run'), f('src/core/db/sqlite-group-driver.ts', '#run'), f('node_modules/kysely/dist/esm/driver/runtime-driver.js')])).toBe('SQL run (driver + database)');
  });

  it('passes Node internals through to the caller, and keeps Node’s HTTP and the socket write', () => {
    expect(stageOfStack([f('node:internal/crypto/random', 'randomFillSync'), f('src/core/ids.ts', 'orderedId'), f('src/core/audit.ts', 'event')])).toBe('service rules');
    expect(stageOfStack([f('', 'writev'), f('node:internal/stream_base_commons', 'writevGeneric')])).toBe('socket write (writev)');
    expect(stageOfStack([f('node:_http_server', 'parserOnIncoming')])).toBe('HTTP parsing and writing (Node)');
    expect(stageOfStack([f('', 'runMicrotasks'), f('node:internal/process/task_queues', 'processTicksAndRejections')])).toBe('Node runtime (events, promises, timers)');
  });

  it('tells a precompiled validator from a precompiled serializer by who called it', () => {
    expect(stageOfStack([f('/x/dist/precompiled.cjs', 'validate10'), f('node_modules/fastify/lib/validation.js', 'validateParam')])).toBe('validation (precompiled Ajv)');
    expect(stageOfStack([f('/x/dist/precompiled.cjs', 'anonymous0'), f('src/core/http/schemas.ts', 'fn'), f('node_modules/fastify/lib/reply.js', 'serialize')])).toBe('serialization (fast-json-stringify)');
  });

  it('sorts Plinth’s own files by layer', () => {
    expect(stageOfStack([f('src/resources/connections/routes.ts')])).toBe('route handlers (mapping)');
    expect(stageOfStack([f('src/resources/connections/service.ts')])).toBe('service rules');
    expect(stageOfStack([f('src/resources/connections/store.ts')])).toBe('SQL run (driver + database)');
    expect(stageOfStack([f('src/core/identity/tokens.ts')])).toBe('auth (token, actor)');
    expect(stageOfStack([f('src/core/policy.ts')])).toBe('policy (permission)');
    expect(stageOfStack([f('src/core/audit.ts')])).toBe('audit event');
    expect(stageOfStack([f('', 'seal'), f('src/core/crypto/vault.ts', 'encrypt')])).toBe('vault (encryption of secrets)');
    expect(stageOfStack([f('node_modules/find-my-way/index.js')])).toBe('routing, hooks, reply (Fastify)');
    expect(stageOfStack([f('node_modules/@fastify/ajv-compiler/index.js')])).toBe('validation (precompiled Ajv)');
    expect(stageOfStack([f('', '(garbage collector)')])).toBe('garbage collector');
  });
});

describe('a profile of a bundle', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plinth-stages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps bundle frames to their sources and counts only the window', async () => {
    mkdirSync(path.join(dir, 'src/core'), { recursive: true });
    writeFileSync(path.join(dir, 'src/core/audit.ts'), 'export function event(x: number) {\n  return x * 2;\n}\n');
    writeFileSync(path.join(dir, 'src/main.ts'), "import { event } from './core/audit.js';\nexport function main() {\n  return event(1);\n}\n");
    const out = path.join(dir, 'dist/cli.cjs');
    await build({ entryPoints: [path.join(dir, 'src/main.ts')], bundle: true, format: 'cjs', platform: 'node', outfile: out, sourcemap: true, logLevel: 'silent' });
    const bundle = (await import('node:fs')).readFileSync(out, 'utf8').split('\n');
    const at = (needle: string) => {
      const line = bundle.findIndex((l) => l.includes(needle));
      return { lineNumber: line, columnNumber: bundle[line]!.indexOf(needle) };
    };
    const url = `file://${out}`;
    const sources = new Sources(dir);
    expect(sources.of({ functionName: 'event', url, ...at('function event') })).toBe('src/core/audit.ts');
    expect(sources.of({ functionName: 'main', url, ...at('function main') })).toBe('src/main.ts');

    // root → main → event (2 samples in the window, 1 after it), root → (idle), root → (garbage collector)
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, children: [2, 4, 5] },
        { id: 2, callFrame: { functionName: 'main', url, ...at('function main') }, children: [3] },
        { id: 3, callFrame: { functionName: 'event', url, ...at('function event') } },
        { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1, columnNumber: -1 } },
        { id: 5, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1, columnNumber: -1 } },
      ],
      startTime: 1_000_000,
      // samples at 1,001,000 (event), 1,002,000 (idle), 1,003,000 (gc), 1,004,000 (event), 1,010,000 (event)
      samples: [3, 4, 5, 3, 3],
      timeDeltas: [1000, 1000, 1000, 1000, 6000],
    };
    const file = path.join(dir, 'p.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const all = stageTimes(file, dir);
    // Each sample lasts until the next; the last has no next and counts nothing.
    expect(all.ms['audit event']).toBeCloseTo(1 + 6, 5);
    expect(all.ms['garbage collector']).toBeCloseTo(1, 5);
    expect(all.busyMs).toBeCloseTo(8, 5);
    const inWindow = stageTimes(file, dir, 1_000_500, 1_004_500);
    expect(inWindow.ms['audit event']).toBeCloseTo(1 + 6, 5);
    expect(inWindow.ms['garbage collector']).toBeCloseTo(1, 5);
    const early = stageTimes(file, dir, 0, 1_001_500);
    expect(early.ms['audit event']).toBeCloseTo(1, 5);
    expect(early.busyMs).toBeCloseTo(1, 5);
  });
});
