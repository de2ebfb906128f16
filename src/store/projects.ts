import { sql, type Selectable } from 'kysely';
import { addProjects, countProjects, countSlot } from './counts.js';
import type { Db, Dialect } from './db.js';

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

/**
 * Projects. `insert` and `delete` keep the account's project count (src/store/counts.ts) in step.
 * On PostgreSQL each is one statement (a data-modifying CTE): the counter costs no extra round
 * trip, and the statement is atomic by itself. On SQLite they are two statements; `insert`
 * without a transaction wraps them in one (cheap in process), `delete` is only called in one.
 */
export function createProjectsRepo(db: Db, dialect: Dialect = 'sqlite') {
  return {
    async insert(row: ProjectRow, trx?: Db) {
      if (dialect === 'postgres') {
        await (trx ?? db)
          .with('p', (qb) => qb.insertInto('projects').values(row).returning('account_id'))
          .insertInto('account_counts')
          .columns(['account_id', 'slot', 'projects'])
          .expression((eb) => eb.selectFrom('p').select((e) => ['p.account_id', e.val(countSlot()).as('slot'), e.val(1).as('projects')]))
          .onConflict((oc) =>
            oc.columns(['account_id', 'slot']).doUpdateSet((eb) => ({ projects: eb('account_counts.projects', '+', eb.ref('excluded.projects')) })),
          )
          .execute();
        return;
      }
      const run = async (t: Db) => {
        await t.insertInto('projects').values(row).execute();
        await addProjects(t, row.account_id, 1);
      };
      if (trx) await run(trx);
      else await db.transaction().execute(run);
    },
    async find(accountId: string, id: string) {
      return db.selectFrom('projects').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
    /**
     * A page in creation order with the total; `onlyIds` restricts to granted projects
     * (undefined = all).
     *
     * For the whole account this is one statement: the total comes from the counters, and the
     * page is a deferred join — the page's ids are picked from the covering index
     * (account_id, created_at, id), so OFFSET skips index entries rather than whole rows, and
     * only the page's rows are read from the table. One statement is one round trip on
     * PostgreSQL and one snapshot, so the total and the rows agree.
     */
    async page(accountId: string, offset: number, limit: number, onlyIds?: string[]) {
      if (onlyIds) {
        if (onlyIds.length === 0) return { rows: [] as ProjectRow[], total: 0 };
        const base = db.selectFrom('projects').where('account_id', '=', accountId).where('id', 'in', onlyIds);
        const [rows, total] = await Promise.all([
          base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute(),
          base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return { rows, total: Number(total.n) };
      }
      // Pages in the second half are read from the end of the index (descending), so the last
      // page is as cheap as the first and the worst case is the middle page (N/2 entries). Both
      // branches are in the statement; the one not chosen has LIMIT 0 and reads nothing. The
      // outer LIMIT tells PostgreSQL's planner the page is small (a nested loop on the primary
      // key, not a merge join over the whole table).
      const [max, min] = dialect === 'postgres' ? [sql.raw('greatest'), sql.raw('least')] : [sql.raw('max'), sql.raw('min')];
      const o = sql<number>`cast(${offset} as integer)`;
      const l = sql<number>`cast(${limit} as integer)`;
      const mid = sql<number>`cast(${2 * offset + limit} as integer)`;
      const total = sql<number>`(select coalesce(sum(c.projects), 0) from account_counts c where c.account_id = ${accountId})`;
      const ids = (dir: 'asc' | 'desc') => db.selectFrom('projects').select('id').where('account_id', '=', accountId).orderBy('created_at', dir).orderBy('id', dir);
      const fwd = ids('asc').limit(sql<number>`case when ${mid} <= ${total} then ${l} else 0 end`).offset(o);
      const bwd = ids('desc')
        .limit(sql<number>`case when ${mid} > ${total} then ${max}(0, ${min}(${l}, ${total} - ${o})) else 0 end`)
        .offset(sql<number>`${max}(0, ${total} - ${o} - ${l})`);
      const pageIds = db
        .selectFrom(
          db
            .selectFrom(fwd.as('fwd'))
            .select('fwd.id')
            .unionAll(db.selectFrom(bwd.as('bwd')).select('bwd.id'))
            .as('u'),
        )
        .select('u.id')
        .limit(l);
      const found = await db
        .selectFrom('projects')
        .innerJoin(pageIds.as('ids'), 'ids.id', 'projects.id')
        .selectAll('projects')
        .select(total.as('total'))
        .orderBy('projects.created_at')
        .orderBy('projects.id')
        .execute();
      // An empty page (past the end, or no projects) has no row to carry the total.
      if (found.length === 0) return { rows: [] as ProjectRow[], total: await countProjects(db, accountId) };
      const rows = found.map(({ total: _t, ...row }) => row as ProjectRow);
      return { rows, total: Number(found[0]!.total) };
    },
    async delete(accountId: string, id: string, trx: Db = db) {
      if (dialect === 'postgres') {
        const r = await trx
          .with('d', (qb) => qb.deleteFrom('projects').where('account_id', '=', accountId).where('id', '=', id).returning('account_id'))
          .insertInto('account_counts')
          .columns(['account_id', 'slot', 'projects'])
          .expression((eb) => eb.selectFrom('d').select((e) => ['d.account_id', e.val(countSlot()).as('slot'), e.val(-1).as('projects')]))
          .onConflict((oc) =>
            oc.columns(['account_id', 'slot']).doUpdateSet((eb) => ({ projects: eb('account_counts.projects', '+', eb.ref('excluded.projects')) })),
          )
          .returning('account_id')
          .execute();
        return r.length > 0;
      }
      const r = await trx.deleteFrom('projects').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      const deleted = Number(r.numDeletedRows) > 0;
      if (deleted) await addProjects(trx, accountId, -1);
      return deleted;
    },
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
