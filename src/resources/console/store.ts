import type { Db } from '../../core/db/db.js';

declare module '../../core/db/schema.js' {
  interface Database {
    console_sessions: ConsoleSessionsTable;
  }
}

export interface ConsoleSessionsTable {
  /** SHA-256 (hex) of the session id the cookie carries; the id itself is never stored. */
  id_hash: string;
  account_id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** Console sign-in sessions (migration 0014). */
export function createSessionsRepo(db: Db) {
  return {
    async insert(row: ConsoleSessionsTable) {
      await db.insertInto('console_sessions').values(row).execute();
    },
    async find(idHash: string) {
      return db.selectFrom('console_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    },
    async touch(idHash: string, at: string) {
      await db.updateTable('console_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash: string, trx: Db = db) {
      await trx.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(userId: string, trx: Db = db) {
      await trx.deleteFrom('console_sessions').where('user_id', '=', userId).execute();
    },
    /** Expired sessions are deleted lazily, on sign-in (no job needed for a small table). */
    async deleteExpired(now: string, idleBefore: string) {
      await db.deleteFrom('console_sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)])).execute();
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
