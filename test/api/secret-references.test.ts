import { expect, it } from 'vitest';
import { describeEachDb, type TestApp } from '../helpers/app.js';
import { fullSaasProject, uniq } from '../helpers/fixtures.js';

async function hybridProject(t: TestApp, token: string) {
  const r = await t.inject({ method: 'POST', url: '/v1/projects', token, body: { name: uniq('hy'), warehouse: 'REDSHIFT', agentDeploymentType: 'HYBRID' } });
  return r.json().projectId as string;
}

// The seed 003 examples, one per variant (property examples of each branch, with its agentType).
const SEED_AWS = { agentType: 'AWS', description: 'My secret reference', secretReferenceType: 'PASSWORD', secretKey: 'aws-secret-key', secretName: 'aws-secret-name' };
const SEED_AZURE = {
  agentType: 'Azure',
  description: 'My secret reference',
  secretReferenceType: 'PASSWORD',
  secretKey: 'azure-secret-key',
  secretName: 'azure-secret-name',
  vaultName: 'azure-vault-name',
};
const seedHosted = (agentId: string) => ({
  agentType: 'Matillion hosted',
  description: 'My secret reference',
  secretReferenceType: 'PASSWORD',
  agentId,
  secretValue: { password: 'password-plain-text-value' },
});

