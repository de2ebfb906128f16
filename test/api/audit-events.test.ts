import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeClient, CLI_USER_AGENT } from '../../src/cli/common.js';
import { createAudit } from '../../src/core/audit.js';
import { loadContract } from '../../src/resources/index.js';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ADMIN_ID, ADMIN_SECRET, describeEachDb } from '../helpers/app.js';
import { seedAccount } from '../helpers/accounts.js';
import { control, CONTROLS_ENV } from '../helpers/controls.js';
import { allEvents, failEventsNamed, oneEvent, WIDE } from '../helpers/audit.js';

// The events each resource records, retention and the jobs: audit-events-resources.test.ts.

const events = (q: Record<string, string>) => `/v1/events?${new URLSearchParams(q)}`;

describeEachDb('Audit events: the query contract', (t) => {
  it('requires from and to as ISO 8601 date-times with an offset', async () => {
    const token = await t().adminToken();
    const none = await t().inject({ method: 'GET', url: '/v1/events', token });
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().violations.join(' ')).toMatch(/query\.from|from/);
    const noTo = await t().inject({ method: 'GET', url: events({ from: WIDE.from }), token });
    expect(noTo.statusCode).toBe(400);
    expect(noTo.body).toContain('to');
    for (const bad of ['yesterday', '2025-02-20', '2025-02-20T07:15:15', '2025-13-01T00:00:00Z']) {
      const r = await t().inject({ method: 'GET', url: events({ from: bad, to: WIDE.to }), token });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().violations.join(' '), bad).toContain('from');
    }
    const ok = await t().inject({ method: 'GET', url: events({ from: '2025-02-20T07:15:15.000-01:00', to: '2025-02-20T07:15:15+05:30' }), token });
    expect(ok.statusCode).toBe(400); // 08:15Z is after 01:45Z
    expect(ok.json().violations).toEqual(['query.from: must not be after to']);
  });

  it('bounds page and size, and defaults them to 0 and 25', async () => {
    const token = await t().adminToken();
    for (const [k, v] of [['size', '0'], ['size', '101'], ['page', '-1'], ['size', 'ten']]) {
      const r = await t().inject({ method: 'GET', url: events({ ...WIDE, [k]: v }), token });
      expect(r.statusCode, `${k}=${v}`).toBe(400);
      expect(r.json().violations.join(' ')).toContain(`query.${k}`);
    }
    const r = await t().inject({ method: 'GET', url: events(WIDE), token });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ page: 0, size: 25 });
    expect(Object.keys(r.json()).sort()).toEqual(['page', 'results', 'size', 'total']);
  });

  it('pages over more than 100 events with a stable order and a consistent total', async () => {
    const token = await t().adminToken();
    const accountId = (await t().app.store.db.selectFrom('api_credentials').select('account_id').where('client_id', '=', ADMIN_ID).executeTakeFirstOrThrow()).account_id;
    // A fixed clock: 130 events in one millisecond, ordered by their time-ordered ids alone.
    const at = new Date('2030-01-01T00:00:00.000Z');
    const writer = createAudit({ clock: () => at });
    for (let i = 0; i < 130; i++) {
      await writer.record(t().app.store.db, { accountId, actorId: 'system:test' }, { eventName: 'test_event', eventType: 'TEST', description: `n${i}`, subjectType: 'TEST', subjectName: `n${i}` });
    }
    const window = { from: '2029-12-31T23:00:00-01:00', to: '2030-01-01T00:00:00.000Z' };
    const seen: string[] = [];
    for (let page = 0; page < 2; page++) {
      const r = await t().inject({ method: 'GET', url: events({ ...window, page: String(page), size: '100' }), token });
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({ page, size: 100, total: 130 });
      seen.push(...body.results.map((e: { eventDescription: string }) => e.eventDescription));
    }
    expect(seen).toEqual(Array.from({ length: 130 }, (_, i) => `n${i}`));
    const beyond = (await t().inject({ method: 'GET', url: events({ ...window, page: '2', size: '100' }), token })).json();
    expect(beyond).toEqual({ page: 2, size: 100, total: 130, results: [] });
    const desc = (await t().inject({ method: 'GET', url: events({ ...window, size: '3', order: 'desc' }), token })).json();
    expect(desc.results.map((e: { eventDescription: string }) => e.eventDescription)).toEqual(['n129', 'n128', 'n127']);
    // from and to are inclusive; a window after the events is empty (200, not 404).
    const exact = (await t().inject({ method: 'GET', url: events({ from: '2030-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', size: '1' }), token })).json();
    expect(exact.total).toBe(130);
    const after = (await t().inject({ method: 'GET', url: events({ from: '2030-01-01T00:00:00.001Z', to: '2030-01-02T00:00:00Z' }), token })).json();
    expect(after).toEqual({ page: 0, size: 25, total: 0, results: [] });
    const item = desc.results[0];
    expect(Object.keys(item).sort()).toEqual(
      ['actorEmail', 'actorId', 'additionalInfo', 'eventDescription', 'eventId', 'eventName', 'eventProjectId', 'eventSource', 'eventSubjectId', 'eventSubjectName', 'eventSubjectType', 'eventTimestamp', 'eventType'].sort(),
    );
    expect(item).toMatchObject({ actorId: 'system:test', actorEmail: null, eventName: 'test_event', eventSource: 'SYSTEM', eventTimestamp: '2030-01-01T00:00:00.000Z', additionalInfo: { actorType: 'SYSTEM' } });
    expect(item.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Extension filters.
    const named = (await t().inject({ method: 'GET', url: events({ ...WIDE, eventName: 'test_event', actorId: 'system:test', eventType: 'TEST', size: '1' }), token })).json();
    expect(named.total).toBe(130);
    expect((await t().inject({ method: 'GET', url: events({ ...WIDE, eventName: 'test_event', actorId: 'someone-else' }), token })).json().total).toBe(0);
  });
});

