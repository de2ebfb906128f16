import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { resolveVault } from './core/crypto/master-key.js';
import type { Vault } from './core/crypto/vault.js';
import type { ProjectHooks } from './core/access.js';
import { createAudit } from './core/audit.js';
import { migrateToLatest, openStore, type Store } from './core/db/db.js';
import { createSystemRepo } from './core/db/system.js';
import { findMissingKeyId } from './core/db/vault-columns.js';
import { bearerGuard } from './core/http/auth.js';
import { buildServer } from './core/http/server.js';
import { createAccountsRepo } from './core/identity/accounts-store.js';
import { startCredentialListener, type CredentialListener } from './core/identity/credential-listener.js';
import { createCredentialCache, createCredentialChanges, type CredentialCache } from './core/identity/credential-cache.js';
import { createReadCache, type ReadCache } from './core/read-cache.js';
import { createCredentialsStore } from './core/identity/credentials-store.js';
import { createGrantLookup } from './core/identity/grants-store.js';
import { createIdentity, type Identity } from './core/identity/identity.js';
import { createTokens, type Tokens } from './core/identity/tokens.js';
import { createClockControl, type ClockControl } from './core/clock.js';
import { NotReadyError, readiness } from './core/db/readiness.js';
import { createDatabaseState } from './core/db/state.js';
import { createFaults, type Faults } from './core/faults.js';
import { createLimiters } from './core/limits.js';
import { createLogger } from './core/logging.js';
import { createMetrics, type Metrics } from './core/metrics.js';
import { createRegistry, type HttpScope, type Job, type ModuleContext, type Services } from './core/module.js';
import { createPolicy } from './core/policy.js';
import { loadServedContract, RESOURCES } from './resources/index.js';
import type { AuditPurge } from './resources/audit-events/purge.js';
import type { TokenRotation } from './resources/repositories/token-rotation.js';

export { createLogger, REDACT } from './core/logging.js';

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: () => Date;
  docs?: boolean;
  /** Run background jobs (GitLab token rotation) on their schedule (default true); tests drive `rotation.runOnce()`. */
  scheduleRotation?: boolean;
  /** Timeout of each GitLab API call (default 15 s). */
  gitlabTimeoutMs?: number;
  /** Lease owner id of this node (default host:pid:random). */
  nodeId?: string;
  /** How often an idle executions worker looks for runs (default 1 s; see WORKER_IDLE_MS). */
  executionsIdleMs?: number;
  /** Heartbeat of the PostgreSQL connection that listens for credential changes (default 5 s). */
  credentialListenerHeartbeatMs?: number;
  /**
   * Return before the bootstrap Super Admin user exists (`plinth serve`): its scrypt hash takes
   * 100–200 ms on a new database, which API credentials do not need. `/readyz` answers 503 until
   * the user exists; `generatedAdmin` settles then. Default false: createApp awaits it.
   */
  adminInBackground?: boolean;
}

export interface App {
  server: FastifyInstance;
  store: Store;
  vault: Vault;
  identity: Identity;
  tokens: Tokens;
  config: Config;
  /** The GitLab token rotation job (`runOnce()` rotates every due token now). */
  rotation: TokenRotation;
  /** The audit retention purge (`runOnce()` deletes every event past PLINTH_AUDIT_RETENTION_DAYS now). */
  auditPurge: AuditPurge;
  /** A generated bootstrap credential to print once (null when none was generated). */
  generatedCredential: { clientId: string; clientSecret: string } | null;
  /** A generated bootstrap Super Admin user (email and password) to print once (null when none was generated); settled when the user exists. */
  generatedAdmin: Promise<{ email: string; password: string } | null>;
  /** The credential → actor cache of authenticated requests (tests inspect it). */
  credentialCache: CredentialCache;
  /** Per-node copies of repeated reads (tests inspect it). */
  readCache: ReadCache;
  /** Plinth's clock (the controls move it; `clock.now` is what every service reads). */
  clock: ClockControl;
  /** Injected faults and the rate-limit mode. */
  faults: Faults;
  /** Prometheus metrics (`GET /metrics`). */
  metrics: Metrics;
  /** In-process access to stored secrets (for resources that use them; never for responses). */
  secrets: { hosted: Services['secrets']; references: Services['secretReferences'] };
  close(): Promise<void>;
}

