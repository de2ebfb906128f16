import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CI } from './lib/config.js';
import { stopAll } from './lib/proc.js';
import { pgRestartsUnderLoad, type RestartResult } from './lib/scenarios.js';

/**
 * Issue 11: PostgreSQL stopped (alternately `immediate` and `fast`) and started again while
 * clients create, list and read projects and ask for tokens. The database is a private
 * cluster this test creates (initdb in a temp directory, its own port), never the machine's.
 * The node must stay up, answer 503 + Retry-After (problem+json) while the database is down,
 * answer a 2xx within 5 s of it coming back, and lose nothing it acknowledged.
 */
describe('PostgreSQL stopped and started under load (private cluster)', () => {
  let r: RestartResult;
  beforeAll(async () => {
    r = await pgRestartsUnderLoad({ restarts: CI.pgRestarts, workers: 3, loadMs: 600, outageMs: 1200, seed: 5 });
  }, 300_000);
  afterAll(stopAll, 30_000);

  it(`survives ${CI.pgRestarts} restarts`, () => {
    expect(r.restarts).toBe(CI.pgRestarts);
    expect(r.exits, r.exitDetails.join('\n\n')).toBe(0);
  });

  it('answers 503 with Retry-After (problem+json) while the database is down, never 500', () => {
    expect(r.failures.total, `${r.failures.summary()}\nserver log errors: ${JSON.stringify(r.serverErrors, null, 2)}`).toBe(0);
    for (const [i, c] of r.cycles.entries()) {
      expect(c.processExited, `restart ${i + 1}`).toBeNull();
      expect(Object.keys(c.duringOutage), `restart ${i + 1}: statuses while down ${JSON.stringify(c.duringOutage)}`).toEqual(['503']);
      expect(c.readyzDuringOutage, `restart ${i + 1}: /readyz while down`).toBe('503');
    }
  });

  it('answers a 2xx within 5 s of the database accepting connections again', () => {
    for (const [i, c] of r.cycles.entries()) expect(c.firstOkMs, `restart ${i + 1} (${c.mode})`).toBeLessThanOrEqual(5000);
  });

  it('loses nothing it acknowledged', () => {
    expect(r.ackedCreates).toBeGreaterThan(0);
    expect(r.lost).toEqual([]);
  });
});
