import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * People's passwords: scrypt (memory-hard, node:crypto), run on the libuv pool (`crypto.scrypt`,
 * never `scryptSync`) so a sign-in does not stall the event loop. A stored hash describes itself,
 * `scrypt$N$r$p$<salt b64url>$<hash b64url>`, so the cost can be raised later and old hashes still
 * verify. Verification compares in constant time.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing one is never a lever. */
export const PASSWORD_MAX_LENGTH = 1024;

/** N=2^15, r=8, p=1: 32 MiB and ~50–100 ms per hash (OWASP's scrypt floor is N=2^17 r=8 at 128 MiB; this is the common interactive setting). */
export const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export type ScryptCost = { N: number; r: number; p: number };

/** The rule a password breaks, or null. Counted in code points, as a person counts characters. */
export function passwordRule(password: string): string | null {
  const n = [...password].length;
  if (n < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (n > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  // maxmem above the 128·N·r the parameters need (Node's default of 32 MiB is exactly N=2^15, r=8 and refuses it).
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost, KEY_LENGTH);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Parsed {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

/** The parts of a stored hash, or null when it is not one Plinth wrote (refused, never thrown). */
export function parseHash(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,10}$/.test(s!) ? Number(s) : NaN)) as [number, number, number];
  // Bounds keep a tampered row from asking for gigabytes of memory.
  if (!(N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length < 16) return null;
  return { cost: { N, r, p }, salt, key };
}

/** Whether `password` matches `stored`; a malformed stored hash simply does not match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/**
 * A hash of a random password, verified against when there is no real hash (unknown email, a
 * user without a password), so every failed sign-in costs one scrypt and timing says nothing.
 */
export function createDecoy(cost: ScryptCost = DEFAULT_COST): () => Promise<string> {
  let decoy: Promise<string> | undefined;
  return () => (decoy ??= hashPassword(randomBytes(24).toString('base64url'), cost));
}

/** A generated password for the bootstrap admin: 144 bits, base64url (24 characters). */
export const generatePassword = () => randomBytes(18).toString('base64url');
