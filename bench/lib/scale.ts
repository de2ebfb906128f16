import { CONNECTION_BODY } from './flow.js';
import { request } from './http.js';
import { bulkLoad, checkSchema } from './bulk.js';
import type { LoadSpec, Outcome } from './load.js';
import type { ScenarioSpecs } from './specs.js';
import { f0 } from './report.js';
import { CLIENT_ID, createDb, getToken, startPlinth, type DbKind, type Server } from './targets.js';

/**
 * The scale runs: the same queries on a database before and after a bulk load of
 * `params.projects` projects and `params.connections` connections, with the server's peak RSS.
 */
export type ScaleResult =
  | { bulk?: string; connectionsLoaded: number; empty: Record<string, Outcome>; loaded: Record<string, Outcome>; rssEmpty: number | null; rssLoaded: number | null }
  | { error: string };

/** What the scale runs take from the bench (bench/run.ts): its load specs, seeding and measuring. */
export interface ScaleDeps {
  params: { projects: number; connections: number; connectionsC: number; durationS: number; warmupS: number };
  runId: string;
  listPath: string;
  log: (s: string) => void;
  measure: (label: string, spec: LoadSpec) => Promise<Outcome>;
  specs: Pick<ScenarioSpecs, 'listSpec' | 'createProjectSpec' | 'createConnectionSpec' | 'seedProjects'>;
}

/** Projects of the scale runs that hold connections made through the API (the measured ones). */
const SCALE_CONN_PROJECTS = 5;
export const SCALE_CONNS_PER_PROJECT = 30;

async function seedConnections(runId: string, base: string, token: string, projectIds: string[], tag: string): Promise<{ projectId: string; name: string }[]> {
  const out: { projectId: string; name: string }[] = [];
  for (const projectId of projectIds) {
    for (let i = 0; i < SCALE_CONNS_PER_PROJECT; i++) {
      const name = `seed-${runId}-${tag}-${String(i).padStart(3, '0')}`;
      const r = await request(base, 'POST', `/v1/projects/${projectId}/connections`, { token, json: CONNECTION_BODY(name) });
      if (r.status !== 201) throw new Error(`seeding connections failed: ${r.status} ${r.text.slice(0, 300)}`);
      out.push({ projectId, name });
    }
  }
  return out;
}

