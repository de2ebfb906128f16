import type { Selectable } from 'kysely';
import type { Db } from './db.js';

declare module './schema.js' {
  interface Database {
    projects: ProjectsTable;
  }
}

export interface ProjectsTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  warehouse: string;
  agent_deployment_type: string;
  created_at: string;
  updated_at: string;
}
export type ProjectRow = Selectable<ProjectsTable>;

export function createProjectsRepo(db: Db) {
  return {
    async insert(row: ProjectRow, trx: Db = db) {
      await trx.insertInto('projects').values(row).execute();
    },
    async find(accountId: string, id: string) {
      return db.selectFrom('projects').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
    /** A page in creation order; `onlyIds` restricts to granted projects (undefined = all). */
    async page(accountId: string, offset: number, limit: number, onlyIds?: string[]) {
      let base = db.selectFrom('projects').where('account_id', '=', accountId);
      if (onlyIds) {
        if (onlyIds.length === 0) return { rows: [] as ProjectRow[], total: 0 };
        base = base.where('id', 'in', onlyIds);
      }
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.n) };
    },
    async delete(accountId: string, id: string, trx: Db = db) {
      const r = await trx.deleteFrom('projects').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
