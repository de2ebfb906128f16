import type { Violations } from '../../core/errors.js';

/**
 * Rules shared by connections, environment overrides and environments: the valid combinations
 * of platformConnectionType / authProvider / authType (seed 001), the secretsLocation variants,
 * connectionProperties per connection kind and the warehouse property sets of environments.
 *
 * Validators collect every violation (`<field>: <rule>`) into a list, and return a cleaned copy
 * of the input: known properties only, in the order sent, values untouched — what is stored and
 * later returned.
 */

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Match an enum case-insensitively; the canonical (upper-case) value, or a violation. */
export function canonicalEnum<T extends string>(v: Violations, field: string, value: string, allowed: readonly T[]): T | undefined {
  // Clients mostly send the canonical spelling: found as is, no lower-casing of every option.
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const lower = value.toLowerCase();
  const hit = allowed.find((a) => a.toLowerCase() === lower);
  if (!hit) v.add(field, `must be one of: ${allowed.join(', ')} (case-insensitive)`);
  return hit;
}

export const PLATFORM_TYPES = ['DWH', 'COMPONENT_BASIC', 'CLOUD_PLATFORM_CREDENTIALS'] as const;
export type PlatformType = (typeof PLATFORM_TYPES)[number];

export const AUTH_TYPES = [
  'GENERIC_SECRET',
  'CLOUD_PROVIDER_SECRET',
  'OAUTH_USER_TOKENS',
  'OAUTH_AUTHORIZATION_CODE',
  'OAUTH_CLIENT_CRED',
  'COMPOSITE_TOKEN',
  'OAUTH_1_0_X_ADS',
] as const;
export const DWH_AUTH_TYPES = ['KEY_PAIR', 'PASSWORD'] as const;
export const ALL_AUTH_TYPES = [...AUTH_TYPES, ...DWH_AUTH_TYPES] as const;

export const WAREHOUSES = ['SNOWFLAKE', 'REDSHIFT'] as const;
export type Warehouse = (typeof WAREHOUSES)[number];
/** The one auth type each warehouse supports (seed 000). */
export const WAREHOUSE_AUTH: Record<Warehouse, string> = { SNOWFLAKE: 'KEY_PAIR', REDSHIFT: 'PASSWORD' };

export const CLOUD_PROVIDERS = ['aws', 'gcp', 'azure'] as const;
const OAUTH = ['OAUTH_CLIENT_CRED', 'OAUTH_USER_TOKENS', 'OAUTH_AUTHORIZATION_CODE'];

type ComponentType = 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS';

/**
 * The valid-combination table of seed 001: for each platformConnectionType, which authTypes go
 * with which authProviders. `connector` stands for the open set of connector names (`salesforce`,
 * `powerbi-custom-connector`, …): any provider not named in the table. Providers are spelled as
 * the table spells them (what an inferred provider is stored as) and matched case-insensitively.
 *
 * | platformConnectionType     | authProvider            | authType                                                     |
 * |----------------------------|-------------------------|--------------------------------------------------------------|
 * | COMPONENT_BASIC            | NONE                    | GENERIC_SECRET                                               |
 * | COMPONENT_BASIC            | netsuite                | COMPOSITE_TOKEN                                              |
 * | COMPONENT_BASIC            | x-ads                   | OAUTH_1_0_X_ADS                                              |
 * | COMPONENT_BASIC            | a connector name        | OAUTH_CLIENT_CRED, OAUTH_USER_TOKENS, OAUTH_AUTHORIZATION_CODE |
 * | CLOUD_PLATFORM_CREDENTIALS | aws, gcp, azure         | CLOUD_PROVIDER_SECRET                                        |
 */
export const COMBINATIONS: readonly { type: ComponentType; providers: readonly string[] | 'connector'; authTypes: readonly string[] }[] = [
  { type: 'COMPONENT_BASIC', providers: ['NONE'], authTypes: ['GENERIC_SECRET'] },
  { type: 'COMPONENT_BASIC', providers: ['netsuite'], authTypes: ['COMPOSITE_TOKEN'] },
  { type: 'COMPONENT_BASIC', providers: ['x-ads'], authTypes: ['OAUTH_1_0_X_ADS'] },
  { type: 'COMPONENT_BASIC', providers: 'connector', authTypes: OAUTH },
  { type: 'CLOUD_PLATFORM_CREDENTIALS', providers: CLOUD_PROVIDERS, authTypes: ['CLOUD_PROVIDER_SECRET'] },
];

