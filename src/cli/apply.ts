/**
 * `plinth apply -f project.yaml`: makes the server match the file.
 *
 * - **Idempotent.** The plan is computed afresh from the server each time (resources are found by
 *   name), so a second apply finds nothing to do.
 * - **Converges after a failure.** Changes run one at a time in dependency order; when one fails
 *   (or the server dies), apply stops and says so, and the next run plans only what is left.
 * - **Never duplicates on retry.** Every create goes through the SDK's create rule: a retried
 *   create that answers 409 for the name is looked up by name and counted as created.
 * - **Deletes only with --allow-delete**: deleting what the file does not declare, and the delete
 *   half of a replace. Without it, a plan that needs one is refused before any change (exit 4).
 * - Secret values are read from their sources (environment variables, files) only when sent;
 *   a missing one stops apply before any change.
 */
import type { Command } from 'commander';
import { PlinthApiError, type PlinthClient } from '../sdk/index.js';
import { action, allOptions, makeClient, painter, withGlobals, type GlobalOptions } from './common.js';
import { Agents, desiredDefaultConnections, dwhConnectionOf, environmentDesired, isPending, needsDelete, overrideAuthType, secretRefDesired, warehouseAuthType, type Change, type PlanOptions } from './diff.js';
import { EXIT, ExitError, progress } from './output.js';
import { makePlan, missingSecrets, renderPlan } from './plan.js';
import { jsonOrText, loadSpec, readSecret, type LoadedSpec } from './spec.js';
import { findProject, hostedAgentOf, listAgents, type ActualState } from './state.js';

export interface ApplyOptions extends GlobalOptions, PlanOptions {
  file: string;
}

const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
/** A find for the create rule that reads through a Plinth extension: where the server does not serve it (the SaaS), the 409 is taken at its word. */
const extensionFind =
  <T>(read: () => Promise<T | undefined>) =>
  async () => {
    try {
      return await read();
    } catch (err) {
      if (err instanceof PlinthApiError && (err.status === 404 || err.status === 405)) return true;
      throw err;
    }
  };

