import { Violations } from '../../core/errors.js';

/**
 * A streaming pipeline definition as Matillion's Terraform provider sends and reads it. Enum
 * values are accepted in any case (the provider sends lower case) and stored as documented:
 * source and target `type` and the Snowflake authentication `type` in lower case (the provider
 * compares them exactly), the others (`transformationType`, `tablePrefixType`, `temporalMapping`,
 * `decimalMapping`, `secretType`) in upper case (the provider lower-cases them on read).
 *
 * Secrets travel only as references `{secretType, secretName, key | secretKey, secretLocation?}`:
 * the schema refuses any other member, so no secret value is ever stored or returned. `key` (the
 * provider's spelling) and `secretKey` (the docs') name the same thing: either is accepted and
 * both are echoed.
 */

export const SOURCE_TYPES = ['postgres', 'sqlserver', 'mysql', 'oracle', 'db2ibmi'] as const;
export const TARGET_TYPES = ['snowflake', 's3', 'abs'] as const;
export const SECRET_TYPES = ['AWS_SECRETS_MANAGER', 'AZURE_KEY_VAULT', 'GOOGLE_SECRET_MANAGER'] as const;
const TRANSFORMATION_TYPES = ['COPY_TABLE', 'COPY_TABLE_SOFT_DELETE', 'CHANGE_LOG'];
const TABLE_PREFIX_TYPES = ['PREFIX', 'SOURCE_DATABASE_AND_SCHEMA', 'NONE'];
const TEMPORAL_MAPPINGS = ['NATIVE', 'EPOCH'];
const DECIMAL_MAPPINGS = ['LOGICAL', 'LEGACY'];
/** Sources whose connection names a database (MySQL and Db2 for i do not). */
const WITH_DATABASE = ['postgres', 'sqlserver', 'oracle'];

export interface SecretReference {
  secretType: string;
  secretName: string;
  key?: string;
  secretKey?: string;
  secretLocation?: string;
}

type Obj = Record<string, unknown>;

export interface Definition {
  streamingSource: Obj;
  streamingTarget: Obj;
  advancedProperties: Record<string, string>;
}

/** One enum value in any case, stored in the documented case; undefined (a violation) when unknown. */
function enumValue(v: Violations, field: string, value: unknown, allowed: readonly string[], upper: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  const spelled = upper ? value.toUpperCase() : value.toLowerCase();
  if (allowed.includes(spelled)) return spelled;
  v.add(field, `must be one of ${allowed.join(', ')} (any case)`);
  return undefined;
}

function required(v: Violations, o: Obj, prefix: string, names: string[]) {
  for (const n of names) if (o[n] === undefined || o[n] === null || o[n] === '') v.add(`${prefix}.${n}`, 'is required');
}

/** A secret reference in the stored shape (schema-checked members only). */
function secretRef(v: Violations, field: string, value: unknown): SecretReference | undefined {
  if (value === undefined) return undefined;
  const r = value as Obj;
  const secretType = enumValue(v, `${field}.secretType`, r.secretType, SECRET_TYPES, true);
  const key = (r.key ?? r.secretKey) as string | undefined;
  if (r.key !== undefined && r.secretKey !== undefined && r.key !== r.secretKey) v.add(`${field}.secretKey`, 'must equal key when both are given (they name the same key)');
  const out: SecretReference = { secretType: secretType ?? String(r.secretType), secretName: r.secretName as string };
  if (key !== undefined && key !== '') Object.assign(out, { key, secretKey: key });
  if (r.secretLocation !== undefined) out.secretLocation = r.secretLocation as string;
  return out;
}

/** Copies the members present in `names` (absent ones stay absent). */
const pick = (o: Obj, names: string[]) => Object.fromEntries(names.filter((n) => o[n] !== undefined).map((n) => [n, o[n]]));

