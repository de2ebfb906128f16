import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, forbidden, notFound } from '../../core/errors.js';
import type { Role } from '../../core/policy.js';
import { eventsOf, isActor, type ChangedBy, type UserHooks, type UsersDeps } from './model.js';
import { mayGrant, mayManage } from './rules.js';
import type { UserChanges, UserRow } from './store.js';

/** A password change or a deactivation ends the user's tokens (token_generation) and sessions (hooks). */
const revokesSignIns = (before: UserRow, c: UserChanges) => c.password_hash !== undefined || (c.active === 0 && before.active === 1);

/** Writes a change to an existing user; raises its token generation and runs the hooks when it revokes sign-ins. */
export async function writeUser(deps: Pick<UsersDeps, 'users'>, hooks: UserHooks[], trx: Db, before: UserRow, columns: UserChanges): Promise<UserRow> {
  const revoke = revokesSignIns(before, columns);
  await deps.users.update(before.account_id, before.id, columns, trx, { revokeTokens: revoke });
  if (revoke) for (const h of hooks) await h.onSignInsRevoked?.(trx, before.account_id, before.id);
  return { ...before, ...columns, token_generation: before.token_generation + (revoke ? 1 : 0) };
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
export function createUserChanges(deps: UsersDeps, hooks: UserHooks[]) {
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

/** Applies one change or removal of an existing user (see createUserChanges). */
export type ApplyUserChange = ReturnType<typeof createUserChanges>;
