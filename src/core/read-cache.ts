import { boundedLru } from './lru.js';

/**
 * A per-node copy of reads that repeat (issue 18): a project by id, a page of an account's
 * projects. It is kept correct the way the credential cache is (src/core/identity/credential-cache.ts),
 * through the same change names and the same notification path:
 *
 * - Entries live in scopes named `read:<resource>:<accountId>` (see `readScope`). A change that
 *   alters what a scope holds announces the scope's name with the change's transaction (PostgreSQL
 *   NOTIFY, delivered to every node on commit) and evicts it on its own node once committed, so
 *   the next read on that node sees the write, and on the other nodes once the notice arrives.
 * - `evict('*')` (database reset/restore) and the listening connection going down or up
 *   (`setActive`) clear everything; while not listening (PostgreSQL) nothing is served or kept.
 * - A read that overlapped any eviction is returned to its caller but not kept (epoch), so a
 *   load that began before a change committed cannot park the old state in the cache.
 * - Entries expire after `ttlMs` (PLINTH_CREDENTIAL_CACHE_TTL_MS): the bound on staleness if a
 *   notice is lost while the connection still looks healthy — the same figure as credentials and
 *   grants, so one number describes how stale any node can be.
 *
 * Values are shared between requests: callers must treat them as read-only.
 */
export interface ReadCache {
  /** The value of `key` in `scope`, from the cache or from `load` (whose result may be kept). */
  get<T>(scope: string, key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>;
  /** Drops the named scopes (names without the `read:` prefix are ignored), or everything. */
  evict(names: readonly string[] | '*'): void;
  setActive(active: boolean): void;
  readonly size: number;
}

export const READ_SCOPE_PREFIX = 'read:';

/** The change name of one account's reads of one resource (announced by every write to them). */
export const readScope = (resource: string, accountId: string) => `${READ_SCOPE_PREFIX}${resource}:${accountId}`;

export function createReadCache(opts: { ttlMs: number; max?: number; active: boolean }): ReadCache {
  const enabled = opts.ttlMs > 0;
  let active = opts.active;
  let epoch = 0;
  /** Keys held per scope, so a scope is dropped without walking the whole cache. */
  const keysOf = new Map<string, Set<string>>();
  const lru = boundedLru<string, { scope: string; value: unknown }>(opts.max ?? 20_000, {
    ttl: Math.max(1, opts.ttlMs),
    ttlAutopurge: false,
    dispose: (entry, key) => {
      const keys = keysOf.get(entry.scope);
      if (!keys) return;
      keys.delete(key);
      if (keys.size === 0) keysOf.delete(entry.scope);
    },
  });
  const clear = () => {
    lru.clear();
    keysOf.clear();
  };
  return {
    async get<T>(scope: string, key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
      const full = `${scope}\u0000${key}`;
      if (enabled && active) {
        const hit = lru.get(full);
        if (hit) return hit.value as T;
      }
      const seen = epoch;
      const value = await load();
      if (enabled && active && seen === epoch && (keep?.(value) ?? true)) {
        lru.set(full, { scope, value });
        let keys = keysOf.get(scope);
        if (!keys) keysOf.set(scope, (keys = new Set()));
        keys.add(full);
      }
      return value;
    },
    evict(names) {
      epoch++;
      if (names === '*') return clear();
      for (const name of names) {
        if (!name.startsWith(READ_SCOPE_PREFIX)) continue;
        const keys = keysOf.get(name);
        if (!keys) continue;
        for (const k of [...keys]) lru.delete(k);
        keysOf.delete(name);
      }
    },
    setActive(next) {
      epoch++;
      clear();
      active = next;
    },
    get size() {
      return lru.size;
    },
  };
}
