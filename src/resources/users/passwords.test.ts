import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, generatePassword, hashPassword, parseHash, passwordRule, verifyPassword } from './passwords.js';

// A cheap cost for the behaviour tests; one test runs the real default.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password rules', () => {
  it('needs 12 to 1024 characters, counted in code points', () => {
    expect(passwordRule('short')).toBe('must be at least 12 characters');
    expect(passwordRule('a'.repeat(11))).toBe('must be at least 12 characters');
    expect(passwordRule('a'.repeat(12))).toBeNull();
    // Six emoji are twelve UTF-16 units but six characters.
    expect(passwordRule('😀'.repeat(6))).toBe('must be at least 12 characters');
    expect(passwordRule('😀'.repeat(12))).toBeNull();
    expect(passwordRule('a'.repeat(1025))).toBe('must be at most 1024 characters');
  });

  it('generates 24-character base64url passwords that pass the rule', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(passwordRule(p)).toBeNull();
    expect(generatePassword()).not.toBe(p);
  });
});

describe('scrypt hashes', () => {
  it('are self-describing, salted per password, and never contain the password', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
  });

  it('verify the right password only', async () => {
    const h = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('treat composed and decomposed accents as the same password (NFC)', async () => {
    const h = await hashPassword('caf\u00e9-caf\u00e9-caf\u00e9', FAST);
    expect(await verifyPassword('cafe\u0301-cafe\u0301-cafe\u0301', h)).toBe(true);
  });

  it('refuse malformed or tampered hashes without throwing', async () => {
    const h = await hashPassword('correct horse battery', FAST);
    for (const bad of ['', 'plain', h.replace('scrypt', 'bcrypt'), h.replace('$1024$', '$1000$'), h.replace('$1024$', '$1073741824$'), h.replace('$8$', '$0$'), h.split('$').slice(0, 5).join('$')]) {
      expect(parseHash(bad)).toBeNull();
      expect(await verifyPassword('correct horse battery', bad)).toBe(false);
    }
  });

  it('use N=2^15, r=8, p=1 by default, off the event loop', async () => {
    expect(DEFAULT_COST).toEqual({ N: 32768, r: 8, p: 1 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    const h = await hashPassword('correct horse battery');
    const ms = performance.now() - started;
    clearInterval(timer);
    expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    // The loop kept turning while scrypt ran on the pool.
    expect(ticks).toBeGreaterThan(0);
    expect(ms).toBeGreaterThan(0);
  });
});
