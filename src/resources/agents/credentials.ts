import { isUniqueViolation } from '../../core/db/db.js';
import { notFound } from '../../core/errors.js';
import type { Actor, Policy } from '../../core/policy.js';
import type { ApiCredentialsService } from '../api-credentials/service.js';
import type { AgentRow, AgentsRepo } from './store.js';

/** The agents' own credentials, kept in api_credentials by the api-credentials resource. */
export type AgentCredentials = ApiCredentialsService['agents'];

interface Deps {
  agents: AgentsRepo;
  policy: Policy;
  credentials: AgentCredentials;
  findHybrid(actor: Actor, agentId: string, what: string): Promise<AgentRow>;
}

/**
 * `GET` and `POST /v1/agents/{agentId}/credentials`. The secret is kept only as a keyed hash,
 * so it can be shown once: the first GET issues the credential and returns the secret; later GETs
 * return the client id only. SECRET_REFRESH always issues a new secret (same client id).
 */
export function createAgentCredentialAccess({ agents, policy, credentials, findHybrid }: Deps) {
  async function issue(actor: Actor, agentId: string) {
    const issued = await credentials.issue(actor.accountId, agentId);
    // api_credentials has no foreign key to agents: if the agent was deleted meanwhile, undo.
    if (!(await agents.find(actor.accountId, agentId))) {
      await credentials.remove(actor.accountId, agentId);
      throw notFound(`Agent ${agentId} not found`);
    }
    return issued;
  }

  const access = {
    async read(actor: Actor, agentId: string): Promise<{ clientId: string; clientSecret?: string }> {
      policy.assert(actor, 'agents.manage');
      await findHybrid(actor, agentId, 'reading its credentials');
      const existing = await credentials.find(actor.accountId, agentId);
      if (existing) return existing;
      try {
        return await issue(actor, agentId);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Another request issued it first; its secret was shown to that caller only.
        const row = await credentials.find(actor.accountId, agentId);
        if (!row) throw err;
        return row;
      }
    },

    async refresh(actor: Actor, agentId: string): Promise<{ clientId: string; clientSecret: string }> {
      policy.assert(actor, 'agents.manage');
      await findHybrid(actor, agentId, 'refreshing its credentials');
      const existing = await credentials.find(actor.accountId, agentId);
      if (!existing) {
        try {
          return await issue(actor, agentId);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          return access.refresh(actor, agentId);
        }
      }
      return credentials.refresh(existing.clientId);
    },
  };
  return access;
}
