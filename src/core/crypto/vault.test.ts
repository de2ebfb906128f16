import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVault, generateMasterKey, parseKeyring, VaultError } from './vault.js';

describe('vault', () => {
  const k1 = generateMasterKey();
  const k2 = generateMasterKey();

  it('round-trips any value under its own AAD and refuses any other AAD', () => {
    const vault = createVault(parseKeyring(k1));
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (value, aad, other) => {
        const blob = vault.encrypt(value, aad);
        expect(blob.startsWith(`plinth:v1:${vault.currentKeyId}:`)).toBe(true);
        expect(blob).not.toContain(value.length > 3 ? value : '\u0000never');
        expect(vault.decryptString(blob, aad)).toBe(value);
        if (other !== aad) expect(() => vault.decrypt(blob, other)).toThrow(VaultError);
      }),
      { numRuns: 200 },
    );
  });

  it('encrypts the same value differently every time (fresh DEK and nonce)', () => {
    const vault = createVault(parseKeyring(k1));
    expect(vault.encrypt('same', 'a')).not.toBe(vault.encrypt('same', 'a'));
  });

  it('detects tampering in every part of the blob', () => {
    const vault = createVault(parseKeyring(k1));
    const blob = vault.encrypt('secret value', 'owner');
    const parts = blob.split(':');
    for (const i of [3, 4, 5]) {
      const p = [...parts];
      const bytes = Buffer.from(p[i]!, 'base64url');
      bytes[bytes.length - 1]! ^= 1;
      p[i] = bytes.toString('base64url');
      expect(() => vault.decrypt(p.join(':'), 'owner')).toThrow(/failed authentication/);
    }
    const relabelled = [...parts];
    relabelled[2] = 'kother';
    expect(() => vault.decrypt(relabelled.join(':'), 'owner')).toThrow(/needs master key "kother"/);
  });

  it('keyring: first key encrypts, all decrypt; rewrap moves a blob to the current key without the plaintext', () => {
    const old = createVault(parseKeyring(`old:${k1}`));
    const blob = old.encrypt('pem\n-----END-----\n', 'aad');
    const rotated = createVault(parseKeyring(`new:${k2},old:${k1}`));
    expect(rotated.currentKeyId).toBe('new');
    expect(rotated.decryptString(blob, 'aad')).toBe('pem\n-----END-----\n');
    const rewrapped = rotated.rewrap(blob)!;
    expect(rewrapped.split(':')[2]).toBe('new');
    expect(rotated.rewrap(rewrapped)).toBeNull();
    const onlyNew = createVault(parseKeyring(`new:${k2}`));
    expect(onlyNew.decryptString(rewrapped, 'aad')).toBe('pem\n-----END-----\n');
    expect(() => onlyNew.decrypt(blob, 'aad')).toThrow(/needs master key "old"/);
  });

  it('parses keyrings and refuses bad ones with the entry number', () => {
    expect(parseKeyring(k1)[0]!.id).toMatch(/^k[0-9a-f]{10}$/);
    expect(parseKeyring(k1)[0]!.id).toBe(parseKeyring(k1)[0]!.id);
    expect(() => parseKeyring('')).toThrow(/empty/);
    expect(() => parseKeyring(`${k1},short`)).toThrow(/entry 2 must decode to 32 bytes/);
    expect(() => parseKeyring(`a:${k1},a:${k2}`)).toThrow(/twice/);
    expect(() => parseKeyring(`bad id!:${k1}`)).toThrow(/key id/);
  });
});