describeEachDb('secret references', (get) => {
  it("creates each variant from the seed's examples: 201 with no body, listed without values", async () => {
    const t = get();
    const token = await t.adminToken();
    const { projectId, agentId } = await fullSaasProject(t, token);
    const url = (name: string) => `/v1/projects/${projectId}/secret-references/${name}`;
    for (const [name, body] of [
      ['aws-ref', SEED_AWS],
      ['azure_ref(1)', SEED_AZURE],
      ['hosted-ref', seedHosted(agentId)],
    ] as const) {
      t.clock.advance(1);
      const r = await t.inject({ method: 'POST', url: url(name), token, body });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.body).toBe('');
    }
    // Via the /dpc base path too.
    t.clock.advance(1);
    const dpc = await t.inject({ method: 'POST', url: `/dpc/v1/projects/${projectId}/secret-references/minimal-aws`, token, body: { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'only-name' } });
    expect(dpc.statusCode).toBe(201);

    const list = await t.inject({ method: 'GET', url: `/v1/projects/${projectId}/secret-references`, token });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ page: 0, size: 25, total: 4 });
    const [aws, azure, hosted, minimal] = list.json().results;
    expect(aws).toEqual({ name: 'aws-ref', agentType: 'AWS', secretReferenceType: 'PASSWORD', description: 'My secret reference', secretName: 'aws-secret-name', secretKey: 'aws-secret-key', createdAt: expect.any(String) });
    expect(azure).toMatchObject({ name: 'azure_ref(1)', agentType: 'Azure', secretName: 'azure-secret-name', secretKey: 'azure-secret-key', vaultName: 'azure-vault-name' });
    expect(hosted).toEqual({ name: 'hosted-ref', agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', description: 'My secret reference', agentId, createdAt: expect.any(String) });
    expect(minimal).toMatchObject({ name: 'minimal-aws', description: null });
    expect(list.body).not.toContain('password-plain-text-value');

    // The hosted value is in the vault, bound to the reference.
    const resolved = await t.app.secrets.references.resolve(projectId, 'hosted-ref');
    expect(resolved!.secretValue).toEqual({ password: 'password-plain-text-value' });
    const row = await t.app.store.db.selectFrom('secret_references').selectAll().where('name', '=', 'hosted-ref').executeTakeFirstOrThrow();
    expect(row.value!.startsWith('plinth:v1:')).toBe(true);
    expect((await t.app.store.db.selectFrom('secret_references').selectAll().where('name', '=', 'aws-ref').executeTakeFirstOrThrow()).value).toBeNull();
  });

  it('variant rules: 400 naming each missing field, nothing written', async () => {
    const t = get();
    const token = await t.adminToken();
    const { projectId, agentId } = await fullSaasProject(t, token);
    const post = (body: unknown, name = uniq('ref')) => t.inject({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/${name}`, token, body });
    const cases: [unknown, string[]][] = [
      [{ agentType: 'AWS', secretReferenceType: 'PASSWORD' }, ['body.secretName: is required for agentType AWS']],
      [{ agentType: 'Azure', secretReferenceType: 'PASSWORD' }, ['body.secretName: is required for agentType Azure', 'body.vaultName: is required for agentType Azure']],
      [{ agentType: 'Azure', secretReferenceType: 'PASSWORD', secretName: 'n' }, ['body.vaultName: is required for agentType Azure']],
      [{ agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD' }, ['body.agentId: is required for agentType Matillion hosted', expect.stringMatching(/^body\.secretValue: is required for agentType Matillion hosted/)]],
      [{ agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: {} }, [expect.stringMatching(/^body\.secretValue: is required/)]],
      [{ agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId, secretValue: null }, [expect.stringMatching(/^body\.secretValue: is required/)]],
      [{ ...SEED_AWS, secretValue: { password: 'x' } }, [expect.stringMatching(/^body\.secretValue: is only accepted for agentType Matillion hosted/)]],
      [{ secretReferenceType: 'PASSWORD', secretName: 'x' }, ['body.agentType: is required']],
      [{ ...SEED_AWS, agentType: 'GCP' }, ['body.agentType: must be one of: AWS, Azure, Matillion hosted']],
      [{ ...SEED_AWS, agentType: 'aws' }, ['body.agentType: must be one of: AWS, Azure, Matillion hosted']],
      [{ ...SEED_AWS, secretReferenceType: 'TOKEN' }, ['body.secretReferenceType: must be one of: PASSWORD']],
      [{ ...SEED_AWS, secretReferenceType: undefined }, ['body.secretReferenceType: is required']],
      [{ ...SEED_AWS, secretName: 7 }, ['body.secretName: must be string']],
      [{ ...SEED_AWS, agentId: 'not-a-uuid' }, [expect.stringMatching(/^body\.agentId: must match pattern/)]],
    ];
    for (const [body, violations] of cases) {
      const r = await post(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().violations, JSON.stringify(body)).toEqual(violations);
    }
    const badName = await post(SEED_AWS, 'has.dot');
    expect(badName.statusCode).toBe(400);
    expect(badName.json().violations[0]).toMatch(/^path\.secretReferenceName: must match pattern/);
    const tooLong = await post(SEED_AWS, 'x'.repeat(129));
    expect(tooLong.statusCode).toBe(400);
    expect((await post(SEED_AWS, 'x'.repeat(128))).statusCode).toBe(201);
    const list = await t.inject({ method: 'GET', url: `/v1/projects/${projectId}/secret-references`, token });
    expect(list.json().total).toBe(1);
  });

  it('agentId rules: hosted references need this project\'s hosted agent; AWS/Azure take a hybrid agent', async () => {
    const t = get();
    const token = await t.adminToken();
    const { projectId, agentId } = await fullSaasProject(t, token);
    const other = await fullSaasProject(t, token);
    const hybridProjectId = await hybridProject(t, token);
    const hybrid = (await t.inject({ method: 'POST', url: '/v1/agents', token, body: { agentType: 'data_productivity_cloud', cloudProvider: 'azure', deployment: 'aks', name: uniq('hy') } })).json();
    const post = (pid: string, body: unknown) => t.inject({ method: 'POST', url: `/v1/projects/${pid}/secret-references/${uniq('r')}`, token, body });

    const foreign = await post(projectId, seedHosted(other.agentId));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().violations).toEqual([`body.agentId: must be the Matillion-hosted agent of project ${projectId}`]);
    const onHybridAgent = await post(projectId, seedHosted(hybrid.agentId));
    expect(onHybridAgent.statusCode).toBe(400);
    const inHybridProject = await post(hybridProjectId, seedHosted(agentId));
    expect(inHybridProject.statusCode).toBe(400);
    expect(inHybridProject.json().violations[0]).toMatch(/is HYBRID so it has none/);
    const unknownAgent = await post(projectId, seedHosted('00000000-0000-4000-8000-000000000000'));
    expect(unknownAgent.statusCode).toBe(400);
    // Upper-case UUIDs name the same agent.
    expect((await post(projectId, seedHosted(agentId.toUpperCase()))).statusCode).toBe(201);

    expect((await post(hybridProjectId, { ...SEED_AZURE, agentId: hybrid.agentId })).statusCode).toBe(201);
    const awsOnHosted = await post(hybridProjectId, { ...SEED_AWS, agentId });
    expect(awsOnHosted.statusCode).toBe(400);
    expect(awsOnHosted.json().violations).toEqual(['body.agentId: must be a customer-hosted (hybrid) agent of this account']);

    // Deleting the hybrid agent keeps the reference, without the agent.
    expect((await t.inject({ method: 'DELETE', url: `/v1/agents/${hybrid.agentId}`, token })).statusCode).toBe(202);
    const refs = (await t.inject({ method: 'GET', url: `/v1/projects/${hybridProjectId}/secret-references`, token })).json().results;
    expect(refs).toHaveLength(1);
    expect(refs[0]).not.toHaveProperty('agentId');
  });

  it('404 unknown project, 409 duplicate, DELETE 204/404, references go with the project', async () => {
    const t = get();
    const token = await t.adminToken();
    const { projectId } = await fullSaasProject(t, token);
    const ghost = '00000000-0000-4000-8000-000000000000';
    const unknown = await t.inject({ method: 'POST', url: `/v1/projects/${ghost}/secret-references/x`, token, body: SEED_AWS });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().title).toBe('Not Found');
    expect((await t.inject({ method: 'GET', url: `/v1/projects/${ghost}/secret-references`, token })).statusCode).toBe(404);
    const badProject = await t.inject({ method: 'POST', url: '/v1/projects/not-a-uuid/secret-references/x', token, body: SEED_AWS });
    expect(badProject.statusCode).toBe(400);

    const url = `/v1/projects/${projectId}/secret-references/dup`;
    expect((await t.inject({ method: 'POST', url, token, body: SEED_AWS })).statusCode).toBe(201);
    const dup = await t.inject({ method: 'POST', url, token, body: SEED_AZURE });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().violations).toEqual(['path.secretReferenceName: must be unique within the project']);
    expect((await t.app.secrets.references.resolve(projectId, 'dup'))!.agentType).toBe('AWS');

    expect((await t.inject({ method: 'DELETE', url, token })).statusCode).toBe(204);
    expect((await t.inject({ method: 'DELETE', url, token })).statusCode).toBe(404);
    expect((await t.inject({ method: 'POST', url, token, body: SEED_AZURE })).statusCode).toBe(201);

    expect((await t.inject({ method: 'DELETE', url: `/v1/projects/${projectId}`, token })).statusCode).toBe(204);
    const left = await t.app.store.db.selectFrom('secret_references').selectAll().where('project_id', '=', projectId).execute();
    expect(left).toEqual([]);
  });

  it('project visibility: roles without a grant get 404; an agent token gets 403', async () => {
    const t = get();
    const token = await t.adminToken();
    const { projectId } = await fullSaasProject(t, token);
    for (const role of ['ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const) {
      const tk = await t.tokenFor(role);
      const r = await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/by-${role}`, token: tk, body: SEED_AWS });
      expect(r.statusCode, role).toBe(404);
      expect((await t.inject({ method: 'GET', url: `/v1/projects/${projectId}/secret-references`, token: tk })).statusCode).toBe(404);
    }
    const agent = (await t.inject({ method: 'POST', url: '/v1/agents', token, body: { agentType: 'streaming', cloudProvider: 'gcp', deployment: 'gke', name: uniq('a') } })).json();
    const creds = (await t.inject({ method: 'GET', url: `/v1/agents/${agent.agentId}/credentials`, token })).json();
    const agentToken = await t.tokenWith(creds.clientId, creds.clientSecret);
    const r = await t.inject({ method: 'POST', url: `/v1/projects/${projectId}/secret-references/by-agent`, token: agentToken, body: SEED_AWS });
    expect(r.statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/v1/projects/${projectId}/secret-references`, token })).json().total).toBe(0);
  });
});
