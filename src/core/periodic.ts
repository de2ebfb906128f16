/**
 * A background job's schedule: one run `firstDelayMs` after start (spreading nodes that start
 * together), then one every `intervalMs`; never two runs at once (a tick while a run is in
 * progress is skipped); timers do not keep the process alive; `stop()` waits for the run in
 * progress. A failed run goes to `onError` and the schedule goes on.
 */
export interface PeriodicOptions {
  firstDelayMs: number;
  intervalMs: number;
  onError(err: unknown): void;
}

export function periodic(run: () => Promise<unknown>, opts: PeriodicOptions) {
  let first: NodeJS.Timeout | undefined;
  let every: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  /** Starts a run now unless one is in progress (also for jobs that schedule their own retries). */
  const tick = () => {
    if (running) return;
    running = run()
      .then(
        () => undefined,
        (err) => opts.onError(err),
      )
      .finally(() => {
        running = null;
      });
  };

  return {
    tick,
    start() {
      if (first || every) return;
      first = setTimeout(tick, opts.firstDelayMs);
      every = setInterval(tick, opts.intervalMs);
      first.unref();
      every.unref();
    },
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      first = every = undefined;
      await running;
    },
  };
}
