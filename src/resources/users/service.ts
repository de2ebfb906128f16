import { randomBytes, randomUUID } from 'node:crypto';
import type { Audit, AuditEventInput, SystemActor } from '../../core/audit.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { badRequest, conflict, DomainError, forbidden, invalid, notFound } from '../../core/errors.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';
import type { Identity } from '../../core/identity/identity.js';
import type { Limiter } from '../../core/limits.js';
import { pageWindow, toPage, type Page, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy, Role } from '../../core/policy.js';
import { createDecoy, generatePassword, hashPassword, passwordRule, verifyPassword } from './passwords.js';
import { emailRule, mayGrant, mayManage, normaliseEmail } from './rules.js';
import type { InvitationRow, InvitationsRepo, UserChanges, UserRow, UsersRepo } from './store.js';

/**
 * People (issue 13; PRODUCT.md "People"): users of an account with one account role, invitations
 * that create them, sign-in with email and password, and the bootstrap Super Admin.
 *
 * Invariants, checked and written in one transaction that first locks the account
 * (`UsersRepo.lockAccount`), so concurrent requests cannot both pass a check the other is about to
 * break: the account keeps at least one ACTIVE Super Admin user; only a Super Admin changes or
 * removes a Super Admin or grants SUPER_ADMIN (rules.ts). Every change to a user row goes through
 * `CredentialChanges` naming the user id, so its cached actor (tokens and console sessions) is
 * dropped at once on this node and, through LISTEN/NOTIFY, on every other.
 */