export async function scaleRun(kind: DbKind, d: ScaleDeps): Promise<ScaleResult> {
  const { params: P, log, measure } = d;
  const { listSpec, createProjectSpec, createConnectionSpec, seedProjects } = d.specs;
  log(`Scale on ${kind}: ${f0(P.projects)} projects + ${f0(P.connections)} connections`);
  const db = await createDb(kind);
  const emptyN = 25;
  const o = { connections: P.connectionsC, durationS: P.durationS, warmupS: P.warmupS };
  // The connection figures use the same API-made projects and connections before and after the
  // load (same query, bigger table): list = page 0 of a project with 30 connections; get = one
  // connection by name (connectionNames filter; the API has no GET of a single connection),
  // spread over 150 of them; create = POST into one more API-made project.
  const scenarios = async (srv: Server, apiMade: string[], spreadOver: string[] | undefined, seeded: { projectId: string; name: string }[], createIn: string, tag: string) => {
    const token = await getToken(srv.base);
    const out: Record<string, Outcome> = {};
    out.listFirst = await measure(`${tag} GET /v1/projects?page=0&size=25`, listSpec(srv.base, token, d.listPath, o));
    // The real last page of this database now (earlier scenarios add projects): read `total`.
    const probe = await request(srv.base, 'GET', '/v1/projects?page=0&size=25', { token });
    if (probe.status !== 200) throw new Error(`list probe failed: ${probe.status} ${probe.text.slice(0, 300)}`);
    const lastPage = Math.max(0, Math.floor((Number(JSON.parse(probe.text).total) - 1) / 25));
    out.listLate = await measure(`${tag} GET /v1/projects?page=${lastPage}&size=25 (last page)`, listSpec(srv.base, token, `/v1/projects?page=${lastPage}&size=25`, o));
    const getOver = (ids: string[], what: string) =>
      measure(`${tag} GET /v1/projects/{id} (${what})`, listSpec(srv.base, token, `/v1/projects/${ids[0]}`, { ...o, build: (n) => ({ path: `/v1/projects/${ids[(n * 7919) % ids.length]}` }) }));
    // The target's figure reads the same API-made projects in both states, as the connection
    // figures do: the same requests against a bigger table. Both states then answer from the read
    // cache once warm, so getSpread adds, loaded, the same GET spread over every project: mostly
    // cache misses, each a primary-key read of the 100,000-row table, reported beside the target.
    out.get = await getOver(apiMade, `spread over the ${apiMade.length} API-made projects`);
    if (spreadOver) out.getSpread = await getOver(spreadOver, `spread over the ${spreadOver.length} bulk-loaded projects`);
    out.create = await measure(`${tag} POST /v1/projects`, createProjectSpec(srv.base, token, `scale-${kind}-${tag}`, o));
    out.listConnections = await measure(
      `${tag} GET /v1/projects/{id}/connections?page=0&size=25`,
      listSpec(srv.base, token, `/v1/projects/${seeded[0]!.projectId}/connections?page=0&size=25`, o),
    );
    const connPath = (c: { projectId: string; name: string }) => `/v1/projects/${c.projectId}/connections?connectionNames=${encodeURIComponent(c.name)}`;
    out.getConnection = await measure(
      `${tag} GET /v1/projects/{id}/connections?connectionNames={name}`,
      listSpec(srv.base, token, connPath(seeded[0]!), { ...o, build: (n) => ({ path: connPath(seeded[(n * 7919) % seeded.length]!) }) }),
    );
    out.createConnection = await measure(`${tag} POST /v1/projects/{id}/connections`, createConnectionSpec(srv.base, token, createIn, `scale-${kind}-${tag}`, o));
    return out;
  };
  try {
    let srv = await startPlinth(`scale-${kind}-empty`, db);
    let empty: Record<string, Outcome>;
    let emptyIds: string[];
    let seeded: { projectId: string; name: string }[];
    try {
      // Before spending time measuring: would the loader accept this schema?
      await checkSchema(db);
      const token = await getToken(srv.base);
      emptyIds = await seedProjects(srv.base, token, emptyN, `scale-${kind}`);
      seeded = await seedConnections(d.runId, srv.base, token, emptyIds.slice(0, SCALE_CONN_PROJECTS), `scale-${kind}`);
      empty = await scenarios(srv, emptyIds, undefined, seeded, emptyIds[emptyN - 1]!, 'empty');
    } finally {
      var rssEmpty = await srv.stop();
    }
    log(`  bulk load (server stopped) …`);
    const bulk = await bulkLoad(db, { projects: P.projects, connections: P.connections, createdBy: CLIENT_ID });
    const bulkNote = `${f0(bulk.projects)} projects in ${f0(bulk.projectsMs)} ms, ${f0(bulk.connections.rows)} connections in ${f0(bulk.connections.ms)} ms`;
    log(`  loaded ${bulkNote}`);
    srv = await startPlinth(`scale-${kind}-loaded`, db);
    let loaded: Record<string, Outcome>;
    try {
      loaded = await scenarios(srv, emptyIds, bulk.projectIds, seeded, emptyIds[emptyN - 1]!, 'loaded');
    } finally {
      var rssLoaded = await srv.stop();
    }
    log(`  peak RSS: empty ${rssEmpty} MB, loaded ${rssLoaded} MB`);
    return { bulk: bulkNote, connectionsLoaded: bulk.connections.rows, empty, loaded, rssEmpty, rssLoaded };
  } catch (err) {
    log(`  ERROR ${(err as Error).message}`);
    return { error: (err as Error).message };
  } finally {
    await db.drop();
  }
}