describeEachDb('Audit events: who may read them', (t) => {
  it('SUPER_ADMIN and ADMIN read, MEMBER and BILLING_ADMIN get 403, another account sees none of them', async () => {
    const admin = await t().adminToken();
    const created = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'audited', role: 'MEMBER' } })).json();
    for (const role of ['MEMBER', 'BILLING_ADMIN'] as const) {
      const r = await t().inject({ method: 'GET', url: events(WIDE), token: await t().tokenFor(role) });
      expect(r.statusCode, role).toBe(403);
    }
    const asAdmin = await allEvents(t(), await t().tokenFor('ADMIN'), 'api_credential_created');
    expect(asAdmin.map((e) => e.eventSubjectId)).toContain(created.clientId);
    expect((await t().inject({ method: 'GET', url: events(WIDE) })).statusCode).toBe(401);
    const other = await seedAccount(t());
    const theirs = await allEvents(t(), other.token);
    expect(theirs.filter((e) => e.actorId !== other.clientId)).toEqual([]); // at most their own sign-in
    // And theirs stay theirs.
    await t().inject({ method: 'POST', url: '/v1/api-credentials', token: other.token, body: { name: 'theirs', role: 'MEMBER' } });
    expect((await allEvents(t(), other.token, 'api_credential_created')).map((e) => e.eventSubjectName)).toEqual(['theirs']);
    const ours = await allEvents(t(), admin);
    expect(ours.map((e) => e.eventSubjectName)).not.toContain('theirs');
    expect(ours.map((e) => e.actorId)).not.toContain(other.clientId);
  });
});

