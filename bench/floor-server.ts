/**
 * The "same-work floor": bare Fastify (no auth, no validation, no hooks, no logger) running the
 * very statements Plinth runs for the hot path, raw on the driver — better-sqlite3 prepared once,
 * or a PostgreSQL named prepared statement — and answering through the same response schema.
 * Between the bare route (framework only) and Plinth, it splits the gap into storage (floor −
 * bare) and Plinth's own overhead (Plinth − floor).
 *
 *   PORT=… DATABASE_URL=sqlite:<file>|postgres://… node --import tsx bench/floor-server.ts
 *
 * The database is one Plinth has created (schema, default account); the routes serve its default
 * account.
 *
 * GET /v1/projects?page&size: the page of the account in creation order plus its total from the
 * counters (Plinth's shallow page, src/resources/projects/store.ts). POST /v1/projects: what
 * Plinth commits for a Super Admin, in the same statements: the row, its counter and its audit
 * event, plus, for a FULL_SAAS project (the bench's body), its hosted agent and the read-cache
 * notice in one transaction. On SQLite the creates of one event-loop turn share a COMMIT, as
 * Plinth's group commit does. On PostgreSQL it is BEGIN, the row/counter/event statement,
 * pg_notify, the agent, COMMIT, as Plinth runs it; a HYBRID project is one statement.
 * POST /v1/projects/{id}/connections (the bench's COMPONENT_BASIC body): the row, inserted only if
 * its project exists in the account, and its audit event — two statements in a grouped savepoint
 * on SQLite, one statement on PostgreSQL, as Plinth writes them (src/resources/connections/store.ts).
 */
