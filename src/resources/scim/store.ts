import type { Db } from '../../core/db/db.js';
import { countRows, paged } from '../../core/db/paging.js';

declare module '../../core/db/schema.js' {
  interface Database {
    scim_tokens: ScimTokensTable;
  }
}

export interface ScimTokensTable {
  id: string;
  account_id: string;
  name: string;
  /** HMAC-SHA256 of the secret under the deployment pepper (base64url); never the secret. */
  secret_hash: string;
  created_by: string;
  created_at: string;
}

export type ScimTokenRow = ScimTokensTable;

/** The SCIM bearer secrets (the only table SCIM owns; see migration 0010). */
export function createScimTokensRepo(db: Db) {
  return {
    find(id: string) {
      return db.selectFrom('scim_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insert(row: ScimTokenRow, trx: Db = db) {
      await trx.insertInto('scim_tokens').values(row).execute();
    },
    page(accountId: string, offset: number, limit: number) {
      const base = db.selectFrom('scim_tokens').where('account_id', '=', accountId);
      return paged(
        base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select(countRows).executeTakeFirstOrThrow(),
      );
    },
    async delete(accountId: string, id: string, trx: Db = db) {
      const r = await trx.deleteFrom('scim_tokens').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type ScimTokensRepo = ReturnType<typeof createScimTokensRepo>;

