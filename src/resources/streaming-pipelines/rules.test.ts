import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { normaliseDefinition } from './rules.js';

const ref = (over: Record<string, unknown> = {}) => ({ secretType: 'aws_secrets_manager', secretName: 's', ...over });
const source = (over: Record<string, unknown> = {}) => ({ type: 'POSTGRES', connection: { host: 'h', port: 5432, database: 'd', username: 'u', password: ref({ key: 'k' }) }, tables: [{ schema: 'a', table: 'b' }], ...over });
const violations = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err.violations.map((v) => `${v.field}: ${v.rule}`);
    throw err;
  }
  return [];
};

describe('streaming pipeline definitions', () => {
  it('stores enums in the documented case and secret keys under both names', () => {
    const d = normaliseDefinition({ streamingSource: source(), streamingTarget: { type: 'S3', bucket: 'b', decimalMapping: 'logical' } });
    expect(d.streamingSource).toEqual({ type: 'postgres', connection: { host: 'h', port: 5432, database: 'd', username: 'u', password: { secretType: 'AWS_SECRETS_MANAGER', secretName: 's', key: 'k', secretKey: 'k' } }, tables: [{ schema: 'a', table: 'b' }] });
    expect(d.streamingTarget).toEqual({ type: 's3', bucket: 'b', decimalMapping: 'LOGICAL' });
    expect(d.advancedProperties).toEqual({});
  });

  it('keeps what the provider reads back exactly (empty prefix, Snowflake references without key)', () => {
    const d = normaliseDefinition({
      streamingSource: source({ type: 'mysql', connection: { host: 'h', port: 3306, username: 'u', password: ref({ secretKey: 'k' }) } }),
      streamingTarget: {
        type: 'snowflake',
        connection: { accountName: 'a', username: 'u', authentication: { type: 'KEY-PAIR', privateKey: ref() } },
        role: 'r', warehouse: 'w', database: 'd', stageSchema: 's', stageName: 'n', tableSchema: 't', tablePrefixType: 'source_database_and_schema', transformationType: 'change_log',
      },
    });
    expect(d.streamingTarget).toMatchObject({ tablePrefixType: 'SOURCE_DATABASE_AND_SCHEMA', transformationType: 'CHANGE_LOG', connection: { authentication: { type: 'key-pair', privateKey: { secretType: 'AWS_SECRETS_MANAGER', secretName: 's' } } } });
    expect((d.streamingTarget.connection as any).authentication.privateKey).not.toHaveProperty('key');
  });

  it('names every broken rule', () => {
    expect(violations(() => normaliseDefinition({ streamingSource: source({ type: 'oracle', connection: { host: 'h', port: 1, username: 'u', password: ref({ secretType: 'x' }) } }), streamingTarget: { type: 'abs' } }))).toEqual([
      'streamingSource.connection.database: is required',
      'streamingSource.connection.password.secretType: must be one of AWS_SECRETS_MANAGER, AZURE_KEY_VAULT, GOOGLE_SECRET_MANAGER (any case)',
      'streamingTarget.container: is required',
      'streamingTarget.accountName: is required',
      'streamingTarget.accountKey: is required',
    ]);
    expect(violations(() => normaliseDefinition({ streamingSource: source({ connection: { host: 'h', port: 1, database: 'd', pdb: 'p', username: 'u', password: ref() } }), streamingTarget: { type: 's3', bucket: 'b', decimalMapping: 'exact' } }))).toEqual([
      'streamingSource.connection.pdb: is only for an oracle source',
      'streamingTarget.decimalMapping: must be one of LOGICAL, LEGACY (any case)',
    ]);
  });
});
