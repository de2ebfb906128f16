import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';
import { fullSaasProject, pem, uniq } from '../helpers/fixtures.js';
import { noAudit } from '../../src/core/audit.js';
import { createSecretsService } from '../../src/resources/secrets/service.js';
import { createPolicy } from '../../src/core/policy.js';
import { createSecretsRepo } from '../../src/resources/secrets/store.js';

const AWS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const AZURE = { clientId: '0b6f4c1e-7a57-4c0e-9e1a-3f1a2b3c4d5e', clientSecret: 'azure~secret.value', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
const gcp = () => ({
  type: 'service_account',
  project_id: 'my-project',
  private_key_id: 'abc123',
  private_key: pem(),
  client_email: 'svc@my-project.iam.gserviceaccount.com',
  client_id: '1234567890',
  token_uri: 'https://oauth2.googleapis.com/token',
});

describeEachDb('hosted secret values', (get) => {
  it('stores a DWH password and a PEM private key: 201 without the value, newlines kept exactly', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await fullSaasProject(t, token);
    const key = pem();
    expect(key).toContain('\n');
    const r = await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { name: 'sf-key', type: 'DWH_PASSWORD', key: 'privateKey', value: key } });
    expect(r.statusCode).toBe(201);
    expect(Object.keys(r.json()).sort()).toEqual(['agentId', 'createdAt', 'key', 'name', 'type']);
    expect(r.json()).toMatchObject({ name: 'sf-key', type: 'DWH_PASSWORD', key: 'privateKey', agentId });
    expect(r.body).not.toContain('PRIVATE KEY');

    const accountId = t.app.identity.defaultAccountId;
    const back = await t.app.secrets.hosted.resolve(accountId, agentId, 'sf-key');
    expect(back).toEqual({ type: 'DWH_PASSWORD', key: 'privateKey', value: key });

    const pw = await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { name: 'rs.pw', type: 'DWH_PASSWORD', key: 'password', value: 'p@ss w0rd "quoted" \\n literal' } });
    expect(pw.statusCode).toBe(201);
    expect((await t.app.secrets.hosted.resolve(accountId, agentId, 'rs.pw'))!.value).toBe('p@ss w0rd "quoted" \\n literal');

    // The stored column is a vault blob, not the value.
    const row = await t.app.store.db.selectFrom('hosted_secrets').selectAll().where('name', '=', 'sf-key').executeTakeFirstOrThrow();
    expect(row.value.startsWith('plinth:v1:')).toBe(true);
    expect(row.value).not.toContain('PRIVATE');
  });

  it('CLOUD_PROVIDER_SECRET accepts AWS, Azure and Google Cloud shapes, as objects or JSON strings', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await fullSaasProject(t, token);
    const accountId = t.app.identity.defaultAccountId;
    const g = gcp();
    const cases: [string, unknown][] = [
      ['aws-obj', AWS],
      ['aws-session', { ...AWS, sessionToken: 'FwoGZXIvYXdzEXAMPLE' }],
      ['aws-str', JSON.stringify(AWS)],
      ['azure', AZURE],
      ['azure-str', JSON.stringify(AZURE)],
      ['gcp', g],
      ['gcp-str', JSON.stringify(g, null, 2)],
    ];
    for (const [name, value] of cases) {
      const r = await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { name, type: 'CLOUD_PROVIDER_SECRET', key: 'credentials', value } });
      expect(r.statusCode, `${name}: ${r.body}`).toBe(201);
      const stored = (await t.app.secrets.hosted.resolve(accountId, agentId, name))!.value;
      if (typeof value === 'string') expect(stored).toBe(value);
      else expect(JSON.parse(stored)).toEqual(value);
    }
  });

  it('refuses values that do not match a provider shape, naming the field, and stores nothing', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await fullSaasProject(t, token);
    const post = (b: Record<string, unknown>) => t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { name: uniq('bad'), key: 'k', type: 'CLOUD_PROVIDER_SECRET', ...b } });
    const cases: [unknown, string[]][] = [
      [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, ['body.value.secretAccessKey: is required (a non-empty string)']],
      [{ accessKeyId: 'lower-case', secretAccessKey: 'x' }, ['body.value.accessKeyId: must be an AWS access key id (16-128 upper-case letters and digits)']],
      [{ ...AWS, sessionToken: '' }, ['body.value.sessionToken: must be a non-empty string when present']],
      [{ clientId: 'not-a-uuid', clientSecret: 's', tenantId: AZURE.tenantId }, ["body.value.clientId: must be the service principal's application (client) id, a UUID"]],
      [{ clientId: AZURE.clientId, clientSecret: 's' }, ['body.value.tenantId: must be the Microsoft Entra tenant id, a UUID']],
      [{ ...gcp(), type: 'user' }, ['body.value.type: must be service_account']],
      [{ ...gcp(), private_key: 'not a pem' }, ['body.value.private_key: must be a PEM private key with \\n line breaks']],
      [{ ...gcp(), client_email: 'nobody' }, ['body.value.client_email: must be an e-mail address']],
      [{ username: 'u', password: 'p' }, [expect.stringMatching(/^body\.value: must be valid AWS credentials JSON/)]],
      ['{not json SECRET-IN-BAD-JSON', [expect.stringMatching(/^body\.value: must be a JSON object \(or a string holding one\)/)]],
      ['[1,2]', [expect.stringMatching(/^body\.value: must be a JSON object:/)]],
    ] as any;
    for (const [value, violations] of cases) {
      const r = await post({ value });
      expect(r.statusCode, JSON.stringify(value).slice(0, 60)).toBe(400);
      expect(r.json().violations).toEqual(violations);
      expect(r.body).not.toContain('SECRET-IN-BAD-JSON');
    }
    const dwhObject = await post({ type: 'DWH_PASSWORD', value: { password: 'x' } });
    expect(dwhObject.statusCode).toBe(400);
    expect(dwhObject.json().violations).toEqual(['body.value: must be a string (the password or PEM private key) for type DWH_PASSWORD']);
    const list = await t.inject({ method: 'GET', url: `/v1/secrets/${agentId}/secret-values`, token });
    expect(list.json().total).toBe(0);
  });

  it('schema rules, hybrid and unknown agents, duplicates', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await fullSaasProject(t, token);
    const url = `/v1/secrets/${agentId}/secret-value`;
    const ok = { name: 'dup', type: 'DWH_PASSWORD', key: 'password', value: 'pw' };
    expect((await t.inject({ method: 'POST', url, token, body: ok })).statusCode).toBe(201);
    const dup = await t.inject({ method: 'POST', url, token, body: { ...ok, value: 'other' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().violations).toEqual(['body.name: must be unique on the agent']);
    expect((await t.app.secrets.hosted.resolve(t.app.identity.defaultAccountId, agentId, 'dup'))!.value).toBe('pw');

    const missing = await t.inject({ method: 'POST', url, token, body: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().violations).toEqual(['body.name: is required', 'body.type: is required', 'body.key: is required', 'body.value: is required']);
    const badType = await t.inject({ method: 'POST', url, token, body: { ...ok, name: 'x1', type: 'PASSWORD' } });
    expect(badType.json().violations).toEqual(['body.type: must be one of: DWH_PASSWORD, CLOUD_PROVIDER_SECRET']);
    const badName = await t.inject({ method: 'POST', url, token, body: { ...ok, name: 'has space' } });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().violations[0]).toMatch(/^body\.name: must match pattern/);
    const emptyValue = await t.inject({ method: 'POST', url, token, body: { ...ok, name: 'x2', value: '' } });
    expect(emptyValue.statusCode).toBe(400);
    const numberValue = await t.inject({ method: 'POST', url, token, body: { ...ok, name: 'x3', value: 42 } });
    expect(numberValue.statusCode).toBe(400);

    const hybrid = await t.inject({ method: 'POST', url: '/v1/agents', token, body: { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'eks', name: uniq('hy') } });
    const onHybrid = await t.inject({ method: 'POST', url: `/v1/secrets/${hybrid.json().agentId}/secret-value`, token, body: ok });
    expect(onHybrid.statusCode).toBe(400);
    expect(onHybrid.json().violations[0]).toMatch(/^path\.agentId: must be a Matillion-hosted agent .*secret reference/);
    const unknown = await t.inject({ method: 'POST', url: '/v1/secrets/00000000-0000-4000-8000-000000000000/secret-value', token, body: ok });
    expect(unknown.statusCode).toBe(404);
  });

  it('list (never values) and delete extensions; secrets go with the project', async () => {
    const t = get();
    const token = await t.adminToken();
    const { projectId, agentId } = await fullSaasProject(t, token);
    for (const name of ['a', 'b', 'c']) {
      t.clock.advance(1); // creation order is timestamp order
      await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token, body: { name, type: 'DWH_PASSWORD', key: 'password', value: `value-of-${name}` } });
    }
    const list = await t.inject({ method: 'GET', url: `/v1/secrets/${agentId}/secret-values?size=2`, token });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ page: 0, size: 2, total: 3 });
    expect(list.json().results.map((r: any) => r.name)).toEqual(['a', 'b']);
    expect(Object.keys(list.json().results[0]).sort()).toEqual(['agentId', 'createdAt', 'key', 'name', 'type', 'updatedAt']);
    expect(list.body).not.toContain('value-of-');

    expect((await t.inject({ method: 'DELETE', url: `/v1/secrets/${agentId}/secret-values/b`, token })).statusCode).toBe(204);
    expect((await t.inject({ method: 'DELETE', url: `/v1/secrets/${agentId}/secret-values/b`, token })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/v1/secrets/${agentId}/secret-values`, token })).json().total).toBe(2);

    expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(204);
    const left = await t.app.store.db.selectFrom('hosted_secrets').selectAll().where('agent_id', '=', agentId).execute();
    expect(left).toEqual([]);
    expect((await t.inject({ method: 'GET', url: `/v1/secrets/${agentId}/secret-values`, token })).statusCode).toBe(404);
  });

  it('roles: Super Admin and Admin write secrets; Billing Admin and Member get 403', async () => {
    const t = get();
    const token = await t.adminToken();
    const { agentId } = await fullSaasProject(t, token);
    const admin = await t.tokenFor('ADMIN');
    const byAdmin = await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token: admin, body: { name: 'by-admin', type: 'DWH_PASSWORD', key: 'password', value: 'x' } });
    expect(byAdmin.statusCode).toBe(201);
    for (const role of ['BILLING_ADMIN', 'MEMBER'] as const) {
      const tk = await t.tokenFor(role);
      const w = await t.inject({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token: tk, body: { name: `by-${role}`, type: 'DWH_PASSWORD', key: 'password', value: 'x' } });
      expect(w.statusCode).toBe(403);
      expect(w.json().title).toBe('Forbidden');
      expect((await t.inject({ method: 'GET', url: `/v1/secrets/${agentId}/secret-values`, token: tk })).statusCode).toBe(403);
      expect((await t.inject({ method: 'DELETE', url: `/v1/secrets/${agentId}/secret-values/by-admin`, token: tk })).statusCode).toBe(403);
    }
    expect((await t.inject({ method: 'GET', url: `/v1/secrets/${agentId}/secret-values`, token })).json().total).toBe(1);
  });

  it('an agent deleted between the check and the write is a 404, not a 500', async () => {
    const t = get();
    const { agentId } = await fullSaasProject(t, await t.adminToken());
    const db = t.app.store.db;
    const real = await db.selectFrom('agents').selectAll().where('id', '=', agentId).executeTakeFirstOrThrow();
    const ghostId = '00000000-0000-4000-8000-00000000dead';
    // The check sees the agent; by the insert it is gone.
    const agents = { lookup: async () => ({ id: ghostId, name: real.name, hosted: true, projectId: real.project_id, usableBy: () => true }) };
    const svc = createSecretsService({ db, audit: noAudit, agents, secrets: createSecretsRepo(db), vault: t.app.vault, policy: createPolicy(), clock: () => new Date() });
    const actor = { accountId: real.account_id, clientId: 'x', role: 'SUPER_ADMIN' as const, kind: 'user' as const };
    const err = await svc.create(actor, ghostId, { name: 'late', type: 'DWH_PASSWORD', key: 'k', value: 'v' }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'not_found' });
    expect(await db.selectFrom('hosted_secrets').selectAll().where('name', '=', 'late').execute()).toEqual([]);
  });
});
