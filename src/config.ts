import path from 'node:path';
import { loadInstanceConfig, type ControlsConfig } from './config-instance.js';

/** Raised for any configuration problem; the CLI prints `message` as one line and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type DatabaseConfig =
  | { kind: 'sqlite'; filename: string; memory: boolean }
  | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Raw PLINTH_MASTER_KEY value (parsed by the vault keyring); undefined when not set. */
  masterKey: string | undefined;
  bootstrapClientId: string | undefined;
  bootstrapClientSecret: string | undefined;
  /** PLINTH_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD: a Super Admin user ensured at start (both or neither). */
  bootstrapAdmin: { email: string; password: string } | undefined;
  /** Where people reach this deployment (invitation links): PLINTH_PUBLIC_URL, default http://<HOST>:<PORT>. */
  publicUrl: string;
  /** How long an invitation link stays valid (PLINTH_INVITATION_TTL_HOURS, default 168 = 7 days). */
  invitationTtlHours: number;
  gitlabUrl: string;
  rotationIntervalSeconds: number;
  logLevel: string;
  /** `iss` of the tokens this deployment issues; every node of one deployment must agree. */
  issuer: string;
  /** Audiences accepted at the token endpoint and on bearer tokens; the first is the default. */
  audiences: string[];
  /** Requests per minute per caller on the API; 0 disables the limiter. */
  rateLimitPerMinute: number;
  /** Failed client authentications allowed per client id (and, x3, per address) per 15 minutes. */
  authFailureLimit: number;
  /**
   * How long a node may serve a credential's actor from memory without re-reading it (ms); 0
   * disables the cache. Changes are pushed to every node at once (see src/domain/credential-cache.ts);
   * this bounds staleness only when such a push is lost.
   */
  credentialCacheTtlMs: number;
  /** Audit events older than this many days are purged (PLINTH_AUDIT_RETENTION_DAYS, default 90, the SaaS's window). */
  auditRetentionDays: number;
  /** Test controls, clock and fault emulation (src/config-instance.ts). */
  controls: ControlsConfig;
  /** Whether `GET /metrics` is served (PLINTH_METRICS, default on). */
  metrics: boolean;
  /**
   * The console's session cookie is Secure when the request came over HTTPS; behind a proxy that
   * terminates TLS, set PLINTH_CONSOLE_TRUST_FORWARDED_PROTO=1 to believe its `x-forwarded-proto`.
   */
  consoleTrustForwardedProto: boolean;
  /** Where the built console is (PLINTH_CONSOLE_DIR; default dist/console of this install). */
  consoleDir: string | undefined;
  /**
   * PostgreSQL: run the hot-path statements as named prepared statements (PLINTH_PG_NAMED_STATEMENTS,
   * default 1). Set 0 behind a pooler that hands one session's statements to another backend
   * (PgBouncer in transaction mode before 1.21, or without max_prepared_statements).
   */
  pgNamedStatements: boolean;
}

export const SAAS_AUDIENCE = 'https://api.matillion.com';

/**
 * `iss` of issued tokens when PLINTH_ISSUER is not set: a fixed URL (so every node of a
 * deployment agrees without configuration) shaped like the SaaS's Keycloak realm issuer
 * (`https://keycloak.core.matillion.com/realms/external`). It names no host Plinth serves.
 */
export const DEFAULT_ISSUER = 'https://plinth.local/realms/external';

function isAbsoluteHttpUrl(s: string) {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '' && s.trim() === s;
  } catch {
    return false;
  }
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseDatabaseUrl(raw: string): DatabaseConfig {
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url: raw };
  }
  if (raw.startsWith('sqlite:')) {
    const rest = raw.slice('sqlite:'.length);
    if (rest === ':memory:') return { kind: 'sqlite', filename: ':memory:', memory: true };
    if (rest === '') throw new ConfigError('DATABASE_URL "sqlite:" needs a path, e.g. sqlite:./data/plinth.db or sqlite::memory:');
    return { kind: 'sqlite', filename: path.resolve(rest), memory: false };
  }
  throw new ConfigError(
    'DATABASE_URL must start with sqlite: (sqlite:<path> or sqlite::memory:) or postgres:// / postgresql://',
  );
}

