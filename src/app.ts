import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { resolveVault } from './crypto/master-key.js';
import type { Vault } from './crypto/vault.js';
import { createAgentsService } from './domain/agents.js';
import { createApiCredentialsService } from './domain/api-credentials.js';
import { createConnectionsService } from './domain/connections.js';
import { createCredentialCache, createCredentialChanges, type CredentialCache } from './domain/credential-cache.js';
import { createEnvironmentsService } from './domain/environments.js';
import { createSecretReferencesService, type SecretReferencesService } from './domain/secret-references.js';
import { createSecretsService, type SecretsService } from './domain/secrets.js';
import { createIdentity, type Identity } from './domain/identity.js';
import { createPolicy } from './domain/policy.js';
import { createProjectsService } from './domain/projects.js';
import { createGitLabClient } from './domain/gitlab.js';
import { createRepositoriesService, repositoryProjectHooks } from './domain/repositories.js';
import { createTokenRotation, type TokenRotation } from './domain/token-rotation.js';
import { createTokenGrant } from './domain/token-grant.js';
import { createTokens, type Tokens } from './domain/tokens.js';
import { bearerGuard } from './http/auth.js';
import { loadOpenApi } from './http/contract.js';
import { apiCredentialRoutes } from './http/routes/api-credentials.js';
import { connectionRoutes } from './http/routes/connections.js';
import { environmentRoutes } from './http/routes/environments.js';
import { oauthRoutes } from './http/routes/oauth.js';
import { projectRoutes } from './http/routes/projects.js';
import { repositoryRoutes } from './http/routes/repositories.js';
import { agentRoutes } from './http/routes/agents.js';
import { secretRoutes } from './http/routes/secrets.js';
import { buildServer } from './http/server.js';
import { createAccountsRepo } from './store/accounts.js';
import { createAgentsRepo } from './store/agents.js';
import { createSecretsRepo } from './store/secrets.js';
import { createApiCredentialsRepo } from './store/api-credentials.js';
import { createConnectionsRepo } from './store/connections.js';
import { listenCredentialChanges, type CredentialListener } from './store/credential-events.js';
import { migrateToLatest, openStore, type Store } from './store/db.js';
import { createEnvironmentsRepo } from './store/environments.js';
import { createProjectsRepo } from './store/projects.js';
import { createRepositoriesRepo } from './store/repositories.js';
import { createSystemRepo } from './store/system.js';
import { findMissingKeyId } from './store/vault-columns.js';

