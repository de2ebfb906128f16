import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { periodic } from './periodic.js';

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
