import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Audit } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import { forbidden, unauthenticated } from '../../core/errors.js';
import { withOrigin, type Actor, type Origin } from '../../core/policy.js';
import type { SessionsRepo } from './store.js';

/**
 * Console sessions (issue 14). A person signs in with email and password (the users service
 * checks them); the console then holds an HttpOnly cookie with a random 256-bit session id and
 * calls the public API with it instead of a bearer token, so no token or secret is ever
 * readable by the page's JavaScript.
 *
 * - Only SHA-256(session id) is stored (console_sessions.id_hash).
 * - CSRF: a synchronizer token derived from the session id (SHA-256 of a distinct prefix), sent
 *   by the page in `x-csrf-token` on every API call it makes. A request authenticated by the
 *   cookie without the right token is refused (403), whatever its method; cross-site pages can
 *   neither read the token nor set the header.
 * - Revocation: every request re-reads the user (through the users service and its cache), so a
 *   removed or deactivated user's sessions stop at once on this node; removal also deletes the
 *   rows (foreign key, cascade), and a password change or deactivation deletes them in the
 *   change's transaction (console/index.ts, users' onSignInsRevoked hook).
 * - Lifetime: 12 hours from sign-in, and 2 hours without use.
 */

export const SESSION_COOKIE = 'plinth_console';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 12 * 3600_000;
export const IDLE_TTL_MS = 2 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

export interface ConsoleUsers {
  /** The person's actor for a correct email and password; throws (401) otherwise. */
  signIn(email: string, password: string, opts: { ip?: string; origin?: Origin }): Promise<Actor>;
  /** The current actor of a user, or null when removed or deactivated. */
  userActor(accountId: string, userId: string): Promise<Actor | null>;
}

export interface SignedIn {
  actor: Actor;
  csrfToken: string;
}

const hashId = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');
const csrfOf = (id: string) => createHash('sha256').update(`csrf|${id}`, 'utf8').digest('base64url');

function sameToken(given: string | undefined, expected: string) {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ConsoleSessionDeps {
  db: Db;
  sessions: SessionsRepo;
  users: () => ConsoleUsers;
  clock: () => Date;
  audit: Audit;
}

export function createConsoleSessions({ db, sessions, users, clock, audit }: ConsoleSessionDeps) {
  /** The session's actor and CSRF token, or null (unknown, expired, idle, or its user gone). */
  async function resolve(sessionId: string | undefined): Promise<SignedIn | null> {
    if (!sessionId || sessionId.length > 100) return null;
    const idHash = hashId(sessionId);
    const row = await sessions.find(idHash);
    if (!row) return null;
    const now = clock();
    const idle = new Date(row.last_seen_at).getTime() + IDLE_TTL_MS <= now.getTime();
    if (idle || new Date(row.expires_at).getTime() <= now.getTime()) {
      await sessions.delete(idHash);
      return null;
    }
    const actor = await users().userActor(row.account_id, row.user_id);
    if (!actor) {
      await sessions.delete(idHash);
      return null;
    }
    if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) await sessions.touch(idHash, now.toISOString());
    return { actor, csrfToken: csrfOf(sessionId) };
  }

  return {
    resolve,

    /** Checks the password (users service) and opens a session: returns its id (for the cookie). */
    async signIn(email: string, password: string, origin?: Origin): Promise<SignedIn & { sessionId: string }> {
      const actor = await users().signIn(email, password, { ip: origin?.ip, origin });
      const now = clock();
      await sessions.deleteExpired(now.toISOString(), new Date(now.getTime() - IDLE_TTL_MS).toISOString());
      const sessionId = randomBytes(32).toString('base64url');
      await sessions.insert({
        id_hash: hashId(sessionId),
        account_id: actor.accountId,
        user_id: actor.clientId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      });
      return { actor, csrfToken: csrfOf(sessionId), sessionId };
    },

    /** Sign-out: the session ends at once (the CSRF token must match, as for any change). */
    async signOut(sessionId: string | undefined, csrf: string | undefined, origin?: Origin) {
      const s = await resolve(sessionId);
      if (!s) return;
      if (!sameToken(csrf, s.csrfToken)) throw forbidden('The CSRF token (x-csrf-token) is missing or does not match the console session');
      await db.transaction().execute(async (trx) => {
        await sessions.delete(hashId(sessionId!), trx);
        await audit.record(trx, withOrigin(s.actor, origin), { eventName: 'hub_user_logout', eventType: 'LOGOUT', description: 'User logged out', subjectType: 'USER', subjectId: s.actor.clientId, subjectName: s.actor.email ?? null });
      });
    },

    /**
     * The actor of an API call made with the session cookie (src/core/http/auth.ts): 401 when
     * the session is gone, 403 when the CSRF token is missing or wrong.
     */
    async authenticate(sessionId: string, csrf: string | undefined): Promise<Actor> {
      const s = await resolve(sessionId);
      if (!s) throw unauthenticated('The console session has ended; sign in again');
      if (!sameToken(csrf, s.csrfToken)) throw forbidden('The CSRF token (x-csrf-token) is missing or does not match the console session');
      return s.actor;
    },

    /** Ends every session of a user, in the removal's transaction (deactivation is caught per request). */
    revokeUser: (userId: string, trx?: Db) => sessions.deleteForUser(userId, trx),
  };
}

export type ConsoleSessions = ReturnType<typeof createConsoleSessions>;