/** Every provider the table names (a connector is any other name). */
const RESERVED = COMBINATIONS.flatMap((c) => (c.providers === 'connector' ? [] : c.providers.map((p) => p.toLowerCase())));

/** The table's row for a provider of a type: its own row, the connector row, or none (a provider reserved by another type). */
function rowOf(type: ComponentType, provider: string) {
  const p = provider.toLowerCase();
  const own = COMBINATIONS.find((c) => c.type === type && c.providers !== 'connector' && c.providers.some((x) => x.toLowerCase() === p));
  if (own) return own;
  if (RESERVED.includes(p)) return undefined;
  return COMBINATIONS.find((c) => c.type === type && c.providers === 'connector');
}

/**
 * Checks a provider/authType pair against the table. `NONE`, `netsuite`, `x-ads` and the cloud
 * providers are reserved for their own auth types; any other provider is a connector and takes an
 * OAuth type. `provider` is never undefined here: an omitted one is inferred first (inferProvider).
 */
export function checkCombination(
  v: Violations,
  type: ComponentType,
  provider: string,
  authType: string,
  /** Appended to an authType rule, e.g. which stored connection the combination belongs to. */
  about = '',
) {
  const row = rowOf(type, provider);
  if (type === 'CLOUD_PLATFORM_CREDENTIALS') {
    if (!row) v.add('authProvider', `must be one of ${CLOUD_PROVIDERS.join(', ')} for CLOUD_PLATFORM_CREDENTIALS`);
    else if (!row.authTypes.includes(authType)) v.add('authType', `must be ${row.authTypes.join(' or ')} for CLOUD_PLATFORM_CREDENTIALS${about}`);
    return;
  }
  if (!row) {
    v.add('authProvider', `${provider} is a cloud provider: use platformConnectionType CLOUD_PLATFORM_CREDENTIALS`);
  } else if (!row.authTypes.includes(authType)) {
    const what = row.providers === 'connector' ? `a connector (${provider})` : row.providers[0]!;
    v.add('authType', `must be ${row.authTypes.join(' or ')} for COMPONENT_BASIC with authProvider ${what}${about}`);
  }
}

/** Whether the table admits `provider` with `authType` for the type. */
export const admits = (type: ComponentType, provider: string, authType: string) => rowOf(type, provider)?.authTypes.includes(authType) ?? false;

/** The one provider the table admits for the type and authType, if exactly one. */
export function soleProvider(type: ComponentType, authType: string): string | undefined {
  const rows = COMBINATIONS.filter((c) => c.type === type && c.authTypes.includes(authType));
  const only = rows.length === 1 ? rows[0]!.providers : undefined;
  return Array.isArray(only) && only.length === 1 ? only[0] : undefined;
}

/**
 * The authProvider of a connection whose body omits it (the SaaS's create schema makes it
 * optional and its documented PUT body has none):
 *
 * 1. `current` (the stored provider, on PUT) when the table admits it with the new authType;
 * 2. else the provider the table admits alone for the type and authType (GENERIC_SECRET → NONE,
 *    COMPOSITE_TOKEN → netsuite, OAUTH_1_0_X_ADS → x-ads), in the table's spelling;
 * 3. else a violation: on `authProvider` naming the choices when several would do (a connector
 *    for the OAuth types, one of aws, gcp, azure for cloud credentials), on `authType` when no
 *    provider of the type takes that authType.
 */
