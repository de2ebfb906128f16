import type { SystemActor } from '../../core/audit.js';
import { isUniqueViolation } from '../../core/db/db.js';
import { writeUser } from './changes.js';
import { blankUser, eventsOf, type UserHooks, type UsersDeps } from './model.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { normaliseEmail } from './rules.js';
import type { UserChanges, UserRow } from './store.js';

export const BOOTSTRAP_ADMIN_EMAIL = 'admin@plinth.local';
const BOOTSTRAP_ACTOR = (accountId: string): SystemActor => ({ accountId, actorId: 'system:bootstrap' });

/**
 * PRODUCT.md bootstrap admin. With an email and password given (PLINTH_BOOTSTRAP_ADMIN_*), make
 * sure that user exists in the default account as an active Super Admin with that password
 * (idempotent; a changed password replaces the old one). With none given and no user in the
 * database, create `admin@plinth.local` with a generated password and return it so the caller
 * prints it once. Several nodes starting at once: the unique email lets one insert win.
 */
export async function bootstrapAdmin(deps: UsersDeps, hooks: UserHooks[], given?: { email: string; password: string }): Promise<{ email: string; password: string } | null> {
  const { users, clock, changes, audit, identity } = deps;
  const accountId = identity.defaultAccountId;
  const by = BOOTSTRAP_ACTOR(accountId);
  const email = normaliseEmail(given?.email ?? BOOTSTRAP_ADMIN_EMAIL);
  if (!given && (await users.countAll()) > 0) return null;
  const existing = given ? await users.findByEmail(accountId, email) : undefined;
  if (existing) {
    const passwordOk = existing.password_hash !== null && (await verifyPassword(given!.password, existing.password_hash));
    if (passwordOk && existing.role === 'SUPER_ADMIN' && existing.active === 1) return null;
    const columns: UserChanges = { role: 'SUPER_ADMIN', active: 1, updated_at: clock().toISOString(), ...(passwordOk ? {} : { password_hash: await hashPassword(given!.password) }) };
    await changes.run(async (trx) => {
      // A changed password ends the tokens and sessions signed in with the old one (writeUser).
      await writeUser(deps, hooks, trx, existing, columns);
      // eventsOf records user_password_changed when the hash changes.
      for (const e of eventsOf(existing, columns)) await audit.record(trx, by, e);
      return { clientIds: [existing.id], result: undefined };
    });
    return null;
  }
  const password = given?.password ?? generatePassword();
  const now = clock().toISOString();
  const row: UserRow = { ...blankUser(accountId, email, 'SUPER_ADMIN', now), password_hash: await hashPassword(password) };
  try {
    await changes.run(async (trx) => {
      await users.insert(row, trx);
      await audit.record(trx, by, { eventName: 'user_created', eventType: 'CREATE', description: 'Account user created', subjectType: 'USER', subjectId: row.id, subjectName: email, additionalInfo: { role: 'SUPER_ADMIN', bootstrap: true } });
      return { clientIds: [row.id], result: undefined };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another node created it first
    throw err;
  }
  return given ? null : { email, password };
}

/**
 * For the controls' reset: it keeps the bootstrap admin users (the configured one and a
 * generated one) as it keeps the bootstrap credential, and puts the configured one back as
 * configured afterwards (role, active, password).
 */
export function createResetRules(deps: UsersDeps, hooks: UserHooks[], given?: { email: string; password: string }) {
  return {
    async keep(): Promise<string[]> {
      const emails = [...new Set([BOOTSTRAP_ADMIN_EMAIL, ...(given ? [normaliseEmail(given.email)] : [])])];
      const rows = await Promise.all(emails.map((e) => deps.users.findByEmail(deps.identity.defaultAccountId, e)));
      return rows.flatMap((r) => (r ? [r.id] : []));
    },
    async restore() {
      if (given) await bootstrapAdmin(deps, hooks, given);
    },
  };
}
