import { invalid, notFound } from '../../core/errors.js';
import { pageWindow, toPage, type Page, type PageQuery } from '../../core/paging.js';
import type { Actor, Role } from '../../core/policy.js';
import { bootstrapAdmin, createResetRules } from './bootstrap.js';
import { createUserChanges, type ApplyUserChange } from './changes.js';
import { createDirectory } from './directory.js';
import { createInvitations } from './invitations.js';
import { columnsOf, viewOf, type UserHooks, type UsersDeps, type UserView } from './model.js';
import { createSignIn, createUserActors } from './sign-in.js';

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
 *
 * The parts live beside this file: model.ts (shapes and row helpers), changes.ts (the one way an
 * existing user changes), invitations.ts, sign-in.ts, directory.ts (SCIM and the console) and
 * bootstrap.ts. Other modules import only from here (or use `ctx.use('users')`).
 */

export { BOOTSTRAP_ADMIN_EMAIL } from './bootstrap.js';
export type { InvitationCreated, InvitationView } from './invitations.js';
export { actorOfUser, recordOf, viewOf, type ChangedBy, type DirectoryAttributes, type UserChange, type UserHooks, type UserRecord, type UsersDeps, type UserView } from './model.js';
export { SignInRefused } from './sign-in.js';

/** `/v1/users`: read (users.read), change role or activation, remove (users.manage). */
function createUserAdmin(deps: UsersDeps, apply: ApplyUserChange) {
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
    ...createUserActors(deps),
    directory: createDirectory(deps, apply),
    bootstrapAdmin: (given?: { email: string; password: string }) => bootstrapAdmin(deps, hooks, given),
    /** For the controls' reset: keeps the bootstrap admin users and restores the configured one (bootstrap.ts). */
    resetRules: (given?: { email: string; password: string }) => createResetRules(deps, hooks, given),
    /** Modules with per-user state join removals and sign-in revocations (password change, deactivation) here. */
    hooks,
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
