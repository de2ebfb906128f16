import { randomUUID, type KeyObject } from 'node:crypto';
import { boundedLru } from '../lru.js';
import {
  SignJWT,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  jwtVerify,
  type JWK,
  type JWTHeaderParameters,
} from 'jose';
import type { Vault } from '../crypto/vault.js';
import { takeEarlySigningKey } from './early-key.js';
import type { SystemRepo } from '../db/system.js';
import type { Actor } from '../policy.js';

/**
 * RS256 access tokens. Signing keys live in the database (private halves sealed by the vault),
 * so every node signs with the newest key and verifies every node's tokens. Claim names mirror
 * the SaaS tokens (Keycloak: `typ`, `azp`, `client_id`, `scope`, `clientHost`, `clientAddress`,
 * `https://matillion.com/accountId`). Plinth's own claims have collision-resistant (URL) names
 * (RFC 7519 §4.2): the role, informative only, and the credential's secret generation. The
 * authoritative role is re-read from the credential on each request, so a deleted credential's
 * tokens stop working immediately; a token whose generation is not the credential's current one
 * (an agent's secret was refreshed since) is refused the same way.
 */

export const TOKEN_LIFETIME_SECONDS = 1800;
export const TOKEN_SCOPE = 'pipeline-execution';
export const ACCOUNT_CLAIM = 'https://matillion.com/accountId';
export const ROLE_CLAIM = 'https://plinth.dev/role';
export const GENERATION_CLAIM = 'https://plinth.dev/secretGeneration';

export interface TokenClaims {
  sub: string;
  accountId: string;
  exp: number;
  /** The credential's secret generation when the token was issued (1 when the token has none). */
  generation: number;
}