import { randomInt, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { loadContract } from '../src/resources/index.js';
import { operations } from '../src/core/http/contract.js';
import { orderedId } from '../src/core/ids.js';
import { HOSTED_AGENT } from '../src/resources/agents/rules.js';

const url = process.env.DATABASE_URL!;
let accountId = '';
const SLOTS = 16;

const PAGE_SQLITE = 'select "projects".* from "projects" where "projects"."account_id" = ? order by "projects"."created_at" asc, "projects"."id" asc limit ? offset ?';
const TOTAL_SQLITE = 'select coalesce(sum(projects), 0) as n from account_counts where account_id = ?';
const INSERT_SQLITE = 'insert into "projects" ("id", "account_id", "name", "description", "warehouse", "agent_deployment_type", "created_at", "updated_at") values (?, ?, ?, ?, ?, ?, ?, ?)';
const COUNT_SQLITE = 'insert into account_counts (account_id, slot, projects) values (?, ?, ?) on conflict (account_id, slot) do update set projects = account_counts.projects + excluded.projects';
const AUDIT_COLUMNS = 'event_id, account_id, event_timestamp, event_name, event_type, event_source, description, actor_id, actor_email, subject_type, subject_id, subject_name, project_id, additional_info';
const AUDIT_SQLITE = `insert into audit_events (${AUDIT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const AGENT_COLUMNS = 'id, account_id, name, description, agent_type, cloud_provider, deployment, status, hosted, project_id, enable_auto_updates, restricted_access, track_name, paused_until, allowlist, created_at, updated_at';
const AGENT_SQLITE = `insert into agents (${AGENT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const AGENT_COUNT_SQLITE = 'insert into agent_counts (account_id, slot, agents) values (?, ?, 1) on conflict (account_id, slot) do update set agents = agent_counts.agents + excluded.agents';
// The agent and its count in one statement, as Plinth writes them on PostgreSQL.
const AGENT_PG = `with a as (insert into agents (${AGENT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning account_id)
  insert into agent_counts (account_id, slot, agents) select a.account_id, $18, 1 from a on conflict (account_id, slot) do update set agents = agent_counts.agents + excluded.agents`;
const PAGE_PG =
  'select "projects".*, (select coalesce(sum(c.projects), 0) from account_counts c where c.account_id = $1) as "total" from "projects" where "projects"."account_id" = $1 order by "projects"."created_at" asc, "projects"."id" asc limit $2 offset $3';
const INSERT_PG = `with p as (insert into projects (id, account_id, name, description, warehouse, agent_deployment_type, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning account_id),
  a as (insert into audit_events (${AUDIT_COLUMNS}) select $10, p.account_id, $11, 'project_created', 'CREATE', 'API', 'Project created', $12, null, 'PROJECT', $13, $14, $13, $15 from p returning event_id)
  insert into account_counts (account_id, slot, projects) select p.account_id, $9, 1 from p on conflict (account_id, slot) do update set projects = account_counts.projects + excluded.projects`;

const CONNECTION_COLUMNS = 'id, project_id, name, platform_connection_type, auth_provider, auth_type, connection_details, created_by, created_at, updated_at';
const CONNECTION_SQLITE = `insert into connections (${CONNECTION_COLUMNS}) select ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where exists (select 1 from projects where projects.id = ? and projects.account_id = ?)`;
const CONNECTION_PG = `with c as (insert into connections (${CONNECTION_COLUMNS}) select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 where exists (select 1 from projects where projects.id = $2 and projects.account_id = $11) returning id),
  a as (insert into audit_events (${AUDIT_COLUMNS}) select $12, $11, $13, 'connection_created', 'CREATE', 'API', 'Connection created', $14, null, 'CONNECTION', $1, $3, $2, $15 from c returning event_id)
  select id from c`;
/** The connection's audit event values (Plinth: connectionEvent in src/resources/connections/service.ts). */
const connectionAudit = (c: unknown[]) => [orderedId(), c[8], 'bench-admin', JSON.stringify({ platformConnectionType: c[3], authProvider: c[4], authType: c[5], actorType: 'API_CREDENTIAL' })];
const notFound = () => Object.assign(new Error('project not found'), { statusCode: 404 });

/** The audit event's values after the project's own (Plinth: src/core/audit.ts). */
const auditValues = (r: unknown[]) => [orderedId(), r[6], 'bench-admin', r[0], r[2], JSON.stringify({ warehouse: r[4], agentDeploymentType: r[5] })];
/** The hosted agent of a FULL_SAAS project (Plinth: src/resources/agents/hosted.ts). */
const agentValues = (r: unknown[]) => {
  const id = String(r[0]);
  return [randomUUID(), r[1], `hosted-${id.slice(0, 23)}`, `Matillion-hosted agent of project ${id}`, HOSTED_AGENT.agentType, HOSTED_AGENT.cloudProvider, HOSTED_AGENT.deployment, 'running', 1, id, 1, 0, 'current', null, JSON.stringify({ [id]: [] }), r[6], r[7]];
};

type Row = { id: string; name: string; description: string | null; warehouse: string; agent_deployment_type: string; created_at: string; updated_at: string; total?: number };
const view = (r: Row) => ({ id: r.id, name: r.name, description: r.description, warehouse: r.warehouse, agentDeploymentType: r.agent_deployment_type, createdAt: r.created_at, updatedAt: r.updated_at });
type Body = { name: string; description?: string; warehouse: string; agentDeploymentType: string };

async function storage() {
  if (url.startsWith('sqlite:')) {
    const SQLite = (await import('better-sqlite3')).default;
    const db = new SQLite(url.slice('sqlite:'.length));
    accountId = (db.prepare("select id from accounts where slug = 'default'").get() as { id: string }).id;
    db.pragma('journal_mode = WAL');
    // Plinth's constraints too: each row's foreign keys are checked as Plinth's are.
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // As Plinth's connection: the savepoints' undo journals stay in memory (src/core/db/db.ts).
    db.pragma('temp_store = MEMORY');
    const [page, total, insert, count, audit, agent, agentCount, connection] = [PAGE_SQLITE, TOTAL_SQLITE, INSERT_SQLITE, COUNT_SQLITE, AUDIT_SQLITE, AGENT_SQLITE, AGENT_COUNT_SQLITE, CONNECTION_SQLITE].map((s) => db.prepare(s));
    const write = (r: unknown[]) => {
      insert!.run(...r);
      count!.run(accountId, randomInt(SLOTS), 1);
      const [eventId, at, actor, id, name, info] = auditValues(r);
      audit!.run(eventId, accountId, at, 'project_created', 'CREATE', 'API', 'Project created', actor, null, 'PROJECT', id, name, id, info);
      if (r[5] === 'FULL_SAAS') {
        agent!.run(...agentValues(r));
        agentCount!.run(accountId, randomInt(SLOTS));
      }
    };
    const writeConnection = (c: unknown[]) => {
      if (connection!.run(...c, c[1], accountId).changes !== 1) throw notFound();
      const [eventId, at, actor, info] = connectionAudit(c);
      audit!.run(eventId, accountId, at, 'connection_created', 'CREATE', 'API', 'Connection created', actor, null, 'CONNECTION', c[0], c[2], c[1], info);
    };
    // Plinth's group commit (src/core/db/sqlite-group-driver.ts), reduced to its core: the
    // creates of one event-loop turn share a COMMIT, each in a savepoint of its own.
    const [savepoint, release, undo] = ['savepoint m', 'release m', 'rollback to m'].map((s) => db.prepare(s));
    let group: { write: () => void; done: (err?: unknown) => void }[] | undefined;
    const commitGroup = db.transaction((members: NonNullable<typeof group>) => {
      const failed = new Map<number, unknown>();
      members.forEach((m, i) => {
        savepoint!.run();
        try {
          m.write();
        } catch (err) {
          undo!.run();
          failed.set(i, err);
        }
        release!.run();
      });
      return failed;
    });
    const flush = () => {
      const members = group!;
      group = undefined;
      try {
        const failed = commitGroup(members);
        members.forEach((m, i) => m.done(failed.get(i)));
      } catch (err) {
        for (const m of members) m.done(err);
      }
    };
    const grouped = (write: () => void) =>
      new Promise<void>((resolve, reject) => {
        if (!group) {
          group = [];
          setImmediate(flush);
        }
        group.push({ write, done: (err) => (err === undefined ? resolve() : reject(err)) });
      });
    return {
      page: async (limit: number, offset: number) => ({ rows: page!.all(accountId, limit, offset) as Row[], total: Number((total!.get(accountId) as { n: number }).n) }),
      create: (r: unknown[]) => grouped(() => write(r)),
      createConnection: (c: unknown[]) => grouped(() => writeConnection(c)),
    };
  }
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  accountId = (await pool.query<{ id: string }>("select id from accounts where slug = 'default'")).rows[0]!.id;
  return {
    async page(limit: number, offset: number) {
      const r = await pool.query<Row>({ name: 'floor-page', text: PAGE_PG, values: [accountId, limit, offset] });
      return { rows: r.rows, total: Number(r.rows[0]?.total ?? 0) };
    },
    async createConnection(c: unknown[]) {
      const r = await pool.query({ name: 'floor-connection', text: CONNECTION_PG, values: [...c, accountId, ...connectionAudit(c)] });
      if (r.rowCount !== 1) throw notFound();
    },
    async create(r: unknown[]) {
      const values = [...r, randomInt(SLOTS), ...auditValues(r)];
      if (r[5] !== 'FULL_SAAS') {
        await pool.query({ name: 'floor-insert', text: INSERT_PG, values });
        return;
      }
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query({ name: 'floor-insert', text: INSERT_PG, values });
        await client.query({ name: 'floor-notify', text: 'select pg_notify($1, $2)', values: ['plinth_floor', `read:projects:${accountId}`] });
        await client.query({ name: 'floor-agent', text: AGENT_PG, values: [...agentValues(r), randomInt(SLOTS)] });
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

const store = await storage();
const ops = operations(loadContract());
const app = Fastify({ logger: false });
app.get('/v1/projects', { schema: { response: { 200: ops.get('listProjects')!.schema.response!['200'] } } }, async (req) => {
  const q = req.query as { page?: string; size?: string };
  const size = Number(q.size ?? 25);
  const pageNo = Number(q.page ?? 0);
  const { rows, total } = await store.page(size, pageNo * size);
  return { results: rows.map(view), page: pageNo, size, total };
});
app.post('/v1/projects', async (req, reply) => {
  const b = req.body as Body;
  const id = randomUUID();
  const now = new Date().toISOString();
  await store.create([id, accountId, b.name, b.description ?? null, b.warehouse, b.agentDeploymentType, now, now]);
  return reply.code(201).send({ projectId: id });
});
type ConnectionBody = { name: string; platformConnectionType: string; authProvider?: string; authType: string; connectionDetails?: unknown };
app.post('/v1/projects/:projectId/connections', { schema: { response: { 201: ops.get('createProjectConnection')!.schema.response!['201'] } } }, async (req, reply) => {
  const b = req.body as ConnectionBody;
  const { projectId } = req.params as { projectId: string };
  const now = new Date().toISOString();
  const c = [orderedId(), projectId, b.name, b.platformConnectionType, b.authProvider ?? null, b.authType, b.connectionDetails === undefined ? null : JSON.stringify(b.connectionDetails), 'bench-admin', now, now];
  await store.createConnection(c);
  const view = { id: c[0], name: b.name, platformConnectionType: b.platformConnectionType, authProvider: b.authProvider, authType: b.authType, createdBy: c[7], createdDate: now, projectId, connectionDetails: b.connectionDetails };
  return reply.code(201).send(view);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
