import type { TestApp } from './app.js';

/** A user made the public way: invited by the bootstrap Super Admin credential, invitation accepted. */
export async function invitedUser(
  t: TestApp,
  role: 'SUPER_ADMIN' | 'BILLING_ADMIN' | 'ADMIN' | 'MEMBER',
  password = 'correct horse battery staple',
  email = `person-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
) {
  const inv = await t.inject({ method: 'POST', url: '/v1/invitations', token: await t.adminToken(), body: { email, role } });
  if (inv.statusCode !== 201) throw new Error(`invitation failed: ${inv.statusCode} ${inv.body}`);
  const token = new URL(inv.json().inviteUrl).pathname.split('/').pop()!;
  const acc = await t.inject({ method: 'POST', url: '/v1/invitations/accept', body: { token, password } });
  if (acc.statusCode !== 201) throw new Error(`accept failed: ${acc.statusCode} ${acc.body}`);
  return { email, password, userId: acc.json().userId as string };
}

/** The console cookie (name=value) from a sign-in answer. */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no set-cookie');
  return first.split(';')[0]!;
}

export async function consoleSignIn(t: TestApp, email: string, password: string, headers: Record<string, string> = {}) {
  const r = await t.inject({ method: 'POST', url: '/console/api/session', body: { email, password }, headers });
  if (r.statusCode !== 200) throw new Error(`console sign-in failed: ${r.statusCode} ${r.body}`);
  return { cookie: sessionCookie(r.headers['set-cookie']), csrf: r.json().csrfToken as string, response: r };
}
