import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDatabaseUrl } from '../../config.js';
import { createAudit } from '../../core/audit.js';
import { migrateToLatest, openStore } from '../../core/db/db.js';
import { createAuditPurge } from './purge.js';

describe('audit retention purge schedule', () => {
  afterEach(() => vi.useRealTimers());

  it('runs within a minute of start, then hourly, and deletes by the clock given', async () => {
    const store = await openStore(parseDatabaseUrl('sqlite::memory:'));
    await migrateToLatest(store);
    let now = new Date('2030-06-01T00:00:00.000Z');
    const old = createAudit({ clock: () => new Date(now.getTime() - 91 * 86_400_000) });
    const record = () => old.record(store.db, { accountId: 'a', actorId: 'system:test' }, { eventName: 'test_event', eventType: 'TEST', description: 'old', subjectType: 'TEST' });
    await record();
    const runs: string[] = [];
    const purge = createAuditPurge({ db: store.db, clock: () => now, retentionDays: 90, logger: pino({ level: 'silent' }), metrics: { jobRun: (job: string, outcome: string) => void runs.push(`${job}:${outcome}`) } as any });
    const count = async () => (await store.db.selectFrom('audit_events').select('event_id').execute()).length;
    // The purge's DELETE is acknowledged at its group's COMMIT, at the end of a real turn of the
    // event loop (src/core/db/sqlite-group-driver.ts): let one pass after the fake clock moves.
    const realImmediate = setImmediate;
    const advance = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      await new Promise((r) => realImmediate(r));
    };
    vi.useFakeTimers();
    try {
      purge.start();
      await advance(9_000);
      expect(runs).toEqual([]); // not at once: nodes started together spread their first runs
      await advance(51_000);
      expect(runs).toEqual(['audit-retention:ok']);
      expect(await count()).toBe(0);
      await record();
      now = new Date(now.getTime() + 3_600_000);
      await advance(3_600_000);
      expect(runs).toHaveLength(2);
      expect(await count()).toBe(0);
      await purge.stop();
      await advance(3 * 3_600_000);
      expect(runs).toHaveLength(2);
    } finally {
      vi.useRealTimers();
      await store.close();
    }
  });
});
