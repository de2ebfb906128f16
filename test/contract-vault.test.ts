import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { inline, operations } from '../src/core/http/contract.js';
import { loadContract } from '../src/resources/index.js';

describe('contract: agents, secrets, secret references', () => {
  const doc = loadContract();
  const ops = operations(doc);

  it('marks the Plinth-only operations as extensions and the SaaS ones not', () => {
    const ext = ['listSecretValues', 'deleteSecretValue', 'listSecretReferences', 'deleteSecretReference'];
    const saas = ['listAgents', 'createAgent', 'getAgent', 'updateAgent', 'deleteAgent', 'getAgentCredentials', 'refreshAgentCredentials', 'getAgentAllowlist', 'updateAgentAllowlist', 'agentCommand', 'createSecretValue', 'createSecretReference'];
    for (const id of ext) expect(ops.get(id)?.extension, id).toBe(true);
    for (const id of saas) expect(ops.get(id)?.extension, id).toBe(false);
  });

  it('documents createSecretReference as the seed oneOf with a discriminator, and validates a flat schema', () => {
    const media = doc.paths['/v1/projects/{projectId}/secret-references/{secretReferenceName}'].post.requestBody.content['application/json'];
    expect(media.schema.oneOf).toHaveLength(3);
    expect(media.schema.discriminator.propertyName).toBe('agentType');
    const body = ops.get('createSecretReference')!.schema.body;
    expect(body.oneOf).toBeUndefined();
    expect(body.required).toEqual(['agentType', 'secretReferenceType']);
    expect(body.properties.agentType.enum).toEqual(['AWS', 'Azure', 'Matillion hosted']);
  });

  it('no 2xx response schema of a secret-writing operation can carry a value', () => {
    for (const id of ['createSecretValue', 'listSecretValues', 'listSecretReferences']) {
      const text = JSON.stringify(ops.get(id)!.schema.response ?? {});
      expect(text, id).not.toMatch(/"(value|secretValue)"/);
    }
  });

  it('why flat: a literal oneOf refuses the seed Azure example (it also satisfies the AWS branch); the flat schema accepts all three', () => {
    const media = doc.paths['/v1/projects/{projectId}/secret-references/{secretReferenceName}'].post.requestBody.content['application/json'];
    const ajv = new Ajv.default({ strict: false });
    const literal = ajv.compile(inline(doc, media.schema));
    const flat = ajv.compile(ops.get('createSecretReference')!.schema.body);
    const azure = { agentType: 'Azure', secretReferenceType: 'PASSWORD', secretName: 'azure-secret-name', secretKey: 'azure-secret-key', vaultName: 'azure-vault-name' };
    const aws = { agentType: 'AWS', secretReferenceType: 'PASSWORD', secretName: 'aws-secret-name', secretKey: 'aws-secret-key' };
    const hosted = { agentType: 'Matillion hosted', secretReferenceType: 'PASSWORD', agentId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', secretValue: { password: 'password-plain-text-value' } };
    expect(literal(azure)).toBe(false);
    for (const b of [aws, azure, hosted]) expect(flat(b), b.agentType).toBe(true);
  });
});
