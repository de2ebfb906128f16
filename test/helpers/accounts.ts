import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';

/**
 * A second account with a Super Admin credential, for cross-account isolation tests. There is
 * no public API for accounts (the SaaS has none), so the rows are written through the store.
 */
export async function seedAccount(t: TestApp, role = 'SUPER_ADMIN') {
  const accountId = randomUUID();
  const clientId = `other-${randomUUID()}`;
  const clientSecret = `secret-${randomUUID()}`;
  const now = new Date().toISOString();
  await t.app.store.db.insertInto('accounts').values({ id: accountId, slug: `acct-${accountId}`, name: 'Other', created_at: now }).execute();
  await t.app.store.db
    .insertInto('api_credentials')
    .values({
      client_id: clientId,
      account_id: accountId,
      name: 'other-admin',
      role,
      kind: 'user',
      agent_id: null,
      secret_hash: t.app.identity.hashSecret(clientSecret),
      created_at: now,
    })
    .execute();
  return { accountId, clientId, clientSecret, token: await t.tokenWith(clientId, clientSecret) };
}
