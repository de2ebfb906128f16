import type { ApiCredentialRow, ApiCredentialsRepo } from '../store/api-credentials.js';
import { isUniqueViolation } from '../store/db.js';
import type { CredentialChanges } from './credential-cache.js';
import { conflict, notFound } from './errors.js';
import { newClientId, newClientSecret, type Identity } from './identity.js';
import { pageWindow, toPage, type PageQuery } from './pagination.js';
import type { Actor, Policy, Role } from './policy.js';

const view = (r: ApiCredentialRow) => ({ clientId: r.client_id, name: r.name, role: r.role, createdAt: r.created_at });

/** The `/v1/api-credentials` extension: the SaaS does this in its UI. Super Admin only. */
export function createApiCredentialsService(deps: {
  credentials: ApiCredentialsRepo;
  identity: Identity;
  policy: Policy;
  clock: () => Date;
  changes: CredentialChanges;
}) {
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
        if (isUniqueViolation(err)) throw conflict(`An API credential named "${input.name}" already exists`, ['name: must be unique within the account']);
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
  };
}
export type ApiCredentialsService = ReturnType<typeof createApiCredentialsService>;
