import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';

/** People in tests (issue 13): invite, accept, sign in with the password grant. */

export type AccountRole = 'SUPER_ADMIN' | 'BILLING_ADMIN' | 'ADMIN' | 'MEMBER';

export const PASSWORD = 'correct-horse-battery-staple';

export const newEmail = (prefix = 'person') => `${prefix}-${randomUUID().slice(0, 8)}@Example.com`;

/** The token at the end of an invitation link. */
export const tokenOf = (inviteUrl: string) => inviteUrl.slice(inviteUrl.lastIndexOf('/') + 1);

/** POST /oauth/dpc/token with grant_type=password (a distinct address keeps tests' failure budgets apart). */
export function passwordGrant(t: TestApp, username: string, password: string, remoteAddress = '127.0.0.1') {
  return t.app.server.inject({
    method: 'POST',
    url: '/oauth/dpc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
    remoteAddress,
  });
}

export async function invite(t: TestApp, token: string, email: string, role: AccountRole) {
  const r = await t.inject({ method: 'POST', url: '/v1/invitations', token, body: { email, role } });
  if (r.statusCode !== 201) throw new Error(`invite failed: ${r.statusCode} ${r.body}`);
  return r.json() as { invitationId: string; email: string; role: AccountRole; inviteUrl: string; expiresAt: string };
}

export const accept = (t: TestApp, token: string, password = PASSWORD) =>
  t.inject({ method: 'POST', url: '/v1/invitations/accept', body: { token, password } });

/** A signed-in person with `role`, invited by `by` (a Super Admin token by default). */
export async function newUser(t: TestApp, role: AccountRole, by?: string) {
  const email = newEmail(role.toLowerCase());
  const inv = await invite(t, by ?? (await t.adminToken()), email, role);
  const a = await accept(t, tokenOf(inv.inviteUrl));
  if (a.statusCode !== 201) throw new Error(`accept failed: ${a.statusCode} ${a.body}`);
  const s = await passwordGrant(t, email, PASSWORD);
  if (s.statusCode !== 200) throw new Error(`sign-in failed: ${s.statusCode} ${s.body}`);
  return { userId: a.json().userId as string, email: email.toLowerCase(), token: s.json().access_token as string };
}

/** The claims of a JWT (no verification: the test reads what the server put there). */
export const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
