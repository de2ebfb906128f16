import type { Logger } from 'pino';
import type { ClockControl } from '../../core/clock.js';
import type { DatabaseState, Snapshot } from '../../core/db/state.js';
import { invalid } from '../../core/errors.js';
import type { Faults } from '../../core/faults.js';

/** An in-process API call (the seed creates everything through the API's own operations). */
export type Inject = (req: { method: string; url: string; headers: Record<string, string>; body?: unknown }) => Promise<{ status: number; body: any }>;

export interface SeedFixture {
  apiCredentials?: Record<string, unknown>[];
  agents?: Record<string, unknown>[];
  projects?: (Record<string, unknown> & {
    secretReferences?: Record<string, unknown>[];
    dataPlatformConnections?: Record<string, unknown>[];
    connections?: Record<string, unknown>[];
    environments?: Record<string, unknown>[];
  })[];
}

export interface SeedResult {
  apiCredentials: Record<string, { clientId: string; clientSecret: string; role: string }>;
  agents: Record<string, { id: string }>;
  projects: Record<string, { id: string; hostedAgentId?: string; secretReferences: string[]; connections: string[]; environments: string[] }>;
  durationMs: number;
}

/** An item of a seed failed: its operation's status, and violations already located in the fixture. */
export class SeedError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly violations: string[],
  ) {
    super(detail);
    this.name = 'SeedError';
  }
}

