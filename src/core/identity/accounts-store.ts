import type { Db } from '../db/db.js';

export const DEFAULT_ACCOUNT_SLUG = 'default';

export function createAccountsRepo(db: Db) {
  return {
    async findBySlug(slug: string) {
      return db.selectFrom('accounts').selectAll().where('slug', '=', slug).executeTakeFirst();
    },
    /** Insert unless an account with the slug exists (concurrent first starts agree on one row). */
    async insertIfAbsent(row: { id: string; slug: string; name: string; created_at: string }) {
      await db.insertInto('accounts').values(row).onConflict((oc) => oc.column('slug').doNothing()).execute();
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