export function inferProvider(v: Violations, type: ComponentType, authType: string, current?: string | null): string | undefined {
  if (current && admits(type, current, authType)) return current;
  const sole = soleProvider(type, authType);
  if (sole !== undefined) return sole;
  const rows = COMBINATIONS.filter((c) => c.type === type && c.authTypes.includes(authType));
  if (rows.length === 0) {
    const elsewhere = COMBINATIONS.find((c) => c.type !== type && c.authTypes.includes(authType));
    const own = COMBINATIONS.filter((c) => c.type === type).flatMap((c) => c.authTypes);
    v.add('authType', `must be ${own.join(' or ')} for ${type}${elsewhere ? ` (${authType} needs platformConnectionType ${elsewhere.type})` : ''}`);
    return undefined;
  }
  const providers = rows[0]!.providers;
  if (providers === 'connector') {
    v.add('authProvider', `is required for ${type} with ${authType}: name the connector (e.g. salesforce); it cannot be inferred`);
  } else {
    v.add('authProvider', `is required for ${type} with ${authType}: one of ${providers.join(', ')} (it cannot be inferred)`);
  }
  return undefined;
}

const VAULT_TYPES = ['AWS_SECRET_MANAGER', 'AZURE_SECRET_MANAGER', 'GCP_SECRET_MANAGER', 'MATILLION_CUSTOMER_VAULT', 'DEFAULT_SECRET_VAULT'] as const;
const VAULT_PROPS: Record<string, string | null> = {
  AWS_SECRET_MANAGER: 'region',
  AZURE_SECRET_MANAGER: 'vaultName',
  GCP_SECRET_MANAGER: 'gcpProjectId',
  MATILLION_CUSTOMER_VAULT: null,
  DEFAULT_SECRET_VAULT: null,
};
const ALL_VAULT_PROPS = ['region', 'vaultName', 'gcpProjectId'];

/** A secretsLocation variant: `type` plus that variant's own property; another variant's property is a violation. */
export function cleanVaultLocation(v: Violations, field: string, loc: Json): Json {
  const type = String(loc.type);
  const out: Json = {};
  if (!(VAULT_TYPES as readonly string[]).includes(type)) {
    v.add(`${field}.type`, `must be one of: ${VAULT_TYPES.join(', ')}`);
    return out;
  }
  const own = VAULT_PROPS[type];
  for (const [k, val] of Object.entries(loc)) {
    if (k === 'type') out[k] = val;
    else if (k === own) out[k] = val;
    else if (ALL_VAULT_PROPS.includes(k)) v.add(`${field}.${k}`, `is not allowed with type ${type}${own ? ` (only ${own})` : ''}`);
    // anything else is unknown: ignored, not stored
  }
  return out;
}

const PROPS_OF: Record<'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS', { required: string; allowed: string[] }> = {
  COMPONENT_BASIC: { required: 'secretName', allowed: ['secretName', 'secretKey'] },
  CLOUD_PLATFORM_CREDENTIALS: { required: 'credentialSecretName', allowed: ['credentialSecretName'] },
};
const ALL_CONN_PROPS = ['secretName', 'secretKey', 'credentialSecretName'];

/** connectionProperties of a COMPONENT_BASIC or CLOUD_PLATFORM_CREDENTIALS connection. */
export function cleanConnectionProperties(v: Violations, field: string, type: 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS', props: Json): Json {
  const spec = PROPS_OF[type];
  const out: Json = {};
  for (const [k, val] of Object.entries(props)) {
    if (spec.allowed.includes(k)) out[k] = val;
    else if (ALL_CONN_PROPS.includes(k)) v.add(`${field}.${k}`, `is not a ${type} connection property (allowed: ${spec.allowed.join(', ')})`);
  }
  if (props[spec.required] === undefined) v.add(`${field}.${spec.required}`, `is required for ${type}`);
  else if (typeof props[spec.required] !== 'string' || (props[spec.required] as string).length === 0) v.add(`${field}.${spec.required}`, 'must be a non-empty string');
  return out;
}

/**
 * connectionDetails of a connection: description, secretsLocation, connectionProperties. A `DWH`
 * connection takes no connectionProperties (its credentials live in environment overrides).
 */
