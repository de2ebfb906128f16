import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Audit } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import { notFound } from '../../core/errors.js';
import type { Identity } from '../../core/identity/identity.js';
import { orderedId } from '../../core/ids.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Permission, Policy } from '../../core/policy.js';
import type { ScimTokenRow, ScimTokensRepo } from './store.js';

/**
 * Long-lived SCIM bearer secrets, as identity providers are configured with (Okta's "HTTP
 * Header" auth, Entra ID's "Secret Token"). The secret is `scim.<token id>.<256 random bits>`:
 * the id finds the row, and the keyed hash of the whole secret is compared in constant time.
 * Only the hash is stored; revoking deletes the row, and every request reads it (no cache), so
 * a revoked secret is refused on every node at the next request.
 *
 * Managing them is a Super Admin's: it needs `apiCredentials.manage` (Super Admin only), the
 * permission that already guards the other long-lived API secrets.
 */

export const MANAGE_TOKENS: Permission = 'apiCredentials.manage';
const SECRET = /^scim\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

export const isScimSecret = (bearer: string) => bearer.startsWith('scim.');

const view = (r: ScimTokenRow) => ({ id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by });

export interface ScimTokenDeps {
  db: Db;
  tokens: ScimTokensRepo;
  identity: Pick<Identity, 'hashSecret'>;
  policy: Policy;
  clock: () => Date;
  audit: Audit;
}

/** The actor a SCIM secret acts as: the account's directory, with a Super Admin's reach. */
export function scimActor(row: Pick<ScimTokenRow, 'account_id' | 'id'>): Actor {
  return { accountId: row.account_id, clientId: `scim-token:${row.id}`, role: 'SUPER_ADMIN', kind: 'user', principalType: 'API_CREDENTIAL', email: null };
}

const event = (name: 'scim_token_created' | 'scim_token_deleted', row: ScimTokenRow) => ({
  eventName: name,
  eventType: name === 'scim_token_created' ? 'CREATE' : 'DELETE',
  description: name === 'scim_token_created' ? 'SCIM bearer secret created' : 'SCIM bearer secret revoked',
  subjectType: 'SCIM_TOKEN',
  subjectId: row.id,
  subjectName: row.name,
});

export function createScimTokenService(deps: ScimTokenDeps) {
  const { db, tokens, identity, policy, clock, audit } = deps;
  return {
    async create(actor: Actor, input: { name: string }) {
      policy.assert(actor, MANAGE_TOKENS);
      const id = orderedId(clock().getTime());
      const secret = `scim.${id}.${randomBytes(32).toString('base64url')}`;
      const row: ScimTokenRow = { id, account_id: actor.accountId, name: input.name, secret_hash: identity.hashSecret(secret), created_by: actor.clientId, created_at: clock().toISOString() };
      await db.transaction().execute(async (trx) => {
        await tokens.insert(row, trx);
        await audit.record(trx, actor, event('scim_token_created', row));
      });
      return { ...view(row), secret };
    },

    async list(actor: Actor, q: PageQuery) {
      policy.assert(actor, MANAGE_TOKENS);
      const w = pageWindow(q);
      const { rows, total } = await tokens.page(actor.accountId, w.offset, w.limit);
      return toPage(w, total, rows, view);
    },

    async revoke(actor: Actor, id: string) {
      policy.assert(actor, MANAGE_TOKENS);
      const row = await tokens.find(id);
      if (!row || row.account_id !== actor.accountId) throw notFound(`SCIM token ${id} not found`);
      await db.transaction().execute(async (trx) => {
        if (!(await tokens.delete(actor.accountId, id, trx))) throw notFound(`SCIM token ${id} not found`);
        await audit.record(trx, actor, event('scim_token_deleted', row));
      });
    },

    /** The actor of a SCIM secret, or null (unknown, revoked, malformed) — the caller says 401. */
    async authenticate(secret: string): Promise<Actor | null> {
      const m = SECRET.exec(secret);
      if (!m) return null;
      const row = await tokens.find(m[1]!);
      const given = Buffer.from(identity.hashSecret(secret), 'base64url');
      const stored = row ? Buffer.from(row.secret_hash, 'base64url') : Buffer.alloc(given.length);
      const same = stored.length === given.length && timingSafeEqual(stored, given);
      return row && same ? scimActor(row) : null;
    },
  };
}
export type ScimTokenService = ReturnType<typeof createScimTokenService>;
