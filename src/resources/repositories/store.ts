import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../core/db/db.js';
import { allColumns, marker, precompile, precompileInsert } from '../../core/db/precompiled.js';

declare module '../../core/db/schema.js' {
  interface Database {
    repositories: RepositoriesTable;
  }
}

export interface RepositoriesTable {
  id: string;
  project_id: string;
  provider: string;
  repository_name: string;
  provider_parameters: string;
  token: string | null;
  token_id: string | null;
  token_created_at: string | null;
  token_expires_at: string | null;
  token_lifetime_days: number | null;
  last_rotated_at: string | null;
  next_rotation_at: string | null;
  rotation_attempts: number;
  last_error: string | null;
  rotation_started_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}
export type RepositoryRow = Selectable<RepositoriesTable>;

/** The columns that describe a freshly stored GitLab token. */
export type TokenState = Pick<
  RepositoriesTable,
  'token' | 'token_id' | 'token_created_at' | 'token_expires_at' | 'token_lifetime_days' | 'last_rotated_at' | 'next_rotation_at'
>;

const LEASE_FREE = (now: string) => (eb: any) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]);

/**
 * Timestamps are ISO-8601 strings from one clock format (`toISOString()`), so they compare
 * correctly as text on both SQLite and PostgreSQL.
 */
const COLUMNS = allColumns<RepositoriesTable>()([
  'id', 'project_id', 'provider', 'repository_name', 'provider_parameters', 'token', 'token_id', 'token_created_at', 'token_expires_at', 'token_lifetime_days',
  'last_rotated_at', 'next_rotation_at', 'rotation_attempts', 'last_error', 'rotation_started_at', 'lease_owner', 'lease_until', 'created_at', 'updated_at',
]);

export function createRepositoriesRepo(db: Db) {
  // Every provisioning flow associates a repository, after checking the project has none: built once.
  const insertRow = precompileInsert<RepositoryRow>(db, 'repositories', COLUMNS);
  const ofProject = precompile((projectId: string) => db.selectFrom('repositories').selectAll().where('project_id', '=', projectId), [marker(0)]);
  return {
    async insert(row: RepositoryRow, trx: Db = db) {
      await insertRow.run(trx, row);
    },
    /** The account a project belongs to (the rotation job's audit events name it). */
    async accountOf(projectId: string, trx: Db = db) {
      return (await trx.selectFrom('projects').select('account_id').where('id', '=', projectId).executeTakeFirst())?.account_id;
    },
    async findByProject(projectId: string) {
      return (await ofProject.run(db, projectId)).rows[0];
    },
    /**
     * Delete a project's repository (inside the project's deletion transaction) and return what it
     * held. One statement, so a token stored concurrently by a rotation is either returned here or
     * finds no row to update (and the rotation revokes it).
     */
    async deleteByProject(projectId: string, trx: Db = db) {
      return trx.deleteFrom('repositories').where('project_id', '=', projectId).returning(['id', 'provider', 'token']).executeTakeFirst();
    },
    async find(id: string) {
      return db.selectFrom('repositories').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** GitLab repositories whose rotation is due and whose lease is free (a hint; `claim` decides). */
    async due(now: string, limit: number) {
      return db
        .selectFrom('repositories')
        .selectAll()
        .where('provider', '=', 'gitlab')
        .where('next_rotation_at', 'is not', null)
        .where('next_rotation_at', '<=', now)
        .where(LEASE_FREE(now))
        .orderBy('next_rotation_at')
        .limit(limit)
        .execute();
    },
    /**
     * Take the rotation lease in one atomic UPDATE and record the intent to rotate. Exactly one
     * caller (on any node) gets `true` while the lease is live. `dueOnly` also requires the
     * rotation to be due, so a node that read a stale `due()` list cannot rotate twice.
     */
    async claim(id: string, owner: string, now: string, leaseUntil: string, dueOnly: boolean) {
      let q = db
        .updateTable('repositories')
        .set({ lease_owner: owner, lease_until: leaseUntil, rotation_started_at: now })
        .where('id', '=', id)
        .where(LEASE_FREE(now));
      if (dueOnly) q = q.where('next_rotation_at', 'is not', null).where('next_rotation_at', '<=', now);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /**
     * Store a rotated token and clear the lease and the intent in the same statement. Keyed on the
     * id only: the new token is the only valid one (GitLab revoked the old), so it must be kept
     * even if the lease was lost. Returns false when the repository no longer exists.
     */
    async storeRotated(id: string, state: TokenState, now: string, trx: Db = db) {
      const r = await trx
        .updateTable('repositories')
        .set({
          ...state,
          rotation_attempts: 0,
          last_error: null,
          rotation_started_at: null,
          lease_owner: null,
          lease_until: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Record a failed attempt (the stored token is untouched) and release the lease. */
    async recordFailure(id: string, owner: string, fields: { last_error: string; next_rotation_at: string | null; rotation_attempts: number }, now: string) {
      await db
        .updateTable('repositories')
        .set({ ...fields, rotation_started_at: null, lease_owner: null, lease_until: null, updated_at: now })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },
    /** Release a lease without changing anything else (validation failed before GitLab was asked to rotate). */
    async release(id: string, owner: string) {
      await db
        .updateTable('repositories')
        .set({ rotation_started_at: null, lease_owner: null, lease_until: null } satisfies Updateable<RepositoriesTable>)
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },
  };
}
export type RepositoriesRepo = ReturnType<typeof createRepositoriesRepo>;
