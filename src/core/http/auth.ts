import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthenticated as unauthorized } from '../errors.js';
import type { Identity } from '../identity/identity.js';
import type { Actor, Permission, Policy } from '../policy.js';
import { InvalidTokenError, type TokenClaims, type Tokens } from '../identity/tokens.js';

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

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i;

/**
 * Bearer authentication (or the console's session, see above) as one async step: the request's
 * actor, or a thrown 401/403. Public answers are generic ("invalid token"); the reason (expired,
 * bad signature, unknown kid, deleted credential …) goes to the log.
 */
export function bearerAuthenticator(deps: { tokens: Tokens; identity: Identity }) {
  const { tokens, identity } = deps;
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header) {
      const csrf = request.headers['x-csrf-token'];
      const session = await request.server.consoleSessions?.authenticate({ cookie: request.headers.cookie, csrf: typeof csrf === 'string' ? csrf : undefined });
      if (!session) throw unauthorized('A bearer token is required');
      request.actor = session;
      return;
    }
    const m = BEARER.exec(header);
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
    const refused = admit(request, claims, await identity.currentActor(claims.sub));
    if (refused) throw refused;
  };
}

/**
 * The checks between a verified token and the actor it names, the same on both paths of
 * `bearerGuard`: the error to answer, or none, and then the request's actor is set.
 */
function admit(request: FastifyRequest, claims: TokenClaims, actor: Actor | null): Error | undefined {
  if (!actor || actor.accountId !== claims.accountId) {
    request.log.info({ reason: 'credential no longer exists', clientId: claims.sub }, 'authentication failed');
    return unauthorized('The bearer token is invalid or expired');
  }
  // Only tokens issued under the credential's current secret: after a SECRET_REFRESH (or a
  // user's password change, users.token_generation), tokens obtained with the old secret stop
  // here (on every node, as for a deleted credential).
  if ((actor.generation ?? 1) !== claims.generation) {
    request.log.info({ reason: 'issued before the secret was refreshed or the password changed', clientId: claims.sub }, 'authentication failed');
    return unauthorized('The bearer token is invalid or expired');
  }
  const accountHeader = request.headers['account-id'];
  if (accountHeader !== undefined && accountHeader !== actor.accountId) {
    request.log.info({ reason: 'account-id header mismatch', clientId: actor.clientId }, 'forbidden');
    return forbidden('The account-id header does not match the account of the bearer token');
  }
  request.actor = actor;
  return undefined;
}

/**
 * Bearer authentication and account-level authorization for every /v1 route. A token this node
 * has verified before, whose credential is in the credential cache, is admitted without a
 * promise (a callback hook that answers at once: every authenticated request takes this path
 * after its token's first use); anything else takes `bearerAuthenticator`'s path. Both apply the
 * same checks (`admit`), and the caches are the ones the async path reads.
 */
export function bearerGuard(deps: { tokens: Tokens; identity: Identity; policy: Policy }) {
  const { tokens, identity, policy } = deps;
  const authenticate = bearerAuthenticator(deps);

  const onRequest = (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    const header = request.headers.authorization;
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    const claims = token === undefined ? undefined : tokens.cachedClaims(token);
    const actor = claims === undefined ? undefined : identity.cachedActor(claims.sub);
    if (actor !== undefined) return done(admit(request, claims!, actor));
    authenticate(request).then(() => done(), done);
  };

  return (permission: Permission) => ({
    onRequest,
    // A callback hook: every authenticated request runs it, and an async hook costs a promise.
    preValidation: (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      if (request.actor && policy.allows(request.actor, permission)) return done();
      request.log.info({ permission, clientId: request.actor?.clientId }, 'forbidden');
      done(forbidden());
    },
  });
}
