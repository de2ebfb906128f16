import type { Selectable } from 'kysely';
import type { Db, Dialect } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

declare module '../../core/db/schema.js' {
  interface Database {
    users: UsersTable;
    invitations: InvitationsTable;
  }
}

export interface UsersTable {
  id: string;
  account_id: string;
  /** Lower-cased; unique per account. */
  email: string;
  role: string;
  /** scrypt (src/resources/users/passwords.ts); null until an invitation is accepted, and for SCIM users. */
  password_hash: string | null;
  /** 0/1. */
  active: number;
  external_id: string | null;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  /** JSON text: the SCIM attributes without a column of their own. */
  scim_attributes: string | null;
  created_at: string;
  updated_at: string;
  /**
   * Raised with every password change and deactivation (migration 0015); the password grant puts
   * it in the token and the bearer check refuses a token with an older one.
   */
  token_generation: number;
}

export interface InvitationsTable {
  id: string;
  account_id: string;
  email: string;
  role: string;
  /** Keyed hash of the token (identity.hashSecret); the token itself is never stored. */
  token_hash: string;
  expires_at: string;
  /** Who invited: a user id or an API credential's client id. */
  created_by: string;
  created_at: string;
  redeemed_at: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type UserChanges = Partial<Omit<UsersTable, 'id' | 'account_id' | 'created_at' | 'token_generation'>>;

export interface UserFilter {
  email?: string;
  externalId?: string;
}

export function createUsersRepo(db: Db, dialect: Dialect) {
  return {
    async find(accountId: string, id: string, trx: Db = db) {
      return trx.selectFrom('users').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
    /** By id alone (the token's subject), for the actor cache. */
    async findById(id: string) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findByEmail(accountId: string, email: string, trx: Db = db) {
      return trx.selectFrom('users').selectAll().where('account_id', '=', accountId).where('email', '=', email).executeTakeFirst();
    },
    /** Every account's user with this email (sign-in names no account). */
    async findAllByEmail(email: string, limit: number) {
      return db.selectFrom('users').selectAll().where('email', '=', email).orderBy('created_at').orderBy('id').limit(limit).execute();
    },
    async countAll() {
      const r = await db.selectFrom('users').select(countRows).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async page(accountId: string, offset: number, limit: number, filter: UserFilter = {}) {
      let base = db.selectFrom('users').where('account_id', '=', accountId);
      if (filter.email !== undefined) base = base.where('email', '=', filter.email);
      if (filter.externalId !== undefined) base = base.where('external_id', '=', filter.externalId);
      return paged(
        base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async insert(row: UserRow, trx: Db = db) {
      await trx.insertInto('users').values(row).execute();
    },
    /** `revokeTokens` raises token_generation in the same statement (tokens issued before stop working). */
    async update(accountId: string, id: string, changes: UserChanges, trx: Db = db, opts: { revokeTokens?: boolean } = {}) {
      const r = await trx
        .updateTable('users')
        .set((eb) => ({ ...changes, ...(opts.revokeTokens ? { token_generation: eb('token_generation', '+', 1) } : {}) }))
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(accountId: string, id: string, trx: Db = db) {
      const r = await trx.deleteFrom('users').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /**
     * Serialises changes to one account's users until `trx` ends: PostgreSQL locks the account
     * row (FOR UPDATE), so two transactions that each check "another active Super Admin remains"
     * cannot both pass on a snapshot the other is about to change. SQLite runs one write
     * transaction at a time on its single connection, which serialises them already.
     */
    async lockAccount(trx: Db, accountId: string) {
      const q = trx.selectFrom('accounts').select('id').where('id', '=', accountId);
      await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
    },
    /** Active Super Admin users of the account other than `exceptId` (read after lockAccount). */
    async otherActiveSuperAdmins(trx: Db, accountId: string, exceptId: string) {
      const r = await trx
        .selectFrom('users')
        .select(countRows)
        .where('account_id', '=', accountId)
        .where('role', '=', 'SUPER_ADMIN')
        .where('active', '=', 1)
        .where('id', '<>', exceptId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;

export function createInvitationsRepo(db: Db) {
  return {
    async find(accountId: string, id: string) {
      return db.selectFrom('invitations').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
    async findByTokenHash(tokenHash: string) {
      return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    /** Pending (unredeemed) invitations, expired ones included until deleted. */
    async page(accountId: string, offset: number, limit: number) {
      const base = db.selectFrom('invitations').where('account_id', '=', accountId).where('redeemed_at', 'is', null);
      return paged(
        base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async insert(row: InvitationRow, trx: Db = db) {
      await trx.insertInto('invitations').values(row).execute();
    },
    /** A new invitation replaces the pending ones for the same email (a resend). Returns their ids. */
    async deletePendingFor(trx: Db, accountId: string, email: string) {
      const rows = await trx
        .deleteFrom('invitations')
        .where('account_id', '=', accountId)
        .where('email', '=', email)
        .where('redeemed_at', 'is', null)
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async delete(trx: Db, accountId: string, id: string) {
      const r = await trx.deleteFrom('invitations').where('account_id', '=', accountId).where('id', '=', id).where('redeemed_at', 'is', null).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Single use: only one of several concurrent redemptions sees true. */
    async redeem(trx: Db, id: string, now: string) {
      const r = await trx
        .updateTable('invitations')
        .set({ redeemed_at: now })
        .where('id', '=', id)
        .where('redeemed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type InvitationsRepo = ReturnType<typeof createInvitationsRepo>;
