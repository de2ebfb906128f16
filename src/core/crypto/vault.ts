import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for every secret Plinth stores.
 *
 * Each value gets a fresh 256-bit data key (DEK); the value is sealed with AES-256-GCM under the
 * DEK with the caller's additional authenticated data (AAD) naming the value's owner, so a
 * ciphertext copied to another row fails to open. The DEK is itself sealed under a key-encryption
 * key (KEK) from PLINTH_MASTER_KEY. Stored blobs are self-describing:
 *
 *   plinth:v1:<kekId>:<sealed DEK>:<nonce>:<ciphertext+tag>      (base64url parts)
 *
 * The keyring holds several KEKs: the first encrypts, all decrypt. `rewrap` re-seals only the DEK
 * under the current KEK, so rotation never needs (or exposes) the plaintext.
 */

export const SCHEME = 'plinth:v1';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class VaultError extends Error {
  override name = 'VaultError';
  constructor(
    message: string,
    readonly code: 'MALFORMED' | 'MISSING_KEY' | 'DECRYPT_FAILED' | 'BAD_KEYRING',
    readonly keyId?: string,
  ) {
    super(message);
  }
}

export interface Kek {
  id: string;
  key: Buffer;
}

export interface Vault {
  /** Id of the KEK new values are sealed under. */
  readonly currentKeyId: string;
  readonly keyIds: readonly string[];
  encrypt(plaintext: string | Buffer, aad: string): string;
  decrypt(blob: string, aad: string): Buffer;
  decryptString(blob: string, aad: string): string;
  /** Re-seal the blob's DEK under the current KEK; returns null when it already is. */
  rewrap(blob: string): string | null;
  /** The KEK id a blob needs (without decrypting). */
  keyIdOf(blob: string): string;
  hasKey(id: string): boolean;
}

const b64u = (b: Buffer) => b.toString('base64url');

function defaultKeyId(key: Buffer): string {
  return 'k' + createHash('sha256').update(key).digest('hex').slice(0, 10);
}

/**
 * Parse PLINTH_MASTER_KEY: a comma-separated list of entries, each `base64` or `id:base64`,
 * every key exactly 32 bytes. The first entry encrypts. Without an explicit id the key id is
 * derived from the key itself, so the same key always has the same id on every node.
 */
export function parseKeyring(raw: string): Kek[] {
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new VaultError('PLINTH_MASTER_KEY is empty', 'BAD_KEYRING');
  const keys: Kek[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon >= 0 ? entry.slice(0, colon) : undefined;
    const b64 = colon >= 0 ? entry.slice(colon + 1) : entry;
    if (id !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new VaultError(`PLINTH_MASTER_KEY entry ${i + 1}: key id must be 1-32 letters, digits, _ or -`, 'BAD_KEYRING');
    }
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) {
      throw new VaultError(`PLINTH_MASTER_KEY entry ${i + 1} is not base64`, 'BAD_KEYRING');
    }
    const key = Buffer.from(b64, b64.includes('-') || b64.includes('_') ? 'base64url' : 'base64');
    if (key.length !== KEY_BYTES) {
      throw new VaultError(
        `PLINTH_MASTER_KEY entry ${i + 1} must decode to ${KEY_BYTES} bytes, got ${key.length} (generate one with: openssl rand -base64 32)`,
        'BAD_KEYRING',
      );
    }
    const kid = id ?? defaultKeyId(key);
    if (seen.has(kid)) throw new VaultError(`PLINTH_MASTER_KEY lists key id ${kid} twice`, 'BAD_KEYRING');
    seen.add(kid);
    keys.push({ id: kid, key });
  });
  return keys;
}

export function generateMasterKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): { nonce: Buffer; sealed: Buffer } {
  const nonce = randomBytes(NONCE_BYTES);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  const sealed = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
  return { nonce, sealed };
}

function open(key: Buffer, nonce: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) throw new Error('short');
  const d = createDecipheriv('aes-256-gcm', key, nonce);
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
}

interface Parsed {
  kekId: string;
  wrapped: Buffer;
  nonce: Buffer;
  sealed: Buffer;
}

function parse(blob: string): Parsed {
  const parts = typeof blob === 'string' ? blob.split(':') : [];
  if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== SCHEME) {
    throw new VaultError('stored secret is not in the plinth:v1 format', 'MALFORMED');
  }
  const [, , kekId, wrapped, nonce, sealed] = parts as [string, string, string, string, string, string];
  return {
    kekId,
    wrapped: Buffer.from(wrapped, 'base64url'),
    nonce: Buffer.from(nonce, 'base64url'),
    sealed: Buffer.from(sealed, 'base64url'),
  };
}

// The DEK's AAD names the KEK so a sealed DEK cannot be relabelled with another key id.
const dekAad = (kekId: string) => Buffer.from(`${SCHEME}|dek|${kekId}`);

function wrapDek(kek: Kek, dek: Buffer): string {
  const { nonce, sealed } = seal(kek.key, dek, dekAad(kek.id));
  return b64u(Buffer.concat([nonce, sealed]));
}

export function createVault(keyring: Kek[]): Vault {
  if (keyring.length === 0) throw new VaultError('the keyring is empty', 'BAD_KEYRING');
  const byId = new Map(keyring.map((k) => [k.id, k]));
  const current = keyring[0]!;

  function unwrapDek(p: Parsed): Buffer {
    const kek = byId.get(p.kekId);
    if (!kek) throw new VaultError(`stored secret needs master key "${p.kekId}", which is not configured`, 'MISSING_KEY', p.kekId);
    try {
      return open(kek.key, p.wrapped.subarray(0, NONCE_BYTES), p.wrapped.subarray(NONCE_BYTES), dekAad(kek.id));
    } catch {
      throw new VaultError(`stored secret failed authentication under master key "${p.kekId}"`, 'DECRYPT_FAILED', p.kekId);
    }
  }

  return {
    currentKeyId: current.id,
    keyIds: keyring.map((k) => k.id),
    hasKey: (id) => byId.has(id),
    keyIdOf: (blob) => parse(blob).kekId,
    encrypt(plaintext, aad) {
      const dek = randomBytes(KEY_BYTES);
      const { nonce, sealed } = seal(dek, Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8'), Buffer.from(aad));
      const out = `${SCHEME}:${current.id}:${wrapDek(current, dek)}:${b64u(nonce)}:${b64u(sealed)}`;
      dek.fill(0);
      return out;
    },
    decrypt(blob, aad) {
      const p = parse(blob);
      const dek = unwrapDek(p);
      try {
        return open(dek, p.nonce, p.sealed, Buffer.from(aad));
      } catch {
        throw new VaultError('stored secret failed authentication (tampered, or copied from another owner)', 'DECRYPT_FAILED', p.kekId);
      } finally {
        dek.fill(0);
      }
    },
    decryptString(blob, aad) {
      return this.decrypt(blob, aad).toString('utf8');
    },
    rewrap(blob) {
      const p = parse(blob);
      if (p.kekId === current.id) return null;
      const dek = unwrapDek(p);
      try {
        return `${SCHEME}:${current.id}:${wrapDek(current, dek)}:${b64u(p.nonce)}:${b64u(p.sealed)}`;
      } finally {
        dek.fill(0);
      }
    },
  };
}
