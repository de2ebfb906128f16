import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapGrowingFlag } from './heap.js';

describe('heapGrowingFlag', () => {
  it('sets the growing factor when the operator chose nothing about the heap', () => {
    expect(heapGrowingFlag([], undefined)).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowingFlag(['--enable-source-maps'], '--trace-warnings --max-semi-space-size=8')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves the heap to the operator's own flags, on the command line or in NODE_OPTIONS, in either spelling", () => {
    for (const [argv, opts] of [
      [['--max-old-space-size=512'], undefined],
      [['--max_old_space_size=512'], ''],
      [[], '--heap-growing-percent=100'],
      [[], '--trace-gc  --optimize-for-size'],
      [['--max-heap-size=300'], undefined],
    ] as const) {
      expect(heapGrowingFlag(argv, opts), `${argv.join(' ')} | ${opts}`).toBeUndefined();
    }
    // Only the flag itself counts, not a longer one that starts the same way.
    expect(heapGrowingFlag(['--max-old-space-size-percentage=50'], undefined)).toBeDefined();
  });

  it("names a flag this Node's V8 knows (an unknown one is ignored with an error on stderr)", () => {
    const flag = heapGrowingFlag([], undefined)!;
    const r = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const bogus = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--heap-growing-percentage=50')`], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(bogus.stderr).toMatch(/unrecognized flag/);
  });
});
