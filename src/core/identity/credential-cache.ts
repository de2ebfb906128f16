import { boundedLru } from '../lru.js';
import type { Db, Dialect } from '../db/db.js';
import { credentialNotices, notifyCredentialChange, type Notice } from './credential-events.js';
import type { Actor } from '../policy.js';
import { PROJECT_GRANT_PREFIX, type PrincipalGrants } from '../grants.js';
import { READ_SCOPE_PREFIX, type ReadCache } from '../read-cache.js';

/**
 * The credential → actor mapping every authenticated request needs, kept in process so a request
 * costs no query — without weakening "a deleted credential's tokens stop working, a role change
 * applies":
 *
 * 1. Every change to an api_credentials row goes through `CredentialChanges` (below): inside the
 *    changing transaction it announces the client ids (PostgreSQL NOTIFY, delivered to every
 *    node when — and only if — the transaction commits), and once committed it evicts them from
 *    this node's cache itself, so the node that made the change refuses the token at once.
 * 2. On PostgreSQL each node LISTENs on a dedicated connection (src/store/credential-events.ts)
 *    and evicts what it is told. The cache is used only while that connection is listening:
 *    before LISTEN succeeds, and from the moment the connection is lost until it is back, every
 *    request reads the database, and the cache is cleared on loss and again on recovery. So a
 *    change committed while a node was not listening cannot be served stale from its cache.
 * 3. An epoch counter closes the race between a request that read the row just before a change
 *    committed and the eviction: a read that overlaps any eviction is used for that request but
 *    not cached.
 * 4. Entries expire after `ttlMs` (PLINTH_CREDENTIAL_CACHE_TTL_MS, 5 s by default) as a safety
 *    net. It is the bound on staleness in the one case the above does not cover: a notice lost
 *    while the listening connection still looks healthy (e.g. a half-open TCP connection that
 *    the 5 s heartbeat has not caught yet). In that case a node may accept a deleted
 *    credential's token (or apply an old role) for at most `ttlMs` after the change.
 *
 * Only existing credentials are cached (a miss is never cached), so a credential created (or
 * re-created with the same client id) is seen at once.
 *
 * The same cache holds each principal's project and environment grants (issue 13), keyed by the
 * principal id (a credential's client id, a user's id) and invalidated the same way: every
 * membership change names the principals it changed, and a change that concerns every member
 * of a project (an environment created, deleted or given a new default; the project deleted)
 * names `project:<id>` (src/core/grants.ts), which evicts every cached entry holding that
 * project. So the staleness bound above is the grants' bound too: at once on the changing node,
 * on the others when the notice arrives, and at most `ttlMs` if a notice is lost.
 *
 * Names starting `read:` are scopes of the per-node read cache (src/core/read-cache.ts): they
 * travel the same way and are handed to it, which also follows `setActive`.
 */
export interface CredentialCache {
  /** The actor for `clientId`, from the cache or from `load` (whose result may be cached). */
  actor(clientId: string, load: () => Promise<Actor | null>): Promise<Actor | null>;
  /** The cached actor for `clientId`, if `actor` would answer from the cache now. */
  cachedActor(clientId: string): Actor | undefined;
  /** The grants of `principalId`, from the cache or from `load` (whose result may be cached). */
  grants(principalId: string, load: () => Promise<PrincipalGrants>): Promise<PrincipalGrants>;
  evict(clientIds: readonly string[] | '*'): void;
  /** Whether entries may be served (false on PostgreSQL while not listening). */
  setActive(active: boolean): void;
  readonly size: number;
}

