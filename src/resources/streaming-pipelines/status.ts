/**
 * The simulated run state of a streaming pipeline, driven by Plinth's clock (tests move it with
 * the clock controls). A pipeline stores the phase a command put it in and when; what it reports
 * follows from the time since:
 *
 *   START:  NOT_RUNNING → STARTING (5 s) → SNAPSHOTTING (10 s) → STREAMING
 *   STOP:   STARTING | SNAPSHOTTING | STREAMING → STOPPING (5 s) → NOT_RUNNING
 *
 * START while starting, snapshotting or streaming and STOP while stopping or not running change
 * nothing (a repeated command is harmless); START while STOPPING is a conflict (wait until it is
 * NOT_RUNNING). `UNKNOWN` is in the documented enum but never reported.
 */

export const STATUSES = ['STARTING', 'SNAPSHOTTING', 'STREAMING', 'STOPPING', 'NOT_RUNNING', 'UNKNOWN'] as const;
export type StreamingStatus = (typeof STATUSES)[number];
/** What is stored: the phase a command started. */
export type Phase = 'NOT_RUNNING' | 'STARTING' | 'STOPPING';

export const STARTING_MS = 5_000;
export const SNAPSHOTTING_MS = 10_000;
export const STOPPING_MS = 5_000;

export function currentStatus(phase: string, since: string, now: Date): StreamingStatus {
  const elapsed = now.getTime() - Date.parse(since);
  if (phase === 'STARTING') return elapsed < STARTING_MS ? 'STARTING' : elapsed < STARTING_MS + SNAPSHOTTING_MS ? 'SNAPSHOTTING' : 'STREAMING';
  if (phase === 'STOPPING') return elapsed < STOPPING_MS ? 'STOPPING' : 'NOT_RUNNING';
  return phase === 'NOT_RUNNING' ? 'NOT_RUNNING' : 'UNKNOWN';
}

export type CommandOutcome = { change: Phase } | { change: null } | { conflict: string };

/** What `command` does to a pipeline whose status is `status`. */
export function applyCommand(command: 'START' | 'STOP', status: StreamingStatus): CommandOutcome {
  const running = status === 'STARTING' || status === 'SNAPSHOTTING' || status === 'STREAMING';
  if (command === 'START') {
    if (running) return { change: null };
    if (status === 'STOPPING') return { conflict: 'The streaming pipeline is STOPPING; START it once its status is NOT_RUNNING' };
    return { change: 'STARTING' };
  }
  return running ? { change: 'STOPPING' } : { change: null };
}
