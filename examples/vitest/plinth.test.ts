/**
 * Testing your own automation against Plinth with vitest: one in-process Plinth for the file,
 * the state put back before each test, and the two worked examples of the README:
 *
 * 1. test your retry logic against 429s;
 * 2. test that your job notices a GitLab token failing to rotate.
 *
 * Run it in your project with `npm i -D plinth vitest` and `npx vitest`. (In Plinth's own
 * repository it runs with the test suite; vitest.config.ts points `plinth` at the sources.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type PlinthServer } from 'plinth';
import { startGitLabDouble, type GitLabDouble } from './gitlab-double.js';

// ---------------------------------------------------------------------------------------------
// The code under test: yours. A client that gets a token and retries 429s as the SaaS's docs
// advise (wait for Retry-After, back off, at least 5 retries), and a nightly job that reports
// repositories whose GitLab token stopped rotating.
// ---------------------------------------------------------------------------------------------

interface Api {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Injected so tests need not really wait. */
  sleep?: (ms: number) => Promise<void>;
}

async function token(api: Api): Promise<string> {
  const res = await fetch(api.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: api.clientId, client_secret: api.clientSecret }),
  });
  if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function getWithRetry(api: Api, path: string, bearer: string, maxRetries = 5): Promise<any> {
  const sleep = api.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    if (res.status !== 429 || attempt === maxRetries) {
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
      return res.json();
    }
    const retryAfter = Number(res.headers.get('retry-after') ?? '1');
    await sleep(Math.max(retryAfter * 1000, 250 * 2 ** attempt));
  }
}

/** The nightly job: every project's repository whose token rotation has stopped. */
async function brokenRepositoryTokens(api: Api): Promise<{ project: string; error: string }[]> {
  const bearer = await token(api);
  const out = [];
  const projects = await getWithRetry(api, '/v1/projects?size=100', bearer);
  for (const p of projects.results) {
    const repos = await getWithRetry(api, `/v1/projects/${p.id}/repositories`, bearer);
    for (const r of repos.results) if (r.tokenStatus?.lastError) out.push({ project: p.name, error: r.tokenStatus.lastError });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------------

describe('my automation against an in-process Plinth', () => {
  let plinth: PlinthServer;
  let gitlab: GitLabDouble;
  let api: Api;

  beforeAll(async () => {
    gitlab = await startGitLabDouble();
    plinth = await createServer({
      env: { PLINTH_GITLAB_URL: gitlab.url },
      seed: { projects: [{ name: 'sales', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }] },
    });
    // Every test starts from this state: restoring takes milliseconds.
    await plinth.controls.snapshot('seeded');
    api = { baseUrl: plinth.baseUrl, tokenUrl: plinth.tokenUrl, clientId: plinth.clientId, clientSecret: plinth.clientSecret };
  });
  afterAll(async () => {
    await plinth?.close();
    await gitlab?.close();
  });
  beforeEach(async () => {
    await plinth.controls.restore('seeded');
    await plinth.controls.faults.clear();
    await plinth.controls.clock.reset();
  });

  it('sees the seeded project', async () => {
    const projects = await getWithRetry(api, '/v1/projects', await token(api));
    expect(projects.results.map((p: { name: string }) => p.name)).toEqual(['sales']);
  });

  // Worked example 1: test your retry logic against 429s.
  it('retries 429s, waiting as long as Retry-After says', async () => {
    // The next two project lists answer 429 with Retry-After: 3.
    await plinth.controls.faults.add({ match: { operationId: 'listProjects' }, status: 429, headers: { 'retry-after': '3' }, times: 2 });
    const waits: number[] = [];
    const projects = await getWithRetry({ ...api, sleep: async (ms) => void waits.push(ms) }, '/v1/projects', await token(api));
    expect(projects.total).toBe(1);
    expect(waits).toEqual([3000, 3000]);
  });

  it('gets through the SaaS’s documented burst limit (5 requests per second) without failing', async () => {
    await plinth.controls.faults.rateLimit({ mode: 'saas-legacy' });
    const bearer = await token(api);
    const waits: number[] = [];
    const fast = { ...api, sleep: (ms: number) => (waits.push(ms), new Promise<void>((r) => setTimeout(r, ms))) };
    const results = await Promise.all(Array.from({ length: 8 }, () => getWithRetry(fast, '/v1/projects', bearer)));
    expect(results.every((r) => r.total === 1)).toBe(true);
    expect(waits.length).toBeGreaterThanOrEqual(3); // three of the eight were refused once and retried
  });

  it('gives up after 5 retries when the API keeps refusing', async () => {
    await plinth.controls.faults.add({ match: { operationId: 'listProjects' }, status: 429, headers: { 'retry-after': '1' } });
    const waits: number[] = [];
    await expect(getWithRetry({ ...api, sleep: async (ms) => void waits.push(ms) }, '/v1/projects', await token(api))).rejects.toThrow(/answered 429/);
    expect(waits).toHaveLength(5);
  });

  // Worked example 2: test that your job notices a GitLab token failing to rotate.
  it('notices a GitLab token that fails to rotate, days later, in milliseconds', async () => {
    const sales = (await getWithRetry(api, '/v1/projects', await token(api))).results[0];
    const res = await fetch(`${plinth.url}/v1/projects/${sales.id}/repositories`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(api)}`, 'content-type': 'application/json', 'git-provider-access-token': gitlab.issue(4242, 7) },
      body: JSON.stringify({ provider: 'gitlab', repositoryName: 'sales-pipelines', providerParameters: { repositoryId: 4242 } }),
    });
    expect(res.status).toBe(201); // Plinth rotated the token on receipt
    expect(await brokenRepositoryTokens(api)).toEqual([]);

    // Someone revokes the token in GitLab; five days later Plinth's rotation job tries (a 7-day
    // token is due three days before it expires) and GitLab refuses.
    gitlab.refuseRotations();
    const { jobs } = await plinth.controls.clock.advance({ days: 5 });
    expect(jobs.gitlabTokenRotation).toEqual({ rotated: 0, failed: 1, skipped: 0 });

    // The clock moved past the old token's 30 minutes: the job gets a new one, as it would.
    expect(await brokenRepositoryTokens(api)).toEqual([{ project: 'sales', error: expect.stringMatching(/GitLab rejected the stored token.*automatic rotation stopped/) }]);
  });
});