export function cleanConnectionDetails(v: Violations, type: PlatformType, details: Json): Json {
  const field = 'connectionDetails';
  const out: Json = {};
  for (const [k, val] of Object.entries(details)) {
    if (k === 'description') out[k] = val;
    else if (k === 'secretsLocation' && isObject(val)) out[k] = cleanVaultLocation(v, `${field}.secretsLocation`, val);
    else if (k === 'connectionProperties' && isObject(val)) {
      if (type === 'DWH') v.add(`${field}.connectionProperties`, 'is not allowed for a DWH connection (warehouse credentials are given in environment connectionOverrides)');
      else out[k] = cleanConnectionProperties(v, `${field}.connectionProperties`, type, val);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Warehouse properties of environment connection overrides.

interface PropSpec {
  required: boolean;
  secret: boolean;
  check?: (value: string) => string | null;
}

const port = (s: string) => (/^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535 ? null : 'must be a port number 1–65535 as a string, e.g. "5439"');
const bool = (s: string) => (s === 'true' || s === 'false' ? null : 'must be "true" or "false"');

/**
 * Redshift: the SaaS page's example (required set chosen by Plinth: what a connection cannot work
 * without). Snowflake: INFERENCE from the SaaS UI wizard (contract reference §5.6).
 */
export const WAREHOUSE_PROPERTIES: Record<Warehouse, Record<string, PropSpec>> = {
  REDSHIFT: {
    url: { required: true, secret: false },
    username: { required: true, secret: false },
    password: { required: true, secret: true },
    port: { required: false, secret: false, check: port },
    defaultDatabase: { required: true, secret: false },
    useSsl: { required: false, secret: false, check: bool },
    defaultSchema: { required: true, secret: false },
    defaultStorageLocation: { required: false, secret: false },
  },
  SNOWFLAKE: {
    account: { required: true, secret: false },
    username: { required: true, secret: false },
    privateKey: { required: true, secret: true },
    passphrase: { required: false, secret: true },
    defaultRole: { required: true, secret: false },
    defaultWarehouse: { required: true, secret: false },
    defaultDatabase: { required: true, secret: false },
    defaultSchema: { required: true, secret: false },
  },
};

export interface SecretPointer {
  field: string;
  secretName: string;
  secretKey: string;
}

const label = (w: Warehouse) => (w === 'SNOWFLAKE' ? 'Snowflake' : 'Redshift');

/**
 * A warehouse property map: each property `{value}` or `{secretName, secretKey}` as its spec
 * says, required ones present, unknown names rejected. Returns the cleaned map and the secret
 * pointers to resolve.
 */
export function cleanWarehouseProperties(v: Violations, field: string, warehouse: Warehouse, props: Json): { props: Json; secrets: SecretPointer[] } {
  const specs = WAREHOUSE_PROPERTIES[warehouse];
  const out: Json = {};
  const secrets: SecretPointer[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const f = `${field}.${name}`;
    const spec = specs[name];
    if (!spec) {
      v.add(f, `is not a ${label(warehouse)} connection property (allowed: ${Object.keys(specs).join(', ')})`);
      continue;
    }
    if (!isObject(raw)) {
      v.add(f, 'must be an object {value} or {secretName, secretKey}');
      continue;
    }
    const hasValue = raw.value !== undefined;
    const hasSecret = raw.secretName !== undefined || raw.secretKey !== undefined;
    if (hasValue && hasSecret) {
      v.add(f, 'must be either {value} or {secretName, secretKey}, not both');
      continue;
    }
    if (spec.secret) {
      if (!hasSecret) {
        v.add(f, 'must be a secret pointer {secretName, secretKey}; plain values are not accepted for secrets');
        continue;
      }
      const bad = (['secretName', 'secretKey'] as const).filter((k) => typeof raw[k] !== 'string' || (raw[k] as string).length === 0);
      for (const k of bad) v.add(`${f}.${k}`, raw[k] === undefined ? 'is required' : 'must be a non-empty string');
      if (bad.length) continue;
      out[name] = { secretName: raw.secretName, secretKey: raw.secretKey };
      secrets.push({ field: f, secretName: raw.secretName as string, secretKey: raw.secretKey as string });
    } else {
      if (!hasValue) {
        v.add(f, 'must be a plain value {value}');
        continue;
      }
      if (typeof raw.value !== 'string') {
        v.add(`${f}.value`, 'must be a string');
        continue;
      }
      const problem = spec.check?.(raw.value);
      if (problem) {
        v.add(`${f}.value`, problem);
        continue;
      }
      out[name] = { value: raw.value };
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && props[name] === undefined) v.add(`${field}.${name}`, `is required for ${label(warehouse)}`);
  }
  return { props: out, secrets };
}
