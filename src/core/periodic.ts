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

export interface PacedOptions extends PeriodicOptions {
  /** After `afterRuns` runs in a row that found nothing to do, run every `intervalMs` instead. */
  idle: { afterRuns: number; intervalMs: number };
}

/**
 * `periodic` for a job that can tell when it had nothing to do: `run` resolves `true` when it
 * found work, and is told whether resolving `false` would start (or continue) the idle pace, so
 * a costlier check of "nothing to do" is needed only then. After `idle.afterRuns` idle runs in a
 * row the job runs every `idle.intervalMs` instead of every `intervalMs`, until a run finds work
 * again or `wake()` is called (work this node has just created, which must not wait out an idle
 * interval). The next run is timed from the end of the last; never two at once; timers do not
 * keep the process alive.
 */
export function paced(run: (idleIfNothing: boolean) => Promise<boolean>, opts: PacedOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let started = false;
  let idleRuns = 0;
  let woken = false;
  let nextAt = 0;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    nextAt = Date.now() + ms;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  /** A run, from its timer (one is set only while none is in progress). */
  function tick() {
    if (running) return;
    woken = false;
    running = run(idleRuns + 1 >= opts.idle.afterRuns)
      .then(
        (busy) => void (idleRuns = busy ? 0 : idleRuns + 1),
        (err) => {
          idleRuns = 0;
          opts.onError(err);
        },
      )
      .finally(() => {
        running = null;
        // Woken during the run: what woke it may have committed after the run looked.
        if (woken) idleRuns = 0;
        if (started) schedule(idleRuns >= opts.idle.afterRuns ? opts.idle.intervalMs : opts.intervalMs);
      });
  }

  return {
    /** True while the job runs at its idle interval. */
    get idle() {
      return idleRuns >= opts.idle.afterRuns;
    },
    start() {
      if (started) return;
      started = true;
      schedule(opts.firstDelayMs);
    },
    wake() {
      idleRuns = 0;
      if (!started) return;
      if (running) woken = true;
      // Only brought forward: wakes that come faster than the interval must not keep pushing
      // the next run back.
      else if (nextAt - Date.now() > opts.intervalMs) schedule(opts.intervalMs);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