/** `body.name: …` of an item's own operation, located in the fixture: `body.projects[0].name: …`. */
export function relocate(violations: unknown, where: string): string[] {
  if (!Array.isArray(violations)) return [];
  return violations.map((v) => {
    const s = String(v);
    const m = /^body(\.|\[|:)(.*)$/s.exec(s);
    if (m) return `body.${where}${m[1] === ':' ? ':' : m[1]}${m[2]}`;
    return `body.${where}: ${s}`;
  });
}

export interface SeedDeps {
  state: DatabaseState;
  clock: ClockControl;
  faults: Faults;
  log: Logger;
  restore(s: Snapshot): Promise<void>;
}

const ms = (started: number) => Math.round((performance.now() - started) * 100) / 100;

/**
 * Create a fixture's items through the API (`inject`, authorised as `authorization`), all or
 * nothing: the state before the seed is restored when an item fails.
 */
export async function seedFixture({ state, clock, faults, log, restore }: SeedDeps, fixture: SeedFixture, inject: Inject, authorization: string): Promise<SeedResult> {
  const started = performance.now();
  const before = await state.snapshot('(before seed)', clock.now().toISOString());
  const out: SeedResult = { apiCredentials: {}, agents: {}, projects: {}, durationMs: 0 };
  const headers = { authorization, 'content-type': 'application/json', 'x-plinth-internal': faults.internalToken };
  const hostedAgents = new Map<string, string | undefined>();

  const { resolve, call } = seedTools(inject, headers, out, hostedAgents);

  try {
    for (const [i, item] of (fixture.apiCredentials ?? []).entries()) {
      const where = `apiCredentials[${i}]`;
      const c = await call(where, 'POST', '/v1/api-credentials', await resolve(item, where));
      out.apiCredentials[c.name] = { clientId: c.clientId, clientSecret: c.clientSecret, role: c.role };
    }
    for (const [i, item] of (fixture.agents ?? []).entries()) {
      const where = `agents[${i}]`;
      const a = await call(where, 'POST', '/v1/agents', await resolve(item, where));
      out.agents[a.name ?? String(item.name)] = { id: a.agentId };
    }
    for (const [i, item] of (fixture.projects ?? []).entries()) {
      const where = `projects[${i}]`;
      const { secretReferences = [], dataPlatformConnections = [], connections = [], environments = [], ...body } = item;
      const p = await call(where, 'POST', '/v1/projects', await resolve(body, where));
      const project = { id: p.projectId as string };
      const entry: SeedResult['projects'][string] = { id: project.id, secretReferences: [], connections: [], environments: [] };
      out.projects[String(body.name)] = entry;
      const base = `/v1/projects/${project.id}`;
      for (const [j, ref] of secretReferences.entries()) {
        const w = `${where}.secretReferences[${j}]`;
        const { name, ...refBody } = ref as { name: string };
        await call(w, 'POST', `${base}/secret-references/${encodeURIComponent(name)}`, await resolve(refBody, w, project));
        entry.secretReferences.push(name);
      }
      for (const [j, conn] of dataPlatformConnections.entries()) {
        const w = `${where}.dataPlatformConnections[${j}]`;
        await call(w, 'POST', `${base}/data-platform-connections`, await resolve(conn, w, project));
        entry.connections.push(String(conn.name));
      }
      for (const [j, conn] of connections.entries()) {
        const w = `${where}.connections[${j}]`;
        await call(w, 'POST', `${base}/connections`, await resolve(conn, w, project));
        entry.connections.push(String(conn.name));
      }
      for (const [j, env] of environments.entries()) {
        const w = `${where}.environments[${j}]`;
        await call(w, 'POST', `${base}/environments`, await resolve(env, w, project));
        entry.environments.push(String(env.name));
      }
    }
    // Every FULL_SAAS project's hosted agent, for the caller (one pass over the agents).
    const hostedProjects = Object.values(out.projects).filter((p, i) => String(fixture.projects?.[i]?.agentDeploymentType).toUpperCase() === 'FULL_SAAS' && !hostedAgents.has(p.id));
    if (hostedProjects.length) {
      for (let page = 0; ; page++) {
        const r = await inject({ method: 'GET', url: `/v1/agents?size=100&page=${page}`, headers });
        if (r.status !== 200) break;
        for (const a of r.body.results as any[]) if (a.hosted === true && a.projectId) hostedAgents.set(a.projectId, a.agentId);
        if ((page + 1) * 100 >= r.body.total) break;
      }
    }
    for (const p of Object.values(out.projects)) {
      const id = hostedAgents.get(p.id);
      if (id) p.hostedAgentId = id;
    }
  } catch (err) {
    await restore(before);
    log.info({ err: { message: (err as Error).message } }, 'seed failed; state put back as before it');
    throw err;
  }
  out.durationMs = ms(started);
  log.info({ apiCredentials: Object.keys(out.apiCredentials).length, agents: Object.keys(out.agents).length, projects: Object.keys(out.projects).length, durationMs: out.durationMs }, 'seeded');
  return out;
}

/** How a seed reads `${…}` references and calls the API (items located in the fixture). */
function seedTools(inject: Inject, headers: Record<string, string>, out: SeedResult, hostedAgents: Map<string, string | undefined>) {
  const hostedAgentOf = async (projectId: string, where: string) => {
    if (!hostedAgents.has(projectId)) {
      let found: string | undefined;
      for (let page = 0; found === undefined; page++) {
        const r = await inject({ method: 'GET', url: `/v1/agents?size=100&page=${page}`, headers });
        if (r.status !== 200) throw new SeedError(r.status, `Seeding ${where}: listing agents answered ${r.status}`, []);
        found = (r.body.results as any[]).find((a) => a.hosted === true && a.projectId === projectId)?.agentId;
        if ((page + 1) * 100 >= r.body.total) break;
      }
      hostedAgents.set(projectId, found);
    }
    const id = hostedAgents.get(projectId);
    if (!id) throw invalid(where, 'refers to the hosted agent of a project that has none (only FULL_SAAS projects have one)');
    return id;
  };

  // `${agents.x.id}`, `${projects.x.id}`, `${projects.x.hostedAgentId}`, `${project.id}`, `${project.hostedAgentId}`.
  const resolve = async (value: unknown, where: string, project?: { id: string }): Promise<unknown> => {
    if (typeof value === 'string') {
      let text = value;
      for (const m of [...value.matchAll(/\$\{([^}]+)\}/g)]) {
        const ref = m[1]!.trim();
        let got: string | undefined;
        const named = /^(agents|projects)\.(.+)\.(id|hostedAgentId)$/.exec(ref);
        const own = /^project\.(id|hostedAgentId)$/.exec(ref);
        if (named) {
          const [, kind, name, field] = named;
          if (kind === 'agents' && field === 'id') got = out.agents[name!]?.id;
          if (kind === 'projects') {
            const p = out.projects[name!];
            if (p) got = field === 'id' ? p.id : await hostedAgentOf(p.id, where);
          }
        } else if (own && project) {
          got = own[1] === 'id' ? project.id : await hostedAgentOf(project.id, where);
        }
        if (got === undefined) throw invalid(where, `refers to \${${ref}}, which names nothing created before it in the fixture`);
        text = text.replace(m[0], got);
      }
      return text;
    }
    if (Array.isArray(value)) return Promise.all(value.map((v, i) => resolve(v, `${where}[${i}]`, project)));
    if (value && typeof value === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) o[k] = await resolve(v, `${where}.${k}`, project);
      return o;
    }
    return value;
  };

  const call = async (where: string, method: string, url: string, body: unknown) => {
    const r = await inject({ method, url, headers, body });
    if (r.status >= 200 && r.status < 300) return r.body;
    const detail = `Seeding ${where} (${method} ${url.split('?')[0]}) failed: ${r.body?.detail ?? r.body?.error_description ?? `status ${r.status}`}`;
    throw new SeedError(r.status, detail, relocate(r.body?.violations, where));
  };
  return { resolve, call };
}
