import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_KINDS, describeEachDb, startApp, type DbKind, type TestApp } from '../helpers/app.js';
import { fullSaasProject, uniq } from '../helpers/fixtures.js';
import { createPgSchema } from '../helpers/pg.js';

/**
 * Issue 12, points 1 and 6: agents as their real clients use them.
 *
 * Point 1 — Matillion's own Terraform provider (matillion-public/terraform-provider-matillion-streaming,
 * internal/provider/agent_credentials_data_source.go + internal/client/agent.go) reads
 * `GET /agents/{id}/credentials` on every refresh and stores `{clientId, clientSecret}` in state;
 * its client authenticates at the token endpoint with golang.org/x/oauth2 clientcredentials
 * (HTTP Basic first, form fields on retry) and sends `account-id` on every call. A read that
 * answers without the secret after the first one makes every plan drift.
 *
 * Point 6 — every other enum of the API is matched case-insensitively; agents must be too. The
 * SaaS documents agent statuses Pending, Running, Unknown, Stopping, Stopped, Pausing, Paused
 * (docs.matillion.com/data-productivity-cloud/agent/docs/manage-agents) and a client that deletes
 * agents only when "STOPPED, PENDING, or UNKNOWN" (chatbotkit's Matillion ability definitions).
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** What x/oauth2 sends with AuthStyleInHeader: url.QueryEscape'd id and secret in HTTP Basic. */
const basic = (id: string, secret: string) => 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');

type Res = Awaited<ReturnType<TestApp['inject']>>;

function tokenByPost(t: TestApp, clientId: string, clientSecret: string) {
  return t.app.server.inject({
    method: 'POST',
    url: '/oauth/dpc/token',
    headers: FORM,
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, audience: 'https://api.matillion.com' }).toString(),
  });
}

function tokenByBasic(t: TestApp, clientId: string, clientSecret: string) {
  return t.app.server.inject({
    method: 'POST',
    url: '/oauth/dpc/token',
    headers: { ...FORM, authorization: basic(clientId, clientSecret) },
    payload: new URLSearchParams({ grant_type: 'client_credentials', audience: 'https://api.matillion.com' }).toString(),
  });
}

function ok(r: Res, status: number) {
  expect(r.statusCode, r.body).toBe(status);
  return r.body === '' ? undefined : r.json();
}

/** The Terraform client: `account-id` on every call, the token's own account (read from the token). */
function terraform(t: TestApp, token: string) {
  const accountId = String(decodeJwt(token)['https://matillion.com/accountId']);
  return (method: string, url: string, body?: unknown) => t.inject({ method, url: `/dpc/v1${url}`, token, body, headers: { 'account-id': accountId } });
}

/** The streaming agent resource's create body (agent_definition_resource.go). */
const streamingAgent = (over: Record<string, unknown> = {}) => ({ name: uniq('tf').slice(0, 30), description: 'Example streaming agent', deployment: 'fargate', cloudProvider: 'aws', agentType: 'streaming', ...over });

