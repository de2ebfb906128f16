import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import { createAudit } from '../core/audit.js';
import { resolveVault } from '../core/crypto/master-key.js';
import { migrateToLatest, openStore, type Db } from '../core/db/db.js';
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
/**
 * One `vault_rewrapped` event per account when anything was re-sealed (source SYSTEM, actor
 * `system:vault-rewrap`): the rewrap is an operator's change to the whole instance, row by row
 * and resumable, so its events follow it rather than sharing its transactions. Counts only.
 */
async function recordRewrap(db: Db, keyId: string, tables: RewrapReport['tables']) {
  const rewrapped = tables.reduce((n, t) => n + t.rewrapped, 0);
  if (rewrapped === 0) return;
  const audit = createAudit({ clock: () => new Date() });
  const info = { keyId, rewrapped, tables: tables.map((t) => ({ table: t.table, rewrapped: t.rewrapped })) };
  for (const { id } of await db.selectFrom('accounts').select('id').execute()) {
    await audit.record(db, { accountId: id, actorId: 'system:vault-rewrap' }, { eventName: 'vault_rewrapped', eventType: 'UPDATE', description: 'Stored secrets re-sealed under the current master key', subjectType: 'VAULT', subjectName: keyId, additionalInfo: info });
  }
}

export async function vaultRewrap(config: Config): Promise<RewrapReport> {
  const { vault } = resolveVault(config);
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store);
    const missing = await findMissingKeyId(store.db, vault.keyIds);
    if (missing) throw new ConfigError(`a stored secret needs master key "${missing}", which PLINTH_MASTER_KEY does not provide; add it to the keyring`);
    const tables = await rewrapAll(store.db, (blob) => vault.rewrap(blob), vault.currentKeyId, VAULT_COLUMNS);
    await recordRewrap(store.db, vault.currentKeyId, tables);
    const remaining = await findMissingKeyId(store.db, [vault.currentKeyId]);
    return { keyId: vault.currentKeyId, tables, remaining };
  } finally {
    await store.close();
  }
}
