/**
 * The plan: what `apply` would do to make the server match a project file.
 *
 * Every resource is identified by its name (the API's own identity: names are unique in their
 * scope, 409 otherwise), never by ids kept in a state file, so a plan is always computed afresh
 * from the server — which is what makes apply converge after an interruption.
 *
 * Actions: `create`, `update` (in place: connections, the warehouse connection's details,
 * environment overrides), `replace` (delete and create: the API cannot update projects,
 * environments, secret references or secret values), `delete` (only with `--allow-delete`, for
 * resources on the server that the file does not declare), `unchanged`, `unknown` (a Plinth
 * extension read the server does not serve: apply creates it unless it exists) and
 * `unsupported` (a change the API cannot make at all: a project's repository).
 *
 * Secret values are write-only, so they cannot be compared: an existing secret (hosted secret
 * value, `Matillion hosted` secret reference, GitLab token) is `unchanged` unless `--force-secrets`
 * asks to write it again (a replace).
 *
 * The pieces live in ./plan/: the plan's types (model.ts), the file's wishes in API terms
 * (desired.ts) and one planner per resource kind (planners.ts). This module runs them and is
 * what the commands and tests import.
 */
import type { LoadedSpec } from './spec.js';
import type { ActualState } from './state.js';
import { Agents } from './plan/desired.js';
import type { Plan, PlanOptions } from './plan/model.js';
import { deletionsLast, emptyProject, planConnections, planEnvironments, planProject, planRepository, planSecretReferences, planSecrets, PlanBuilder, type PlanContext } from './plan/planners.js';

export * from './plan/model.js';
export { Agents, desiredDefaultConnections, dwhConnectionOf, environmentDesired, fileDefaultAgent, overrideAuthType, overrideDesired, secretRefDesired, warehouseAuthType } from './plan/desired.js';

export function computePlan(spec: LoadedSpec, state: ActualState, opts: PlanOptions = {}): Plan {
  const f = spec.file;
  const out = new PlanBuilder(opts.allowDelete);
  // Without the project (or when it is replaced) every child is created afresh.
  const fresh = planProject(f, state, out);
  const view = fresh ? emptyProject(state) : state;
  const ctx: PlanContext = { file: f, view, agents: new Agents(view, fresh && f.project.agentDeploymentType === 'FULL_SAAS'), opts, out };
  // Dependency order: what a later kind refers to is planned (and so applied) first.
  planSecrets(ctx);
  planSecretReferences(ctx);
  planConnections(ctx);
  planEnvironments(ctx);
  planRepository(ctx);
  return { projectName: f.project.name, changes: deletionsLast(out.changes), unmanaged: out.unmanaged, warnings: [] };
}