/** The core every resource builds on: storage, the vault, identity and tokens. */
async function openCore(opts: AppOptions, logger: Logger, store: Store, vault: Vault) {
  const { config } = opts;
  // One clock for everything (tokens, rotation, timestamps), movable by the controls (src/core/clock.ts).
  const clockControl = createClockControl(opts.clock, config.controls.clock);
  const clock = clockControl.now;
  await migrateToLatest(store);
  const missing = await findMissingKeyId(store.db, vault.keyIds);
  if (missing) {
    throw new ConfigError(`a stored secret needs master key "${missing}", which PLINTH_MASTER_KEY does not provide; add it to the keyring`);
  }
  const db = store.db;
  const system = createSystemRepo(db);
  const nodeId = opts.nodeId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // The credential → actor cache of authenticated requests (src/core/identity/credential-cache.ts).
  // On PostgreSQL it serves entries only while this node LISTENs for changes made by other nodes.
  // Repeated reads (a project, a page of projects) are kept per node under the same rules and
  // the same staleness bound, evicted through the same change names (src/core/read-cache.ts).
  const readCache = createReadCache({ ttlMs: config.credentialCacheTtlMs, active: store.dialect === 'sqlite' });
  const credentialCache = createCredentialCache({ ttlMs: config.credentialCacheTtlMs, active: store.dialect === 'sqlite', reads: readCache });
  const credentialChanges = createCredentialChanges({ db, dialect: store.dialect, cache: credentialCache, nodeId });
  const listener = await startCredentialListener({ config, cache: credentialCache, logger, nodeId, heartbeatMs: opts.credentialListenerHeartbeatMs });
  const identity = createIdentity({ accounts: createAccountsRepo(db), credentials: createCredentialsStore(db), system, vault, clock, changes: credentialChanges, cache: credentialCache });
  await identity.init();
  const tokens = createTokens({ system, vault, issuer: config.issuer, audiences: config.audiences, clock });
  return { clock, clockControl, nodeId, credentialCache, readCache, credentialChanges, listener, identity, tokens };
}

/** What this instance adds around the API: shared rate limiters, metrics and fault emulation. */
async function openInstanceTools(config: Config, store: Store, core: Awaited<ReturnType<typeof openCore>>, logger: Logger) {
  const limiters = await createLimiters(store.pool);
  const pool = store.pool;
  const metrics = createMetrics({
    pool: pool ? () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) : undefined,
    clockOffsetMs: () => core.clockControl.state().offsetMs,
  });
  const { controls } = config;
  const faults = createFaults({ configuredPerMinute: config.rateLimitPerMinute, rules: controls.faults, rateLimit: controls.rateLimitMode, identityOutage: controls.identityOutage, now: core.clock() });
  if (faults.active || (controls.rateLimitMode && controls.rateLimitMode.mode !== 'configured')) {
    logger.warn({ faults: faults.state() }, 'fault emulation is on (PLINTH_FAULTS / PLINTH_RATE_LIMIT_MODE / PLINTH_IDENTITY_OUTAGE)');
  }
  if (controls.clock) logger.warn({ clock: core.clockControl.state() }, 'the clock starts at PLINTH_CLOCK');
  return { limiters, metrics, faults };
}

