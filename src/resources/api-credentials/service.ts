import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, notFound } from '../../core/errors.js';
import { newClientId, newClientSecret } from '../../core/ids.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';
import type { Identity } from '../../core/identity/identity.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy, Role } from '../../core/policy.js';
import type { ApiCredentialRow, ApiCredentialsRepo } from './store.js';

const view = (r: ApiCredentialRow) => ({ clientId: r.client_id, name: r.name, role: r.role, createdAt: r.created_at });

export interface ApiCredentialsDeps {
  credentials: ApiCredentialsRepo;
  identity: Pick<Identity, 'hashSecret'>;
  policy: Policy;
  clock: () => Date;
  changes: CredentialChanges;
}

/** The `/v1/api-credentials` extension: the SaaS does this in its UI. Super Admin only. */
export function createApiCredentialsService(deps: ApiCredentialsDeps) {
  const { credentials, identity, policy, clock, changes } = deps;
  return {
    async create(actor: Actor, input: { name: string; role: Role }) {
      policy.assert(actor, 'apiCredentials.manage');
      const clientSecret = newClientSecret();
      const row: ApiCredentialRow = {
        client_id: newClientId(),
        account_id: actor.accountId,
        name: input.name,
        role: input.role,
        kind: 'user',
        agent_id: null,
        secret_hash: identity.hashSecret(clientSecret),
        created_at: clock().toISOString(),
      };
      try {
        await credentials.insert(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`An API credential named "${input.name}" already exists`, [{ field: 'name', rule: 'must be unique within the account' }]);
        throw err;
      }
      return { ...view(row), clientSecret };
    },

    async list(actor: Actor, q: PageQuery) {
      policy.assert(actor, 'apiCredentials.manage');
      const w = pageWindow(q);
      const { rows, total } = await credentials.page(actor.accountId, w.offset, w.limit);
      return toPage(w, total, rows, view);
    },

    async delete(actor: Actor, clientId: string) {
      policy.assert(actor, 'apiCredentials.manage');
      const row = await credentials.findByClientId(clientId);
      if (!row || row.account_id !== actor.accountId || row.kind !== 'user') throw notFound(`API credential ${clientId} not found`);
      // Every account keeps at least one Super Admin (seed 002).
      if (row.role === 'SUPER_ADMIN' && (await credentials.countRole(actor.accountId, 'SUPER_ADMIN')) <= 1) {
        throw conflict('The last Super Admin API credential of an account cannot be deleted');
      }
      // Through CredentialChanges: the token is refused at once here and on every other node.
      await changes.run(async (trx) => ({ clientIds: [clientId], result: await credentials.delete(actor.accountId, clientId, trx) }));
    },

    /** An agent's own credential (in-process; the agents resource decides who may ask). */
    agents: createAgentCredentials(deps),
  };
}
export type ApiCredentialsService = ReturnType<typeof createApiCredentialsService>;

function createAgentCredentials({ credentials, identity, clock, changes }: ApiCredentialsDeps) {
  return {
    async find(accountId: string, agentId: string): Promise<{ clientId: string } | undefined> {
      const row = await credentials.findForAgent(accountId, agentId);
      return row ? { clientId: row.client_id } : undefined;
    },

    /** Issues the agent's credential; a unique violation means another request issued it first. */
    async issue(accountId: string, agentId: string) {
      const clientSecret = newClientSecret();
      const clientId = newClientId();
      await credentials.insert({
        client_id: clientId,
        account_id: accountId,
        name: `agent:${agentId}`,
        // The role is never consulted for agent credentials (policy refuses agent actors every
        // account permission); the least privileged one is recorded.
        role: 'MEMBER',
        kind: 'agent',
        agent_id: agentId,
        secret_hash: identity.hashSecret(clientSecret),
        created_at: clock().toISOString(),
      });
      return { clientId, clientSecret };
    },

    /** A new secret for an existing agent credential (same client id). */
    async refresh(clientId: string) {
      const clientSecret = newClientSecret();
      await changes.run(async (trx) => {
        await credentials.setAgentSecret(clientId, identity.hashSecret(clientSecret), trx);
        return { clientIds: [clientId], result: undefined };
      });
      return { clientId, clientSecret };
    },

    /**
     * Deletes the agent's credentials inside `trx` and announces them; returns their client ids
     * for `changes.committed` once the transaction has committed.
     */
    async removeIn(trx: Db, accountId: string, agentId: string): Promise<string[]> {
      const clientIds = await credentials.deleteForAgent(accountId, agentId, trx);
      await changes.announce(trx, clientIds);
      return clientIds;
    },

    /** Deletes the agent's credentials in a transaction of their own. */
    async remove(accountId: string, agentId: string) {
      await changes.run(async (trx) => ({ clientIds: await credentials.deleteForAgent(accountId, agentId, trx), result: undefined }));
    },

    committed: (clientIds: string[]) => changes.committed(clientIds),
  };
}
