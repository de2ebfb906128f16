import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/app.js';

// Property: no invitation, acceptance or user change a client can send produces a 5xx; every
// refusal names the field and the rule; nothing echoes a password.
describeEachDb('users validators (property-based)', (t) => {
  const seed = { seed: 1313, numRuns: 120 };

  it('POST /v1/invitations: any JSON body gets 201, 400 naming a body field, or 409', async () => {
    const token = await t().adminToken();
    const email = fc.oneof(fc.emailAddress(), fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null));
    const role = fc.oneof(fc.constantFrom('SUPER_ADMIN', 'BILLING_ADMIN', 'ADMIN', 'MEMBER', 'member', 'OWNER'), fc.anything());
    const body = fc.record({ email, role, extra: fc.anything() }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, fc.jsonValue()), async (b) => {
        const r = await t().inject({ method: 'POST', url: '/v1/invitations', token, body: JSON.stringify(b) });
        expect([201, 400, 409]).toContain(r.statusCode);
        if (r.statusCode === 400) for (const v of r.json().violations) expect(v).toMatch(/^body(\..*)?: .+/s);
      }),
      seed,
    );
  });

  it('POST /v1/invitations/accept: unknown tokens and any password get 400 naming token or password, never the password', async () => {
    const password = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.integer());
    const token = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.base64String({ minLength: 44, maxLength: 44 }), fc.constant(''));
    await fc.assert(
      fc.asyncProperty(token, password, async (tk, pw) => {
        const r = await t().inject({ method: 'POST', url: '/v1/invitations/accept', body: JSON.stringify({ token: tk, password: pw }) });
        expect(r.statusCode).toBe(400);
        const violations: string[] = r.json().violations;
        expect(violations.length).toBeGreaterThan(0);
        for (const v of violations) expect(v).toMatch(/^body(\.(token|password))?: .+/);
        if (typeof pw === 'string' && pw.length >= 4) expect(r.body).not.toContain(JSON.stringify(pw).slice(1, -1));
      }),
      seed,
    );
  });

  it('PATCH /v1/users/{userId}: any body gets 200, 400 naming a body field, 404 or 409', async () => {
    const token = await t().adminToken();
    const users = (await t().inject({ method: 'GET', url: '/v1/users', token })).json().results as { userId: string }[];
    const id = fc.oneof(fc.constantFrom(...users.map((u) => u.userId)), fc.uuid());
    const body = fc.record({ role: fc.oneof(fc.constantFrom('SUPER_ADMIN', 'MEMBER', 'ADMIN', 'x'), fc.anything()), active: fc.oneof(fc.boolean(), fc.anything()) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(id, fc.oneof(body, fc.jsonValue()), async (userId, b) => {
        const r = await t().inject({ method: 'PATCH', url: `/v1/users/${userId}`, token, body: JSON.stringify(b) });
        expect([200, 400, 404, 409]).toContain(r.statusCode);
        if (r.statusCode === 400) for (const v of r.json().violations) expect(v).toMatch(/^body(\..*)?: .+/s);
      }),
      seed,
    );
    // Whatever happened, the account still has an active Super Admin user.
    const supers = await t().app.store.db.selectFrom('users').select('id').where('role', '=', 'SUPER_ADMIN').where('active', '=', 1).execute();
    expect(supers.length).toBeGreaterThanOrEqual(1);
  });
});
