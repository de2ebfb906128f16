import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { pageWindow, toPage, type Page, type PageQuery } from '../../core/paging.js';
import type { Actor, Role } from '../../core/policy.js';
import { actorOfUser, blankUser, viewOf, type UsersDeps, type UserView } from './model.js';
import { hashPassword, passwordRule } from './passwords.js';
import { emailRule, mayGrant, normaliseEmail } from './rules.js';
import type { InvitationRow, UserRow } from './store.js';

export interface InvitationCreated {
  invitationId: string;
  email: string;
  role: Role;
  inviteUrl: string;
  expiresAt: string;
}

export interface InvitationView {
  invitationId: string;
  email: string;
  role: Role;
  status: 'PENDING' | 'EXPIRED';
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

const INVALID_INVITATION = () => badRequest([{ field: 'token', rule: 'is not a valid invitation (unknown, expired or already used)' }], 'The invitation is not valid: it is unknown, has expired or was already used');

/** Invitations: single-use links, only a keyed hash of the token stored, expiring after the TTL. */
export function createInvitations(deps: UsersDeps) {
  const { db, users, invitations, identity, policy, clock, audit, publicUrl, invitationTtlHours } = deps;
  const invitationView = (now: string) => (r: InvitationRow): InvitationView => ({
    invitationId: r.id,
    email: r.email,
    role: r.role as Role,
    status: r.expires_at > now ? 'PENDING' : 'EXPIRED',
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  });
  return {
    async invite(actor: Actor, input: { email: string; role: Role }): Promise<InvitationCreated> {
      policy.assert(actor, 'users.manage');
      const email = normaliseEmail(input.email);
      const rule = emailRule(email);
      if (rule) throw invalid('email', rule);
      if (!mayGrant(actor.role, input.role)) throw forbidden(input.role === 'SUPER_ADMIN' ? 'Only a Super Admin may grant SUPER_ADMIN' : `The caller's role (${actor.role}) may not grant ${input.role}`);
      if (await users.findByEmail(actor.accountId, email)) throw conflict(`A user with email ${email} already exists`, [{ field: 'email', rule: 'must not belong to an existing user' }]);
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const row: InvitationRow = {
        id: randomUUID(),
        account_id: actor.accountId,
        email,
        role: input.role,
        token_hash: identity.hashSecret(token),
        expires_at: new Date(now.getTime() + invitationTtlHours * 3600_000).toISOString(),
        created_by: actor.clientId,
        created_at: now.toISOString(),
        redeemed_at: null,
      };
      await db.transaction().execute(async (trx) => {
        // A new invitation for the same email replaces the pending ones (a resend): one live link.
        const replaced = await invitations.deletePendingFor(trx, actor.accountId, email);
        await invitations.insert(row, trx);
        await audit.record(trx, actor, { eventName: 'user_invited', eventType: 'CREATE', description: 'Invite created', subjectType: 'INVITATION', subjectId: row.id, subjectName: email, additionalInfo: { role: input.role, ...(replaced.length ? { replaced } : {}) } });
      });
      return { invitationId: row.id, email, role: input.role, inviteUrl: `${publicUrl}/console/invitations/${token}`, expiresAt: row.expires_at };
    },

    async list(actor: Actor, q: PageQuery): Promise<Page<InvitationView>> {
      policy.assert(actor, 'users.manage');
      const w = pageWindow(q);
      const { rows, total } = await invitations.page(actor.accountId, w.offset, w.limit);
      return toPage(w, total, rows, invitationView(clock().toISOString()));
    },

    async remove(actor: Actor, invitationId: string): Promise<void> {
      policy.assert(actor, 'users.manage');
      const row = await invitations.find(actor.accountId, invitationId);
      if (!row || row.redeemed_at !== null) throw notFound(`Invitation ${invitationId} not found`);
      if (!mayGrant(actor.role, row.role as Role)) throw forbidden(`The caller's role (${actor.role}) may not withdraw an invitation for ${row.role}`);
      await db.transaction().execute(async (trx) => {
        if (!(await invitations.delete(trx, actor.accountId, invitationId))) throw notFound(`Invitation ${invitationId} not found`);
        await audit.record(trx, actor, { eventName: 'invitation_deleted', eventType: 'DELETE', description: 'Invite deleted', subjectType: 'INVITATION', subjectId: invitationId, subjectName: row.email });
      });
    },

    accept: createAcceptance(deps),
  };
}

/**
 * Redeems an invitation: the user is created with the invited role and this password. One
 * generic refusal for an unknown, expired or used token; the conditional update makes it single
 * use under concurrency. The scrypt hash is computed before the transaction (it holds no lock).
 */
function createAcceptance(deps: UsersDeps) {
  const { users, invitations, identity, clock, changes, audit } = deps;
  return async function accept(input: { token: string; password: string }): Promise<UserView> {
    const rule = passwordRule(input.password);
    if (rule) throw invalid('password', rule);
    const inv = await invitations.findByTokenHash(identity.hashSecret(input.token));
    if (!inv || inv.redeemed_at !== null || inv.expires_at <= clock().toISOString()) throw INVALID_INVITATION();
    const password_hash = await hashPassword(input.password);
    return changes.run(async (trx) => {
      await users.lockAccount(trx, inv.account_id);
      const now = clock().toISOString();
      if (!(await invitations.redeem(trx, inv.id, now))) throw INVALID_INVITATION();
      if (await users.findByEmail(inv.account_id, inv.email, trx)) throw conflict(`A user with email ${inv.email} already exists`, [{ field: 'token', rule: 'invites an email that already belongs to a user' }]);
      const row: UserRow = { ...blankUser(inv.account_id, inv.email, inv.role, now), password_hash };
      await users.insert(row, trx);
      await audit.record(trx, actorOfUser(row)!, { eventName: 'invitation_redeemed', eventType: 'CREATE', description: 'Invite redeemed', subjectType: 'USER', subjectId: row.id, subjectName: row.email, additionalInfo: { invitationId: inv.id, role: inv.role } });
      return { clientIds: [row.id], result: viewOf(row) };
    });
  };
}
