import { generateKeyPair, type KeyObject } from 'node:crypto';

/**
 * The first RS256 signing key of a new database, started before anything else (bin/plinth.js,
 * before the server bundle loads). An RSA-2048 key takes 50–500 ms (random primes, more on a
 * loaded machine) and the first token needs it; started at process start it is made on the libuv
 * pool while the bundle loads, the database opens and the migrations run. Started only when the
 * database certainly has no key (a new SQLite file, or :memory:); if one is found after all
 * (another node created it meanwhile), the pair is simply not used. Same generator, same
 * parameters as `generateKeyPair('RS256', { modulusLength: 2048 })` of jose.
 */
export type RsaPair = { privateKey: KeyObject; publicKey: KeyObject };

const SLOT = Symbol.for('plinth.earlySigningKey');
type Slot = { [SLOT]?: Promise<RsaPair> };

/** What bin/plinth.js does (in plain JS, before the bundle loads); here for the sources and tests. */
export function startEarlySigningKey(): void {
  const g = globalThis as Slot;
  if (g[SLOT]) return;
  g[SLOT] = new Promise<RsaPair>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }))),
  );
  g[SLOT].catch(() => {}); // a failure only means the key is generated later, the usual way
}

/** The early key pair if one was started (once: a second caller gets undefined). */
export async function takeEarlySigningKey(): Promise<RsaPair | undefined> {
  const g = globalThis as Slot;
  const p = g[SLOT];
  if (!p) return undefined;
  delete g[SLOT];
  return p.catch(() => undefined);
}

