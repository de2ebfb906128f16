import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../../config.js';
import { createVault, generateMasterKey, parseKeyring, VaultError, type Vault } from './vault.js';

export interface MasterKeySource {
  vault: Vault;
  /** Set when Plinth generated or loaded a key file instead of PLINTH_MASTER_KEY. */
  warning?: string;
}

/**
 * PRODUCT.md: PostgreSQL mode requires PLINTH_MASTER_KEY; embedded mode may generate one into
 * the data directory (mode 0600) with a warning; an in-memory database gets a throwaway key.
 */
export function resolveVault(config: Config): MasterKeySource {
  const parse = (raw: string) => {
    try {
      return createVault(parseKeyring(raw));
    } catch (err) {
      if (err instanceof VaultError) throw new ConfigError(err.message);
      throw err;
    }
  };
  if (config.masterKey) return { vault: parse(config.masterKey) };
  const db = config.database;
  if (db.kind === 'postgres') {
    throw new ConfigError('PLINTH_MASTER_KEY is required with PostgreSQL (base64 of 32 random bytes: openssl rand -base64 32)');
  }
  if (db.memory) return { vault: parse(generateMasterKey()) };
  const file = path.join(path.dirname(db.filename), 'master.key');
  if (existsSync(file)) {
    return { vault: parse(readFileSync(file, 'utf8').trim()), warning: `PLINTH_MASTER_KEY not set; using the key in ${file}` };
  }
  // First start on a fresh checkout: the data directory (default ./data) does not exist yet.
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, generateMasterKey() + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return {
    vault: parse(readFileSync(file, 'utf8').trim()),
    warning: `PLINTH_MASTER_KEY not set; generated one into ${file} (mode 0600). Back it up: without it the stored secrets cannot be read.`,
  };
}