function normaliseSource(v: Violations, s: Obj): Obj {
  const type = enumValue(v, 'streamingSource.type', s.type, SOURCE_TYPES, false);
  const c = (s.connection ?? {}) as Obj;
  required(v, c, 'streamingSource.connection', ['host', 'port', 'username', 'password', ...(type && WITH_DATABASE.includes(type) ? ['database'] : [])]);
  if (c.pdb !== undefined && c.pdb !== '' && type && type !== 'oracle') v.add('streamingSource.connection.pdb', 'is only for an oracle source');
  const connection = { ...pick(c, ['host', 'port', 'database', 'pdb', 'username']), password: secretRef(v, 'streamingSource.connection.password', c.password), ...pick(c, ['jdbcProperties']) };
  return { type: type ?? s.type, connection, tables: s.tables };
}

function normaliseSnowflake(v: Violations, t: Obj): Obj {
  required(v, t, 'streamingTarget', ['connection', 'role', 'warehouse', 'database', 'stageSchema', 'stageName', 'tableSchema', 'tablePrefixType', 'transformationType']);
  const c = (t.connection ?? {}) as Obj;
  required(v, c, 'streamingTarget.connection', ['accountName', 'username', 'authentication']);
  const a = (c.authentication ?? {}) as Obj;
  required(v, a, 'streamingTarget.connection.authentication', ['type', 'privateKey']);
  const authType = enumValue(v, 'streamingTarget.connection.authentication.type', a.type, ['key-pair'], false);
  const authentication = {
    type: authType ?? a.type,
    privateKey: secretRef(v, 'streamingTarget.connection.authentication.privateKey', a.privateKey),
    ...(a.passphrase !== undefined ? { passphrase: secretRef(v, 'streamingTarget.connection.authentication.passphrase', a.passphrase) } : {}),
  };
  const out: Obj = {
    type: 'snowflake',
    connection: { ...pick(c, ['accountName', 'username']), authentication, ...pick(c, ['jdbcProperties']) },
    ...pick(t, ['role', 'warehouse', 'database', 'stageSchema', 'stageName', 'stagePrefix', 'tableSchema']),
  };
  out.tablePrefixType = enumValue(v, 'streamingTarget.tablePrefixType', t.tablePrefixType, TABLE_PREFIX_TYPES, true) ?? t.tablePrefixType;
  out.transformationType = enumValue(v, 'streamingTarget.transformationType', t.transformationType, TRANSFORMATION_TYPES, true) ?? t.transformationType;
  if (t.temporalMapping !== undefined && t.temporalMapping !== '') out.temporalMapping = enumValue(v, 'streamingTarget.temporalMapping', t.temporalMapping, TEMPORAL_MAPPINGS, true);
  return out;
}

function normaliseStorage(v: Violations, type: 's3' | 'abs', t: Obj): Obj {
  required(v, t, 'streamingTarget', type === 's3' ? ['bucket'] : ['container', 'accountName', 'accountKey']);
  const out: Obj = { type, ...pick(t, type === 's3' ? ['bucket', 'prefix'] : ['container', 'prefix', 'accountName']) };
  if (type === 'abs') out.accountKey = secretRef(v, 'streamingTarget.accountKey', t.accountKey);
  if (t.decimalMapping !== undefined && t.decimalMapping !== '') out.decimalMapping = enumValue(v, 'streamingTarget.decimalMapping', t.decimalMapping, DECIMAL_MAPPINGS, true);
  return out;
}

function normaliseTarget(v: Violations, t: Obj): Obj {
  const type = enumValue(v, 'streamingTarget.type', t.type, TARGET_TYPES, false);
  if (type === 'snowflake') return normaliseSnowflake(v, t);
  if (type === 's3' || type === 'abs') return normaliseStorage(v, type, t);
  return { type: t.type };
}

/**
 * Checks a definition (beyond what the schema checks: per-type required fields, enum values in
 * any case, secret-reference types) and returns it in the stored shape; a 400 names every broken
 * rule.
 */
export function normaliseDefinition(input: { streamingSource: Obj; streamingTarget: Obj; advancedProperties?: Record<string, string> }): Definition {
  const v = new Violations();
  const def = {
    streamingSource: normaliseSource(v, input.streamingSource),
    streamingTarget: normaliseTarget(v, input.streamingTarget),
    advancedProperties: input.advancedProperties ?? {},
  };
  v.throwIfAny();
  return def;
}
