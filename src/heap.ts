import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection, for a
 * serving node. V8 picks the factor from the heap's ceiling: with Node's default ceiling on a
 * machine with a few GB or more (~4 GB), it allows up to 4× the live heap, and under a burst of
 * requests that outlive two scavenges (100 concurrent token requests waiting on RSA signing)
 * the old space fills with their dead objects up to that limit. The pages stay committed, so
 * the resident size stays there too: ~200–240 MB for a live heap of ~25–30 MB (docs/benchmarks.md,
 * issue 18). 1.5× keeps the peak ~40 MB lower at the same throughput; full collections of a heap
 * this size take a few milliseconds, and they run incrementally.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Where bin/code-cache.js finds the V8 flags set at run time, as `[flag, its default]`. */
const RUNTIME_FLAGS = Symbol.for('plinth.runtimeV8Flags');

/** A flag an operator gave that already decides how the heap grows or how large it may get. */
const OPERATOR_CHOICE = /^--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|max[-_]heap[-_]size|optimize[-_]for[-_]size)(=|$)/;

/**
 * The V8 flag `plinth serve` sets, or undefined when the operator's own flags (on the command
 * line or in NODE_OPTIONS) already govern the heap's size: theirs win.
 */
export function heapGrowingFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return given.some((a) => OPERATOR_CHOICE.test(a)) ? undefined : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/**
 * Sets the flag for this process. V8 reads it at every full collection, so setting it once the
 * process runs takes effect from the next one (`--max-old-space-size`, which would also lower
 * the factor, is only read when the heap is created, and would also cap the heap).
 */
export function tuneHeapGrowth(): void {
  const flag = heapGrowingFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (!flag) return;
  v8.setFlagsFromString(flag);
  // V8 stamps a code cache with the flags in force and refuses it under others: bin/code-cache.js
  // reads and makes its caches with this one back at its default (0), as a plain start has it.
  const runtimeFlags = ((globalThis as Record<symbol, unknown>)[RUNTIME_FLAGS] ??= []) as [string, string][];
  runtimeFlags.push([flag, '--heap-growing-percent=0']);
}