/** PLINTH_BOOTSTRAP_ADMIN_EMAIL + PLINTH_BOOTSTRAP_ADMIN_PASSWORD, both or neither (the client-credential pair's rule). */
function bootstrapAdminOf(env: NodeJS.ProcessEnv): Config['bootstrapAdmin'] {
  const email = env.PLINTH_BOOTSTRAP_ADMIN_EMAIL?.trim() || undefined;
  const password = env.PLINTH_BOOTSTRAP_ADMIN_PASSWORD || undefined;
  if ((email === undefined) !== (password === undefined)) {
    throw new ConfigError('PLINTH_BOOTSTRAP_ADMIN_EMAIL and PLINTH_BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  if (email === undefined || password === undefined) return undefined;
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ConfigError('PLINTH_BOOTSTRAP_ADMIN_EMAIL must be an email address');
  if ([...password].length < 12) throw new ConfigError('PLINTH_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
  return { email, password };
}

/** PLINTH_PUBLIC_URL without a trailing slash; by default the listening address (a wildcard host reads as localhost). */
function publicUrlOf(env: NodeJS.ProcessEnv, host: string, port: number): string {
  const raw = env.PLINTH_PUBLIC_URL?.trim();
  if (raw) {
    if (!isAbsoluteHttpUrl(raw)) throw new ConfigError(`PLINTH_PUBLIC_URL must be an absolute http(s) URL such as https://plinth.example.com, got "${raw}"`);
    return raw.replace(/\/+$/, '');
  }
  const h = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!LOG_LEVELS.has(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}`);

  const bootstrapClientId = env.PLINTH_BOOTSTRAP_CLIENT_ID || undefined;
  const bootstrapClientSecret = env.PLINTH_BOOTSTRAP_CLIENT_SECRET || undefined;
  if ((bootstrapClientId === undefined) !== (bootstrapClientSecret === undefined)) {
    throw new ConfigError('PLINTH_BOOTSTRAP_CLIENT_ID and PLINTH_BOOTSTRAP_CLIENT_SECRET must be set together');
  }
  if (bootstrapClientSecret !== undefined && bootstrapClientSecret.length < 16) {
    throw new ConfigError('PLINTH_BOOTSTRAP_CLIENT_SECRET must be at least 16 characters');
  }
  if (bootstrapClientId !== undefined && !/^[A-Za-z0-9._~-]{1,128}$/.test(bootstrapClientId)) {
    throw new ConfigError('PLINTH_BOOTSTRAP_CLIENT_ID may only contain letters, digits and . _ ~ - (1-128 characters)');
  }

  const bootstrapAdmin = bootstrapAdminOf(env);

  const gitlabUrl = (env.PLINTH_GITLAB_URL || 'https://gitlab.com').replace(/\/+$/, '');
  try {
    const u = new URL(gitlabUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError('PLINTH_GITLAB_URL must be an http(s) URL such as https://gitlab.com');
  }

  const issuer = env.PLINTH_ISSUER || DEFAULT_ISSUER;
  if (!isAbsoluteHttpUrl(issuer)) {
    throw new ConfigError(`PLINTH_ISSUER must be an absolute http(s) URL such as https://id.example.com/realms/external, got "${issuer}"`);
  }

  const extraAudience = env.PLINTH_AUDIENCE?.trim();
  const port = intVar(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  return {
    port,
    host,
    database: parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/plinth.db'),
    masterKey: env.PLINTH_MASTER_KEY || undefined,
    bootstrapClientId,
    bootstrapClientSecret,
    bootstrapAdmin,
    publicUrl: publicUrlOf(env, host, port),
    invitationTtlHours: intVar(env, 'PLINTH_INVITATION_TTL_HOURS', 168, 1, 24 * 365),
    gitlabUrl,
    rotationIntervalSeconds: intVar(env, 'PLINTH_ROTATION_INTERVAL_SECONDS', 3600, 1, 31 * 86400),
    logLevel,
    issuer,
    audiences: extraAudience && extraAudience !== SAAS_AUDIENCE ? [SAAS_AUDIENCE, extraAudience] : [SAAS_AUDIENCE],
    rateLimitPerMinute: intVar(env, 'PLINTH_RATE_LIMIT_PER_MINUTE', 1000, 0, 10_000_000),
    authFailureLimit: intVar(env, 'PLINTH_AUTH_FAILURE_LIMIT', 10, 1, 1_000_000),
    credentialCacheTtlMs: intVar(env, 'PLINTH_CREDENTIAL_CACHE_TTL_MS', 5000, 0, 600_000),
    auditRetentionDays: intVar(env, 'PLINTH_AUDIT_RETENTION_DAYS', 90, 1, 36_500),
    consoleTrustForwardedProto: intVar(env, 'PLINTH_CONSOLE_TRUST_FORWARDED_PROTO', 0, 0, 1) === 1,
    consoleDir: env.PLINTH_CONSOLE_DIR || undefined,
    pgNamedStatements: intVar(env, 'PLINTH_PG_NAMED_STATEMENTS', 1, 0, 1) === 1,
    ...loadInstanceConfig(env, parseDatabaseUrl(env.DATABASE_URL || 'sqlite:./data/plinth.db').kind, (message) => {
      throw new ConfigError(message);
    }),
  };
}