/** Who asked for a token: the address the token request came from (Keycloak's clientHost/clientAddress). */
export interface TokenRequester {
  address: string;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

interface LoadedKey {
  kid: string;
  generation: number;
  publicKey: KeyObject | CryptoKey;
  publicJwk: JWK;
  privateKey?: KeyObject | CryptoKey;
}

export interface TokenDeps {
  system: SystemRepo;
  vault: Vault;
  issuer: string;
  audiences: string[];
  clock: () => Date;
}

const aadOf = (kid: string) => `signing-key|${kid}`;

/** The signing keys: in the database (private keys sealed), loaded once per node, newest signs. */
function createKeyRing({ system, vault, clock }: Pick<TokenDeps, 'system' | 'vault' | 'clock'>) {
  const keys = new Map<string, LoadedKey>();
  let current: LoadedKey | undefined;

  async function load(row: { kid: string; generation: number; private_key: string; public_jwk: string }): Promise<LoadedKey> {
    const publicJwk = JSON.parse(row.public_jwk) as JWK;
    const k: LoadedKey = {
      kid: row.kid,
      generation: row.generation,
      publicJwk,
      publicKey: (await importJWK(publicJwk, 'RS256')) as unknown as KeyObject,
      privateKey: (await importPKCS8(vault.decryptString(row.private_key, aadOf(row.kid)), 'RS256')) as unknown as KeyObject,
    };
    keys.set(k.kid, k);
    if (!current || k.generation > current.generation) current = k;
    return k;
  }

  async function refresh() {
    for (const row of await system.signingKeys()) if (!keys.has(row.kid)) await load(row);
  }

  async function createKey(generation: number) {
    // The first key of a new database may have been started at process start (early-key.ts).
    const { privateKey, publicKey } = (generation === 1 ? await takeEarlySigningKey() : undefined) ?? (await generateKeyPair('RS256', { modulusLength: 2048, extractable: true }));
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    const publicJwk = { ...jwk, kid, alg: 'RS256', use: 'sig' };
    await system.insertSigningKey({
      kid,
      generation,
      private_key: vault.encrypt(await exportPKCS8(privateKey), aadOf(kid)),
      public_jwk: JSON.stringify(publicJwk),
      created_at: clock().toISOString(),
    });
  }

  async function keyFor(header: JWTHeaderParameters) {
    if (header.alg !== 'RS256' || typeof header.kid !== 'string') throw new InvalidTokenError('unsupported header');
    let k = keys.get(header.kid);
    if (!k) {
      const row = await system.signingKey(header.kid);
      if (!row) throw new InvalidTokenError('unknown kid');
      k = await load(row);
    }
    return k.publicKey;
  }

  return {
    current: () => current,
    keyFor,
    /** Load the signing keys, creating the first one if the deployment has none. */
    async init() {
      await refresh();
      if (!current) {
        await createKey(1);
        await refresh();
      }
    },

    /** Add a newer key; it signs from now on, older keys keep verifying (JWKS lists all). */
    async rotate() {
      await refresh();
      await createKey((current?.generation ?? 0) + 1);
      await refresh();
      return current!.kid;
    },

    jwks() {
      return { keys: [...keys.values()].sort((a, b) => b.generation - a.generation).map((k) => k.publicJwk) };
    },
  };
}

/** A token known to this node, with its claims. */
type Known = { token: string; claims: TokenClaims };

/**
 * The key of a token in the caches: its last 43 characters, from its signature (~256 bits, so
 * two tokens share one by chance about never). Hashing a Map key costs one pass over it, and the
 * whole token (~800 characters, a new string on every request) made each look-up ~1.5 µs where
 * this makes it ~0.4 µs. A hit must still equal the whole token, so a token that shares the
 * tail of a known one is verified as usual (and at worst replaces it in the cache).
 */
export const cacheKey = (token: string) => (token.length > 43 ? token.slice(-43) : token);

export function createTokens({ system, vault, issuer, audiences, clock }: TokenDeps) {
  const ring = createKeyRing({ system, vault, clock });
  // Verified tokens, so the RSA check is paid once per token per node; entries die at `exp`.
  const verified = boundedLru<string, Known>(20_000);
  // Tokens this node signed, until first used: kept apart and few, so that clients asking for
  // tokens they never use (the bench's token scenario asks for ~70,000) do not push the tokens
  // in use out of `verified`. A client uses its token moments after getting it.
  const signedHere = boundedLru<string, Known>(1024);
  // Both are keyed by the token's last characters (cacheKey) and hold the whole token, which a
  // hit must equal.
  const lookUp = (cache: typeof verified, token: string, key: string) => {
    const known = cache.get(key);
    return known !== undefined && known.token === token ? known : undefined;
  };
  const keyFor = ring.keyFor;

  return {
    init: ring.init,
    rotate: ring.rotate,
    jwks: ring.jwks,

    async issue(actor: Actor, audience: string, requester: TokenRequester) {
      const current = ring.current();
      if (!current?.privateKey) throw new Error('token service not initialised');
      const now = Math.floor(clock().getTime() / 1000);
      const token = await new SignJWT({
        typ: 'Bearer',
        azp: actor.clientId,
        client_id: actor.clientId,
        scope: TOKEN_SCOPE,
        // Keycloak names the caller's host and address; Plinth does no reverse lookup, so both are the address.
        clientHost: requester.address,
        clientAddress: requester.address,
        [ACCOUNT_CLAIM]: actor.accountId,
        [ROLE_CLAIM]: actor.role,
        [GENERATION_CLAIM]: actor.generation ?? 1,
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: current.kid })
        .setIssuer(issuer)
        .setSubject(actor.clientId)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
        .setJti(randomUUID())
        .sign(current.privateKey);
      // This node just signed it: its first use here need not check the signature again (one RSA
      // verification per token on the thread pool, ~1 in 9 requests of the provisioning flow).
      // The claims are the ones `verify` would read back; other nodes verify as usual.
      if (audiences.includes(audience)) {
        const claims = { sub: actor.clientId, accountId: actor.accountId, exp: now + TOKEN_LIFETIME_SECONDS, generation: actor.generation ?? 1 };
        signedHere.set(cacheKey(token), { token, claims });
      }
      return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
    },

    /**
     * The claims of a token `verify` has accepted on this node and that has not expired, without
     * a promise; undefined otherwise (then `verify` decides, and logs why it refuses).
     */
    cachedClaims(token: string): TokenClaims | undefined {
      const hit = lookUp(verified, token, cacheKey(token));
      return hit !== undefined && hit.claims.exp > clock().getTime() / 1000 ? hit.claims : undefined;
    },

    /** Verify signature, algorithm, issuer, audience and lifetime; throws InvalidTokenError. */
    async verify(token: string): Promise<TokenClaims> {
      const nowSec = clock().getTime() / 1000;
      const key = cacheKey(token);
      let hit = lookUp(verified, token, key);
      if (!hit && (hit = lookUp(signedHere, token, key))) {
        signedHere.delete(key);
        verified.set(key, hit);
      }
      if (hit) {
        if (hit.claims.exp > nowSec) return hit.claims;
        verified.delete(key);
        throw new InvalidTokenError('expired');
      }
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keyFor, {
          algorithms: ['RS256'],
          issuer,
          audience: audiences,
          currentDate: clock(),
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (err) {
        throw new InvalidTokenError(err instanceof Error ? err.message : 'invalid');
      }
      const accountId = payload[ACCOUNT_CLAIM];
      if (typeof accountId !== 'string' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
        throw new InvalidTokenError('missing claims');
      }
      const generation = payload[GENERATION_CLAIM] ?? 1;
      if (typeof generation !== 'number' || !Number.isInteger(generation)) throw new InvalidTokenError('malformed generation');
      const claims = { sub: payload.sub, accountId, exp: payload.exp, generation };
      verified.set(key, { token, claims });
      return claims;
    },
  };
}
export type Tokens = ReturnType<typeof createTokens>;