export function createCredentialCache(opts: { ttlMs: number; max?: number; active: boolean; reads?: ReadCache }): CredentialCache {
  const reads = opts.reads;
  const enabled = opts.ttlMs > 0;
  const lru = boundedLru<string, Actor>(opts.max ?? 10_000, { ttl: Math.max(1, opts.ttlMs), ttlAutopurge: false });
  const grants = boundedLru<string, PrincipalGrants>(opts.max ?? 10_000, { ttl: Math.max(1, opts.ttlMs), ttlAutopurge: false });
  let active = opts.active;
  let epoch = 0;
  const evictOne = (id: string) => {
    if (id.startsWith(READ_SCOPE_PREFIX)) return reads?.evict([id]);
    if (!id.startsWith(PROJECT_GRANT_PREFIX)) {
      lru.delete(id);
      grants.delete(id);
      return;
    }
    // Rare (environment and project changes) and bounded by the cache size.
    const projectId = id.slice(PROJECT_GRANT_PREFIX.length);
    const holding = [...grants.entries()].filter(([, held]) => held.has(projectId)).map(([principal]) => principal);
    for (const principal of holding) grants.delete(principal);
  };
  const cachedActor = (clientId: string) => (enabled && active ? lru.get(clientId) : undefined);
  return {
    async actor(clientId, load) {
      const hit = cachedActor(clientId);
      if (hit) return hit;
      const seen = epoch;
      const a = await load();
      if (a && enabled && active && seen === epoch) lru.set(clientId, a);
      return a;
    },
    cachedActor,
    async grants(principalId, load) {
      if (enabled && active) {
        const hit = grants.get(principalId);
        if (hit) return hit;
      }
      const seen = epoch;
      const g = await load();
      if (enabled && active && seen === epoch) grants.set(principalId, g);
      return g;
    },
    evict(clientIds) {
      epoch++;
      if (clientIds === '*') {
        lru.clear();
        grants.clear();
        reads?.evict('*');
      } else for (const id of clientIds) evictOne(id);
    },
    setActive(next) {
      // Both ways the cache starts empty and in-flight reads are not cached.
      epoch++;
      lru.clear();
      grants.clear();
      reads?.setActive(next);
      active = next;
    },
    get size() {
      return lru.size;
    },
  };
}

/**
 * The one way code changes or deletes api_credentials rows. `announce` goes inside the changing
 * transaction (PostgreSQL NOTIFY to every node, this one included); `committed` runs after the
 * commit and evicts on this node at once. `run` does both around a transaction of its own.
 */
export interface CredentialChanges {
  announce(trx: Db, clientIds: readonly string[] | '*'): Promise<void>;
  /**
   * What `announce` would send, as `pg_notify` arguments (none on SQLite), for a store whose one
   * PostgreSQL statement makes the change and announces it (the notice still goes out only if
   * that statement commits). `committed` follows as usual.
   */
  notices(clientIds: readonly string[] | '*'): Notice[];
  committed(clientIds: readonly string[] | '*'): void;
  /** Run `change` in a transaction; it returns the client ids it changed (and a result). */
  run<T>(change: (trx: Db) => Promise<{ clientIds: readonly string[] | '*'; result: T }>): Promise<T>;
}

export function createCredentialChanges(deps: { db: Db; dialect: Dialect; cache: CredentialCache; nodeId?: string }): CredentialChanges {
  const { db, dialect, cache } = deps;
  const announce: CredentialChanges['announce'] = async (trx, clientIds) => {
    if (clientIds !== '*' && clientIds.length === 0) return;
    await notifyCredentialChange(trx, dialect, clientIds, deps.nodeId);
  };
  const committed: CredentialChanges['committed'] = (clientIds) => {
    if (clientIds !== '*' && clientIds.length === 0) return;
    cache.evict(clientIds);
  };
  return {
    announce,
    notices: (clientIds) => (dialect === 'postgres' && (clientIds === '*' || clientIds.length > 0) ? credentialNotices(clientIds, deps.nodeId) : []),
    committed,
    async run(change) {
      const { clientIds, result } = await db.transaction().execute(async (trx) => {
        const r = await change(trx);
        await announce(trx, r.clientIds);
        return r;
      });
      committed(clientIds);
      return result;
    },
  };
}
