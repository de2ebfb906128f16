import type { Logger } from 'pino';
import { purgeAuditEvents } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import { isDatabaseUnavailable } from '../../core/db/db.js';
import type { Metrics } from '../../core/metrics.js';
import { periodic } from '../../core/periodic.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface AuditPurgeDeps {
  db: Db;
  clock: () => Date;
  retentionDays: number;
  logger: Logger;
  metrics?: Metrics;
  /** Delay of the first run (default 10–40 s: within a minute of start, spread across nodes). */
  firstRunDelayMs?: number;
  intervalMs?: number;
  batch?: number;
}

/**
 * The retention purge: deletes events older than `retentionDays` (by Plinth's clock, so moving
 * the clock ages events too), in bounded batches (src/core/audit.ts `purgeAuditEvents`). Runs
 * once within a minute of start, then hourly. No lease: several nodes purging at once delete
 * disjoint or already-deleted rows, and each batch is one short statement.
 */
export function createAuditPurge(deps: AuditPurgeDeps) {
  const log = deps.logger.child({ job: 'audit-retention' });

  /** Purges now; returns how many events were deleted. */
  async function runOnce(): Promise<number> {
    const started = Date.now();
    const cutoff = new Date(deps.clock().getTime() - deps.retentionDays * DAY);
    try {
      const n = await purgeAuditEvents(deps.db, cutoff, deps.batch);
      deps.metrics?.jobRun('audit-retention', 'ok', (Date.now() - started) / 1000);
      if (n) log.info({ deleted: n, before: cutoff.toISOString() }, 'audit events past retention deleted');
      return n;
    } catch (err) {
      deps.metrics?.jobRun('audit-retention', 'error', (Date.now() - started) / 1000);
      throw err;
    }
  }

  const schedule = periodic(runOnce, {
    firstDelayMs: deps.firstRunDelayMs ?? 10_000 + Math.floor(Math.random() * 30_000),
    intervalMs: deps.intervalMs ?? HOUR,
    onError(err) {
      const msg = { err: { message: (err as Error)?.message } };
      if (isDatabaseUnavailable(err)) log.warn(msg, 'audit purge skipped: the database is unavailable (next run in an hour)');
      else log.error(msg, 'audit purge failed');
    },
  });

  return { runOnce, start: schedule.start, stop: schedule.stop };
}
export type AuditPurge = ReturnType<typeof createAuditPurge>;
