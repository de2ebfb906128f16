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

/** The next 8 random bytes' offset in `pool`. */
function random8(): number {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolAt = 0;
  }
  poolAt += 8;
  return poolAt - 8;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A version-7 UUID: 48 bits of Unix milliseconds, then a 12-bit counter that orders ids made in
 * the same millisecond by this process, then random bits. Ids sort (as lower-case text) in
 * creation order, which makes "creation order" deterministic even when two rows share a
 * timestamp (e.g. under a fixed test clock). Written digit pair by digit pair from a table: every
 * write makes two (the row's and its audit event's), and a Buffer filled and hex-encoded cost
 * ~0.5 µs each against ~0.2 µs.
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
  const hi = Math.floor(ms / 0x100000000); // the top 16 of the 48 bits
  const lo = ms >>> 0;
  const r = random8();
  const p = pool;
  return (
    HEX[(hi >>> 8) & 0xff]! + HEX[hi & 0xff]! + HEX[lo >>> 24]! + HEX[(lo >>> 16) & 0xff]! + '-' +
    HEX[(lo >>> 8) & 0xff]! + HEX[lo & 0xff]! + '-' +
    HEX[0x70 | (seq >> 8)]! + HEX[seq & 0xff]! + '-' +
    HEX[(p[r]! & 0x3f) | 0x80]! + HEX[p[r + 1]!]! + '-' +
    HEX[p[r + 2]!]! + HEX[p[r + 3]!]! + HEX[p[r + 4]!]! + HEX[p[r + 5]!]! + HEX[p[r + 6]!]! + HEX[p[r + 7]!]!
  );
}

/** A client id: 128 random bits, hex. */
export function newClientId(): string {
  return randomBytes(16).toString('hex');
}

/** A client secret: 256 random bits, base64url. */
export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}
