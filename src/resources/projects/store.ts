import { sql, type RawBuilder, type Selectable } from 'kysely';
import { countProjects, projectCounter } from './counts.js';
import { countSlot } from '../../core/db/counts.js';
import type { Db, Dialect } from '../../core/db/db.js';
import { pageEnds } from '../../core/db/paging.js';
import { allColumns, marker, markerInt, precompile, precompileInsert } from '../../core/db/precompiled.js';
import { auditInsertAfter, auditMarkers, type AuditValues, type PendingAuditEvent } from '../../core/audit.js';
import type { CreateStatementPart, ProjectRef } from '../../core/access.js';
import type { Notice } from '../../core/identity/credential-events.js';
import { readScope, type ReadCache } from '../../core/read-cache.js';

declare module '../../core/db/schema.js' {
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
const PROJECT_COLUMNS = allColumns<ProjectsTable>()(['id', 'account_id', 'name', 'description', 'warehouse', 'agent_deployment_type', 'created_at', 'updated_at']);

/**
 * Projects. `insert` and `delete` keep the account's project count (src/store/counts.ts) in step.
 * On PostgreSQL each is one statement (a data-modifying CTE): the counter costs no extra round
 * trip, and the statement is atomic by itself. On SQLite they are two statements; `insert`
 * without a transaction wraps them in one (cheap in process), `delete` is only called in one.
 */
/**
 * From how many skipped rows a page is read by deferred join (ids from the index first). Below
 * it, reading the rows straight away is cheaper (fewer lookups, simpler plan).
 */
const DEFERRED_JOIN_FROM = 1000;

/** The read-cache scope of an account's pages of projects: announced by every insert and delete (service). */
export const projectsScope = (accountId: string) => readScope('projects', accountId);
/**
 * The read-cache scope of one project's row: announced by its delete. A project row never
 * changes otherwise, and a create needs no eviction (a miss is never kept), so a create does not
 * throw away the account's cached rows — only its pages.
 */
export const projectScope = (projectId: string) => readScope('project', projectId);

/**
 * `cache`: a project by id and pages of projects are kept per node (src/core/read-cache.ts);
 * whoever inserts or deletes a project announces `projectsScope(accountId)` with the change, and
 * a delete also `projectScope(id)`.
 */
export function createProjectsRepo(db: Db, dialect: Dialect = 'sqlite', opts: { deferredJoinFrom?: number; cache?: ReadCache } = {}) {
  const deferredJoinFrom = opts.deferredJoinFrom ?? DEFERRED_JOIN_FROM;
  const cache = opts.cache;
  // Every authenticated project-scoped request reads its project: built once (src/core/db/precompiled.ts).
  const findOne = precompile((accountId: string, id: string) => db.selectFrom('projects').selectAll().where('account_id', '=', accountId).where('id', '=', id), [marker(0), marker(1)]);
  // Adds to the account's project count, inside the transaction that changes projects.
  const addProjects = projectCounter.adder(db);
  // POST /v1/projects on SQLite: the row's INSERT, built once (as the event's and the counter's).
  const insertRow = precompileInsert<ProjectRow>(db, 'projects', PROJECT_COLUMNS);
  // POST /v1/projects on PostgreSQL: the row, the counter and the event in one statement, built
  // once; `announced` also sends the change's notice (pg_notify, delivered when it commits).
  type Args = [string, string, string, string | null, string, string, string, string, number, ...AuditValues];
  const args = (row: ProjectRow, event: PendingAuditEvent): Args => [row.id, row.account_id, row.name, row.description, row.warehouse, row.agent_deployment_type, row.created_at, row.updated_at, countSlot(), ...event.values];
  const markers: Args = [marker(0), marker(1), marker(2), marker(3), marker(4), marker(5), marker(6), marker(7), markerInt(8), ...auditMarkers(9)];
  const withEvent = (v: Args) =>
    db
      .with('p', (qb) =>
        qb
          .insertInto('projects')
          .values({ id: v[0], account_id: v[1], name: v[2], description: v[3], warehouse: v[4], agent_deployment_type: v[5], created_at: v[6], updated_at: v[7] })
          .returning('account_id'),
      )
      .with('a', (qb) => auditInsertAfter(qb, 'p', v.slice(9) as AuditValues));
  const withCount = (v: Args) => withEvent(v).with('c', (qb) => projectCounter.insertAfter(qb, 'p', v[8]));
  const insertWithEvent = precompile((...v: Args) => withCount(v).selectFrom('c').select('c.slot'), markers);
  const announced = precompile(
    (...v: [...Args, string, string]) =>
      withCount(v.slice(0, 23) as Args)
        .selectFrom('p')
        .select((eb) => eb.fn('pg_notify', [eb.val(v[23]), eb.val(v[24])]).as('notified')),
    [...markers, marker(23), marker(24)],
  );
  // The same with a hook's part (a FULL_SAAS project's hosted agent), built on first use per part.
  const withPart = new Map<CreateStatementPart, ReturnType<typeof announcedWith>>();
  const announcedWith = (part: CreateStatementPart) =>
    precompile(
      (...v: unknown[]) =>
        (part.add(withCount(v.slice(0, 23) as Args), v.slice(25)) as ReturnType<typeof withCount>)
          .selectFrom('p')
          .select((eb) => eb.fn('pg_notify', [eb.val(v[23]), eb.val(v[24])]).as('notified')),
      [...markers, marker(23), marker(24), ...part.markers(25)],
    );
  return {
    /**
     * The row, its counter and its audit `event`, and the change's `notice` when given. On
     * PostgreSQL with an event, one statement (a data-modifying CTE, built once): atomic without
     * a transaction, one round trip; a duplicate name fails it whole and sends nothing. On SQLite
     * three statements, in `trx` or in a transaction of their own (there is no notice to send).
     */
    async insert(row: ProjectRow, trx?: Db, event?: PendingAuditEvent, notice?: Notice) {
      if (dialect === 'postgres') {
        if (event) {
          if (notice) await announced.run(trx ?? db, ...args(row, event), notice.channel, notice.payload);
          else await insertWithEvent.run(trx ?? db, ...args(row, event));
          return;
        }
        if (notice) throw new Error('projects.insert: a notice goes with an event');
        await (trx ?? db)
          .with('p', (qb) => qb.insertInto('projects').values(row).returning('account_id'))
          .with('c', (qb) => projectCounter.insertAfter(qb, 'p', countSlot()))
          .selectFrom('c')
          .select('c.slot')
          .execute();
        return;
      }
      const run = async (t: Db) => {
        await insertRow.run(t, row);
        await addProjects(t, row.account_id, 1);
        await event?.write(t);
      };
      if (trx) await run(trx);
      else await db.transaction().execute(run);
    },
    /** Whether `insertWithPart` can write a hook's part in the row's statement (PostgreSQL). */
    takesParts: dialect === 'postgres',
    /**
     * PostgreSQL: the row, its counter, its audit `event`, the change's `notice` and a hook's
     * `part` in one statement (no transaction: a statement is atomic; a duplicate name fails it
     * whole and sends nothing).
     */
    async insertWithPart(row: ProjectRow, event: PendingAuditEvent, notice: Notice, part: CreateStatementPart, project: ProjectRef) {
      let stmt = withPart.get(part);
      if (!stmt) withPart.set(part, (stmt = announcedWith(part)));
      await stmt.run(db, ...args(row, event), notice.channel, notice.payload, ...part.args(project));
    },
    async find(accountId: string, id: string): Promise<ProjectRow | undefined> {
      const load = async () => (await findOne.run(db, accountId, id)).rows[0] as ProjectRow | undefined;
      // A miss is not kept: ids that do not exist cost a read, not memory.
      return cache ? cache.get(projectScope(id), accountId, load, (row) => row !== undefined) : load();
    },
    page: cachedPages(createProjectPages(db, dialect, deferredJoinFrom), cache),
    /**
     * Locks the project row for a deletion (PostgreSQL), before anything else the deletion
     * touches: a concurrent insert into the project waits on its foreign-key check instead of
     * deadlocking against the cascade, and a second deletion waits and then finds nothing.
     */
    async lockForDelete(accountId: string, id: string, trx: Db) {
      let q = trx.selectFrom('projects').select('id').where('account_id', '=', accountId).where('id', '=', id);
      if (dialect === 'postgres') q = q.forUpdate();
      return (await q.executeTakeFirst()) !== undefined;
    },
    /**
     * Deletes a project locked by `lockForDelete`, counter first: the deletion's hooks (a hosted
     * agent, its agent counter) run between the two calls, and the projects counter must be
     * taken before the agents counter, as a create takes them (src/core/db/counts.ts).
     */
    async uncount(accountId: string, trx: Db) {
      await addProjects(trx, accountId, -1);
    },
    async delete(accountId: string, id: string, trx: Db) {
      const r = await trx.deleteFrom('projects').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;

type PageReader = ReturnType<typeof createProjectPages>;

/**
 * Pages through the read cache. A member's page is keyed by its list of project ids (the
 * grants cache hands out one frozen array per grants it holds, numbered here), so a change of
 * grants reads afresh without an eviction of its own.
 */
function cachedPages(page: PageReader, cache: ReadCache | undefined): PageReader {
  if (!cache) return page;
  const listNumbers = new WeakMap<readonly string[], number>();
  let next = 0;
  const numberOf = (ids: readonly string[]) => {
    let n = listNumbers.get(ids);
    if (n === undefined) listNumbers.set(ids, (n = ++next));
    return n;
  };
  return (accountId, offset, limit, only) => {
    const key = only ? `granted\u0000${numberOf(only.projectIds)}\u0000${offset}\u0000${limit}` : `page\u0000${offset}\u0000${limit}`;
    return cache.get(projectsScope(accountId), key, () => page(accountId, offset, limit, only));
  };
}

/** One page of an account's projects (see the comment inside for the two ways it is read). */
function createProjectPages(db: Db, dialect: Dialect, deferredJoinFrom: number) {
  /** Last total seen per account on this node: only picks the nearer end of the index. */
  const ends = pageEnds(dialect);
  const totalOf = projectCounter.total;
  // The usual page (from the start of the index, not deep) is built once: the same statement as
  // the general path below builds for it.
  const shallow = precompile(
    (accountId: string, limit: number, offset: number) =>
      db
        .selectFrom('projects')
        .selectAll('projects')
        .select((dialect === 'postgres' ? totalOf(accountId) : sql<number>`0`).as('total'))
        .where('projects.account_id', '=', accountId)
        .limit(sql<number>`${limit}`)
        .offset(sql<number>`${offset}`)
        .orderBy('projects.created_at', 'asc')
        .orderBy('projects.id', 'asc'),
    [marker(0), markerInt(1), markerInt(2)],
  );
  // A member's page: the projects its grants name (the same cached grants every permission
  // check of the request reads, so the list and the checks agree), passed as one parameter so
  // the statement is built once. A single-table read on the account's list index: joining
  // project_members instead probed the memberships once per project row (SQLite) or planned a
  // nested loop per request (PostgreSQL, 0.45–0.54× of the Super Admin's page under load).
  const inIds = (ids: string) =>
    dialect === 'postgres' ? sql<boolean>`projects.id = any(cast(${ids} as text[]))` : sql<boolean>`projects.id in (select value from json_each(${ids}))`;
  const granted = precompile(
    (accountId: string, ids: string, limit: number, offset: number) =>
      db
        .selectFrom('projects')
        .selectAll('projects')
        .where('projects.account_id', '=', accountId)
        .where(inIds(ids))
        .limit(sql<number>`${limit}`)
        .offset(sql<number>`${offset}`)
        .orderBy('projects.created_at', 'asc')
        .orderBy('projects.id', 'asc'),
    [marker(0), marker(1), markerInt(2), markerInt(3)],
  );
  // The parameter form of an id list, as text (an array literal for PostgreSQL, JSON for
  // SQLite's json_each), memoised per list: the grants cache hands out the same array for as
  // long as it holds the grants, so a list request does not re-encode them.
  const encoded = new WeakMap<readonly string[], string>();
  const encode = (ids: readonly string[]) => {
    let e = encoded.get(ids);
    if (e === undefined) encoded.set(ids, (e = dialect === 'postgres' ? `{${ids.map((id) => `"${id.replace(/["\\]/g, '\\$&')}"`).join(',')}}` : JSON.stringify(ids)));
    return e;
  };
  /**
   * A page in creation order with the total; `only` restricts to a member's projects
   * (undefined = all).
   *
   * For the whole account this is one statement: the total comes from the counters, and a
   * deep page is a deferred join — the page's ids are picked from the covering index
   * (account_id, created_at, id), so OFFSET skips index entries rather than whole rows, and
   * only the page's rows are read from the table. On PostgreSQL the total comes in the same
   * statement: one round trip, one snapshot (an empty page, past the end or with no projects,
   * has no row to carry it and reads it separately).
   */
  return async function page(accountId: string, offset: number, limit: number, only?: { projectIds: readonly string[] }) {
    if (only) {
      if (only.projectIds.length === 0) return { rows: [] as ProjectRow[], total: 0 };
      // One statement, as for the whole account. A page that ends early gives the total exactly.
      const rows = (await granted.run(db, accountId, encode(only.projectIds), limit, offset)).rows as ProjectRow[];
      const total = rows.length > 0 && rows.length < limit ? offset + rows.length : offset === 0 && rows.length === 0 ? 0 : only.projectIds.length;
      return { rows, total };
    }
    // Pages in the second half are read from the end of the index (descending; `pageEnds`), so
    // the last page is as cheap as the first and the worst case is the middle page (N/2
    // entries). (One statement with both branches would avoid the hint, but planning it cost
    // PostgreSQL more than the round trip it saved.)
    const known = ends.hint(accountId);
    const fromEnd = ends.nearer(known, offset, limit);
    const skip = fromEnd ? known! - offset - limit : offset;
    const total = totalOf(accountId);
    const back = fromEnd ? ends.backward(total, offset, limit) : undefined;
    const lim = back ? back.limit : sql<number>`${limit}`;
    const off = back ? back.offset : sql<number>`${offset}`;
    // On PostgreSQL the total rides along in the same statement (one round trip, one snapshot).
    // SQLite has no round trips; a separate counter read is cheaper than a scalar subquery
    // column, and matches what a count(*) beside the page used to give under concurrent writes.
    const combined = dialect === 'postgres';
    const found = !fromEnd && skip < deferredJoinFrom ? (await shallow.run(db, accountId, limit, offset)).rows : await general(accountId, fromEnd, skip, combined ? total : sql<number>`0`, lim, off, limit);
    if (fromEnd) found.reverse();
    // An empty page (past the end, or no projects) has no row to carry the total.
    const n = combined && found.length > 0 ? Number(found[0]!.total) : await countProjects(db, accountId);
    ends.saw(accountId, n);
    return { rows: found.map(({ total: _t, ...row }) => row as ProjectRow), total: n };
  };

  // A page read backwards or by deferred join, built per request (rarer: deep or late pages).
  async function general(accountId: string, fromEnd: boolean, skip: number, totalColumn: RawBuilder<number>, lim: RawBuilder<number>, off: RawBuilder<number>, limit: number) {
    const dir = fromEnd ? 'desc' : 'asc';
    let q = db
      .selectFrom('projects')
      .selectAll('projects')
      .select(totalColumn.as('total'));
    if (skip >= deferredJoinFrom) {
      // Deep page: the ids first, from the covering index; the outer LIMIT tells PostgreSQL's
      // planner the page is small (a nested loop on the primary key, not a merge join).
      const ids = sql<{ id: string }>`(select i.id from (
          select id from projects where account_id = ${accountId} order by created_at ${sql.raw(dir)}, id ${sql.raw(dir)} limit ${lim} offset ${off}
        ) i limit ${limit})`;
      // (No account filter on the outer query: the ids carry it, and with one SQLite drives
      // the join from the account's index range instead of from the 25 ids.)
      q = q.innerJoin(ids.as('ids'), 'ids.id', 'projects.id');
    } else {
      q = q.where('projects.account_id', '=', accountId).limit(lim).offset(off);
    }
    return q.orderBy('projects.created_at', dir).orderBy('projects.id', dir).execute();
  }
}