/** A user as the API shows it: never a password or its hash. */
export interface UserView {
  userId: string;
  email: string;
  role: Role;
  active: boolean;
  displayName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A user with every stored attribute but the password hash (for SCIM and the console). */
export interface UserRecord extends UserView {
  accountId: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  /** The SCIM attributes without a column of their own. */
  scimAttributes: Record<string, unknown> | null;
  /** Whether the user can sign in with a password (an invitation was accepted, or the bootstrap). */
  hasPassword: boolean;
}

/** Attributes a directory (SCIM) sets besides email, role and active. */
export interface DirectoryAttributes {
  externalId?: string | null;
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  scimAttributes?: Record<string, unknown> | null;
  /** A password to set (SCIM's `password`): the length rule applies; only its scrypt hash is stored. */
  password?: string;
}

export interface UserChange extends DirectoryAttributes {
  email?: string;
  role?: Role;
  active?: boolean;
}

/** Who makes a change: a signed-in actor, or the system / a directory client (role rules do not apply, invariants do). */
export type ChangedBy = Actor | SystemActor;

/** Joined by modules that keep per-user state (memberships, console sessions): run inside the changing transaction. */
export interface UserHooks {
  beforeRemove?(trx: Db, accountId: string, userId: string): Promise<void>;
  /** The user's password changed or the user was deactivated: what was signed in with the old one ends. */
  onSignInsRevoked?(trx: Db, accountId: string, userId: string): Promise<void>;
}

/** A password change or a deactivation ends the user's tokens (token_generation) and sessions (hooks). */
const revokesSignIns = (before: UserRow, c: UserChanges) => c.password_hash !== undefined || (c.active === 0 && before.active === 1);

/** Writes a change to an existing user; raises its token generation and runs the hooks when it revokes sign-ins. */
async function writeUser(deps: Pick<UsersDeps, 'users'>, hooks: UserHooks[], trx: Db, before: UserRow, columns: UserChanges): Promise<UserRow> {
  const revoke = revokesSignIns(before, columns);
  await deps.users.update(before.account_id, before.id, columns, trx, { revokeTokens: revoke });
  if (revoke) for (const h of hooks) await h.onSignInsRevoked?.(trx, before.account_id, before.id);
  return { ...before, ...columns, token_generation: before.token_generation + (revoke ? 1 : 0) };
}

/** A refused sign-in: always 401 with one generic message; `blocked` when the failure limit is reached. */
export class SignInRefused extends DomainError {
  constructor(
    readonly reason: 'invalid_credentials' | 'blocked',
    readonly retryAfterSeconds = 0,
  ) {
    super('unauthenticated', reason === 'blocked' ? 'Too many failed sign-ins; retry later' : 'Invalid email or password');
    this.name = 'SignInRefused';
  }
}

export interface UsersDeps {
  db: Db;
  users: UsersRepo;
  invitations: InvitationsRepo;
  identity: Pick<Identity, 'hashSecret' | 'defaultAccountId' | 'currentActor'>;
  policy: Policy;
  clock: () => Date;
  changes: CredentialChanges;
  audit: Audit;
  /** Failed sign-ins per email and per address (the token endpoint's budget). */
  limits: { perUser: Limiter; perAddress: Limiter };
  /** Where invitation links point: `<publicUrl>/console/invitations/<token>`. */
  publicUrl: string;
  invitationTtlHours: number;
}

export const BOOTSTRAP_ADMIN_EMAIL = 'admin@plinth.local';
const BOOTSTRAP_ACTOR = (accountId: string): SystemActor => ({ accountId, actorId: 'system:bootstrap' });

export const viewOf = (r: UserRow): UserView => ({
  userId: r.id,
  email: r.email,
  role: r.role as Role,
  active: r.active === 1,
  displayName: r.display_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const recordOf = (r: UserRow): UserRecord => ({
  ...viewOf(r),
  accountId: r.account_id,
  externalId: r.external_id,
  givenName: r.given_name,
  familyName: r.family_name,
  scimAttributes: r.scim_attributes === null ? null : (JSON.parse(r.scim_attributes) as Record<string, unknown>),
  hasPassword: r.password_hash !== null,
});

/** The actor of a signed-in person (tokens' `sub` is the user id); null when deactivated. */
export const actorOfUser = (r: UserRow): Actor | null =>
  r.active === 1 ? { accountId: r.account_id, clientId: r.id, role: r.role as Role, kind: 'user', principalType: 'USER', email: r.email, generation: r.token_generation } : null;

const isActor = (by: ChangedBy): by is Actor => 'role' in by;

function columnsOf(change: UserChange): UserChanges {
  const c: UserChanges = {};
  if (change.email !== undefined) c.email = normaliseEmail(change.email);
  if (change.role !== undefined) c.role = change.role;
  if (change.active !== undefined) c.active = change.active ? 1 : 0;
  if (change.externalId !== undefined) c.external_id = change.externalId;
  if (change.displayName !== undefined) c.display_name = change.displayName;
  if (change.givenName !== undefined) c.given_name = change.givenName;
  if (change.familyName !== undefined) c.family_name = change.familyName;
  if (change.scimAttributes !== undefined) c.scim_attributes = change.scimAttributes === null ? null : JSON.stringify(change.scimAttributes);
  return c;
}

/** The audit events one change makes (role, activation and other attributes apart). */
function eventsOf(before: UserRow, c: UserChanges): AuditEventInput[] {
  const subject = { subjectType: 'USER', subjectId: before.id, subjectName: c.email ?? before.email };
  const out: AuditEventInput[] = [];
  if (c.role !== undefined && c.role !== before.role) {
    out.push({ ...subject, eventName: 'user_role_changed', eventType: 'UPDATE', description: 'Account user role changed', additionalInfo: { from: before.role, to: c.role } });
  }
  if (c.active !== undefined && c.active !== before.active) {
    out.push(c.active === 1
      ? { ...subject, eventName: 'user_activated', eventType: 'UPDATE', description: 'Account user activated' }
      : { ...subject, eventName: 'user_deactivated', eventType: 'UPDATE', description: 'Account user deactivated' });
  }
  const others = Object.keys(c).filter((k) => !['role', 'active', 'updated_at', 'password_hash'].includes(k) && (c as Record<string, unknown>)[k] !== (before as unknown as Record<string, unknown>)[k]);
  if (others.length) out.push({ ...subject, eventName: 'user_updated', eventType: 'UPDATE', description: 'Account user updated', additionalInfo: { fields: others } });
  if (c.password_hash !== undefined) out.push({ ...subject, eventName: 'user_password_changed', eventType: 'UPDATE', description: 'Account user password changed' });
  return out;
}

/** The role rules (rules.ts) for a signed-in caller; a directory or system change skips them. */
function authorise(by: ChangedBy, before: UserRow, next: { role?: string; remove?: boolean }) {
  if (!isActor(by)) return;
  if (!mayManage(by.role, before.role as Role)) {
    throw forbidden(before.role === 'SUPER_ADMIN' ? 'Only a Super Admin may change or remove a Super Admin' : `The caller's role (${by.role}) may not change or remove a user with role ${before.role}`);
  }
  if (next.role !== undefined && !mayGrant(by.role, next.role as Role)) {
    throw forbidden(next.role === 'SUPER_ADMIN' ? 'Only a Super Admin may grant SUPER_ADMIN' : `The caller's role (${by.role}) may not grant ${next.role}`);
  }
}

/**
 * The one way an existing user changes or goes: lock the account, read the row, check the role
 * rules and the last-Super-Admin invariant, write, audit, and announce the user id (cache).
 */
function createUserChanges(deps: UsersDeps, hooks: UserHooks[]) {
  const { users, changes, audit, clock } = deps;
  return async function apply(by: ChangedBy, accountId: string, userId: string, next: { columns?: UserChanges; remove?: boolean }): Promise<UserRow | null> {
    return changes.run(async (trx) => {
      await users.lockAccount(trx, accountId);
      const before = await users.find(accountId, userId, trx);
      if (!before) throw notFound(`User ${userId} not found`);
      const c = next.columns ?? {};
      authorise(by, before, { role: c.role, remove: next.remove });
      const losesSuperAdmin = before.role === 'SUPER_ADMIN' && before.active === 1 && (next.remove || (c.role !== undefined && c.role !== 'SUPER_ADMIN') || c.active === 0);
      if (losesSuperAdmin && (await users.otherActiveSuperAdmins(trx, accountId, userId)) === 0) {
        const what = next.remove ? 'removed' : c.active === 0 ? 'deactivated' : 'demoted';
        throw conflict(`The account's last active Super Admin user cannot be ${what}; make another user Super Admin first`);
      }
      if (next.remove) {
        for (const h of hooks) await h.beforeRemove?.(trx, accountId, userId);
        await users.delete(accountId, userId, trx);
        await audit.record(trx, by, { eventName: 'user_removed', eventType: 'DELETE', description: 'Account user removed', subjectType: 'USER', subjectId: userId, subjectName: before.email });
        return { clientIds: [userId], result: null };
      }
      const columns = { ...c, updated_at: clock().toISOString() };
      let after: UserRow;
      try {
        after = await writeUser(deps, hooks, trx, before, columns);
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A user with email ${columns.email} already exists`, [{ field: 'email', rule: 'must be unique within the account' }]);
        throw err;
      }
      for (const e of eventsOf(before, columns)) await audit.record(trx, by, e);
      return { clientIds: [userId], result: after };
    });
  };
}

/** `/v1/users`: read (users.read), change role or activation, remove (users.manage). */
function createUserAdmin(deps: UsersDeps, apply: ReturnType<typeof createUserChanges>) {
  const { users, policy } = deps;
  const found = async (actor: Actor, userId: string) => {
    const row = await users.find(actor.accountId, userId);
    if (!row) throw notFound(`User ${userId} not found`);
    return row;
  };
  return {
    async list(actor: Actor, q: PageQuery): Promise<Page<UserView>> {
      policy.assert(actor, 'users.read');
      const w = pageWindow(q);
      const { rows, total } = await users.page(actor.accountId, w.offset, w.limit);
      return toPage(w, total, rows, viewOf);
    },
    async get(actor: Actor, userId: string): Promise<UserView> {
      policy.assert(actor, 'users.read');
      return viewOf(await found(actor, userId));
    },
    async update(actor: Actor, userId: string, patch: { role?: Role; active?: boolean }): Promise<UserView> {
      policy.assert(actor, 'users.manage');
      if (patch.role === undefined && patch.active === undefined) throw invalid('', 'give role or active');
      const row = await apply(actor, actor.accountId, userId, { columns: columnsOf(patch) });
      return viewOf(row!);
    },
    async remove(actor: Actor, userId: string): Promise<void> {
      policy.assert(actor, 'users.manage');
      await apply(actor, actor.accountId, userId, { remove: true });
    },
  };
}

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
function createInvitations(deps: UsersDeps) {
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

function blankUser(accountId: string, email: string, role: string, now: string): UserRow {
  return {
    id: randomUUID(),
    account_id: accountId,
    email,
    role,
    password_hash: null,
    active: 1,
    external_id: null,
    display_name: null,
    given_name: null,
    family_name: null,
    scim_attributes: null,
    created_at: now,
    updated_at: now,
    token_generation: 1,
  };
}

/** Who tried, for a failed sign-in's event: the email, unless what was typed does not look like one (it may be a password). */
const triedAs = (accountId: string, email: string): SystemActor =>
  emailRule(email) === null ? { accountId, actorId: email, actorEmail: email } : { accountId, actorId: '(not an email address)' };

/** Sign-in with email and password, limited like client secrets (per email and per address). */
function createSignIn(deps: UsersDeps) {
  const { db, users, identity, audit, limits } = deps;
  const decoy = createDecoy();

  const blockedFor = async (email: string, ip: string) => {
    const [u, a] = await Promise.all([limits.perUser.get(email), limits.perAddress.get(ip)]);
    const over = [u, a].filter((r) => r !== null && r.remainingPoints <= 0 && r.consumedPoints >= 1);
    return over.length ? Math.max(...over.map((r) => Math.ceil(r!.msBeforeNext / 1000))) : 0;
  };

  /** The matching user among those with this email (an email may exist in several accounts). */
  async function match(email: string, password: string): Promise<{ row?: UserRow; ok: boolean }> {
    const rows = await users.findAllByEmail(email, 5);
    const withPassword = rows.filter((r) => r.password_hash !== null);
    if (withPassword.length === 0) {
      await verifyPassword(password, await decoy()); // the same cost as a wrong password
      return { row: rows[0], ok: false };
    }
    for (const r of withPassword) if (await verifyPassword(password, r.password_hash!)) return { row: r, ok: true };
    return { row: withPassword[0], ok: false };
  }

  return async function signIn(emailGiven: string, password: string, opts: { ip?: string } = {}): Promise<Actor> {
    const email = normaliseEmail(emailGiven);
    const ip = opts.ip ?? 'unknown';
    const wait = await blockedFor(email, ip);
    if (wait > 0) throw new SignInRefused('blocked', wait);
    const { row, ok } = await match(email, password);
    const actor = ok && row ? actorOfUser(row) : null;
    if (!actor) {
      await Promise.all([limits.perUser.penalty(email, 1), limits.perAddress.penalty(ip, 1)]);
      await audit.record(db, triedAs(row?.account_id ?? identity.defaultAccountId, email), {
        eventName: 'hub_user_login_failed', eventType: 'LOGIN_FAILED', description: 'User login failed', subjectType: 'USER', subjectId: row?.id ?? null, subjectName: null,
      });
      throw new SignInRefused('invalid_credentials');
    }
    await limits.perUser.delete(email);
    await audit.record(db, actor, { eventName: 'hub_user_login', eventType: 'LOGIN', description: 'User logged in', subjectType: 'USER', subjectId: actor.clientId, subjectName: actor.email ?? null });
    return actor;
  };
}

/**
 * In-process user management for SCIM (and the console): no account-role check of its own — the
 * caller decides who may ask — but the same invariants, audit events and cache eviction as the
 * API. A change `by` a signed-in actor also gets the role rules (rules.ts); `by` a SystemActor
 * (a directory client's bearer secret, set up by a Super Admin) does not.
 */
function createDirectory(deps: UsersDeps, apply: ReturnType<typeof createUserChanges>) {
  const { users, clock, changes, audit } = deps;
  const passwordColumns = async (change: UserChange): Promise<UserChanges> => {
    if (change.password === undefined) return {};
    const rule = passwordRule(change.password);
    if (rule) throw invalid('password', rule);
    return { password_hash: await hashPassword(change.password) };
  };
  return {
    async find(accountId: string, userId: string): Promise<UserRecord | undefined> {
      const row = await users.find(accountId, userId);
      return row && recordOf(row);
    },
    async findByEmail(accountId: string, email: string): Promise<UserRecord | undefined> {
      const row = await users.findByEmail(accountId, normaliseEmail(email));
      return row && recordOf(row);
    },
    /** A window of the account's users in creation order, optionally filtered (exact email / externalId). */
    async list(accountId: string, opts: { offset: number; limit: number; email?: string; externalId?: string }): Promise<{ rows: UserRecord[]; total: number }> {
      const { rows, total } = await users.page(accountId, opts.offset, opts.limit, { email: opts.email === undefined ? undefined : normaliseEmail(opts.email), externalId: opts.externalId });
      return { rows: rows.map(recordOf), total };
    },
    /** A user without a password (it signs in once it has one; SCIM users usually never do). Role defaults to MEMBER. */
    async create(by: ChangedBy, accountId: string, input: UserChange & { email: string }): Promise<UserRecord> {
      const email = normaliseEmail(input.email);
      const rule = emailRule(email);
      if (rule) throw invalid('email', rule);
      const role = input.role ?? 'MEMBER';
      if (isActor(by) && !mayGrant(by.role, role)) throw forbidden(`The caller's role (${by.role}) may not grant ${role}`);
      const now = clock().toISOString();
      const row: UserRow = { ...blankUser(accountId, email, role, now), ...columnsOf({ ...input, email, role }), ...(await passwordColumns(input)) } as UserRow;
      try {
        await changes.run(async (trx) => {
          await users.insert(row, trx);
          await audit.record(trx, by, { eventName: 'user_created', eventType: 'CREATE', description: 'Account user created', subjectType: 'USER', subjectId: row.id, subjectName: email, additionalInfo: { role } });
          return { clientIds: [row.id], result: undefined };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A user with email ${email} already exists`, [{ field: 'email', rule: 'must be unique within the account' }]);
        throw err;
      }
      return recordOf(row);
    },
    async update(by: ChangedBy, accountId: string, userId: string, change: UserChange): Promise<UserRecord> {
      if (change.email !== undefined) {
        const rule = emailRule(normaliseEmail(change.email));
        if (rule) throw invalid('email', rule);
      }
      return recordOf((await apply(by, accountId, userId, { columns: { ...columnsOf(change), ...(await passwordColumns(change)) } }))!);
    },
    deactivate: async (by: ChangedBy, accountId: string, userId: string): Promise<UserRecord> =>
      recordOf((await apply(by, accountId, userId, { columns: { active: 0 } }))!),
    remove: async (by: ChangedBy, accountId: string, userId: string): Promise<void> => void (await apply(by, accountId, userId, { remove: true })),
  };
}

/**
 * PRODUCT.md bootstrap admin. With an email and password given (PLINTH_BOOTSTRAP_ADMIN_*), make
 * sure that user exists in the default account as an active Super Admin with that password
 * (idempotent; a changed password replaces the old one). With none given and no user in the
 * database, create `admin@plinth.local` with a generated password and return it so the caller
 * prints it once. Several nodes starting at once: the unique email lets one insert win.
 */
async function bootstrapAdmin(deps: UsersDeps, hooks: UserHooks[], given?: { email: string; password: string }): Promise<{ email: string; password: string } | null> {
  const { users, clock, changes, audit, identity } = deps;
  const accountId = identity.defaultAccountId;
  const by = BOOTSTRAP_ACTOR(accountId);
  const email = normaliseEmail(given?.email ?? BOOTSTRAP_ADMIN_EMAIL);
  if (!given && (await users.countAll()) > 0) return null;
  const existing = given ? await users.findByEmail(accountId, email) : undefined;
  if (existing) {
    const passwordOk = existing.password_hash !== null && (await verifyPassword(given!.password, existing.password_hash));
    if (passwordOk && existing.role === 'SUPER_ADMIN' && existing.active === 1) return null;
    const columns: UserChanges = { role: 'SUPER_ADMIN', active: 1, updated_at: clock().toISOString(), ...(passwordOk ? {} : { password_hash: await hashPassword(given!.password) }) };
    await changes.run(async (trx) => {
      // A changed password ends the tokens and sessions signed in with the old one (writeUser).
      await writeUser(deps, hooks, trx, existing, columns);
      // eventsOf records user_password_changed when the hash changes.
      for (const e of eventsOf(existing, columns)) await audit.record(trx, by, e);
      return { clientIds: [existing.id], result: undefined };
    });
    return null;
  }
  const password = given?.password ?? generatePassword();
  const now = clock().toISOString();
  const row: UserRow = { ...blankUser(accountId, email, 'SUPER_ADMIN', now), password_hash: await hashPassword(password) };
  try {
    await changes.run(async (trx) => {
      await users.insert(row, trx);
      await audit.record(trx, by, { eventName: 'user_created', eventType: 'CREATE', description: 'Account user created', subjectType: 'USER', subjectId: row.id, subjectName: email, additionalInfo: { role: 'SUPER_ADMIN', bootstrap: true } });
      return { clientIds: [row.id], result: undefined };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another node created it first
    throw err;
  }
  return given ? null : { email, password };
}

/** The users service (`ctx.use('users')`), see UsersService for what each part offers. */
export function createUsersService(deps: UsersDeps) {
  const hooks: UserHooks[] = [];
  const apply = createUserChanges(deps, hooks);
  const invitations = createInvitations(deps);
  const signIn = createSignIn(deps);
  return {
    ...createUserAdmin(deps, apply),
    invitations,
    /** Email and password → the user's actor; throws SignInRefused (401) otherwise. Records LOGIN / LOGIN_FAILED. */
    signIn,
    /** The current actor of a user of this account (cached like credentials), or null when removed or deactivated. */
    async userActor(accountId: string, userId: string): Promise<Actor | null> {
      const actor = await deps.identity.currentActor(userId);
      return actor && actor.principalType === 'USER' && actor.accountId === accountId ? actor : null;
    },
    /** For identity.currentActor: the actor behind a token whose subject is a user id. */
    async actorById(userId: string): Promise<Actor | null> {
      const row = await deps.users.findById(userId);
      return row ? actorOfUser(row) : null;
    },
    directory: createDirectory(deps, apply),
    bootstrapAdmin: (given?: { email: string; password: string }) => bootstrapAdmin(deps, hooks, given),
    /**
     * For the controls' reset: it keeps the bootstrap admin users (the configured one and a
     * generated one) as it keeps the bootstrap credential, and puts the configured one back as
     * configured afterwards (role, active, password).
     */
    resetRules: (given?: { email: string; password: string }) => ({
      async keep(): Promise<string[]> {
        const emails = [...new Set([BOOTSTRAP_ADMIN_EMAIL, ...(given ? [normaliseEmail(given.email)] : [])])];
        const rows = await Promise.all(emails.map((e) => deps.users.findByEmail(deps.identity.defaultAccountId, e)));
        return rows.flatMap((r) => (r ? [r.id] : []));
      },
      async restore() {
        if (given) await bootstrapAdmin(deps, hooks, given);
      },
    }),
    /** Modules with per-user state join removals and sign-in revocations (password change, deactivation) here. */
    hooks,
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
