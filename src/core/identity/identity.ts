import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Vault } from '../crypto/vault.js';
import { DEFAULT_ACCOUNT_SLUG, type AccountsRepo } from './accounts-store.js';
import type { ApiCredentialRow, CredentialsStore } from './credentials-store.js';
import { isUniqueViolation } from '../db/db.js';
import type { SystemRepo } from '../db/system.js';
import { createCredentialCache, type CredentialCache, type CredentialChanges } from './credential-cache.js';
import type { Actor, Role } from '../policy.js';
import { newClientId, newClientSecret } from '../ids.js';

/**
 * Accounts and client authentication. Client secrets are never stored: only an HMAC-SHA256
 * under a deployment-wide pepper that lives (sealed by the vault) in the database, so every
 * node checks every node's credentials and a stolen database alone cannot test guesses.
 */

const PEPPER = 'client-secret-pepper';

export interface ClientAuthResult {
  actor: Actor | null;
  /** Why authentication failed; for the log only, never for the response. */
  reason?: 'unknown_client' | 'bad_secret';
  /** The account of a known client whose secret was wrong (for the failed sign-in's audit event). */
  accountId?: string;
}

/** Resolves a token subject that is not an API credential: the users module plugs in people. */
export type PrincipalResolver = (id: string) => Promise<Actor | null>;


export interface IdentityDeps {
  accounts: AccountsRepo;
  credentials: CredentialsStore;
  system: SystemRepo;
  vault: Vault;
  clock: () => Date;
  /** Every change to an existing credential goes through it (cache eviction on every node). */
  changes: CredentialChanges;
  /** The credential → actor cache behind `currentActor` (none: always read the database). */
  cache?: CredentialCache;
}

export function createIdentity({ accounts, credentials, system, vault, clock, changes, cache = createCredentialCache({ ttlMs: 0, active: false }) }: IdentityDeps) {
  let pepper: Buffer | undefined;
  let defaultAccountId: string | undefined;
  let users: PrincipalResolver = async () => null;
  // Compared against when the client id is unknown, so both failure paths cost the same.
  const decoy = Buffer.alloc(32);

  const hash = (secret: string) => {
    if (!pepper) throw new Error('identity not initialised');
    return createHmac('sha256', pepper).update(secret, 'utf8').digest();
  };

  const actorOf = (row: ApiCredentialRow): Actor => ({
    accountId: row.account_id,
    clientId: row.client_id,
    role: row.role as Role,
    kind: row.kind === 'agent' ? 'agent' : 'user',
    agentId: row.agent_id,
    generation: row.secret_generation,
  });

  return {
    async init() {
      const now = clock().toISOString();
      await system.insertSecretIfAbsent({
        name: PEPPER,
        value: vault.encrypt(randomBytes(32), `system-secret|${PEPPER}`),
        created_at: now,
      });
      const row = await system.getSecret(PEPPER);
      pepper = vault.decrypt(row!.value, `system-secret|${PEPPER}`);
      await accounts.insertIfAbsent({ id: randomUUID(), slug: DEFAULT_ACCOUNT_SLUG, name: 'Default account', created_at: now });
      defaultAccountId = (await accounts.findBySlug(DEFAULT_ACCOUNT_SLUG))!.id;
      return defaultAccountId;
    },

    get defaultAccountId(): string {
      if (!defaultAccountId) throw new Error('identity not initialised');
      return defaultAccountId;
    },

    hashSecret: (secret: string) => hash(secret).toString('base64url'),

    async authenticateClient(clientId: string, secret: string): Promise<ClientAuthResult> {
      const row = await credentials.findByClientId(clientId);
      const given = hash(secret);
      const stored = row ? Buffer.from(row.secret_hash, 'base64url') : decoy;
      const ok = stored.length === given.length && timingSafeEqual(stored, given);
      if (!row) return { actor: null, reason: 'unknown_client' };
      if (!ok) return { actor: null, reason: 'bad_secret', accountId: row.account_id };
      return { actor: actorOf(row) };
    },

    /**
     * The credential behind a token, as it is now (deleted → null, role changes apply at once),
     * served from the in-process cache when it can be; see src/domain/credential-cache.ts for
     * how changes reach every node's cache and the TTL bound when a notice is lost.
     */
    async currentActor(clientId: string): Promise<Actor | null> {
      return cache.actor(clientId, async () => {
        const row = await credentials.findByClientId(clientId);
        // Not a credential: a person (the subject of a password-grant token is the user id).
        return row ? actorOf(row) : users(clientId);
      });
    },

    /** `currentActor` when it would answer from the cache (no promise); undefined otherwise. */
    cachedActor(clientId: string): Actor | undefined {
      return cache.cachedActor(clientId);
    },

    /**
     * How `currentActor` resolves a subject that is no API credential (the users module: a user
     * id, null when removed or deactivated). Changes to users go through CredentialChanges naming
     * the user id, so the cache treats them exactly like credentials.
     */
    resolveUsersWith(resolver: PrincipalResolver) {
      users = resolver;
    },

    /** See `bootstrapCredential` below (PRODUCT.md bootstrap rule). */
    bootstrap(given?: { clientId: string; clientSecret: string }) {
      return bootstrapCredential({ credentials, clock, changes }, this.defaultAccountId, this.hashSecret, given);
    },
  };
}
export type Identity = ReturnType<typeof createIdentity>;

/**
 * PRODUCT.md bootstrap rule: with PLINTH_BOOTSTRAP_CLIENT_ID/SECRET set, make sure exactly
 * that Super Admin credential exists in the default account (idempotent across restarts);
 * with neither set and no API credential at all, create one and return it so the caller can
 * print it once. Returns null when nothing needs printing.
 */
async function bootstrapCredential(
  { credentials, clock, changes }: Pick<IdentityDeps, 'credentials' | 'clock' | 'changes'>,
  accountId: string,
  hashSecret: (secret: string) => string,
  given?: { clientId: string; clientSecret: string },
): Promise<{ clientId: string; clientSecret: string } | null> {
  const now = clock().toISOString();
  if (given) {
    const secret_hash = hashSecret(given.clientSecret);
    const existing = await credentials.findByClientId(given.clientId);
    if (existing) {
      if (existing.secret_hash !== secret_hash || existing.role !== 'SUPER_ADMIN' || existing.account_id !== accountId) {
        await changes.run(async (trx) => {
          await credentials.updateSecret(given.clientId, { secret_hash, role: 'SUPER_ADMIN', account_id: accountId }, trx);
          return { clientIds: [given.clientId], result: undefined };
        });
      }
      return null;
    }
    try {
      await credentials.insert({
        client_id: given.clientId,
        account_id: accountId,
        name: `bootstrap-${given.clientId}`.slice(0, 255),
        role: 'SUPER_ADMIN',
        kind: 'user',
        agent_id: null,
        secret_hash,
        created_at: now,
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another node inserted it first
    }
    return null;
  }
  if ((await credentials.countByKind('user')) > 0) return null;
  // The unique (account, kind, name) constraint on 'bootstrap' lets only one of several
  // nodes starting on an empty database generate it.
  const clientId = newClientId();
  const clientSecret = newClientSecret();
  try {
    await credentials.insert({
      client_id: clientId,
      account_id: accountId,
      name: 'bootstrap',
      role: 'SUPER_ADMIN',
      kind: 'user',
      agent_id: null,
      secret_hash: hashSecret(clientSecret),
      created_at: now,
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another node generated it
    throw err;
  }
  return { clientId, clientSecret };
}