/** What every resource module gets from the core (src/core/module.ts). */
function moduleContext(a: {
  opts: AppOptions;
  store: Store;
  vault: Vault;
  core: Awaited<ReturnType<typeof openCore>>;
  logger: Logger;
  policy: ReturnType<typeof createPolicy>;
  registry: ReturnType<typeof createRegistry>;
  jobs: Job[];
  instance: Awaited<ReturnType<typeof openInstanceTools>>;
}): ModuleContext {
  const { opts, store, vault, core, logger, policy, registry, jobs } = a;
  const { faults, limiters, metrics } = a.instance;
  const { config } = opts;
  const { identity, tokens } = core;
  return {
    db: store.db,
    dialect: store.dialect,
    vault,
    clock: core.clock,
    clockControl: core.clockControl,
    faults,
    limiters,
    metrics,
    state: createDatabaseState(store.db, store.dialect),
    logger,
    config,
    nodeId: core.nodeId,
    policy,
    identity,
    tokens,
    credentialChanges: core.credentialChanges,
    readCache: core.readCache,
    // The audit writer: one row in audit_events, written with the change's transaction.
    audit: createAudit({ clock: core.clock, logger }),
    projectHooks: [] as ProjectHooks[],
    options: { gitlabTimeoutMs: opts.gitlabTimeoutMs, scheduleJobs: opts.scheduleRotation !== false, executionsIdleMs: opts.executionsIdleMs },
    ...registry,
    job: (j) => void jobs.push(j),
  };
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const { vault, warning } = resolveVault(config);
  if (warning) logger.warn(warning);
  const contract = loadServedContract();

  const store = await openStore(config.database, { logger, namedStatements: config.pgNamedStatements });
  let listener: CredentialListener | undefined;
  try {
    const core = await openCore(opts, logger, store, vault);
    listener = core.listener;
    const { identity, tokens } = core;
    const { limiters, metrics, faults } = await openInstanceTools(config, store, core, logger);
    const { controls } = config;
    // The first start generates an RSA key on the libuv pool; the resources are built meanwhile.
    const tokensReady = tokens.init();
    tokensReady.catch(() => {}); // awaited below; this only stops an early failure elsewhere from leaving it unhandled
    const generatedCredential = await identity.bootstrap(
      config.bootstrapClientId ? { clientId: config.bootstrapClientId, clientSecret: config.bootstrapClientSecret! } : undefined,
    );

    // Project and environment roles from the principal's grants, cached beside its credential.
    const policy = createPolicy(createGrantLookup({ db: store.db, cache: core.credentialCache }));
    const registry = createRegistry();
    const jobs: Job[] = [];
    const ctx = moduleContext({ opts, store, vault, core, logger, policy, registry, jobs, instance: { faults, limiters, metrics } });
    const routes = RESOURCES.map((r) => r.register(ctx));
    // The bootstrap Super Admin user (PRODUCT.md): its scrypt hash runs on the pool. When it runs in
    // the background (serve), it starts once the first signing key exists: on a new database the
    // key (a random search for primes) is what the first token waits for, and on two cores a
    // hash beside it and the start-up's own work slows it down.
    const bootstrapAdmin = () => registry.use('users').bootstrapAdmin(config.bootstrapAdmin);
    const adminReady = opts.adminInBackground ? tokensReady.then(bootstrapAdmin) : bootstrapAdmin();
    // Awaited below or by the caller; this also keeps an early failure from going unhandled.
    let adminSettled = false;
    const settle = () => void (adminSettled = true);
    adminReady.then(settle, settle);
    const ready = readiness(store);

    const server = await buildServer({
      contract,
      logger,
      docs: opts.docs,
      guard: bearerGuard({ tokens, identity, policy }),
      instance: { faults, limiters, metrics, honourPrefer: controls.enabled },
      ready: async () => {
        if (!adminSettled) throw new NotReadyError('the bootstrap admin user is still being created');
        await adminReady; // a failed bootstrap keeps the node unready (serve exits on it)
        await ready();
      },
      routes: (http: HttpScope) => routes.forEach((bindRoutes) => bindRoutes(http)),
    });

    await tokensReady;
    if (!opts.adminInBackground) await adminReady;
    for (const j of jobs) j.start();

    return {
      server,
      store,
      vault,
      identity,
      tokens,
      config,
      rotation: registry.use('tokenRotation'),
      auditPurge: registry.use('auditPurge'),
      generatedCredential,
      generatedAdmin: adminReady,
      credentialCache: core.credentialCache,
      readCache: core.readCache,
      clock: core.clockControl,
      faults,
      metrics,
      secrets: { hosted: registry.use('secrets'), references: registry.use('secretReferences') },
      async close() {
        for (const j of jobs) await j.stop();
        await server.close();
        await listener?.close();
        await store.close();
      },
    };
  } catch (err) {
    await listener?.close().catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }
}
