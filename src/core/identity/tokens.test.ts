import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDatabaseUrl } from '../../config.js';
import { createVault, generateMasterKey, parseKeyring } from '../crypto/vault.js';
import { migrateToLatest, openStore, type Store } from '../db/db.js';
import { createSystemRepo } from '../db/system.js';
import { createTokens, TOKEN_LIFETIME_SECONDS } from './tokens.js';

const AUDIENCE = 'https://api.matillion.com';
const actor = { clientId: 'c1', accountId: 'a1', role: 'SUPER_ADMIN', generation: 3 } as any;

describe('tokens: a node does not verify again a token it has just signed', () => {
  let store: Store | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await store?.close();
  });

  it('the signing node reads the claims back without an RSA check; another node checks and reads the same claims', async () => {
    store = await openStore(parseDatabaseUrl('sqlite::memory:'));
    await migrateToLatest(store);
    const vault = createVault(parseKeyring(generateMasterKey()));
    const clock = () => new Date('2030-01-01T00:00:00.000Z');
    const node = () => createTokens({ system: createSystemRepo(store!.db), vault, issuer: 'https://plinth.test', audiences: [AUDIENCE], clock });
    const signer = node();
    await signer.init();
    const other = node();
    await other.init();
    const { token } = await signer.issue(actor, AUDIENCE, { address: '127.0.0.1' });

    const rsaChecks = vi.spyOn(globalThis.crypto.subtle, 'verify');
    const here = await signer.verify(token);
    expect(rsaChecks).not.toHaveBeenCalled();
    const there = await other.verify(token);
    expect(rsaChecks).toHaveBeenCalledTimes(1);
    expect(here).toEqual(there);
    expect(here).toEqual({ sub: 'c1', accountId: 'a1', generation: 3, exp: Date.parse('2030-01-01T00:00:00.000Z') / 1000 + TOKEN_LIFETIME_SECONDS });
    // A token that differs from the one signed, by a character, is checked and refused.
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(signer.verify(forged)).rejects.toThrow();
    expect(rsaChecks).toHaveBeenCalledTimes(2);

    // The caches are keyed by a token's last characters: a token with the same signature (so the
    // same key) and other claims is checked and refused, whether the known one is still waiting
    // for its first use (signed here) or already verified.
    const [head, , signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const swapped = (c: Record<string, unknown>) => `${head}.${Buffer.from(JSON.stringify(c)).toString('base64url')}.${signature}`;
    const fresh = await signer.issue(actor, AUDIENCE, { address: '127.0.0.1' });
    const freshClaims = JSON.parse(Buffer.from(fresh.token.split('.')[1]!, 'base64url').toString());
    const freshSignature = fresh.token.split('.')[2];
    const otherAccount = `${head}.${Buffer.from(JSON.stringify({ ...freshClaims, 'https://matillion.com/accountId': 'a2' })).toString('base64url')}.${freshSignature}`;
    await expect(signer.verify(otherAccount)).rejects.toThrow();
    await expect(signer.verify(swapped({ ...claims, sub: 'intruder' }))).rejects.toThrow();
    expect(rsaChecks).toHaveBeenCalledTimes(4);
    // Both known tokens are still accepted, from the caches.
    expect(await signer.verify(fresh.token)).toEqual(here);
    expect(await signer.verify(token)).toEqual(here);
    expect(rsaChecks).toHaveBeenCalledTimes(4);

    // Only the last 1,024 tokens signed wait for their first use unchecked: an older one is
    // checked the usual way, and accepted.
    const { token: early } = await signer.issue(actor, AUDIENCE, { address: '127.0.0.1' });
    await Promise.all(Array.from({ length: 1024 }, () => signer.issue(actor, AUDIENCE, { address: '127.0.0.1' })));
    expect(await signer.verify(early)).toEqual(here);
    expect(rsaChecks).toHaveBeenCalledTimes(5);
  });
});
