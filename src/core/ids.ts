import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * Random bytes for ids, drawn from the CSPRNG 4 KiB at a time: one `randomBytes(16)` per id (one
 * per audit event, on every write) was 5% of a POST's CPU in the bench's profile.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolAt = POOL_SIZE;
function random16(): Buffer {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolAt = 0;
  }
  const b = Buffer.from(pool.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return b;
}

/**
 * A version-7 UUID: 48 bits of Unix milliseconds, then a 12-bit counter that orders ids made in
 * the same millisecond by this process, then random bits. Ids sort (as lower-case text) in
 * creation order, which makes "creation order" deterministic even when two rows share a
 * timestamp (e.g. under a fixed test clock).
 */
export function orderedId(now = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    seq++;
    if (seq > 0xfff) {
      ms = ++lastMs;
      seq = 0;
    }
  } else {
    seq = 0;
  }
  lastMs = ms;
  const b = random16();
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A client id: 128 random bits, hex. */
export function newClientId(): string {
  return randomBytes(16).toString('hex');
}

/** A client secret: 256 random bits, base64url. */
export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}
