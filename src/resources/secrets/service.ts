import { randomUUID } from 'node:crypto';
import type { Audit } from '../../core/audit.js';
import { iso } from '../../core/clock.js';
import type { Vault } from '../../core/crypto/vault.js';
import { isForeignKeyViolation, isUniqueViolation, type Db } from '../../core/db/db.js';
import { hostedSecretAad, type HostedSecretRow, type SecretsRepo } from './store.js';
import { checkCloudCredential } from './cloud-credentials.js';
import { badRequest, conflict, invalid, notFound } from '../../core/errors.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy } from '../../core/policy.js';
import type { AgentsService } from '../agents/service.js';

/**
 * Secret values in the Matillion-hosted vault (`POST /v1/secrets/{agentId}/secret-value`,
 * contract §5.4). Values are write-only: sealed by the vault with AAD binding them to
 * (account, agent, name), never returned by the API; `resolve` is the in-process way for other
 * resources (connections, environments) to use them.
 *
 * Who may write: the role table has no "vault secrets" column for API credentials; the hosted
 * vault belongs to a hosted agent, so the "Manage agents" permission decides (Super Admin and
 * Admin). The user-role "Create vault secrets" permission has no API-credential counterpart.
 */

export type SecretType = 'DWH_PASSWORD' | 'CLOUD_PROVIDER_SECRET';

export interface SecretValueInput {
  name: string;
  type: SecretType;
  key: string;
  value: string | Record<string, unknown>;
}

const view = (r: Pick<HostedSecretRow, 'name' | 'type' | 'secret_key' | 'agent_id' | 'created_at' | 'updated_at'>) => ({
  name: r.name,
  type: r.type,
  key: r.secret_key,
  agentId: r.agent_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface SecretsDeps {
  db: Db;
  audit: Audit;
  agents: Pick<AgentsService, 'lookup'>;
  secrets: SecretsRepo;
  vault: Vault;
  policy: Policy;
  clock: () => Date;
}

const secretEvent = (created: boolean, agent: { id: string; name: string; projectId: string | null }, name: string, type?: string) => ({
  eventName: created ? 'secret_created' : 'secret_deleted',
  eventType: created ? 'CREATE' : 'DELETE',
  description: created ? 'Secret created' : 'Secret deleted',
  subjectType: 'SECRET',
  subjectName: name,
  projectId: agent.projectId,
  additionalInfo: { agentId: agent.id, agentName: agent.name, ...(type ? { secretType: type } : {}) },
});

export function createSecretsService({ db, audit, agents, secrets, vault, policy, clock }: SecretsDeps) {
  /** The agent, which must exist in the actor's account (404) and be Matillion-hosted (400). */
  async function hostedAgent(actor: Actor, agentId: string) {
    const agent = await agents.lookup(actor.accountId, agentId);
    if (!agent) throw notFound(`Agent ${agentId} not found`);
    if (!agent.hosted) {
      throw invalid(
        'agentId',
        `must be a Matillion-hosted agent (a FULL_SAAS project's agent); agent ${agentId} is a customer-hosted (hybrid) agent whose secrets live in the customer's own vault — create a secret reference to them instead`,
      );
    }
    return agent;
  }

  return {
    async create(actor: Actor, agentId: string, input: SecretValueInput) {
      policy.assert(actor, 'agents.manage');
      const agent = await hostedAgent(actor, agentId);
      let plaintext: string;
      if (input.type === 'DWH_PASSWORD') {
        if (typeof input.value !== 'string') throw invalid('value', 'must be a string (the password or PEM private key) for type DWH_PASSWORD');
        if (input.value === '') throw invalid('value', 'must not be empty');
        plaintext = input.value;
      } else {
        const { violations } = checkCloudCredential(input.value, 'value');
        if (violations.length) throw badRequest(violations);
        // A string is stored exactly as sent; an object as its JSON text.
        plaintext = typeof input.value === 'string' ? input.value : JSON.stringify(input.value);
      }
      const now = iso(clock());
      const row: HostedSecretRow = {
        id: randomUUID(),
        account_id: actor.accountId,
        agent_id: agent.id,
        name: input.name,
        type: input.type,
        secret_key: input.key,
        value: vault.encrypt(plaintext, hostedSecretAad(actor.accountId, agent.id, input.name)),
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await secrets.insertHosted(row, trx);
          await audit.record(trx, actor, Object.assign(secretEvent(true, agent, input.name, input.type), { subjectId: row.id }));
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A secret named "${input.name}" already exists on agent ${agentId}`, [{ field: 'name', rule: 'must be unique on the agent' }]);
        // The agent (with its project) was deleted while this request ran.
        if (isForeignKeyViolation(err)) throw notFound(`Agent ${agentId} not found`);
        throw err;
      }
      const { updatedAt: _u, ...created } = view(row);
      return created;
    },

    async list(actor: Actor, agentId: string, q: PageQuery) {
      policy.assert(actor, 'agents.read');
      const agent = await hostedAgent(actor, agentId);
      const w = pageWindow(q);
      const { rows, total } = await secrets.pageHosted(agent.id, w.offset, w.limit);
      return toPage(w, total, rows, view);
    },

    async delete(actor: Actor, agentId: string, name: string) {
      policy.assert(actor, 'agents.manage');
      const agent = await hostedAgent(actor, agentId);
      await db.transaction().execute(async (trx) => {
        if (!(await secrets.deleteHosted(agent.id, name, trx))) throw notFound(`Secret "${name}" not found on agent ${agentId}`);
        await audit.record(trx, actor, secretEvent(false, agent, name));
      });
    },

    /**
     * The plaintext of a stored secret, for in-process use only (never for a response). Throws
     * a VaultError when the stored blob was tampered with or copied from another row.
     */
    /** A hosted secret's type and key (no value): for checking pointers to it. */
    async findHosted(agentId: string, name: string): Promise<{ type: string; secretKey: string } | undefined> {
      const row = await secrets.findHosted(agentId, name);
      return row ? { type: row.type, secretKey: row.secret_key } : undefined;
    },

    async resolve(accountId: string, agentId: string, name: string): Promise<{ type: string; key: string; value: string } | null> {
      const row = await secrets.findHosted(agentId, name);
      if (!row || row.account_id !== accountId) return null;
      return { type: row.type, key: row.secret_key, value: vault.decryptString(row.value, hostedSecretAad(accountId, agentId, name)) };
    },
  };
}
export type SecretsService = ReturnType<typeof createSecretsService>;
