import type { SystemActor } from '../../core/audit.js';
import { DomainError } from '../../core/errors.js';
import { withOrigin, type Actor, type Origin } from '../../core/policy.js';
import { actorOfUser, type UsersDeps } from './model.js';
import { createDecoy, verifyPassword } from './passwords.js';
import { emailRule, normaliseEmail } from './rules.js';
import type { UserRow } from './store.js';

/** A refused sign-in: always 401 with one generic message; `blocked` when the failure limit is reached. */
export class SignInRefused extends DomainError {
  constructor(
    readonly reason: 'invalid_credentials' | 'blocked',
    readonly retryAfterSeconds = 0,
  ) {
    super('unauthenticated', reason === 'blocked' ? 'Too many failed sign-ins; retry later' : 'Invalid email or password');
    this.name = 'SignInRefused';
  }
}

/** Who tried, for a failed sign-in's event: the email, unless what was typed does not look like one (it may be a password). */
const triedAs = (accountId: string, email: string): SystemActor =>
  emailRule(email) === null ? { accountId, actorId: email, actorEmail: email } : { accountId, actorId: '(not an email address)' };

/** Sign-in with email and password, limited like client secrets (per email and per address). */
export function createSignIn(deps: UsersDeps) {
  const { db, users, identity, audit, limits } = deps;
  const decoy = createDecoy();

  const blockedFor = async (email: string, ip: string) => {
    const [u, a] = await Promise.all([limits.perUser.get(email), limits.perAddress.get(ip)]);
    const over = [u, a].filter((r) => r !== null && r.remainingPoints <= 0 && r.consumedPoints >= 1);
    return over.length ? Math.max(...over.map((r) => Math.ceil(r!.msBeforeNext / 1000))) : 0;
  };

  /** The matching user among those with this email (an email may exist in several accounts). */
  async function match(email: string, password: string): Promise<{ row?: UserRow; ok: boolean }> {
    const rows = await users.findAllByEmail(email, 5);
    const withPassword = rows.filter((r) => r.password_hash !== null);
    if (withPassword.length === 0) {
      await verifyPassword(password, await decoy()); // the same cost as a wrong password
      return { row: rows[0], ok: false };
    }
    for (const r of withPassword) if (await verifyPassword(password, r.password_hash!)) return { row: r, ok: true };
    return { row: withPassword[0], ok: false };
  }

  /** `origin`: where the attempt came from, for its audit event (the console, the token endpoint). */
  return async function signIn(emailGiven: string, password: string, opts: { ip?: string; origin?: Origin } = {}): Promise<Actor> {
    const email = normaliseEmail(emailGiven);
    const ip = opts.ip ?? 'unknown';
    const wait = await blockedFor(email, ip);
    if (wait > 0) throw new SignInRefused('blocked', wait);
    const { row, ok } = await match(email, password);
    const actor = ok && row ? actorOfUser(row) : null;
    if (!actor) {
      await Promise.all([limits.perUser.penalty(email, 1), limits.perAddress.penalty(ip, 1)]);
      await audit.record(db, withOrigin(triedAs(row?.account_id ?? identity.defaultAccountId, email), opts.origin), {
        eventName: 'hub_user_login_failed', eventType: 'LOGIN_FAILED', description: 'User login failed', subjectType: 'USER', subjectId: row?.id ?? null, subjectName: null,
      });
      throw new SignInRefused('invalid_credentials');
    }
    await limits.perUser.delete(email);
    await audit.record(db, withOrigin(actor, opts.origin), { eventName: 'hub_user_login', eventType: 'LOGIN', description: 'User logged in', subjectType: 'USER', subjectId: actor.clientId, subjectName: actor.email ?? null });
    return actor;
  };
}

/** Who a user id stands for now: the service's `userActor` and `actorById`. */
export function createUserActors(deps: UsersDeps) {
  return {
    /** The current actor of a user of this account (cached like credentials), or null when removed or deactivated. */
    async userActor(accountId: string, userId: string): Promise<Actor | null> {
      const actor = await deps.identity.currentActor(userId);
      return actor && actor.principalType === 'USER' && actor.accountId === accountId ? actor : null;
    },
    /** For identity.currentActor: the actor behind a token whose subject is a user id. */
    async actorById(userId: string): Promise<Actor | null> {
      const row = await deps.users.findById(userId);
      return row ? actorOfUser(row) : null;
    },
  };
}
