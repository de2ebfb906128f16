import { describe, expect, it } from 'vitest';
import { operations } from '../src/core/http/contract.js';
import { loadContract } from '../src/resources/index.js';

describe('contract: connections and environments', () => {
  const doc = loadContract();
  const ops = operations(doc);

  it('marks only the environment GET/DELETE as Plinth extensions', () => {
    const mine = [
      'createDataPlatformConnection',
      'createProjectConnection',
      'listProjectConnections',
      'updateProjectConnection',
      'deleteProjectConnection',
      'createEnvironmentConnectionOverride',
      'updateEnvironmentConnectionOverride',
      'listEnvironmentConnectionOverrides',
      'deleteEnvironmentConnectionOverrides',
      'createEnvironment',
      'listEnvironments',
    ];
    for (const id of mine) expect(ops.get(id)?.extension, id).toBe(false);
    expect(ops.get('getEnvironment')?.extension).toBe(true);
    expect(ops.get('deleteEnvironment')?.extension).toBe(true);
  });

  it('keeps case-insensitive enums in the document but not in the validation schema', () => {
    const served = doc.components.schemas.CreateDataPlatformConnectionRequest.properties.authType;
    expect(served.enum).toEqual(['KEY_PAIR', 'PASSWORD']);
    const validated = ops.get('createDataPlatformConnection')!.schema.body.properties.authType;
    expect(validated).toEqual({ type: 'string', description: expect.any(String) });
    // A case-sensitive enum is still validated as one.
    expect(ops.get('createEnvironment')!.schema.body.properties.defaultUserAccessLevel.enum).toEqual(['default', 'admin', 'runner', 'readOnly', 'noAccess']);
  });

  it('documents the secretsLocation variants with a discriminator mapping to existing schemas', () => {
    const mapping = doc.components.schemas.VaultLocation.discriminator.mapping as Record<string, string>;
    for (const [type, ref] of Object.entries(mapping)) {
      const target = doc.components.schemas[ref.split('/').pop()!];
      expect(target?.properties.type.const, type).toBe(type);
    }
  });
});
