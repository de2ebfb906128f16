import type { Audit } from '../../core/audit.js';
import type { Vault } from '../../core/crypto/vault.js';
import { isUniqueViolation, type Db } from '../../core/db/db.js';
import { conflict, notFound } from '../../core/errors.js';
import { newClientId, newClientSecret } from '../../core/ids.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';
import type { Identity } from '../../core/identity/identity.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy, Role } from '../../core/policy.js';
import type { ApiCredentialRow, ApiCredentialsRepo, NewApiCredential } from './store.js';

const view = (r: Pick<ApiCredentialRow, 'client_id' | 'name' | 'role' | 'created_at'>) => ({ clientId: r.client_id, name: r.name, role: r.role, createdAt: r.created_at });

export interface ApiCredentialsDeps {
  db: Db;
  credentials: ApiCredentialsRepo;
  identity: Pick<Identity, 'hashSecret'>;
  /** Seals agent secrets (user credential secrets are never stored, only hashed). */
  vault: Pick<Vault, 'encrypt' | 'decryptString'>;
  policy: Policy;
  clock: () => Date;
  changes: CredentialChanges;
  audit: Audit;
}

const credentialEvent = (name: 'api_credential_created' | 'api_credential_deleted', row: Pick<ApiCredentialRow, 'client_id' | 'name' | 'role'>) => ({
  eventName: name,
  eventType: name === 'api_credential_created' ? 'CREATE' : 'DELETE',
  description: name === 'api_credential_created' ? 'API credential created' : 'API credential deleted',
  subjectType: 'API_CREDENTIAL',
  subjectId: row.client_id,
  subjectName: row.name,
  additionalInfo: { role: row.role },
});

/** Joined by modules that keep per-credential state (memberships): run inside the deleting transaction. */
export interface ApiCredentialHooks {
  beforeDelete?(trx: Db, accountId: string, clientId: string): Promise<void>;
}

/** The `/v1/api-credentials` extension: the SaaS does this in its UI. Super Admin only. */
export function createApiCredentialsService(deps: ApiCredentialsDeps) {
  const { db, credentials, identity, policy, clock, changes, audit } = deps;
  const hooks: ApiCredentialHooks[] = [];
  return {
    hooks,

    async create(actor: Actor, input: { name: string; role: Role }) {
      policy.assert(actor, 'apiCredentials.manage');
      const clientSecret = newClientSecret();
      const row = {
        client_id: newClientId(),
        account_id: actor.accountId,
        name: input.name,
        role: input.role,
        kind: 'user',
        agent_id: null,
        secret_hash: identity.hashSecret(clientSecret),
        created_at: clock().toISOString(),
      } satisfies NewApiCredential;
      try {
        // The insert and its event commit together (one transaction: BEGIN, 2 INSERTs, COMMIT).
        await db.transaction().execute(async (trx) => {
          await credentials.insert(row, trx);
          await audit.record(trx, actor, credentialEvent('api_credential_created', row));
        });
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
      // Announcing the client id also evicts its cached grants, which the hooks delete.
      await changes.run(async (trx) => {
        for (const h of hooks) await h.beforeDelete?.(trx, actor.accountId, clientId);
        const deleted = await credentials.delete(actor.accountId, clientId, trx);
        if (deleted) await audit.record(trx, actor, credentialEvent('api_credential_deleted', row));
        return { clientIds: [clientId], result: deleted };
      });
    },

    /** An agent's own credential (in-process; the agents resource decides who may ask). */
    agents: createAgentCredentials(deps),
  };
}
export type ApiCredentialsService = ReturnType<typeof createApiCredentialsService>;

/** An agent credential as its agent reads it: the secret is absent only for a credential issued before secrets were sealed. */
export interface AgentCredential {
  clientId: string;
  clientSecret?: string;
}

/**
 * The agents' own credentials. Unlike user credentials, whose secret is shown once, an agent's
 * secret is read by its clients on every refresh (Matillion's Terraform provider), so it is kept
 * sealed by the vault beside its hash (AAD `agent-credential|<client id>`, which binds the
 * sealed value to its row). Authentication still checks the hash only.
 */
function createAgentCredentials({ db, credentials, identity, vault, clock, changes }: ApiCredentialsDeps) {
  const aad = (clientId: string) => `agent-credential|${clientId}`;
  const readable = (row: ApiCredentialRow): AgentCredential =>
    row.secret_sealed === null ? { clientId: row.client_id } : { clientId: row.client_id, clientSecret: vault.decryptString(row.secret_sealed, aad(row.client_id)) };

  return {
    /** The agent's credential, its secret opened (none for a legacy hash-only row). */
    async find(accountId: string, agentId: string): Promise<AgentCredential | undefined> {
      const row = await credentials.findForAgent(accountId, agentId);
      return row ? readable(row) : undefined;
    },

    /** Issues the agent's credential; a unique violation means another request issued it first. */
    async issue(accountId: string, agentId: string, during?: (trx: Db, clientId: string) => Promise<void>): Promise<Required<AgentCredential>> {
      const clientSecret = newClientSecret();
      const clientId = newClientId();
      const row = {
        client_id: clientId,
        account_id: accountId,
        name: `agent:${agentId}`,
        // The role is never consulted for agent credentials (policy refuses agent actors every
        // account permission); the least privileged one is recorded.
        role: 'MEMBER',
        kind: 'agent',
        agent_id: agentId,
        secret_hash: identity.hashSecret(clientSecret),
        secret_sealed: vault.encrypt(clientSecret, aad(clientId)),
        created_at: clock().toISOString(),
      } satisfies NewApiCredential;
      // The row and the caller's audit event commit together.
      await db.transaction().execute(async (trx) => {
        await credentials.insert(row, trx);
        await during?.(trx, clientId);
      });
      return { clientId, clientSecret };
    },

    /**
     * A new secret for an existing agent credential (same client id), in the next generation: the
     * old secret stops authenticating and the tokens it obtained are refused, on every node
     * (through CredentialChanges). Two concurrent refreshes agree on one new secret: the one that
     * loses the compare-and-set returns the winner's. Undefined when the credential is gone.
     * `during` runs inside the transaction that stores the new secret (its audit event).
     */
    async refresh(clientId: string, during?: (trx: Db) => Promise<void>): Promise<Required<AgentCredential> | undefined> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const row = await credentials.findByClientId(clientId);
        if (!row || row.kind !== 'agent') return undefined;
        const clientSecret = newClientSecret();
        const secret = { hash: identity.hashSecret(clientSecret), sealed: vault.encrypt(clientSecret, aad(clientId)) };
        const changed = await changes.run(async (trx) => {
          const ok = await credentials.setAgentSecret(clientId, row.secret_generation, secret, trx);
          // The caller's audit event, in the transaction that changes the secret.
          if (ok) await during?.(trx);
          return { clientIds: ok ? [clientId] : [], result: ok };
        });
        if (changed) return { clientId, clientSecret };
        // Another refresh committed first: its secret is the current one.
        const now = await credentials.findByClientId(clientId);
        if (!now) return undefined;
        const current = readable(now);
        if (current.clientSecret !== undefined) return { clientId, clientSecret: current.clientSecret };
      }
      throw conflict('The agent credentials are being refreshed concurrently; retry');
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
