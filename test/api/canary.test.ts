import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { ADMIN_SECRET, describeEachDb } from '../helpers/app.js';
import { findSecret } from '../helpers/canary.js';
import { fullSaasProject } from '../helpers/fixtures.js';

/**
 * Write-only secrets: one unique value goes in through every write path of the vault issue (and
 * through the error paths next to them); it must then be absent from every response body, every
 * log line and every column of every table. Server-generated secrets are shown only where they are
 * issued: an API credential's in its creation response, an agent's by its credentials endpoint
 * (which returns it on every read); they must be absent everywhere else, in plaintext.
 */
describeEachDb('secret canary', (get) => {
  it('no written or issued secret appears in any response, log line or column', async () => {
    const t = get();
    const C = `canary${randomBytes(12).toString('hex')}`;
    const responses: string[] = [];
    const call = async (opts: Parameters<typeof t.inject>[0]) => {
      const r = await t.inject(opts);
      responses.push(r.body);
      return r;
    };
    const admin = await t.adminToken();
    const { projectId, agentId } = await fullSaasProject(t, admin);
    const hybrid = (await call({ method: 'POST', url: '/v1/agents', token: admin, body: { agentType: 'data_productivity_cloud', cloudProvider: 'aws', deployment: 'eks', name: 'canary-hybrid' } })).json();
    const hybridProject = (await call({ method: 'POST', url: '/v1/projects', token: admin, body: { name: 'canary-hybrid', warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' } })).json().projectId;

    // Hosted secret values: a PEM private key with newlines, and each cloud provider shape.
    const pemKey = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n${C}\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n`;
    const values: [string, string, unknown][] = [
      ['pem', 'DWH_PASSWORD', pemKey],
      ['password', 'DWH_PASSWORD', C],
      ['aws', 'CLOUD_PROVIDER_SECRET', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: C }],
      ['aws-string', 'CLOUD_PROVIDER_SECRET', JSON.stringify({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: C, sessionToken: C })],
      ['azure', 'CLOUD_PROVIDER_SECRET', { clientId: '0b6f4c1e-7a57-4c0e-9e1a-3f1a2b3c4d5e', clientSecret: C, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }],
      ['gcp', 'CLOUD_PROVIDER_SECRET', { type: 'service_account', project_id: 'p', private_key: pemKey, client_email: 'a@b.iam.gserviceaccount.com' }],
    ];
    for (const [name, type, value] of values) {
      const r = await call({ method: 'POST', url: `/v1/secrets/${agentId}/secret-value`, token: admin, body: { name, type, key: 'k', value } });
      expect(r.statusCode, name).toBe(201);
    }
    expect((await t.app.secrets.hosted.resolve(t.app.identity.defaultAccountId, agentId, 'pem'))!.value).toBe(pemKey);

    // Error paths carrying the canary.
    const refused: [string, string, unknown, string | null, number][] = [
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'pem', type: 'DWH_PASSWORD', key: 'k', value: C }, admin, 409],
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'x1', type: 'CLOUD_PROVIDER_SECRET', key: 'k', value: { accessKeyId: C, secretAccessKey: C } }, admin, 400],
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'x2', type: 'CLOUD_PROVIDER_SECRET', key: 'k', value: `{"oops": ${C}` }, admin, 400],
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'x3', type: 'CLOUD_PROVIDER_SECRET', key: 'k', value: { type: C, private_key: C } }, admin, 400],
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'x4', type: 'DWH_PASSWORD', key: 'k', value: { password: C } }, admin, 400],
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'x5', type: C, key: 'k', value: C }, admin, 400],
      ['POST', `/v1/secrets/${hybrid.agentId}/secret-value`, { name: 'x6', type: 'DWH_PASSWORD', key: 'k', value: C }, admin, 400],
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'x7', type: 'DWH_PASSWORD', key: 'k', value: C }, null, 401],
      ['POST', `/v1/secrets/${agentId}/secret-value`, { name: 'x8', type: 'DWH_PASSWORD', key: 'k', value: C }, await t.tokenFor('MEMBER'), 403],
      ['POST', `/v1/projects/${projectId}/secret-references/x9`, { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'n', secretValue: { password: C } }, admin, 400],
      ['POST', `/v1/projects/${hybridProject}/secret-references/x10`, { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: { password: C } }, admin, 400],
      ['POST', `/v1/projects/00000000-0000-4000-8000-000000000000/secret-references/x11`, { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: { password: C } }, admin, 404],
      ['POST', `/v1/secrets/${agentId}/secret-value`, `{"name": "x12", "value": "${C}"`, admin, 400],
    ];
    for (const [method, url, body, token, status] of refused) {
      const r = await call({ method, url, body, token });
      expect(r.statusCode, `${method} ${url} ${JSON.stringify(body).slice(0, 40)}`).toBe(status);
    }

    // Secret reference, Matillion hosted.
    const ref = await call({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/canary-ref`, token: admin, body: { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: { password: C, privateKey: pemKey } } });
    expect(ref.statusCode).toBe(201);
    const dupRef = await call({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/canary-ref`, token: admin, body: { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: { password: C } } });
    expect(dupRef.statusCode).toBe(409);

    // Issued secrets: API credential and agent credentials (shown only in their own responses).
    const issued: string[] = [];
    const apiCred = await t.inject({ method: 'POST', url: '/v1/api-credentials', token: admin, body: { name: 'canary-cred', role: 'SUPER_ADMIN' } });
    expect(apiCred.statusCode).toBe(201);
    issued.push(apiCred.json().clientSecret);
    const credToken = await t.tokenWith(apiCred.json().clientId, apiCred.json().clientSecret);
    expect((await call({ method: 'GET', url: '/v1/agents', token: credToken })).statusCode).toBe(200);
    const firstAgentCreds = await t.inject({ method: 'GET', url: `/v1/agents/${hybrid.agentId}/credentials`, token: admin });
    issued.push(firstAgentCreds.json().clientSecret);
    const refreshed = await t.inject({ method: 'POST', url: `/v1/agents/${hybrid.agentId}/credentials`, token: admin, body: { action: 'SECRET_REFRESH' } });
    expect(refreshed.statusCode).toBe(200);
    issued.push(refreshed.json().clientSecret);
    const agentToken = await t.tokenWith(refreshed.json().clientId, refreshed.json().clientSecret);
    expect((await call({ method: 'GET', url: `/v1/agents/${hybrid.agentId}`, token: agentToken })).statusCode).toBe(200);
    // The agent's credentials endpoint returns its pair on every read (its clients read it on
    // every refresh), so that endpoint is the one place the agent secret may appear: it is not
    // collected with the responses checked below.
    expect((await t.inject({ method: 'GET', url: `/v1/agents/${hybrid.agentId}/credentials`, token: admin })).json()).toEqual(refreshed.json());
    // A failed token request with a secret-looking value.
    const failed = await t.app.server.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: refreshed.json().clientId, client_secret: C }).toString(),
    });
    responses.push(failed.body);
    expect(failed.statusCode).toBe(401);

    // Every read path there is.
    for (const url of [`/v1/secrets/${agentId}/secret-values`, `/v1/projects/${projectId}/secret-references`, '/v1/agents', `/v1/agents/${agentId}`, '/v1/api-credentials', '/v1/projects', `/v1/projects/${projectId}`]) {
      expect((await call({ method: 'GET', url, token: admin })).statusCode, url).toBe(200);
    }

    expect(await findSecret(t, C, responses)).toEqual([]);
    for (const s of issued) {
      expect(s.length).toBeGreaterThan(20);
      expect(await findSecret(t, s, responses)).toEqual([]);
    }
    expect(await findSecret(t, ADMIN_SECRET, responses)).toEqual([]);
    // The scanner itself finds what is there (a test that cannot fail is a defect).
    expect(await findSecret(t, 'canary-ref', responses)).not.toEqual([]);
    expect(await findSecret(t, C, [...responses, `x${C}x`])).toEqual([`response #${responses.length}`]);
  });
});
