import { describe, expect, it } from 'vitest';
import { scrubAdditionalInfo } from './audit.js';

describe('audit additionalInfo guard', () => {
  it('drops keys that name a secret and values that look like one, at any depth, and keeps names and ids', () => {
    const dropped: string[] = [];
    const out = scrubAdditionalInfo(
      {
        role: 'ADMIN',
        clientId: 'abc',
        tokenId: 42,
        secretName: 'sf-key',
        clientSecret: 'x',
        password: 'x',
        accessToken: 'x',
        privateKey: 'x',
        credentials: { a: 1 },
        nested: { apiKey: 'x', keep: 'yes', jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig' },
        git: 'glpat-abcdefghijklmnopqrst',
        pem: '-----BEGIN PRIVATE KEY-----\nabc',
        list: ['a', { password: 'x', name: 'n' }, 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig'],
      },
      dropped,
    );
    expect(out).toEqual({ role: 'ADMIN', clientId: 'abc', tokenId: 42, secretName: 'sf-key', nested: { keep: 'yes' }, list: ['a', { name: 'n' }] });
    expect(dropped.sort()).toEqual(['accessToken', 'clientSecret', 'credentials', 'git', 'list[1].password', 'list[2]', 'nested.apiKey', 'nested.jwt', 'password', 'pem', 'privateKey'].sort());
  });
});
