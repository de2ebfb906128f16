import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import { resolveVault } from '../core/crypto/master-key.js';
import { migrateToLatest, openStore } from '../core/db/db.js';
import { findMissingKeyId, rewrapAll, VAULT_COLUMNS } from '../core/db/vault-columns.js';

export interface RewrapReport {
  keyId: string;
  tables: { table: string; rewrapped: number }[];
  /** Values still sealed under another key afterwards (written meanwhile by a node with an old keyring). */
  remaining: string | null;
}

/**
 * `plinth vault rewrap`: re-seal every stored secret's data key under the first key of
 * PLINTH_MASTER_KEY, so older keys can then be removed from the keyring. Plaintext values are
 * never produced. Safe while servers run (each row is updated only if it still holds the value
 * that was read) and resumable (rows already under the current key are skipped).
 *
 * Rotation: 1. put the new key first (`new:…,old:…`) on every node and restart them;
 * 2. run this; 3. drop the old key from PLINTH_MASTER_KEY and restart.
 */
export async function vaultRewrap(config: Config): Promise<RewrapReport> {
  const { vault } = resolveVault(config);
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store.db, store.dialect);
    const missing = await findMissingKeyId(store.db, vault.keyIds);
    if (missing) throw new ConfigError(`a stored secret needs master key "${missing}", which PLINTH_MASTER_KEY does not provide; add it to the keyring`);
    const tables = await rewrapAll(store.db, (blob) => vault.rewrap(blob), vault.currentKeyId, VAULT_COLUMNS);
    const remaining = await findMissingKeyId(store.db, [vault.currentKeyId]);
    return { keyId: vault.currentKeyId, tables, remaining };
  } finally {
    await store.close();
  }
}
