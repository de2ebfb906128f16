/**
 * Plinth's one clock. Every service, token, lease and schedule reads the time through
 * `ModuleContext.clock` (this object's `now`), never `new Date()`, so a test instance can move
 * it: forward by days in a millisecond (`advance`), or pinned to an instant (`set(…, frozen)`,
 * `PLINTH_CLOCK`). Rate limits and timeouts stay on real time: they are about the caller's
 * pace, not about the data.
 *
 * The clock is per process. On PostgreSQL with several nodes, move the clock of the node the
 * test talks to (the controls are refused on PostgreSQL unless explicitly allowed).
 */

export interface ClockState {
  /** The time Plinth reads now (ISO 8601). */
  now: string;
  /** True when the clock stands still (it moves only by `advance` / `set`). */
  frozen: boolean;
  /** How far the clock is from the time it is based on (ms; 0 when real). */
  offsetMs: number;
}

export interface ClockControl {
  /** The current time; pass this function wherever a `clock: () => Date` is expected. */
  now: () => Date;
  state(): ClockState;
  /** Move the clock forward (or, negative, backward) by `ms`. */
  advance(ms: number): void;
  /** Jump to `at`; `frozen` pins it there, otherwise it runs on from `at`. */
  set(at: Date, frozen: boolean): void;
  /** Back to the base time, running. */
  reset(): void;
}

/**
 * A clock that is `base()` plus an offset, or a frozen instant. `base` is the real clock (or a
 * test's own clock); `start` pins it at start-up (`PLINTH_CLOCK`).
 */
export function createClockControl(base: () => Date = () => new Date(), start?: { at: Date; frozen: boolean }): ClockControl {
  let offset = 0;
  let frozenAt: number | null = null;
  const set = (at: Date, frozen: boolean) => {
    if (frozen) {
      frozenAt = at.getTime();
      offset = 0;
    } else {
      frozenAt = null;
      offset = at.getTime() - base().getTime();
    }
  };
  if (start) set(start.at, start.frozen);
  const now = () => (frozenAt !== null ? new Date(frozenAt) : offset === 0 ? base() : new Date(base().getTime() + offset));
  return {
    now,
    state() {
      const t = now();
      return { now: t.toISOString(), frozen: frozenAt !== null, offsetMs: frozenAt !== null ? frozenAt - base().getTime() : offset };
    },
    advance(ms) {
      if (frozenAt !== null) frozenAt += ms;
      else offset += ms;
    },
    set,
    reset() {
      offset = 0;
      frozenAt = null;
    },
  };
}

// The last whole second `iso` formatted, and its text up to the milliseconds.
let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * `d.toISOString()`, the same text, made cheaper for the instants of one second: V8 formats every
 * date from scratch (~0.8 µs on this VM), and a write formats its timestamp two to four times
 * (the row's, its audit event's, a hosted agent's). Within the second last formatted only the
 * milliseconds change. A date outside the four-digit years (`+010000-…`) and an invalid one
 * (RangeError) are left to `toISOString`.
 */
export function iso(d: Date): string {
  const t = d.getTime();
  const second = Math.floor(t / 1000);
  if (second !== isoSecond) {
    const text = d.toISOString();
    if (text.length !== 24) return text;
    isoSecond = second;
    isoPrefix = text.slice(0, 20);
  }
  const ms = t - second * 1000;
  return `${isoPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}
