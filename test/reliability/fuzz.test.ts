import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryOf } from './lib/check.js';
import { CI, CI_SEED } from './lib/config.js';
import type { DbKind } from './lib/db.js';
import { stopAll } from './lib/proc.js';
import { fuzz, type FuzzResult } from './lib/scenarios.js';

/**
 * Issue 11, fuzzing (CI slice): requests generated from the served GET /openapi.json with a
 * fixed seed — first every operation × every mutation (NUL characters in bodies, form fields,
 * queries and path segments; 5,000-deep nesting; huge strings and headers; bad
 * percent-encoding; over-long path segments; bodies over 1 MiB; wrong types, media types,
 * methods, tokens…), then random ones — against a real server process on each database.
 * The long run is `npm run reliability`.
 */
describe.each<DbKind>(['sqlite', 'postgres'])('fuzzing from the OpenAPI document, %s (fixed seed)', (kind) => {
  let r: FuzzResult;
  beforeAll(async () => {
    r = await fuzz({ kind, seed: CI_SEED, requests: CI.fuzzRequests, concurrency: CI.fuzzConcurrency });
  }, 240_000);
  afterAll(stopAll, 30_000);

  it('sends the whole slice', () => {
    expect(r.requests).toBeGreaterThanOrEqual(CI.fuzzRequests);
    expect(r.sweep).toBeGreaterThan(1000);
  });

  it('the server process never exits', () => {
    expect(r.exits, JSON.stringify(r.exits, null, 2)).toEqual([]);
  });

  it('answers every request (no reset connection or broken pipe: 413 for bodies over 1 MiB)', () => {
    const s = summaryOf(r.failures, 'no response');
    expect(s.count, s.text).toBe(0);
  });

  it('answers no 5xx', () => {
    const s = summaryOf(r.failures, '5xx');
    expect(s.count, `${s.text}\nserver log errors: ${JSON.stringify(r.serverErrors, null, 2)}`).toBe(0);
  });

  it('answers every 4xx with application/problem+json (RFC 6749 JSON at the token endpoint)', () => {
    const s = summaryOf(r.failures, 'not problem+json');
    expect(s.count, s.text).toBe(0);
  });

  it('is still ready afterwards', () => {
    const s = summaryOf(r.failures, 'other');
    expect(s.count, s.text).toBe(0);
  });
});