/** Paths pino removes from every log line: credentials and secret material. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers["git-provider-access-token"]',
  'headers.authorization',
  'headers["git-provider-access-token"]',
  '*.client_secret',
  '*.clientSecret',
  '*.secretValue',
  '*.value',
  '*.password',
  '*.privateKey',
  '*.token',
  '*.access_token',
];

const SECRETISH = /secret|token|password|key/i;

/** Request log lines carry the path and a query string with secret-looking values masked. */
function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const k of [...params.keys()]) if (SECRETISH.test(k)) params.set(k, '[REDACTED]');
  return `${url.slice(0, q)}?${params.toString()}`;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[REDACTED]' },
      serializers: {
        req: (req) => ({ method: req.method, url: safeUrl(req.url), remoteAddress: req.ip ?? req.socket?.remoteAddress }),
      },
    },
    destination,
  );
}

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: () => Date;
  docs?: boolean;
  /** Run the GitLab token rotation job on its schedule (default true); tests drive `rotation.runOnce()`. */
  scheduleRotation?: boolean;
  /** Timeout of each GitLab API call (default 15 s). */
  gitlabTimeoutMs?: number;
  /** Lease owner id of this node (default host:pid:random). */
  nodeId?: string;
  /** Heartbeat of the PostgreSQL connection that listens for credential changes (default 5 s). */
  credentialListenerHeartbeatMs?: number;
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
  /** A generated bootstrap credential to print once (null when none was generated). */
  generatedCredential: { clientId: string; clientSecret: string } | null;
  /** The credential → actor cache of authenticated requests (tests inspect it). */
  credentialCache: CredentialCache;
  /** In-process access to stored secrets (for resources that use them; never for responses). */
  secrets: { hosted: SecretsService; references: SecretReferencesService };
  close(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const clock = opts.clock ?? (() => new Date());
  const logger = opts.logger ?? createLogger(config.logLevel);
  const { vault, warning } = resolveVault(config);
  if (warning) logger.warn(warning);
  const doc = loadOpenApi();

  const store = await openStore(config.database);
  let listener: CredentialListener | undefined;
  try {
    await migrateToLatest(store.db, store.dialect);
    const missing = await findMissingKeyId(store.db, vault.keyIds);
    if (missing) {
      throw new ConfigError(`a stored secret needs master key "${missing}", which PLINTH_MASTER_KEY does not provide; add it to the keyring`);
    }
    const db = store.db;
    const accounts = createAccountsRepo(db);
    const credentials = createApiCredentialsRepo(db);
    const system = createSystemRepo(db);
    const projectsRepo = createProjectsRepo(db, store.dialect);

    const nodeId = opts.nodeId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    // The credential → actor cache of authenticated requests (src/domain/credential-cache.ts). On
    // PostgreSQL it serves entries only while this node LISTENs for changes made by other nodes.
    const credentialCache = createCredentialCache({ ttlMs: config.credentialCacheTtlMs, active: store.dialect === 'sqlite' });
    const credentialChanges = createCredentialChanges({ db, dialect: store.dialect, cache: credentialCache });
    if (config.database.kind === 'postgres' && config.credentialCacheTtlMs > 0) {
      let wasDown = false;
      listener = await listenCredentialChanges(
        config.database.url,
        {
          changed: (ids) => credentialCache.evict(ids),
          up: () => {
            credentialCache.setActive(true);
            if (wasDown) logger.info('credential change listener reconnected; credential cache back in use');
            wasDown = false;
          },
          down: (err) => {
            credentialCache.setActive(false);
            if (!wasDown) logger.warn({ err: (err as Error)?.message }, 'credential change listener lost; reading credentials from the database until it is back');
            wasDown = true;
          },
        },
        { heartbeatMs: opts.credentialListenerHeartbeatMs, applicationName: `plinth-credentials ${nodeId}` },
      );
    }
    const identity = createIdentity({ accounts, credentials, system, vault, clock, changes: credentialChanges, cache: credentialCache });
    await identity.init();
    const tokens = createTokens({ system, vault, issuer: config.issuer, audiences: config.audiences, clock });
    // The first start generates an RSA key on the libuv pool; the server is built meanwhile.
    const tokensReady = tokens.init();
    tokensReady.catch(() => {}); // awaited below; this only stops an early failure elsewhere from leaving it unhandled
    const generatedCredential = await identity.bootstrap(
      config.bootstrapClientId ? { clientId: config.bootstrapClientId, clientSecret: config.bootstrapClientSecret! } : undefined,
    );

    const policy = createPolicy();
    const apiCredentials = createApiCredentialsService({ credentials, identity, policy, clock, changes: credentialChanges });

    // Agents, the hosted vault and secret references (#4).
    const agentsRepo = createAgentsRepo(db);
    const secretsRepo = createSecretsRepo(db);
    const agents = createAgentsService({ db, agents: agentsRepo, projects: projectsRepo, policy, hashSecret: identity.hashSecret, clock, changes: credentialChanges });

    // Repositories and GitLab token rotation (#6).
    const gitlab = createGitLabClient({ baseUrl: config.gitlabUrl, timeoutMs: opts.gitlabTimeoutMs });
    const repositoriesRepo = createRepositoriesRepo(db);

    // A project's life cycle: a FULL_SAAS project gets its hosted agent; deleting a project
    // revokes its GitLab token once the deletion has committed.
    const projects = createProjectsService({
      db,
      projects: projectsRepo,
      policy,
      clock,
      hooks: [agents.projectHooks(), repositoryProjectHooks({ repos: repositoriesRepo, gitlab, vault, logger })],
    });
    const hostedSecrets = createSecretsService({ agents: agentsRepo, secrets: secretsRepo, vault, policy, clock });
    const secretReferences = createSecretReferencesService({
      requireProject: (a, id, p) => projects.require(a, id, p),
      agents: agentsRepo,
      secrets: secretsRepo,
      vault,
      clock,
    });
    const repositories = createRepositoriesService({ repos: repositoriesRepo, projects, gitlab, vault, clock, logger, nodeId });
    const rotation = createTokenRotation({ repos: repositoriesRepo, gitlab, vault, clock, logger, nodeId, intervalSeconds: config.rotationIntervalSeconds });

    // Connections and environments (#5).
    const connectionsRepo = createConnectionsRepo(db);
    const environmentsRepo = createEnvironmentsRepo(db);
    const connections = createConnectionsService({ db, projects, connections: connectionsRepo, environments: environmentsRepo, clock });
    const environments = createEnvironmentsService({
      db,
      projects,
      connections: connectionsRepo,
      environments: environmentsRepo,
      agents: agentsRepo,
      secrets: secretsRepo,
      clock,
    });
    const grant = createTokenGrant({ identity, tokens, audiences: config.audiences, failureLimit: config.authFailureLimit });

    const server = await buildServer({
      doc,
      logger,
      docs: opts.docs,
      guard: bearerGuard({ tokens, identity, policy }),
      rateLimitPerMinute: config.rateLimitPerMinute,
      ready: () => store.ping(),
      routes: (api, app, bind) => {
        oauthRoutes(app, bind, { grant, tokens });
        projectRoutes(api, projects);
        apiCredentialRoutes(api, apiCredentials);
        repositoryRoutes(api, repositories);
        connectionRoutes(api, connections, environments);
        environmentRoutes(api, environments);
        agentRoutes(api, agents);
        secretRoutes(api, hostedSecrets, secretReferences);
      },
    });

    await tokensReady;
    if (opts.scheduleRotation !== false) rotation.start();

    return {
      server,
      store,
      vault,
      identity,
      tokens,
      config,
      rotation,
      generatedCredential,
      credentialCache,
      secrets: { hosted: hostedSecrets, references: secretReferences },
      async close() {
        await rotation.stop();
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
