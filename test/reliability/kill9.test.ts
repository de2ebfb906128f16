import { afterAll, describe, expect, it } from 'vitest';
import { CI } from './lib/config.js';
import type { DbKind } from './lib/db.js';
import { stopAll } from './lib/proc.js';
import { killDuringWrites } from './lib/scenarios.js';

/**
 * Issue 11: kill -9 of the server process (its whole process group) while six clients create
 * and delete projects; after each restart on the same database every acknowledged (201)
 * project is listed, no acknowledged (204) deletion came back, `total` matches the list, and
 * FULL_SAAS projects and their hosted agents exist together or not at all.
 */
describe.each<DbKind>(['sqlite', 'postgres'])('kill -9 during concurrent writes, %s', (kind) => {
  afterAll(stopAll, 30_000);

  it(
    `acknowledged writes survive ${CI.killCycles} kills`,
    async () => {
      const r = await killDuringWrites({ kind, cycles: CI.killCycles, writers: 6, loadMs: CI.killLoadMs, loadJitterMs: 300, seed: 1 });
      expect(r.restartFailures, r.restartFailures.join('\n')).toEqual([]);
      expect(r.cycles).toBe(CI.killCycles);
      expect(r.ackedCreates).toBeGreaterThan(0);
      expect(r.lost, 'acknowledged projects missing after restart').toEqual([]);
      expect(r.resurrected, 'acknowledged deletions undone after restart').toEqual([]);
      expect(r.totalMismatches).toEqual([]);
      expect(r.orphans).toEqual([]);
      expect(r.failures.total, r.failures.summary()).toBe(0);
    },
    180_000,
  );
});