/** Runs the pending changes of a plan, in order. Returns how many were applied. */
export async function applyPlan(api: PlinthClient, spec: LoadedSpec, changes: Change[], state: ActualState, log: (m: string) => void): Promise<{ applied: number; counts: Record<string, number> }> {
  const f = spec.file;
  const secret = (src: Parameters<typeof readSecret>[0]) => readSecret(src, spec.baseDir);
  let projectId = state.project?.id;
  let agents = new Agents(state, false);
  const project = () => {
    if (!projectId) throw new Error('internal: project id unknown');
    return { projectId };
  };
  const hostedAgentId = () => agents.id('hosted', 'hosted agent');
  const counts: Record<string, number> = {};
  const pending = changes.filter(isPending);
  let applied = 0;

  const createProject = async () => {
    const body = { name: f.project.name, warehouse: f.project.warehouse, agentDeploymentType: f.project.agentDeploymentType, ...(f.project.description !== undefined ? { description: f.project.description } : {}) };
    const r = await api.create('/v1/projects', { body }, () => findProject(api, f.project.name));
    projectId = r.adopted ? r.existing!.id : r.data!.projectId;
    // The project's hosted agent exists from now on: resolve `hosted` against it.
    const listed = await listAgents(api);
    state = { ...state, agents: listed.agents, agentsReadable: listed.readable, hostedAgent: hostedAgentOf(listed.agents, projectId) };
    agents = new Agents(state, false);
  };

  const secretValue = {
    path: () => ({ agentId: hostedAgentId() }),
    find: (name: string) => extensionFind(async () => (await all(api.paginate('/v1/secrets/{agentId}/secret-values', { params: { path: { agentId: hostedAgentId() } } }))).find((s) => s.name === name)),
    async create(name: string, tolerateExisting: boolean) {
      const s = f.secrets!.find((x) => x.name === name)!;
      const raw = secret(s.value);
      const body = { name: s.name, type: s.type, key: s.key, value: (s.type === 'CLOUD_PROVIDER_SECRET' ? jsonOrText(raw) : raw) as any };
      await createTolerant(() => api.create('/v1/secrets/{agentId}/secret-value', { params: { path: this.path() }, body }, this.find(name)), tolerateExisting);
    },
    delete: (name: string) => api.DELETE('/v1/secrets/{agentId}/secret-values/{secretName}', { params: { path: { agentId: hostedAgentId(), secretName: name } } }),
  };

  const secretReference = {
    find: (name: string) => extensionFind(async () => (await all(api.paginate('/v1/projects/{projectId}/secret-references', { params: { path: project() } }))).find((s) => s.name === name)),
    async create(name: string, tolerateExisting: boolean) {
      const i = f.secretReferences!.findIndex((x) => x.name === name);
      const r = f.secretReferences![i];
      const d = secretRefDesired(r, agents, `secretReferences.${i}`);
      const body: Record<string, unknown> = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));
      if (r.secretValue) body.secretValue = jsonOrText(secret(r.secretValue));
      await createTolerant(() => api.create('/v1/projects/{projectId}/secret-references/{secretReferenceName}', { params: { path: { ...project(), secretReferenceName: name } }, body: body as any }, this.find(name)), tolerateExisting);
    },
    delete: (name: string) => api.DELETE('/v1/projects/{projectId}/secret-references/{secretReferenceName}', { params: { path: { ...project(), secretReferenceName: name } } }),
  };

  const findConnection = (name: string) => async () => (await all(api.paginate('/v1/projects/{projectId}/connections', { params: { path: project(), query: { connectionNames: name } } }))).find((c) => c.name === name);
  const deleteConnection = (name: string) => api.DELETE('/v1/projects/{projectId}/connections', { params: { path: project(), query: { connectionName: name } } });
  const warehouse = {
    body() {
      const w = f.warehouseConnection!;
      return { platformConnectionType: 'DWH' as const, authProvider: f.project.warehouse, authType: w.authType ?? warehouseAuthType(f.project.warehouse) };
    },
    async create() {
      const w = f.warehouseConnection!;
      await api.create('/v1/projects/{projectId}/data-platform-connections', { params: { path: project() }, body: { name: w.name, ...this.body() } }, findConnection(w.name));
      if (w.connectionDetails) await this.update();
    },
    update: () => api.PUT('/v1/projects/{projectId}/connections', { params: { path: project(), query: { connectionName: f.warehouseConnection!.name } }, body: { ...warehouse.body(), connectionDetails: f.warehouseConnection!.connectionDetails } as any }),
  };
  const connection = {
    spec: (name: string) => f.connections!.find((c) => c.name === name)!,
    create(name: string) {
      const c = this.spec(name);
      return api.create('/v1/projects/{projectId}/connections', { params: { path: project() }, body: c as any }, findConnection(name));
    },
    update(name: string) {
      const { name: _n, ...c } = this.spec(name);
      return api.PUT('/v1/projects/{projectId}/connections', { params: { path: project(), query: { connectionName: name } }, body: c as any });
    },
  };

  const overrideBody = (envName: string, connectionName: string) => {
    const e = f.environments!.find((x) => x.name === envName)!;
    const o = e.connectionOverrides.find((x) => x.connectionName === connectionName)!;
    return { environmentName: envName, connectionName, authType: overrideAuthType(f, o, state), connectionOverrides: { ...(o.secretsLocation ? { secretsLocation: o.secretsLocation } : {}), connectionProperties: o.connectionProperties } };
  };
  const findOverride = (envName: string, connectionName: string) => async () =>
    (await all(api.paginate('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: project(), query: { environmentName: envName } } }))).find((o) => o.name === connectionName);
  const environment = {
    async create(name: string) {
      const i = f.environments!.findIndex((x) => x.name === name);
      const e = f.environments![i];
      const d = environmentDesired(f, e, agents, `environments.${i}`);
      const dwh = dwhConnectionOf(f, e);
      const o = e.connectionOverrides.find((x) => x.connectionName === dwh)!;
      const body = {
        name: e.name,
        ...(e.displayName !== undefined ? { displayName: e.displayName } : {}),
        ...(e.description !== undefined ? { description: e.description } : {}),
        defaultAgentId: d.defaultAgentId,
        defaultUserAccessLevel: e.defaultUserAccessLevel,
        defaultConnections: desiredDefaultConnections(f, e),
        connectionOverrides: [{ connectionName: dwh, connectionProperties: o.connectionProperties }],
      };
      await api.create('/v1/projects/{projectId}/environments', { params: { path: project() }, body: body as any }, async () => (await all(api.paginate('/v1/projects/{projectId}/environments', { params: { path: project() } }))).find((x) => x.name === name));
      // What the create request cannot carry: the override's vault location and another auth type.
      const dwhAuth = overrideAuthType(f, o, state);
      if (o.secretsLocation || (o.authType && dwhAuth !== warehouseAuthType(f.project.warehouse)))
        await api.PUT('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: project() }, body: overrideBody(name, dwh) as any });
    },
    delete: (name: string) => api.DELETE('/v1/projects/{projectId}/environments/{environmentName}', { params: { path: { ...project(), environmentName: name } } }),
  };

  const repository = {
    find: () => extensionFind(async () => (await api.GET('/v1/projects/{projectId}/repositories', { params: { path: project() } })).results[0]),
    async create(tolerateExisting: boolean) {
      const r = f.repository!;
      const headers = r.accessToken ? { 'Git-Provider-Access-Token': secret(r.accessToken).trim() } : undefined;
      await createTolerant(
        () => api.create('/v1/projects/{projectId}/repositories', { params: { path: project(), ...(headers ? { header: headers } : {}) }, body: { provider: r.provider, repositoryName: r.repositoryName, providerParameters: r.providerParameters } as any }, this.find()),
        tolerateExisting,
      );
    },
  };

  for (const c of pending) {
    const step = `[${applied + 1}/${pending.length}] ${c.action} ${c.kind} ${c.name}`;
    log(`${step} …`);
    const unknown = c.action === 'unknown';
    switch (c.kind) {
      case 'project':
        if (c.action === 'replace') await api.DELETE('/v1/projects/{projectId}', { params: { path: project() } });
        await createProject();
        break;
      case 'secret':
        if (c.action === 'replace' || c.action === 'delete') await secretValue.delete(c.name);
        if (c.action !== 'delete') await secretValue.create(c.name, unknown);
        break;
      case 'secret-reference':
        if (c.action === 'replace' || c.action === 'delete') await secretReference.delete(c.name);
        if (c.action !== 'delete') await secretReference.create(c.name, unknown);
        break;
      case 'warehouse-connection':
        if (c.action === 'update') await warehouse.update();
        else {
          if (c.action === 'replace' || c.action === 'delete') await deleteConnection(c.name);
          if (c.action !== 'delete') await warehouse.create();
        }
        break;
      case 'connection':
        if (c.action === 'update') await connection.update(c.name);
        else {
          if (c.action === 'replace' || c.action === 'delete') await deleteConnection(c.name);
          if (c.action !== 'delete') await connection.create(c.name);
        }
        break;
      case 'environment':
        if (c.action === 'replace' || c.action === 'delete') await environment.delete(c.name);
        if (c.action !== 'delete') await environment.create(c.name);
        break;
      case 'override': {
        const env = c.environment!;
        const conn = c.name.slice(env.length + 1);
        if (c.action === 'delete') await api.DELETE('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: project(), query: { environmentName: env, connectionNames: conn } } });
        else if (c.action === 'update') await api.PUT('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: project() }, body: overrideBody(env, conn) as any });
        else if (!c.withEnvironment) await api.create('/v1/projects/{projectId}/connections/environment-overrides', { params: { path: project() }, body: overrideBody(env, conn) as any }, findOverride(env, conn));
        break;
      }
      case 'repository':
        await repository.create(unknown);
        break;
    }
    applied++;
    counts[c.action] = (counts[c.action] ?? 0) + 1;
  }
  return { applied, counts };
}

/** A create; with `tolerateExisting` (state unknown), a 409 on the first attempt means it already exists. */
async function createTolerant(run: () => Promise<unknown>, tolerateExisting: boolean) {
  try {
    await run();
  } catch (err) {
    if (tolerateExisting && err instanceof PlinthApiError && err.status === 409) return;
    throw err;
  }
}

export function register(program: Command) {
  withGlobals(
    program
      .command('apply')
      .description('make the server match the project file (idempotent; safe to rerun after a failure)')
      .requiredOption('-f, --file <path>', 'the project file (YAML; - for stdin)')
      .option('--allow-delete', 'delete what the file does not declare, and allow replacements (delete + create)')
      .option('--force-secrets', 'write secret values again (they cannot be compared)'),
  ).action(
    action(async (_opts: unknown, cmd: Command) => {
      const opts = allOptions<ApplyOptions>(cmd);
      const spec = loadSpec(opts.file);
      const log = progress(!opts.quiet);
      const api = makeClient(opts, log);
      const { plan, state } = await makePlan(api, spec, opts, () => {});
      const p = painter(opts);
      process.stdout.write(renderPlan(plan, p, { allowDelete: opts.allowDelete, target: api.baseUrl }));
      const unsupported = plan.changes.filter((c) => c.action === 'unsupported');
      if (unsupported.length) throw new ExitError(`the API cannot make these changes: ${unsupported.map((c) => `${c.kind} ${c.name}`).join(', ')}; nothing was applied`, EXIT.ERROR);
      const destructive = plan.changes.filter(needsDelete);
      if (destructive.length && !opts.allowDelete) throw new ExitError(`the plan deletes or replaces ${destructive.map((c) => `${c.kind} ${c.name}`).join(', ')}; rerun with --allow-delete to allow it. Nothing was applied.`, EXIT.REFUSED);
      const missing = missingSecrets(spec, plan);
      if (missing.length) throw new ExitError(`secret values are missing; nothing was applied:\n${missing.map((m) => `  - ${m}`).join('\n')}`, EXIT.ERROR);
      const todo = plan.changes.filter(isPending).length;
      if (!todo) {
        process.stdout.write('Nothing to apply.\n');
        return EXIT.OK;
      }
      let applied = 0;
      try {
        const r = await applyPlan(api, spec, plan.changes, state, (m) => {
          if (m.startsWith('[')) applied = Number(m.slice(1, m.indexOf('/'))) - 1;
          log(m);
        });
        const c = r.counts;
        process.stdout.write(p.green(`Apply complete: ${c.create ?? 0} created, ${c.update ?? 0} updated, ${c.replace ?? 0} replaced, ${c.delete ?? 0} deleted${c.unknown ? `, ${c.unknown} created unless present` : ''}.`) + '\n');
        return EXIT.OK;
      } catch (err) {
        process.stderr.write(`plinth: apply stopped after ${applied} of ${todo} change(s); run it again to converge.\n`);
        throw err;
      }
    }),
  );
}
