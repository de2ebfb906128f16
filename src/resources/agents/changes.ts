import type { ProjectAccess } from '../../core/access.js';
import type { Audit, AuditEventInput } from '../../core/audit.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, notFound } from '../../core/errors.js';
import type { Actor, Policy } from '../../core/policy.js';
import type { AgentCredentials } from './credentials.js';
import { agentView } from './rules.js';
import type { AgentRow, AgentsRepo } from './store.js';

/**
 * Finding and changing one agent, shared by the service's operations. The dependencies are here
 * rather than in service.ts so that the operations split out of it (commands.ts, allowlist.ts)
 * can use them without an import cycle.
 */

/** Agents (account-level, contract §5.2): rules and life cycle in rules.ts. */
export interface AgentsDeps {
  db: Db;
  agents: AgentsRepo;
  projects: Pick<ProjectAccess, 'find'>;
  policy: Policy;
  clock: () => Date;
  /** The agents' own credentials (kept by the api-credentials resource). */
  credentials: AgentCredentials;
  audit: Audit;
}

/** An agent's audit event (subject AGENT); `info` holds names and ids only. */
export const agentEvent = (row: Pick<AgentRow, 'id' | 'name'>, eventName: string, eventType: string, description: string, additionalInfo: Record<string, unknown> = {}): AuditEventInput => ({
  eventName,
  eventType,
  description,
  subjectType: 'AGENT',
  subjectId: row.id,
  subjectName: row.name,
  additionalInfo,
});

export const nameTaken = (name: string) => conflict(`An agent named "${name}" already exists in this account`, [{ field: 'name', rule: 'must be unique within the account' }]);

export async function find(d: Pick<AgentsDeps, 'agents'>, actor: Actor, agentId: string) {
  const row = await d.agents.find(actor.accountId, agentId);
  if (!row) throw notFound(`Agent ${agentId} not found`);
  return row;
}

/** For changes: the agent must exist and be a customer (hybrid) agent. */
export async function findHybrid(d: Pick<AgentsDeps, 'agents'>, actor: Actor, agentId: string, what: string) {
  const row = await find(d, actor, agentId);
  if (row.hosted === 1) {
    throw conflict(`Agent ${agentId} is Matillion-hosted: it is managed by Plinth with its project and ${what} is not possible`);
  }
  return row;
}

/** Apply a change computed from the current row; retried when another writer got there first. */
export async function change(
  d: Pick<AgentsDeps, 'db' | 'agents' | 'clock' | 'audit'>,
  actor: Actor,
  agentId: string,
  what: string,
  compute: (row: AgentRow, now: Date) => Partial<AgentRow>,
  /** The change's audit event, written in the transaction of the update. */
  event: (before: AgentRow, after: AgentRow) => AuditEventInput,
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await findHybrid(d, actor, agentId, what);
    const now = d.clock();
    const fields = { ...compute(row, now), updated_at: now.toISOString() };
    if (fields.updated_at === row.updated_at) fields.updated_at = new Date(now.getTime() + 1).toISOString();
    try {
      const after = { ...row, ...fields };
      const updated = await d.db.transaction().execute(async (trx) => {
        if (!(await d.agents.update(actor.accountId, agentId, row.updated_at, fields, trx))) return false;
        await d.audit.record(trx, actor, event(row, after));
        return true;
      });
      if (updated) return agentView(after, now);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(fields.name ?? row.name);
      throw err;
    }
  }
  throw conflict(`Agent ${agentId} is being changed concurrently; retry`);
}
