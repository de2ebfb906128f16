import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorHandler } from '../../src/core/http/framework-errors.js';
import { nestsDeeperThan } from '../../src/core/http/plugins/content-types.js';
import { anyUnstorable, collect } from '../../src/core/http/plugins/text-rules.js';
import { unstorableText } from '../../src/core/text.js';
import { describeEachDb, startApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 11, points 3–6, through the real app on both databases: one rule for text (NUL and
 * unpaired surrogates refused with 400 naming the field, in bodies, keys, queries, paths and the
 * token endpoint's form), a nesting limit before anything recursive runs, and every answer the
 * framework itself produces is a ProblemDetail — the 413 of an oversized body included, which a
 * client still uploading must be able to read.
 */

const problemOf = (r: { statusCode: number; headers: Record<string, unknown>; json(): any }) => {
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const p = r.json();
  expect(Object.keys(p).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type', 'violations']);
  expect(p.status).toBe(r.statusCode);
  return p;
};

const NUL = 'must not contain the NUL character (U+0000)';
const SURROGATE = 'must not contain an unpaired surrogate (U+D800–U+DFFF)';
const project = (name: string) => ({ name, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' });

describe('text and nesting rules (unit)', () => {
  it('unstorableText: NUL and unpaired surrogates, nothing else', () => {
    expect(unstorableText('plain é 😀 中文 \u202e')).toBeNull();
    expect(unstorableText('a\u0000b')).toBe(NUL);
    expect(unstorableText('\ud800')).toBe(SURROGATE);
    expect(unstorableText('x\udc00')).toBe(SURROGATE);
    expect(unstorableText('\udc00\ud800')).toBe(SURROGATE);
    expect(unstorableText('\ud83d\ude00')).toBeNull();
  });

  it('unstorableText agrees with the rule written as a pattern, on any UTF-16 string', () => {
    // The definition: a high surrogate not followed by a low one, or a low one not preceded by a high one.
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const expected = (s: string) => (s.includes('\u0000') ? NUL : lone.test(s) ? SURROGATE : null);
    // Code units biased towards surrogates and NUL, so both rules and their mixes come up often.
    const unit = fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.constantFrom(0, 0x41, 0xe9, 0xffff), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const s = String.fromCharCode(...units);
        expect(unstorableText(s)).toBe(expected(s));
      }),
      { seed: 20261203, numRuns: 5000 },
    );
  });

  it('anyUnstorable (the check every request pays) finds something exactly when collect names a field', () => {
    const unit = fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.constantFrom(0, 0x41, 0xe9), fc.integer({ min: 0x20, max: 0x7e }));
    const text = fc.array(unit, { maxLength: 4 }).map((u) => String.fromCharCode(...u));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 3 }),
    }));
    let refused = 0;
    fc.assert(
      fc.property(value, (v) => {
        const named: string[] = [];
        collect(v, 'body', named);
        if (named.length) refused++;
        expect(anyUnstorable(v)).toBe(named.length > 0);
      }),
      { seed: 20261203, numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(300); // both answers come up, not only the common one
  });

  it('nestsDeeperThan counts brackets outside strings only, without recursion', () => {
    const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    expect(nestsDeeperThan(deep(64), 64)).toBe(false);
    expect(nestsDeeperThan(deep(65), 64)).toBe(true);
    expect(nestsDeeperThan(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, 64)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ s: '[[[[[[[[[[{{{{{{{{{{'.repeat(50) }), 64)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ s: 'a\\"[[[[\\\\', t: '['.repeat(100) }), 2)).toBe(false);
    expect(nestsDeeperThan('{"unterminated": "[[[[', 2)).toBe(false);
  });
});