describeEachDb('Audit events: sources and atomicity', (t) => {
  it('records the actor, the client address and the interface (API, CLI user-agent, console header)', async () => {
    const token = await t().adminToken();
    const viaApi = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'via-api', role: 'MEMBER' } })).json();
    const viaCli = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'via-cli', role: 'MEMBER' }, headers: { 'user-agent': 'plinth-cli/0.1.0' } })).json();
    const viaConsole = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'via-console', role: 'ADMIN' }, headers: { 'x-plinth-client': 'console' } })).json();
    const api = await oneEvent(t(), token, 'api_credential_created', viaApi.clientId);
    expect(api).toMatchObject({
      actorId: ADMIN_ID,
      actorEmail: null,
      eventType: 'CREATE',
      eventSource: 'API',
      eventSubjectType: 'API_CREDENTIAL',
      eventSubjectName: 'via-api',
      eventProjectId: null,
      additionalInfo: { ip: '127.0.0.1', actorType: 'API_CREDENTIAL', role: 'MEMBER' },
    });
    expect((await oneEvent(t(), token, 'api_credential_created', viaCli.clientId)).eventSource).toBe('CLI');
    expect((await oneEvent(t(), token, 'api_credential_created', viaConsole.clientId)).eventSource).toBe('CONSOLE');
    await t().inject({ method: 'DELETE', url: `/v1/api-credentials/${viaApi.clientId}`, token });
    expect(await oneEvent(t(), token, 'api_credential_deleted', viaApi.clientId)).toMatchObject({ eventType: 'DELETE', eventSubjectName: 'via-api' });
    // The client secrets shown once at creation are in no event and no log line.
    const all = JSON.stringify(await allEvents(t(), token));
    for (const c of [viaApi, viaCli, viaConsole]) {
      expect(c.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(all).not.toContain(c.clientSecret);
      expect(t().logs.filter((l) => l.includes(c.clientSecret))).toEqual([]);
    }
  });

  it('the token endpoint records its events with the caller’s interface and address, the refused ones too', async () => {
    const form = (secret: string) => `grant_type=client_credentials&client_id=${ADMIN_ID}&client_secret=${secret}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'plinth-cli/0.1.0' };
    expect((await t().app.server.inject({ method: 'POST', url: '/oauth/dpc/token', payload: form(ADMIN_SECRET), headers })).statusCode).toBe(200);
    expect((await t().app.server.inject({ method: 'POST', url: '/oauth/dpc/token', payload: form('wrong-secret-0123456789'), headers: { 'content-type': headers['content-type'] } })).statusCode).toBe(401);
    const admin = await t().adminToken();
    expect((await allEvents(t(), admin, 'api_credential_token_issued')).find((e) => e.eventSource === 'CLI')).toMatchObject({ actorId: ADMIN_ID, additionalInfo: { ip: '127.0.0.1' } });
    expect((await allEvents(t(), admin, 'api_credential_login_failed')).at(-1)).toMatchObject({ actorId: ADMIN_ID, eventSource: 'API', additionalInfo: { ip: '127.0.0.1' } });
  });

  it('the CLI client says it is the CLI: a change made through makeClient is recorded with eventSource CLI', async () => {
    expect(CLI_USER_AGENT).toBe(`plinth-cli/${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}`);
    const address = await t().app.server.listen({ port: 0, host: '127.0.0.1' });
    const saved = { ...process.env };
    const dir = mkdtempSync(path.join(tmpdir(), 'plinth-audit-cli-'));
    try {
      Object.assign(process.env, { PLINTH_CONFIG_DIR: dir, PLINTH_CLIENT_SECRET: ADMIN_SECRET });
      delete process.env.PLINTH_PROFILE;
      const client = makeClient({ url: address, clientId: ADMIN_ID });
      const created = await client.request<{ clientId: string }>('POST', '/v1/api-credentials', { body: { name: 'via-real-cli-client', role: 'MEMBER' } });
      const e = await oneEvent(t(), await t().adminToken(), 'api_credential_created', created.clientId);
      expect(e.eventSource).toBe('CLI');
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SCIM provisioning is recorded with eventSource SCIM; managing SCIM tokens is an API change', async () => {
    const admin = await t().adminToken();
    const tok = await t().inject({ method: 'POST', url: '/v1/directory-integration/scim-tokens', token: admin, body: { name: 'audit-idp' } });
    expect(tok.statusCode).toBe(201);
    const userName = `scim-audit-${Date.now()}@example.com`;
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Ada', familyName: 'Audit' }, emails: [{ primary: true, value: userName }], active: true };
    const r = await t().inject({ method: 'POST', url: '/v1/directory-integration/scim/v2/Users', token: tok.json().secret, body, headers: { 'content-type': 'application/scim+json' } });
    expect(r.statusCode, r.body).toBe(201);
    const created = (await allEvents(t(), admin, 'user_created')).filter((e) => e.eventSubjectName === userName);
    expect(created).toEqual([expect.objectContaining({ eventSource: 'SCIM', eventSubjectType: 'USER' })]);
    const tokens = await allEvents(t(), admin, 'scim_token_created');
    expect(tokens.at(-1)).toMatchObject({ eventSource: 'API', actorId: ADMIN_ID });
    expect(JSON.stringify([...created, ...tokens])).not.toContain(tok.json().secret);
  });

  it('a change and its event commit together: a failure after the write leaves neither, a refused change leaves no event', async () => {
    const token = await t().adminToken();
    const undo = await failEventsNamed(t(), 'boom');
    try {
      const r = await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'boom', role: 'MEMBER' } });
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toContain('injected');
    } finally {
      await undo();
    }
    const rows = await t().app.store.db.selectFrom('api_credentials').select('client_id').where('name', '=', 'boom').execute();
    expect(rows).toEqual([]);
    expect((await allEvents(t(), token, 'api_credential_created')).filter((e) => e.eventSubjectName === 'boom')).toEqual([]);
    // Refused (409): no event for the refused attempt.
    expect((await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'twice', role: 'MEMBER' } })).statusCode).toBe(201);
    expect((await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'twice', role: 'MEMBER' } })).statusCode).toBe(409);
    expect((await allEvents(t(), token, 'api_credential_created')).filter((e) => e.eventSubjectName === 'twice')).toHaveLength(1);
    // Once the failure is gone the same change commits with its event.
    const ok = (await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'boom', role: 'MEMBER' } })).json();
    expect((await oneEvent(t(), token, 'api_credential_created', ok.clientId)).eventSubjectName).toBe('boom');
  });

  // On PostgreSQL each of these is one statement (the row, the counter and the event), not a transaction.
  it('a project and a connection commit with their events: a failing event leaves no row and the count as it was; a refused write (409, no such project) leaves no event; on PostgreSQL the project notice goes out only when it commits', async () => {
    const token = await t().adminToken();
    const db = t().app.store.db;
    const project = (name: string) => t().inject({ method: 'POST', url: '/v1/projects', token, body: { name, warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' } });
    const connection = (projectId: string, name: string) =>
      t().inject({ method: 'POST', url: `/v1/projects/${projectId}/connections`, token, body: { name, platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' } });
    const total = async () => (await t().inject({ method: 'GET', url: '/v1/projects?size=1', token })).json().total as number;
    const named = async (eventName: string, name: string) => (await allEvents(t(), token, eventName)).filter((e) => e.eventSubjectName === name);
    // PostgreSQL: the project's read-cache notice goes out with the statement, only when it commits.
    const notices: string[] = [];
    const scope = `read:projects:${t().app.identity.defaultAccountId}`;
    const listener = t().kind === 'postgres' ? new pg.Client({ connectionString: (t().app.config.database as { url: string }).url }) : undefined;
    await listener?.connect();
    listener?.on('notification', (m) => m.payload?.split(' ').includes(scope) && notices.push(m.payload));
    await listener?.query('listen plinth_credentials');
    const heard = async () => (listener ? (await listener.query('select 1'), await new Promise((r) => setTimeout(r, 100)), notices.length) : 0);
    const projectId = (await project('atomic-home')).json().projectId as string;
    expect(await heard()).toBe(listener ? 1 : 0);
    const before = await total();
    const undo = await failEventsNamed(t(), 'boom');
    try {
      expect((await project('boom')).statusCode).toBe(500);
      expect((await connection(projectId, 'boom')).statusCode).toBe(500);
    } finally {
      await undo();
    }
    expect(await db.selectFrom('projects').select('id').where('name', '=', 'boom').execute()).toEqual([]);
    expect(await db.selectFrom('connections').select('id').where('name', '=', 'boom').execute()).toEqual([]);
    expect(await total()).toBe(before);
    expect(await named('project_created', 'boom')).toEqual([]);
    expect(await named('connection_created', 'boom')).toEqual([]);
    // Refused: the duplicate's 409 body is unchanged and only the first write has an event.
    expect((await project('atomic-home')).json()).toMatchObject({ status: 409, violations: ['body.name: must be unique within the account'] });
    expect(await named('project_created', 'atomic-home')).toHaveLength(1);
    expect((await connection(projectId, 'once')).statusCode).toBe(201);
    expect((await connection(projectId, 'once')).json()).toMatchObject({ status: 409, violations: ['body.name: must be unique within the project'] });
    expect(await named('connection_created', 'once')).toHaveLength(1);
    expect((await connection('00000000-0000-4000-8000-000000000000', 'ghost')).statusCode).toBe(404);
    expect(await named('connection_created', 'ghost')).toEqual([]);
    // Once the failure is gone the same writes commit with their events and the count follows.
    expect((await project('boom')).statusCode).toBe(201);
    expect((await connection(projectId, 'boom')).statusCode).toBe(201);
    expect(await total()).toBe(before + 1);
    expect(await named('project_created', 'boom')).toHaveLength(1);
    expect(await named('connection_created', 'boom')).toHaveLength(1);
    // Two committed creates, two notices; the failed and the refused ones sent none.
    expect(await heard()).toBe(listener ? 2 : 0);
    await listener?.end();
  });
});

describeEachDb(
  'Audit events: the test controls',
  (t) => {
    it('reset, snapshot, restore and seed record one event each; reset and restore replace the log', async () => {
      const token = await t().adminToken();
      await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'before-snapshot', role: 'MEMBER' } });
      expect((await control(t(), 'PUT', '/snapshots/audit')).statusCode).toBe(201);
      await t().inject({ method: 'POST', url: '/v1/api-credentials', token, body: { name: 'after-snapshot', role: 'MEMBER' } });
      expect((await control(t(), 'POST', '/snapshots/audit/restore')).statusCode).toBe(200);
      let names = (await allEvents(t(), token)).map((e) => e.eventSubjectName ?? e.eventName);
      expect(names).toContain('before-snapshot');
      expect(names).not.toContain('after-snapshot');
      const restored = await allEvents(t(), token, 'controls_snapshot_restored');
      expect(restored).toEqual([expect.objectContaining({ eventType: 'RESTORE', actorId: ADMIN_ID, eventSubjectType: 'PLINTH', additionalInfo: expect.objectContaining({ snapshot: 'audit' }) })]);
      expect(await allEvents(t(), token, 'controls_snapshot_saved')).toHaveLength(0); // saved after the copy: not in it
      expect((await control(t(), 'POST', '/reset')).statusCode).toBe(200);
      const afterReset = await allEvents(t(), await t().tokenWith(ADMIN_ID, ADMIN_SECRET));
      expect(afterReset.filter((e) => !e.eventName.includes('login') && e.eventName !== 'api_credential_token_issued').map((e) => e.eventName)).toEqual(['controls_reset']);
      const seeded = await control(t(), 'POST', '/seed', { apiCredentials: [{ name: 'seeded-cred', role: 'MEMBER' }] });
      expect(seeded.statusCode).toBe(201);
      names = (await allEvents(t(), await t().tokenWith(ADMIN_ID, ADMIN_SECRET))).map((e) => e.eventName);
      expect(names).toContain('api_credential_created');
      expect(names.filter((n) => n === 'controls_seeded')).toHaveLength(1);
      expect((await allEvents(t(), await t().tokenWith(ADMIN_ID, ADMIN_SECRET), 'controls_seeded'))[0]!.additionalInfo).toMatchObject({ apiCredentialCount: 1, projectCount: 0 });
    });
  },
  { env: CONTROLS_ENV },
);

describe('Audit events: the catalogue', () => {
  /** Every snake_case literal on a line that names an event (`eventName: …`, `…Event(…)`, `event(…)`), across src. */
  function namesInSources(): Map<string, string> {
    const found = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'generated') walk(p);
        } else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith(path.join('audit-events', 'store.ts'))) {
          for (const raw of readFileSync(p, 'utf8').split('\n')) {
            const line = raw.replace(/Pick<[^>]*>/g, ''); // column names in a type are not event names
            if (!/eventName|event\(/i.test(line)) continue;
            for (const m of line.matchAll(/'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'/g)) found.set(m[1]!, path.relative(ROOT, p));
          }
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    return found;
  }
  const ROOT = path.resolve(import.meta.dirname, '../..');

  it('documents every eventName used in src, in the operation description', () => {
    const description: string = loadContract({ fromSources: true }).paths['/v1/events'].get.description;
    const names = namesInSources();
    expect(names.size).toBeGreaterThan(40);
    const missing = [...names].filter(([n]) => !description.includes(`\`${n}\``)).map(([n, file]) => `${n} (${file})`);
    expect(missing).toEqual([]);
    expect(names.has('project_created') && names.has('repository_token_rotated') && names.has('hub_user_login')).toBe(true);
    const rows = [...description.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((n, i) => rows.indexOf(n) !== i)).toEqual([]); // one row per name
  });
});