const dpcAgent = (over: Record<string, unknown> = {}) => ({ agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate', name: uniq('ag').slice(0, 30), ...over });

async function createAgent(t: TestApp, token: string, body: Record<string, unknown> = dpcAgent()) {
  return ok(await t.inject({ method: 'POST', url: '/v1/agents', token, body }), 201) as { agentId: string; [k: string]: unknown };
}

async function readCredentials(t: TestApp, token: string, agentId: string) {
  const r = await t.inject({ method: 'GET', url: `/v1/agents/${agentId}/credentials`, token });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['cache-control']).toBe('no-store');
  return r.json() as { clientId: string; clientSecret?: string };
}

describeEachDb('issue 12 point 1: agent credentials read like Terraform reads them', (get) => {
  it('Terraform-style refresh: create agent → read credentials twice → identical {clientId, clientSecret}, usable at the token endpoint (Basic and form)', async () => {
    const t = get();
    const call = terraform(t, await t.adminToken());
    // terraform apply: create, then read back.
    const created = ok(await call('POST', '/agents', streamingAgent()), 201);
    const agentId = created.agentId as string;
    expect(ok(await call('GET', `/agents/${agentId}`), 200).agentType).toBe('streaming');
    // data "matillion-streaming_agent_credentials": read on apply, then on every plan.
    const first = await call('GET', `/agents/${agentId}/credentials`);
    const second = await call('GET', `/agents/${agentId}/credentials`);
    for (const r of [first, second]) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(Object.keys(r.json()).sort()).toEqual(['clientId', 'clientSecret']);
      expect(typeof r.json().clientSecret).toBe('string');
      expect(r.json().clientSecret.length).toBeGreaterThan(0);
    }
    expect(second.json()).toEqual(first.json());
    const { clientId, clientSecret } = first.json();

    // The agent (or anything fed from Terraform state) authenticates with what was read.
    for (const r of [await tokenByBasic(t, clientId, clientSecret), await tokenByPost(t, clientId, clientSecret)]) {
      expect(r.statusCode, r.body).toBe(200);
      const claims = decodeJwt(r.json().access_token);
      expect(claims.azp).toBe(clientId);
      const own = await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: r.json().access_token });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().agentId).toBe(agentId);
    }

    // A later plan, after the agent has been using its credentials: still the same answer.
    const third = await call('GET', `/agents/${agentId}/credentials`);
    expect(third.statusCode).toBe(200);
    expect(third.json()).toEqual(first.json());
  });

  it('two concurrent first reads get the same secret, and it authenticates', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await createAgent(t, token);
    const [a, b] = await Promise.all([readCredentials(t, token, agentId), readCredentials(t, token, agentId)]);
    expect(a.clientSecret).toBeTruthy();
    expect(b).toEqual(a);
    expect((await tokenByPost(t, a.clientId, a.clientSecret!)).statusCode).toBe(200);
  });

  it('SECRET_REFRESH rotates: its answer is what every later read returns; the old secret and every token issued with it are refused', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await createAgent(t, token);
    const before = await readCredentials(t, token, agentId);
    const oldToken = ok(await tokenByPost(t, before.clientId, before.clientSecret!), 200).access_token as string;
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: oldToken })).statusCode).toBe(200);

    const refreshed = await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token, body: { action: 'SECRET_REFRESH' } });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(refreshed.headers['cache-control']).toBe('no-store');
    const after = refreshed.json();
    expect(after.clientId).toBe(before.clientId);
    expect(after.clientSecret).toBeTruthy();
    expect(after.clientSecret).not.toBe(before.clientSecret);

    // Every later read (the next terraform plan) returns the new pair.
    expect(await readCredentials(t, token, agentId)).toEqual(after);
    expect(await readCredentials(t, token, agentId)).toEqual(after);

    // The old secret no longer authenticates …
    const old = await tokenByPost(t, before.clientId, before.clientSecret!);
    expect(old.statusCode).not.toBe(200);
    expect(old.json().error).toBe('invalid_client');
    // … and a token it obtained before the refresh is refused from now on.
    const withOld = await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: oldToken });
    expect(withOld.statusCode).toBe(401);
    // The new pair works, by either client authentication method.
    const fresh = ok(await tokenByBasic(t, after.clientId, after.clientSecret), 200).access_token as string;
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: fresh })).statusCode).toBe(200);
    expect((await tokenByPost(t, after.clientId, after.clientSecret)).statusCode).toBe(200);
  });

  it('a token obtained after SECRET_REFRESH keeps working; a second refresh refuses it in turn', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await createAgent(t, token);
    const refresh = async () => ok(await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token, body: { action: 'SECRET_REFRESH' } }), 200);
    const one = await refresh();
    const tok = ok(await tokenByPost(t, one.clientId, one.clientSecret), 200).access_token as string;
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: tok })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: tok })).statusCode).toBe(200);
    const two = await refresh();
    expect(two.clientSecret).not.toBe(one.clientSecret);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token: tok })).statusCode).toBe(401);
    expect(await readCredentials(t, token, agentId)).toEqual(two);
  });

  it('the secret is kept sealed: no plaintext in any column or log line', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await createAgent(t, token);
    const { clientSecret } = await readCredentials(t, token, agentId);
    expect(clientSecret).toBeTruthy();
    const rows = await t.app.store.db.selectFrom('api_credentials').selectAll().where('agent_id', '=', agentId).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(clientSecret!);
    expect(t.logs.join('\n')).not.toContain(clientSecret!);
  });

  it('an agent credential stored before secrets were sealed (hash only) still authenticates, reads as clientId only, and is readable after one SECRET_REFRESH', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await createAgent(t, token);
    // The state an agent credential issued by an earlier Plinth is in: a keyed hash and nothing else.
    const clientId = `legacy${randomBytes(8).toString('hex')}`;
    const legacySecret = randomBytes(32).toString('base64url');
    await t.app.store.db
      .insertInto('api_credentials')
      .values({
        client_id: clientId,
        account_id: String(decodeJwt(token)['https://matillion.com/accountId']),
        name: `agent:${agentId}`,
        role: 'MEMBER',
        kind: 'agent',
        agent_id: agentId,
        secret_hash: t.app.identity.hashSecret(legacySecret),
        created_at: new Date().toISOString(),
      })
      .execute();
    // Reading it has no side effect: the secret cannot be recovered, and the running agent keeps working.
    expect(await readCredentials(t, token, agentId)).toEqual({ clientId });
    expect(await readCredentials(t, token, agentId)).toEqual({ clientId });
    expect((await tokenByPost(t, clientId, legacySecret)).statusCode).toBe(200);
    // One SECRET_REFRESH moves it to the readable form.
    const refreshed = ok(await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token, body: { action: 'SECRET_REFRESH' } }), 200);
    expect(refreshed.clientId).toBe(clientId);
    expect(await readCredentials(t, token, agentId)).toEqual(refreshed);
    expect(await readCredentials(t, token, agentId)).toEqual(refreshed);
    expect((await tokenByPost(t, clientId, refreshed.clientSecret)).statusCode).toBe(200);
    expect((await tokenByPost(t, clientId, legacySecret)).statusCode).not.toBe(200);
  });

  it('Matillion-hosted agents still have no customer credentials (409 on read and refresh)', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await fullSaasProject(t, token);
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}/credentials`, token })).statusCode).toBe(409);
    expect((await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token, body: { action: 'SECRET_REFRESH' } })).statusCode).toBe(409);
  });
});

describe('issue 12 point 1: the agent secret survives a restart (sealed in the database, not held in memory)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function database(kind: DbKind) {
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'plinth-fidelity-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return `sqlite:${join(dir, 'plinth.db')}`;
    }
    const s = await createPgSchema();
    cleanups.push(s.drop);
    return s.url;
  }

  for (const kind of DB_KINDS) {
    it(`[${kind}] the same secret is read after a restart and still authenticates`, async () => {
      const databaseUrl = await database(kind);
      const masterKey = randomBytes(32).toString('base64');
      let t = await startApp(kind, { databaseUrl, masterKey });
      let agentId: string;
      let first: { clientId: string; clientSecret?: string };
      try {
        const token = await t.adminToken();
        ({ agentId } = await createAgent(t, token));
        first = await readCredentials(t, token, agentId);
        expect(first.clientSecret).toBeTruthy();
      } finally {
        await t.close();
      }
      t = await startApp(kind, { databaseUrl, masterKey });
      try {
        const token = await t.adminToken();
        expect(await readCredentials(t, token, agentId)).toEqual(first);
        expect((await tokenByPost(t, first.clientId, first.clientSecret!)).statusCode).toBe(200);
      } finally {
        await t.close();
      }
    });
  }
});

describeEachDb('issue 12 point 6: agent enums in any case, canonical on the way out', (get) => {
  it('createAgent accepts agentType, cloudProvider, deployment and trackName in any case and returns them canonical (lower case)', async () => {
    const t = get();
    const token = await t.adminToken();
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { agentType: 'DATA_PRODUCTIVITY_CLOUD', cloudProvider: 'AWS', deployment: 'FARGATE', trackName: 'STABLE' },
        { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'fargate' },
      ],
      [{ agentType: 'Data_Productivity_Cloud', cloudProvider: 'Azure', deployment: 'Container App' }, { agentType: 'data_productivity_cloud', cloudProvider: 'azure', deployment: 'container app' }],
      [{ agentType: 'data_productivity_cloud', cloudProvider: 'SNOWFLAKE', deployment: 'NATIVE APP' }, { agentType: 'data_productivity_cloud', cloudProvider: 'snowflake', deployment: 'native app' }],
      [{ agentType: 'Streaming', cloudProvider: 'GCP', deployment: 'GKE', trackName: 'Current' }, { agentType: 'streaming', cloudProvider: 'gcp', deployment: 'gke' }],
    ];
    for (const [sent, canonical] of cases) {
      const name = uniq('CaseAgent').slice(0, 30);
      const r = await t.inject({ method: 'POST', url: '/v1/agents', token, body: { name, ...sent } });
      expect(r.statusCode, `${JSON.stringify(sent)} → ${r.body}`).toBe(201);
      const a = r.json();
      expect(a).toMatchObject({ ...canonical, name });
      const trackName = typeof sent.trackName === 'string' ? sent.trackName.toLowerCase() : 'current';
      expect(a.versionDetails.trackName).toBe(trackName);
      const read = ok(await t.inject({ method: 'GET', url: `/v1/agents/${a.agentId}`, token }), 200);
      expect(read).toEqual(a);
    }
  });

  it('the type rules still apply to values in any case, and an unknown value is a 400 naming the field', async () => {
    const t = get();
    const token = await t.adminToken();
    const bad: [Record<string, unknown>, string][] = [
      [{ agentType: 'STREAMING', cloudProvider: 'SNOWFLAKE', deployment: 'native app' }, 'body.cloudProvider'],
      [{ agentType: 'Data_Productivity_Cloud', cloudProvider: 'AWS', deployment: 'GKE' }, 'body.deployment'],
      [{ agentType: 'STREAMING', cloudProvider: 'AWS', deployment: 'FARGATE', enableAutoUpdates: true }, 'body.enableAutoUpdates'],
      [{ agentType: 'hybrid', cloudProvider: 'aws', deployment: 'fargate' }, 'body.agentType'],
      [{ agentType: 'data_productivity_cloud', cloudProvider: 'AWS', deployment: 'k8s' }, 'body.deployment'],
      [{ agentType: 'data_productivity_cloud', cloudProvider: 'AWS', deployment: 'fargate', trackName: 'beta' }, 'body.trackName'],
    ];
    for (const [sent, field] of bad) {
      const r = await t.inject({ method: 'POST', url: '/v1/agents', token, body: { name: uniq('bad').slice(0, 30), ...sent } });
      expect(r.statusCode, `${JSON.stringify(sent)} → ${r.body}`).toBe(400);
      expect(r.json().violations.some((v: string) => v.startsWith(`${field}:`)), r.body).toBe(true);
    }
  });

  it('PATCH takes trackName in any case', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await createAgent(t, token);
    const r = await t.inject({ method: 'PATCH', url: `/v1/agents/${agentId}`, token, body: { trackName: 'STABLE' } });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json().versionDetails.trackName).toBe('stable');
    const back = await t.inject({ method: 'PATCH', url: `/v1/agents/${agentId}`, token, body: { trackName: 'Current' } });
    expect(back.statusCode, back.body).toBe(202);
    expect(back.json().versionDetails.trackName).toBe('current');
  });

  it('commands and the credentials action are accepted in any case', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await createAgent(t, token);
    const command = (c: string) => t.inject({ method: 'POST', url: `/v1/agents/${agentId}/commands`, token, body: { command: c } });
    const restart = await command('restart');
    expect(restart.statusCode, restart.body).toBe(202);
    expect(restart.json().agentStatus).toBe('running');
    const pause = await command('Pause');
    expect(pause.statusCode, pause.body).toBe(202);
    expect(pause.json().agentStatus).toBe('paused');
    const resume = await command('rEsUmE');
    expect(resume.statusCode, resume.body).toBe(202);
    expect(resume.json().agentStatus).toBe('running');
    const unknown = await command('stop');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().violations.some((v: string) => v.startsWith('body.command:'))).toBe(true);

    const refresh = await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token, body: { action: 'secret_refresh' } });
    expect(refresh.statusCode, refresh.body).toBe(200);
    expect(refresh.json().clientSecret).toBeTruthy();
    const badAction = await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/credentials`, token, body: { action: 'delete' } });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().violations.some((v: string) => v.startsWith('body.action:'))).toBe(true);
  });

  it('the contract lists the documented statuses, stopped and unknown included', async () => {
    const t = get();
    const doc = ok(await t.inject({ method: 'GET', url: '/openapi.json' }), 200);
    const statuses: string[] = doc.components.schemas.Agent.properties.agentStatus.enum;
    for (const s of ['pending', 'running', 'paused', 'stopped', 'unknown']) expect(statuses).toContain(s);
  });

  it('an agent that reports stopped or unknown reads so (not connected), RESTART brings it back, PAUSE/RESUME are 409, and it can be deleted', async () => {
    const t = get();
    const token = await t.adminToken();
    for (const status of ['stopped', 'unknown']) {
      const { agentId } = await createAgent(t, token);
      ok(await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/commands`, token, body: { command: 'RESTART' } }), 202);
      // Plinth runs no agent processes: the status an agent process would report is put in place here.
      await t.app.store.db.updateTable('agents').set({ status }).where('id', '=', agentId).execute();
      const read = ok(await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token }), 200);
      expect(read.agentStatus).toBe(status);
      expect(read.connected).toBe(false);
      expect(read).not.toHaveProperty('pausedUntil');
      const listed = ok(await t.inject({ method: 'GET', url: '/v1/agents?size=100', token }), 200).results.find((a: { agentId: string }) => a.agentId === agentId);
      expect(listed).toEqual(read);
      for (const c of ['PAUSE', 'RESUME']) {
        const r = await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/commands`, token, body: { command: c } });
        expect(r.statusCode, `${c} on ${status}: ${r.body}`).toBe(409);
      }
      const restarted = ok(await t.inject({ method: 'POST', url: `/v1/agents/${agentId}/commands`, token, body: { command: 'RESTART' } }), 202);
      expect(restarted).toMatchObject({ agentStatus: 'running', connected: true });
      await t.app.store.db.updateTable('agents').set({ status }).where('id', '=', agentId).execute();
      expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${agentId}`, token })).statusCode).toBe(202);
      expect((await t.inject({ method: 'GET', url: `/v1/agents/${agentId}`, token })).statusCode).toBe(404);
    }
  });
});
