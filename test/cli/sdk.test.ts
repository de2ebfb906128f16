/**
 * plinth/sdk against a scripted HTTP server: token reuse, early renewal and the single retry on
 * 401; retries (Retry-After, which methods, the create and delete rules); both list shapes;
 * ProblemDetail errors; SaaS defaults (token URL, audience, account-id).
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientCredentialsTokens, createClient, defaultTokenUrl, parseRetryAfter, PlinthApiError, PlinthNetworkError, SAAS_AUDIENCE, SAAS_TOKEN_URL } from '../../src/sdk/index.js';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
let handler: Handler;
let server: http.Server;
let base: string;
let log: { method: string; url: string; auth?: string; body: string; headers: http.IncomingHttpHeaders }[];
let tokensIssued: number;

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/oauth/dpc/token') {
        const form = new URLSearchParams(body);
        log.push({ method: req.method!, url: req.url!, body, headers: req.headers });
        if (form.get('client_secret') !== 's3cret') return json(res, 401, { error: 'invalid_client', error_description: 'bad credentials' });
        tokensIssued++;
        return json(res, 200, { access_token: `tok-${tokensIssued}`, expires_in: 1800, token_type: 'Bearer' });
      }
      log.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body, headers: req.headers });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  log = [];
  tokensIssued = 0;
});

const fast = { retries: 5, baseDelayMs: 5, maxDelayMs: 20 };
const client = (extra = {}) => createClient({ baseUrl: base, clientId: 'id', clientSecret: 's3cret', retry: fast, ...extra });
const apiCalls = () => log.filter((l) => l.url !== '/oauth/dpc/token');

describe('plinth/sdk: tokens', () => {
  it('fetches one token, reuses it, and renews it before it expires', async () => {
    let now = 0;
    const tokens = clientCredentialsTokens({ baseUrl: base, clientId: 'id', clientSecret: 's3cret', renewBeforeSeconds: 60 }, { now: () => now });
    expect(await tokens.get()).toBe('tok-1');
    now = 1700_000;
    expect(await tokens.get()).toBe('tok-1');
    now = 1741_000; // within 60 s of expiry
    expect(await tokens.get()).toBe('tok-2');
    const form = new URLSearchParams(log[0].body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', client_id: 'id', client_secret: 's3cret', audience: SAAS_AUDIENCE });
    expect(log[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('shares one token request between concurrent calls', async () => {
    handler = (_req, _b, res) => json(res, 200, { page: 0, size: 25, total: 0, results: [] });
    const api = client();
    await Promise.all([api.GET('/v1/projects'), api.GET('/v1/projects'), api.GET('/v1/projects')]);
    expect(tokensIssued).toBe(1);
  });

  it('on a 401 renews the token and retries once; a second 401 is an error', async () => {
    let n = 0;
    handler = (req, _b, res) => (++n === 1 || req.headers.authorization === 'Bearer tok-9' ? json(res, 401, { status: 401, title: 'Unauthorized' }) : json(res, 200, { page: 0, size: 25, total: 0, results: [] }));
    const api = client();
    await api.GET('/v1/projects');
    expect(apiCalls().map((c) => c.auth)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    handler = (_req, _b, res) => json(res, 401, { status: 401, title: 'Unauthorized' });
    const err = await api.GET('/v1/projects').catch((e) => e);
    expect(err).toBeInstanceOf(PlinthApiError);
    expect(err.status).toBe(401);
    expect(apiCalls()).toHaveLength(4); // one renewal, no loop
  });

  it('a refused client secret is an auth error naming the endpoint', async () => {
    const api = createClient({ baseUrl: base, clientId: 'id', clientSecret: 'wrong', retry: fast });
    await expect(api.GET('/v1/projects')).rejects.toThrow(/token request to .*\/oauth\/dpc\/token answered 401: bad credentials/);
  });

  it('defaults for the SaaS: identity host, audience, account-id header, /dpc base', async () => {
    expect(defaultTokenUrl('https://eu1.api.matillion.com/dpc')).toBe(SAAS_TOKEN_URL);
    expect(defaultTokenUrl('https://us1.api.matillion.com/dpc')).toBe(SAAS_TOKEN_URL);
    expect(defaultTokenUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/oauth/dpc/token');
    const seen: Request[] = [];
    const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      seen.push(req);
      if (req.url === SAAS_TOKEN_URL) return new Response(JSON.stringify({ access_token: 'saas', expires_in: 1800 }), { status: 200 });
      return new Response(JSON.stringify({ page: 0, size: 25, total: 0, results: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const api = createClient({ baseUrl: 'https://eu1.api.matillion.com/dpc', clientId: 'id', clientSecret: 's', accountId: 'acc-1', fetch: fakeFetch });
    await api.GET('/v1/projects', { params: { query: { page: 0, size: 25 } } });
    expect(seen.map((r) => r.url)).toEqual([SAAS_TOKEN_URL, 'https://eu1.api.matillion.com/dpc/v1/projects?page=0&size=25']);
    expect(seen[1].headers.get('authorization')).toBe('Bearer saas');
    expect(seen[1].headers.get('account-id')).toBe('acc-1');
    expect(seen[1].headers.get('content-type')).toBeNull(); // no body, no Content-Type
  });
});

describe('plinth/sdk: retries', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString(), Date.now())).toBeGreaterThan(8000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('rides out 429s honouring Retry-After, and 503s on reads', async () => {
    let n = 0;
    handler = (_req, _b, res) => (++n <= 2 ? json(res, 429, { status: 429 }, { 'retry-after': '1' }) : n === 3 ? json(res, 503, { status: 503 }) : json(res, 200, { page: 0, size: 25, total: 0, results: [] }));
    const waits: number[] = [];
    const api = client({ retry: { ...fast, onRetry: (i: { delayMs: number }) => waits.push(i.delayMs) } });
    const started = Date.now();
    await api.GET('/v1/projects');
    expect(apiCalls()).toHaveLength(4);
    expect(waits.slice(0, 2)).toEqual([1000, 1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('gives up after the configured retries with the last ProblemDetail', async () => {
    handler = (_req, _b, res) => json(res, 503, { type: 'https://api.matillion.com/problems/unavailable', title: 'Service Unavailable', status: 503, detail: 'down' }, { 'x-request-id': 'r-1' });
    const err = await client({ retry: { ...fast, retries: 2 } })
      .GET('/v1/projects')
      .catch((e) => e);
    expect(err).toBeInstanceOf(PlinthApiError);
    expect(err).toMatchObject({ status: 503, attempts: 3, requestId: 'r-1', problem: { title: 'Service Unavailable', detail: 'down' } });
  });

  it('a create is retried on 429 but never on a 500 (it may have been done)', async () => {
    handler = (_req, _b, res) => json(res, 500, { status: 500, title: 'Internal Server Error' });
    await expect(client().POST('/v1/projects', { body: { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } })).rejects.toMatchObject({ status: 500, attempts: 1 });
    let n = 0;
    handler = (_req, _b, res) => (++n === 1 ? json(res, 429, { status: 429 }, { 'retry-after': '0' }) : json(res, 201, { projectId: '00000000-0000-4000-8000-000000000001' }));
    expect(await client().POST('/v1/projects', { body: { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } })).toEqual({ projectId: '00000000-0000-4000-8000-000000000001' });
  });

  it('a plain POST whose response is lost is not retried (the server may have acted)', async () => {
    handler = (req) => req.socket.destroy();
    const err = await client()
      .POST('/v1/projects', { body: { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(PlinthNetworkError);
    expect(apiCalls()).toHaveLength(1);
  });

  it('the create rule: a retried create that answers 409 is found by name and adopted', async () => {
    let n = 0;
    handler = (req, _b, res) => (++n === 1 ? req.socket.destroy() : json(res, 409, { status: 409, title: 'Conflict', violations: ['body.name: must be unique within the account'] }));
    let finds = 0;
    const r = await client().create('/v1/projects', { body: { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } }, async () => (finds++, { id: 'found' }));
    expect(r).toEqual({ adopted: true, existing: { id: 'found' } });
    expect(finds).toBe(1);
    // A 409 on the first attempt is a real conflict.
    handler = (_req, _b, res) => json(res, 409, { status: 409, title: 'Conflict' });
    await expect(client().create('/v1/projects', { body: { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } }, async () => ({ id: 'x' }))).rejects.toMatchObject({ status: 409 });
  });

  it('a retried DELETE that answers 404 was done by the first attempt', async () => {
    let n = 0;
    handler = (req, _b, res) => (++n === 1 ? req.socket.destroy() : json(res, 404, { status: 404, title: 'Not Found' }));
    await expect(client().DELETE('/v1/projects/{projectId}', { params: { path: { projectId: '00000000-0000-4000-8000-000000000001' } } })).resolves.toBeUndefined();
    handler = (_req, _b, res) => json(res, 404, { status: 404, title: 'Not Found' });
    await expect(client().DELETE('/v1/projects/{projectId}', { params: { path: { projectId: '00000000-0000-4000-8000-000000000001' } } })).rejects.toMatchObject({ status: 404 });
  });
});

describe('plinth/sdk: lists and errors', () => {
  it('walks the page envelope past 100 items, stopping at the end', async () => {
    const items = Array.from({ length: 250 }, (_, i) => ({ id: `p${i}`, name: `p${i}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }));
    handler = (req, _b, res) => {
      const q = new URL(req.url!, base).searchParams;
      const page = Number(q.get('page'));
      const size = Number(q.get('size'));
      json(res, 200, { page, size, total: items.length, results: items.slice(page * size, page * size + size) });
    };
    const seen: string[] = [];
    for await (const p of client().paginate('/v1/projects')) seen.push(p.name);
    expect(seen).toEqual(items.map((i) => i.name));
    expect(apiCalls().map((c) => c.url)).toEqual(['/v1/projects?page=0&size=100', '/v1/projects?page=1&size=100', '/v1/projects?page=2&size=100']);
  });

  it('walks a cursor list until `more` is absent', async () => {
    const pages: Record<string, { results: number[]; more?: string }> = { '': { results: [1, 2], more: 'a' }, a: { results: [3], more: 'b' }, b: { results: [4] } };
    handler = (req, _b, res) => json(res, 200, pages[new URL(req.url!, base).searchParams.get('paginationToken') ?? '']);
    const seen: number[] = [];
    for await (const x of client().cursor<number>('/v1/pipeline-executions', { projectId: 'p' }, { limit: 2 })) seen.push(x);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(apiCalls().map((c) => c.url)).toEqual(['/v1/pipeline-executions?projectId=p&limit=2', '/v1/pipeline-executions?projectId=p&limit=2&paginationToken=a', '/v1/pipeline-executions?projectId=p&limit=2&paginationToken=b']);
  });

  it('errors carry the ProblemDetail', async () => {
    handler = (_req, _b, res) =>
      json(res, 400, { type: 'https://api.matillion.com/problems/bad-request', title: 'Bad Request', status: 400, detail: 'invalid body', instance: '/v1/projects', violations: ['body.warehouse: is required'] }, { 'x-request-id': 'abc' });
    const err = (await client()
      .POST('/v1/projects', { body: { name: 'p' } as any })
      .catch((e) => e)) as PlinthApiError;
    expect(err).toBeInstanceOf(PlinthApiError);
    expect(err.status).toBe(400);
    expect(err.violations).toEqual(['body.warehouse: is required']);
    expect(err.problem.instance).toBe('/v1/projects');
    expect(err.requestId).toBe('abc');
    expect(err.message).toBe('POST /v1/projects: 400 Bad Request — invalid body (body.warehouse: is required)');
  });
});
