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
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
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

/**
 * The valid-combination table of seed 001. `NONE`, `netsuite`, `x-ads` and the cloud providers are
 * reserved for their own auth types; any other provider is a connector and takes an OAuth type.
 * Providers are compared case-insensitively.
 */
export function checkCombination(
  v: Violations,
  type: 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS',
  provider: string | undefined,
  authType: string,
  /** Appended to an authType rule, e.g. which stored connection the combination belongs to. */
  about = '',
) {
  if (provider === undefined) {
    v.add('authProvider', `is required for ${type} (see the valid combinations: e.g. NONE with GENERIC_SECRET)`);
    return;
  }
  const p = provider.toLowerCase();
  if (type === 'CLOUD_PLATFORM_CREDENTIALS') {
    if (!(CLOUD_PROVIDERS as readonly string[]).includes(p)) v.add('authProvider', 'must be one of aws, gcp, azure for CLOUD_PLATFORM_CREDENTIALS');
    else if (authType !== 'CLOUD_PROVIDER_SECRET') v.add('authType', `must be CLOUD_PROVIDER_SECRET for CLOUD_PLATFORM_CREDENTIALS${about}`);
    return;
  }
  const expected =
    p === 'none' ? ['GENERIC_SECRET']
    : p === 'netsuite' ? ['COMPOSITE_TOKEN']
    : p === 'x-ads' ? ['OAUTH_1_0_X_ADS']
    : (CLOUD_PROVIDERS as readonly string[]).includes(p) ? null
    : OAUTH;
  if (expected === null) {
    v.add('authProvider', `${provider} is a cloud provider: use platformConnectionType CLOUD_PLATFORM_CREDENTIALS`);
  } else if (!expected.includes(authType)) {
    const what = p === 'none' ? 'NONE' : OAUTH === expected ? `a connector (${provider})` : provider;
    v.add('authType', `must be ${expected.join(' or ')} for COMPONENT_BASIC with authProvider ${what}${about}`);
  }
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
