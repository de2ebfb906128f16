import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthenticated as unauthorized } from '../errors.js';
import type { Identity } from '../identity/identity.js';
import type { Actor, Permission, Policy } from '../policy.js';
import { InvalidTokenError, type Tokens } from '../identity/tokens.js';

/**
 * The console's way in (src/resources/console): a request without an Authorization header but
 * with the console's session cookie is authenticated by the session (and its CSRF header)
 * instead of a bearer token. `null` means the request carries no console session cookie.
 */
export interface SessionAuthenticator {
  authenticate(request: { cookie: string | undefined; csrf: string | undefined }): Promise<Actor | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Installed by the console module when it is registered. */
    consoleSessions?: SessionAuthenticator;
  }
}

/**
 * Bearer authentication for every /v1 route (or the console's session, see above). Public answers are generic ("invalid token");
 * the reason (expired, bad signature, unknown kid, deleted credential …) goes to the log.
 */
export function bearerGuard(deps: { tokens: Tokens; identity: Identity; policy: Policy }) {
  const { tokens, identity, policy } = deps;

  async function authenticate(request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    if (!header) {
      const csrf = request.headers['x-csrf-token'];
      const session = await request.server.consoleSessions?.authenticate({ cookie: request.headers.cookie, csrf: typeof csrf === 'string' ? csrf : undefined });
      if (!session) throw unauthorized('A bearer token is required');
      request.actor = session;
      return;
    }
    const m = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
    if (!m) {
      request.log.info({ reason: 'malformed authorization header' }, 'authentication failed');
      throw unauthorized('The bearer token is missing or malformed');
    }
    let claims;
    try {
      claims = await tokens.verify(m[1]!);
    } catch (err) {
      if (!(err instanceof InvalidTokenError)) throw err;
      request.log.info({ reason: err.message }, 'authentication failed');
      throw unauthorized('The bearer token is invalid or expired');
    }
    const actor = await identity.currentActor(claims.sub);
    if (!actor || actor.accountId !== claims.accountId) {
      request.log.info({ reason: 'credential no longer exists', clientId: claims.sub }, 'authentication failed');
      throw unauthorized('The bearer token is invalid or expired');
    }
    // Only tokens issued under the credential's current secret: after a SECRET_REFRESH (or a
    // user's password change, users.token_generation), tokens obtained with the old secret stop
    // here (on every node, as for a deleted credential).
    if ((actor.generation ?? 1) !== claims.generation) {
      request.log.info({ reason: 'issued before the secret was refreshed or the password changed', clientId: claims.sub }, 'authentication failed');
      throw unauthorized('The bearer token is invalid or expired');
    }
    const accountHeader = request.headers['account-id'];
    if (accountHeader !== undefined && accountHeader !== actor.accountId) {
      request.log.info({ reason: 'account-id header mismatch', clientId: actor.clientId }, 'forbidden');
      throw forbidden('The account-id header does not match the account of the bearer token');
    }
    request.actor = actor;
  }

  return (permission: Permission) => ({
    onRequest: authenticate,
    // A callback hook: every authenticated request runs it, and an async hook costs a promise.
    preValidation: (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      if (request.actor && policy.allows(request.actor, permission)) return done();
      request.log.info({ permission, clientId: request.actor?.clientId }, 'forbidden');
      done(forbidden());
    },
  });
}
