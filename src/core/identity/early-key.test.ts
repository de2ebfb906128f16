import { describe, expect, it } from 'vitest';
import { exportJWK, importJWK, jwtVerify, SignJWT } from 'jose';
import { startEarlySigningKey, takeEarlySigningKey } from './early-key.js';

describe('early signing key', () => {
  it('is an RSA-2048 pair, handed out once, that signs RS256 tokens its public half verifies', async () => {
    startEarlySigningKey();
    const pair = await takeEarlySigningKey();
    expect(pair?.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(pair?.privateKey.asymmetricKeyType).toBe('rsa');
    expect(await takeEarlySigningKey()).toBeUndefined();
    const token = await new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'RS256' }).sign(pair!.privateKey);
    const pub = await importJWK(await exportJWK(pair!.publicKey), 'RS256');
    expect((await jwtVerify(token, pub)).payload.a).toBe(1);
  });

  it('is nothing when none was started', async () => {
    expect(await takeEarlySigningKey()).toBeUndefined();
  });
});