describeEachDb('reliability: text rules, nesting, framework answers', (t, kind) => {
  let token: string;
  beforeAll(async () => {
    token = await t().adminToken();
  });

  const countProjects = async () => (await t().inject({ method: 'GET', url: '/v1/projects?size=1', token })).json().total as number;

  it('NUL in a body string: 400 naming the field, nothing stored', async () => {
    const before = await countProjects();
    const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body: project('a\u0000b') });
    expect(r.statusCode).toBe(400);
    expect(problemOf(r).violations).toEqual([`body.name: ${NUL}`]);
    expect(await countProjects()).toBe(before);
  });

  it('NUL anywhere in a body: nested values, array items and keys (escaped in the answer)', async () => {
    const body = { ...project('ok-name'), extra: { list: ['x', 'y\u0000'], ['k\u0000ey']: 1 } };
    const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body });
    expect(r.statusCode).toBe(400);
    expect(problemOf(r).violations).toEqual([`body.extra.list[1]: ${NUL}`, `body.extra.k\\u0000ey: the name ${NUL}`]);
  });

  it('an unpaired surrogate (JSON "\\ud800") is refused the same way', async () => {
    const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body: '{"name":"x\\ud800","warehouse":"SNOWFLAKE","agentDeploymentType":"HYBRID"}' });
    expect(r.statusCode).toBe(400);
    expect(problemOf(r).violations).toEqual([`body.name: ${SURROGATE}`]);
  });

  it('NUL in a query value and in a path segment: 400 naming query./path.', async () => {
    const q = await t().inject({ method: 'GET', url: '/v1/projects?size=%00', token });
    expect(q.statusCode).toBe(400);
    expect(problemOf(q).violations).toEqual([`query.size: ${NUL}`]);
    const p = await t().inject({ method: 'GET', url: '/v1/projects/abc%00def', token });
    expect(p.statusCode).toBe(400);
    expect(problemOf(p).violations).toEqual([`path.projectId: ${NUL}`]);
  });

  it('NUL in a secret reference and an environment override: 400 before anything is stored', async () => {
    const proj = await t().inject({ method: 'POST', url: '/v1/projects', token, body: project(`nul-${kind}-${Date.now()}`) });
    expect(proj.statusCode).toBe(201);
    const id = proj.json().projectId ?? proj.json().id;
    const r = await t().inject({
      method: 'POST',
      url: `/v1/projects/${id}/secret-references/ref1`,
      token,
      body: { secretName: 'n', secretValue: { key: 'v\u0000' }, description: 'd' },
    });
    expect(r.statusCode).toBe(400);
    expect(problemOf(r).violations.some((v: string) => v.startsWith('body.secretValue.key: ') && v.endsWith(NUL))).toBe(true);
  });

  it('token endpoint: NUL in a form field is 400 invalid_request naming the field (RFC 6749 JSON)', async () => {
    const r = await t().app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&client_id=a%00b&client_secret=x',
    });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json()).toEqual({ error: 'invalid_request', error_description: `Invalid request: body.client_id: ${NUL}` });
  });

  it('token endpoint: NUL in HTTP Basic credentials is 400 invalid_request too (the storage-side rule)', async () => {
    const r = await t().app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('a\u0000b:secret').toString('base64')}` },
      payload: 'grant_type=client_credentials',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('invalid_request');
    expect(r.json().error_description).toContain(NUL);
  });

  it('the storage-side rule refuses NUL on SQLite exactly as PostgreSQL would', async () => {
    await expect(t().app.store.db.selectFrom('api_credentials').select('client_id').where('client_id', '=', 'a\u0000b').execute()).rejects.toMatchObject({
      name: 'UnstorableTextError',
      statusCode: 400,
    });
  });

  it('a body nested 5,000 levels deep: 400 before any recursion (secretValue, connectionProperties, anywhere)', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    for (const body of [
      `{"secretName":"n","secretValue":${deep}}`,
      `{"connectionProperties":${deep}}`,
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    ]) {
      const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body });
      expect(r.statusCode).toBe(400);
      expect(problemOf(r).violations).toEqual(['body: must not nest objects and arrays deeper than 64 levels']);
    }
    // 64 levels are still JSON the rules look at (here: validation, not the depth rule).
    const ok = await t().inject({ method: 'POST', url: '/v1/projects', token, body: `{"extra":${'['.repeat(63)}${']'.repeat(63)}}` });
    expect(ok.statusCode).toBe(400);
    expect(problemOf(ok).violations.join()).not.toMatch(/deeper/);
  });

  it('malformed percent-encoding in the path (%ZZ, a lone %, an encoded surrogate): 400 ProblemDetail', async () => {
    for (const url of ['/v1/projects/%ZZ', '/v1/projects/%', '/v1/projects/%ED%A0%80', '/%ZZ']) {
      const r = await t().inject({ method: 'GET', url, token });
      expect(r.statusCode, url).toBe(400);
      expect(problemOf(r).violations[0]).toMatch(/^path: must be valid percent-encoded UTF-8/);
      expect(r.headers['x-request-id']).toBeTruthy();
    }
  });

  it('a path parameter over 500 characters: 414 ProblemDetail', async () => {
    const r = await t().inject({ method: 'GET', url: `/v1/projects/${'a'.repeat(600)}`, token });
    expect(r.statusCode).toBe(414);
    expect(problemOf(r)).toMatchObject({ title: 'URI Too Long', violations: ['path: a path parameter must not be longer than 500 characters'] });
  });

  it('413 names the limit', async () => {
    const r = await t().inject({ method: 'POST', url: '/v1/projects', token, body: JSON.stringify(project('x'.repeat(1100 * 1024))) });
    expect(r.statusCode).toBe(413);
    expect(problemOf(r).violations).toEqual(['body: must not be larger than 1048576 bytes']);
  });
});

/** A raw HTTP/1.1 exchange over a fresh socket: what a client sees, byte for byte. */
function rawExchange(port: number, head: string, body: Buffer | undefined, opts: { pace?: boolean } = {}): Promise<{ text: string; error?: string }> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let text = '';
    let error: string | undefined;
    s.on('data', (d) => (text += d.toString('latin1')));
    s.on('error', (e) => (error = (e as NodeJS.ErrnoException).code ?? e.message));
    s.on('close', () => resolve({ text, error }));
    s.write(head);
    if (!body) return;
    let off = 0;
    const pump = () => {
      while (off < body.length) {
        const c = body.subarray(off, off + 64 * 1024);
        off += c.length;
        if (!s.write(c)) return void s.once('drain', pump);
        if (opts.pace) return void setImmediate(pump);
      }
    };
    pump();
  });
}

/** Node's own client, as automation would use it; resolves with what it saw. */
function nodeRequest(port: number, o: { method: string; path: string; headers?: Record<string, string>; body?: Buffer; agent?: http.Agent | false }) {
  return new Promise<{ status?: number; type?: string; body: string; error?: string; socket?: net.Socket }>((resolve) => {
    const r = http.request({ host: '127.0.0.1', port, method: o.method, path: o.path, headers: { ...o.headers, ...(o.body ? { 'content-length': String(o.body.length) } : {}) }, agent: o.agent ?? false });
    let status: number | undefined;
    let type: string | undefined;
    let body = '';
    r.on('response', (res) => {
      status = res.statusCode;
      type = String(res.headers['content-type']);
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status, type, body, socket: r.socket ?? undefined }));
    });
    r.on('error', (e) => resolve({ status, type, body, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    if (o.body) {
      let off = 0;
      const pump = () => {
        while (off < o.body!.length) {
          const c = o.body!.subarray(off, off + 64 * 1024);
          off += c.length;
          if (!r.write(c)) return void r.once('drain', pump);
        }
        r.end();
      };
      pump();
    } else r.end();
  });
}

describe('reliability: answers over a real socket', () => {
  let t: TestApp;
  let port: number;
  let token: string;
  beforeAll(async () => {
    t = await startApp('sqlite');
    await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.server.address() as net.AddressInfo).port;
    token = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
  });

  const parse = (text: string) => {
    const [head, ...rest] = text.split('\r\n\r\n');
    return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1]), head: head ?? '', body: rest.join('\r\n\r\n') };
  };

  it('headers over 16 KiB: 431 ProblemDetail, readable before the connection closes', async () => {
    for (const headers of [`x-filler: ${'a'.repeat(40 * 1024)}\r\n`, Array.from({ length: 40 }, (_, i) => `x-f-${i}: ${'b'.repeat(500)}\r\n`).join('')]) {
      const { text } = await rawExchange(port, `GET /v1/projects HTTP/1.1\r\nhost: x\r\n${headers}\r\n`, undefined);
      const r = parse(text);
      expect(r.status).toBe(431);
      expect(r.head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(r.body)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', violations: ['header: all headers together must not exceed 16 KiB'] });
    }
  });

  it('a malformed request line: 400 ProblemDetail', async () => {
    const { text } = await rawExchange(port, 'GARBAGE\r\n\r\n', undefined);
    const r = parse(text);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ status: 400, type: expect.stringMatching(/bad-request$/) });
  });

  it('a request not received in time (Node\'s request timeout, 60 s here): 408 ProblemDetail', async () => {
    // The timeout itself takes a minute to fire; this drives the handler Node calls then.
    const server = net.createServer((socket) => {
      clientErrorHandler.call(t.app.server, Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { text } = await rawExchange((server.address() as net.AddressInfo).port, 'POST /v1/projects HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n{"na', undefined);
      const r = parse(text);
      expect(r.status).toBe(408);
      expect(r.head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(r.body)).toMatchObject({ status: 408, title: 'Request Timeout' });
    } finally {
      server.close();
    }
    expect(t.app.server.server.requestTimeout).toBe(60_000);
  });

  it('a body over 1 MiB: the 413 reaches a client that keeps uploading (Connection: close, as with agent: false)', async () => {
    for (const size of [1.1, 3, 10]) {
      const body = Buffer.from(JSON.stringify(project('o'.repeat(Math.floor(size * 1024 * 1024)))));
      const r = await nodeRequest(port, { method: 'POST', path: '/v1/projects', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      expect(r.error, `${size} MiB`).toBeUndefined();
      expect(r.status, `${size} MiB`).toBe(413);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(r.body).status).toBe(413);
    }
  });

  it('a body over 1 MiB on a keep-alive connection: 413, then the same connection serves the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = Buffer.from(JSON.stringify(project('k'.repeat(3 * 1024 * 1024))));
      const first = await nodeRequest(port, { method: 'POST', path: '/v1/projects', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body, agent });
      expect(first.error).toBeUndefined();
      expect(first.status).toBe(413);
      const second = await nodeRequest(port, { method: 'GET', path: '/v1/projects?size=1', headers: { authorization: `Bearer ${token}` }, agent });
      expect(second.error).toBeUndefined();
      expect(second.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('any answer given before the body is read (401 for a bad token, 404 for an unknown route) reaches an uploading client', async () => {
    const body = Buffer.from(JSON.stringify(project('u'.repeat(900 * 1024))));
    for (const [path, auth, status] of [
      ['/v1/projects', 'Bearer not-a-token', 401],
      ['/v1/nothing-here', `Bearer ${token}`, 404],
    ] as const) {
      const r = await nodeRequest(port, { method: 'POST', path, headers: { authorization: auth, 'content-type': 'application/json' }, body });
      expect(r.error, path).toBeUndefined();
      expect(r.status, path).toBe(status);
      expect(JSON.parse(r.body).status).toBe(status);
    }
  });

  it('the token endpoint (16 KiB form limit): 413 reaches an uploading client too', async () => {
    const body = Buffer.from(`grant_type=client_credentials&pad=${'p'.repeat(2 * 1024 * 1024)}`);
    const r = await nodeRequest(port, { method: 'POST', path: '/oauth/dpc/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(413);
  });

  it('a raw client that writes the whole oversized body before reading sees the 413', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 0x61);
    const { text, error } = await rawExchange(
      port,
      `POST /v1/projects HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-type: application/json\r\nauthorization: Bearer ${token}\r\ncontent-length: ${body.length}\r\n\r\n`,
      body,
      { pace: true },
    );
    expect(error).toBeUndefined();
    expect(parse(text).status).toBe(413);
  });
});
