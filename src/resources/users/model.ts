import { randomUUID } from 'node:crypto';
import type { Audit, AuditEventInput, SystemActor } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';
import type { Identity } from '../../core/identity/identity.js';
import type { Limiter } from '../../core/limits.js';
import type { Actor, Policy, Role } from '../../core/policy.js';
import { normaliseEmail } from './rules.js';
import type { InvitationsRepo, UserChanges, UserRow, UsersRepo } from './store.js';

/** The users module's shapes and the small row helpers its parts share (service.ts re-exports the public ones). */

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

export const isActor = (by: ChangedBy): by is Actor => 'role' in by;

export function columnsOf(change: UserChange): UserChanges {
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
export function eventsOf(before: UserRow, c: UserChanges): AuditEventInput[] {
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

export function blankUser(accountId: string, email: string, role: string, now: string): UserRow {
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
