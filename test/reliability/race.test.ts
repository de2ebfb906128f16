import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CI } from './lib/config.js';
import { stopAll } from './lib/proc.js';
import { twoNodeRace, type RaceResult } from './lib/scenarios.js';

/**
 * Issue 11: two server processes on one PostgreSQL database, started together on an empty one
 * (migrations and the bootstrap credential race), then racing on the same names: for each name
 * two requests on each node. Exactly one 201 per name, 409 (problem+json) for the others, no 5xx;
 * both nodes list the same projects. Then a project deleted on one node while both create
 * things inside it: no 5xx.
 */
describe('two nodes racing on the same names (PostgreSQL)', () => {
  let r: RaceResult;
  beforeAll(async () => {
    r = await twoNodeRace({ names: CI.raceNames, perNode: 2, deleteRounds: CI.deleteRounds });
  }, 240_000);
  afterAll(stopAll, 30_000);

  it('both nodes start together on an empty database', () => {
    expect(r.startErrors, r.startErrors.join('\n\n')).toEqual([]);
    expect(r.nodesStarted).toBe(2);
  });

  it('exactly one 201 per name, 409 for the others', () => {
    expect(Object.keys(r.kinds).length).toBeGreaterThan(5);
    expect(r.violations, r.violations.join('\n')).toEqual([]);
    for (const [kind, k] of Object.entries(r.kinds)) if (kind !== 'project delete') expect(k.clean, kind).toBe(k.names);
  });

  it('deleting a project on one node while both create inside it: no 5xx (each request 201 before or 404 after)', () => {
    expect(r.deleteRace.rounds).toBeGreaterThan(0);
    expect(r.deleteRace.failures.total, `${r.deleteRace.failures.summary()}\nstatuses: ${JSON.stringify(r.deleteRace.statuses, null, 2)}\nserver log errors: ${JSON.stringify(r.serverErrors, null, 2)}`).toBe(0);
  });

  it('no 5xx, every error problem+json', () => {
    expect(r.failures.total, `${r.failures.summary()}\nserver log errors: ${JSON.stringify(r.serverErrors, null, 2)}`).toBe(0);
  });
});
