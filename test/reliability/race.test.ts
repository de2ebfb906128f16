import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CI } from './lib/config.js';
import { stopAll } from './lib/proc.js';
import { twoNodeRace, type RaceResult } from './lib/scenarios.js';

/**
 * Issue 11: two server processes on one PostgreSQL schema, started together on an empty schema
 * (migrations and the bootstrap credential race), then racing on the same names: for each name
 * two requests on each node. Exactly one 201 per name, 409 (problem+json) for the others, no 5xx;
 * both nodes list the same projects.
 */
describe('two nodes racing on the same names (PostgreSQL)', () => {
  let r: RaceResult;
  beforeAll(async () => {
    r = await twoNodeRace({ names: CI.raceNames, perNode: 2 });
  }, 240_000);
  afterAll(stopAll, 30_000);

  it('both nodes start together on an empty schema', () => {
    expect(r.startErrors, r.startErrors.join('\n\n')).toEqual([]);
    expect(r.nodesStarted).toBe(2);
  });

  it('exactly one 201 per name, 409 for the others', () => {
    expect(Object.keys(r.kinds).length).toBeGreaterThan(5);
    expect(r.violations, r.violations.join('\n')).toEqual([]);
    for (const [kind, k] of Object.entries(r.kinds)) if (kind !== 'project delete') expect(k.clean, kind).toBe(k.names);
  });

  it('no 5xx, every error problem+json', () => {
    expect(r.failures.total, `${r.failures.summary()}\nserver log errors: ${JSON.stringify(r.serverErrors, null, 2)}`).toBe(0);
  });
});
