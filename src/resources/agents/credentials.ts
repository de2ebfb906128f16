import type { Audit } from '../../core/audit.js';
import { isUniqueViolation } from '../../core/db/db.js';
import { notFound } from '../../core/errors.js';
import type { Actor, Policy } from '../../core/policy.js';
import type { AgentCredential, ApiCredentialsService } from '../api-credentials/service.js';
import type { AgentRow, AgentsRepo } from './store.js';

/** The agents' own credentials, kept in api_credentials by the api-credentials resource. */
export type AgentCredentials = ApiCredentialsService['agents'];

interface Deps {
  audit: Audit;
  agents: AgentsRepo;
  policy: Policy;
  credentials: AgentCredentials;
  findHybrid(actor: Actor, agentId: string, what: string): Promise<AgentRow>;
}

/**
 * `GET` and `POST /v1/agents/{agentId}/credentials`. Clients read the credentials on every
 * refresh (Matillion's Terraform provider keeps `{clientId, clientSecret}` in its state), so the
 * secret is kept sealed by the vault and every read returns the same pair: the first GET issues
 * it (two concurrent first reads agree on one), later GETs return it again. SECRET_REFRESH
 * replaces the secret (same client id); from then on reads return the new pair, and the old secret
 * and the tokens it obtained are refused.
 *
 * A credential issued before secrets were sealed has a hash only: reading it returns `clientId`
 * alone and changes nothing (the running agent keeps working); one SECRET_REFRESH makes it
 * readable.
 */
export function createAgentCredentialAccess({ audit, agents, policy, credentials, findHybrid }: Deps) {
  async function issue(actor: Actor, agentId: string, agent: AgentRow) {
    const issued = await credentials.issue(actor.accountId, agentId, (trx, clientId) =>
      audit.record(trx, actor, {
        eventName: 'agent_credentials_issued',
        eventType: 'CREATE',
        description: 'Agent credentials issued',
        subjectType: 'AGENT',
        subjectId: agent.id,
        subjectName: agent.name,
        additionalInfo: { clientId },
      }),
    );
    // api_credentials has no foreign key to agents: if the agent was deleted meanwhile, undo.
    if (!(await agents.find(actor.accountId, agentId))) {
      await credentials.remove(actor.accountId, agentId);
      throw notFound(`Agent ${agentId} not found`);
    }
    return issued;
  }

  const gone = (agentId: string) => notFound(`Agent ${agentId} not found`);

  const access = {
    async read(actor: Actor, agentId: string): Promise<AgentCredential> {
      policy.assert(actor, 'agents.manage');
      const agent = await findHybrid(actor, agentId, 'reading its credentials');
      const existing = await credentials.find(actor.accountId, agentId);
      if (existing) return existing;
      try {
        return await issue(actor, agentId, agent);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Another request issued it first: both callers get that one.
        const row = await credentials.find(actor.accountId, agentId);
        if (!row) throw err;
        return row;
      }
    },

    async refresh(actor: Actor, agentId: string): Promise<Required<AgentCredential>> {
      policy.assert(actor, 'agents.manage');
      const agent = await findHybrid(actor, agentId, 'refreshing its credentials');
      const existing = await credentials.find(actor.accountId, agentId);
      if (!existing) {
        try {
          return await issue(actor, agentId, agent);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          return access.refresh(actor, agentId);
        }
      }
      const refreshed = await credentials.refresh(existing.clientId, (trx) =>
        audit.record(trx, actor, {
          eventName: 'agent_credentials_refreshed',
          eventType: 'UPDATE',
          description: 'Agent credentials refreshed',
          subjectType: 'AGENT',
          subjectId: agent.id,
          subjectName: agent.name,
          additionalInfo: { clientId: existing.clientId, action: 'SECRET_REFRESH' },
        }),
      );
      if (!refreshed) throw gone(agentId);
      return refreshed;
    },
  };
  return access;
}
