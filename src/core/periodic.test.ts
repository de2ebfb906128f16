import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paced, periodic } from './periodic.js';

describe('periodic', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs after the first delay, then every interval, and stops', async () => {
    let runs = 0;
    const job = periodic(async () => void runs++, { firstDelayMs: 100, intervalMs: 1000, onError: () => {} });
    job.start();
    job.start(); // a second start does not double the timers
    await vi.advanceTimersByTimeAsync(99);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(3);
    await job.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
  });

  it('skips a tick while a run is in progress; stop waits for that run; a failure goes to onError', async () => {
    let release!: () => void;
    let runs = 0;
    const errors: unknown[] = [];
    const job = periodic(
      () => {
        runs++;
        if (runs === 1) return Promise.reject(new Error('boom'));
        return new Promise<void>((r) => (release = r));
      },
      { firstDelayMs: 10, intervalMs: 10, onError: (e) => errors.push(e) },
    );
    job.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(runs).toBe(2);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
  });
});

describe('paced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const opts = (onError: (err: unknown) => void = () => {}) => ({ firstDelayMs: 10, intervalMs: 100, idle: { afterRuns: 3, intervalMs: 5000 }, onError });

  it('runs every interval while busy, every idle interval after that many idle runs, and at the usual pace again once busy', async () => {
    const at: number[] = [];
    let busy = true;
    const job = paced(async () => (at.push(Date.now()), busy), opts());
    const t0 = Date.now();
    job.start();
    await vi.advanceTimersByTimeAsync(10 + 3 * 100);
    expect(at.map((t) => t - t0)).toEqual([10, 110, 210, 310]);
    busy = false;
    await vi.advanceTimersByTimeAsync(3 * 100); // three idle runs: 410, 510, 610
    expect(job.idle).toBe(true);
    expect(at.length).toBe(7);
    await vi.advanceTimersByTimeAsync(4999);
    expect(at.length).toBe(7); // the next one waits the idle interval
    await vi.advanceTimersByTimeAsync(1);
    expect(at.length).toBe(8);
    busy = true;
    await vi.advanceTimersByTimeAsync(5000); // the next idle-paced run finds work …
    expect(job.idle).toBe(false);
    await vi.advanceTimersByTimeAsync(100); // … and the one after it comes at the usual pace
    expect(at.slice(-3).map((t) => t - t0)).toEqual([5610, 10_610, 10_710]);
    await job.stop();
  });

  it('tells each run whether finding nothing would put it on the idle pace', async () => {
    const told: boolean[] = [];
    let busy = false;
    const job = paced(async (idleIfNothing) => (told.push(idleIfNothing), busy), opts());
    job.start();
    await vi.advanceTimersByTimeAsync(10 + 2 * 100); // three idle runs: the third would start the idle pace
    expect(told).toEqual([false, false, true]);
    await vi.advanceTimersByTimeAsync(5000); // idle-paced: every run is told so
    expect(told).toEqual([false, false, true, true]);
    busy = true;
    await vi.advanceTimersByTimeAsync(5000 + 100); // found work: counting starts again
    expect(told).toEqual([false, false, true, true, true, false]);
    await job.stop();
  });

  it('wake() brings an idle job back at once, and a wake during a run keeps it at the usual pace', async () => {
    let runs = 0;
    let release: (() => void) | undefined;
    const job = paced(async () => {
      runs++;
      if (runs === 5) await new Promise<void>((r) => (release = r));
      return false;
    }, opts());
    job.start();
    await vi.advanceTimersByTimeAsync(10 + 2 * 100); // runs 1–3: idle now
    expect([runs, job.idle]).toEqual([3, true]);
    job.wake();
    expect(job.idle).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(4);
    await vi.advanceTimersByTimeAsync(100); // run 5 starts and waits
    expect(runs).toBe(5);
    job.wake(); // during run 5: what woke it may not have been visible to that run
    release!();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(3 * 100); // not idle after run 5 despite its result: runs 6–8
    expect(runs).toBe(8);
    expect(job.idle).toBe(true);
    await job.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(8);
  });

  it('wakes faster than the interval do not hold the next run back', async () => {
    let runs = 0;
    const job = paced(async () => (runs++, true), opts());
    job.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    for (let i = 0; i < 50; i++) {
      job.wake();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(runs).toBe(6); // at 110, 210, …, 510: every 100 ms, as without the wakes
    await job.stop();
  });

  it('a failed run goes to onError and is not counted as idle; stop waits for the run in progress', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const job = paced(async () => {
      runs++;
      throw new Error(`boom ${runs}`);
    }, opts((err) => errors.push(err)));
    job.start();
    await vi.advanceTimersByTimeAsync(10 + 5 * 100);
    expect(runs).toBe(6);
    expect(job.idle).toBe(false);
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom 1', 'boom 2', 'boom 3', 'boom 4', 'boom 5', 'boom 6']);
    await job.stop();
  });
});
