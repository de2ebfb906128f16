import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { CredentialCache } from './credential-cache.js';
import { listenCredentialChanges, type CredentialListener } from './credential-events.js';

export type { CredentialListener };

/**
 * On PostgreSQL, LISTEN for credential changes made by other nodes and evict what they name; the
 * cache is used only while listening (see credential-cache.ts). Nothing to do on SQLite (one
 * process) or with the cache turned off.
 */
export async function startCredentialListener(deps: {
  config: Config;
  cache: CredentialCache;
  logger: Logger;
  nodeId: string;
  heartbeatMs?: number;
}): Promise<CredentialListener | undefined> {
  const { config, cache, logger } = deps;
  if (config.database.kind !== 'postgres' || config.credentialCacheTtlMs <= 0) return undefined;
  let wasDown = false;
  const self = deps.nodeId.replace(/\s/g, '_');
  return listenCredentialChanges(
    config.database.url,
    {
      changed: (ids, sender) => {
        // This node's own notice: it evicted once the change committed (CredentialChanges.committed).
        if (sender !== self) cache.evict(ids);
      },
      up: () => {
        cache.setActive(true);
        if (wasDown) logger.info('credential change listener reconnected; credential cache back in use');
        wasDown = false;
      },
      down: (err) => {
        cache.setActive(false);
        if (!wasDown) logger.warn({ err: (err as Error)?.message }, 'credential change listener lost; reading credentials from the database until it is back');
        wasDown = true;
      },
    },
    { heartbeatMs: deps.heartbeatMs, applicationName: `plinth-credentials ${deps.nodeId}` },
  );
}
