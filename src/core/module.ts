import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ProjectHooks } from './access.js';
import type { Audit } from './audit.js';
import type { ClockControl } from './clock.js';
import type { Vault } from './crypto/vault.js';
import type { Db, Dialect } from './db/db.js';
import type { DatabaseState } from './db/state.js';
import type { Faults } from './faults.js';
import type { ReadCache } from './read-cache.js';
import type { RouteBinder } from './http/binder.js';
import type { CredentialChanges } from './identity/credential-cache.js';
import type { Identity } from './identity/identity.js';
import type { Tokens } from './identity/tokens.js';
import type { Limiters } from './limits.js';
import type { Metrics } from './metrics.js';
import type { Policy } from './policy.js';

/**
 * What a resource module is, and what it gets from the core.
 *
 * A module (`src/resources/<name>/index.ts`) builds its store and service in `register`,
 * publishes the service for modules registered after it (`provide`), and returns the function
 * that binds its routes. `createApp` registers the list in `src/resources/index.ts`, in order.
 */

/** Services by module name; each module adds its own entry by declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Services {}

/** A background job a module runs (started after the server is built, stopped on close). */
export interface Job {
  start(): void;
  stop(): Promise<void>;
}

export interface ModuleContext {
  db: Db;
  dialect: Dialect;
  vault: Vault;
  clock: () => Date;
  logger: Logger;
  config: Config;
  /** This node's id (leases). */
  nodeId: string;
  policy: Policy;
  identity: Identity;
  tokens: Tokens;
  /** Every change to an api_credentials row goes through it (cache eviction on every node). */
  credentialChanges: CredentialChanges;
  /**
   * Per-node copies of repeated reads; a write to what a scope holds announces `readScope(…)`
   * through `credentialChanges` (src/core/read-cache.ts).
   */
  readCache: ReadCache;
  /** A project's life cycle, joined by the modules that own per-project state. */
  projectHooks: ProjectHooks[];
  /** Moves `clock` (the controls); nothing else changes the time. */
  clockControl: ClockControl;
  /** Injected faults and the rate-limit mode (the controls; applied by the HTTP layer). */
  faults: Faults;
  /** Rate-limit counters, shared across nodes on PostgreSQL. */
  limiters: Limiters;
  /** Audit events: call `record` with the change's transaction (src/core/audit.ts). */
  audit: Audit;
  /** Prometheus metrics of this app. */
  metrics: Metrics;
  /** Whole-database reset, snapshot and restore (the controls). */
  state: DatabaseState;
  /** Options of this app instance that modules read (timeouts, schedules). */
  options: { gitlabTimeoutMs?: number; scheduleJobs: boolean; executionsIdleMs?: number };
  /** Publish this module's service. */
  provide<K extends keyof Services>(name: K, service: Services[K]): void;
  /** The service of a module registered earlier. */
  use<K extends keyof Services>(name: K): Services[K];
  /** The service of a module registered later (for the rare cycle); call it at request time. */
  later<K extends keyof Services>(name: K): () => Services[K];
  /** Run a background job while the app runs. */
  job(job: Job): void;
}

/** What a module's routes are bound with. */
export interface HttpScope {
  /** Binds operations on the root scope (every route of the API). */
  api: RouteBinder;
  /** The Fastify root, for a module that needs its own encapsulated scope (e.g. form bodies). */
  app: FastifyInstance;
  /** A binder over another scope. */
  bind(scope: FastifyInstance): RouteBinder;
}

export interface Resource {
  /** The folder name under src/resources; its `openapi.yaml` is merged into the contract. */
  name: string;
  register(ctx: ModuleContext): (http: HttpScope) => void;
}

export const defineResource = (r: Resource) => r;

/** The service registry behind `provide` / `use` / `later`. */
export function createRegistry() {
  const services = new Map<string, unknown>();
  return {
    provide<K extends keyof Services>(name: K, service: Services[K]) {
      if (services.has(name as string)) throw new Error(`service ${String(name)} registered twice`);
      services.set(name as string, service);
    },
    use<K extends keyof Services>(name: K): Services[K] {
      if (!services.has(name as string)) throw new Error(`service ${String(name)} is not registered yet (register its module earlier)`);
      return services.get(name as string) as Services[K];
    },
    later<K extends keyof Services>(name: K): () => Services[K] {
      return () => {
        const s = services.get(name as string);
        if (!s) throw new Error(`service ${String(name)} was never registered`);
        return s as Services[K];
      };
    },
  };
}
