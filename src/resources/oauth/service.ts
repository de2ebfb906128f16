import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { Audit } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import type { Limiters } from '../../core/limits.js';
import type { Identity } from '../../core/identity/identity.js';
import { withOrigin, type Actor, type Origin } from '../../core/policy.js';
import { TOKEN_SCOPE, type Tokens } from '../../core/identity/tokens.js';
import { SignInRefused, type UsersService } from '../users/service.js';

/**
 * The client-credentials grant (RFC 6749 §4.4) with the SaaS's response shape, and Plinth's
 * `password` grant (RFC 6749 §4.3, an extension) for people. Public error descriptions are
 * generic; `reason` says what really happened and goes to the log only. Every issued token and
 * every failed authentication is an audit event (LOGIN / LOGIN_FAILED; never the secret).
 */

export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope' | 'temporarily_unavailable',
    readonly description: string,
    readonly reason: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

export interface GrantRequest {
  grantType?: string;
  /** client_credentials: the client's id and secret (from the form or HTTP Basic). */
  clientId?: string;
  clientSecret?: string;
  /** password: the person's email and password. */
  username?: string;
  password?: string;
  audience?: string;
  scope?: string;
  address: string;
  /** Where the request came from, for its audit events (default: the API, from `address`). */
  origin?: Origin;
}

const grantOrigin = (req: GrantRequest): Origin => req.origin ?? { source: 'API', ip: req.address };

export interface TokenGrantDeps {
  identity: Identity;
  tokens: Tokens;
  audiences: string[];
  failureLimit: number;
  limiters: Limiters;
  /** Audit events of sign-ins, written with `db`. */
  db: Db;
  audit: Audit;
  /** The users service (registered after this module), for the password grant. */
  users: () => Pick<UsersService, 'signIn'>;
}

const FAILURE_WINDOW_SECONDS = 15 * 60;

/** The audience asked for (the first configured one by default), or an OAuthError for a bad scope or audience. */
function checkedAudience(req: GrantRequest, audiences: string[]): string {
  if (req.scope !== undefined && req.scope.trim() !== '' && req.scope.trim() !== TOKEN_SCOPE) {
    throw new OAuthError('invalid_scope', 'The requested scope is invalid', `scope=${JSON.stringify(req.scope)}`);
  }
  const audience = req.audience === undefined || req.audience === '' ? audiences[0]! : req.audience;
  if (!audiences.includes(audience)) {
    throw new OAuthError('invalid_request', 'The requested audience is not served here', `audience=${JSON.stringify(audience)}`);
  }
  return audience;
}

function tokenBody(token: string, expiresIn: number) {
  return { access_token: token, expires_in: expiresIn, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope: TOKEN_SCOPE };
}

/**
 * `grant_type=password`: a person's email (`username`) and password, checked by the users
 * service (its failure limits per email and per address, its LOGIN / LOGIN_FAILED events). Wrong
 * password, unknown email and deactivated user get the same 401 `invalid_grant` body (Keycloak's
 * answer to bad user credentials).
 */
async function passwordGrant(deps: TokenGrantDeps, req: GrantRequest) {
  if (!req.username || req.password === undefined) {
    throw new OAuthError('invalid_request', 'Parameters username and password are required for grant_type=password', 'missing username or password');
  }
  const audience = checkedAudience(req, deps.audiences);
  let actor: Actor;
  try {
    actor = await deps.users().signIn(req.username, req.password, { ip: req.address, origin: grantOrigin(req) });
  } catch (err) {
    if (!(err instanceof SignInRefused)) throw err;
    if (err.reason === 'blocked') throw new OAuthError('temporarily_unavailable', 'Too many failed authentication attempts; retry later', 'user failure limit reached', err.retryAfterSeconds);
    throw new OAuthError('invalid_grant', 'Invalid user credentials', 'user sign-in refused');
  }
  const { token, expiresIn } = await deps.tokens.issue(actor, audience, { address: req.address });
  return { actor, body: tokenBody(token, expiresIn) };
}

export function createTokenGrant(deps: TokenGrantDeps) {
  const { identity, tokens, audiences, failureLimit, limiters, db, audit } = deps;
  // Counted in the database on PostgreSQL (src/core/limits.ts): the budget holds for the whole
  // deployment, not per node, so more nodes do not mean more guesses.
  const perClient = limiters.get({ keyPrefix: 'auth-client', points: failureLimit, durationSeconds: FAILURE_WINDOW_SECONDS });
  const perAddress = limiters.get({ keyPrefix: 'auth-address', points: failureLimit * 3, durationSeconds: FAILURE_WINDOW_SECONDS });

  const blockedFor = async (clientId: string, address: string) => {
    const [c, a] = await Promise.all([perClient.get(clientId), perAddress.get(address)]);
    const over = [c, a].filter((r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0 && r.consumedPoints >= 1);
    return over.length ? Math.max(...over.map((r) => Math.ceil(r.msBeforeNext / 1000))) : 0;
  };

  const recordFailure = async (clientId: string, address: string) => {
    await Promise.all([perClient.penalty(clientId, 1), perAddress.penalty(address, 1)]);
  };

  return {
    async grant(req: GrantRequest) {
      if (req.grantType === 'password') return passwordGrant(deps, req);
      if (req.grantType !== 'client_credentials') {
        throw new OAuthError('unsupported_grant_type', 'The grant type is not supported', `grant_type=${JSON.stringify(req.grantType ?? null)}`);
      }
      const audience = checkedAudience(req, audiences);
      const clientId = req.clientId ?? '';
      const wait = await blockedFor(clientId, req.address);
      if (wait > 0) {
        throw new OAuthError('temporarily_unavailable', 'Too many failed authentication attempts; retry later', 'failure limit reached', wait);
      }
      const result = await identity.authenticateClient(clientId, req.clientSecret ?? '');
      if (!result.actor) {
        await recordFailure(clientId, req.address);
        await audit.record(db, { accountId: result.accountId ?? identity.defaultAccountId, actorId: clientId, origin: grantOrigin(req) }, {
          eventName: 'api_credential_login_failed', eventType: 'LOGIN_FAILED', description: 'API credential authentication failed', subjectType: 'API_CREDENTIAL', subjectId: clientId,
        });
        // One answer whether the client id exists or not (no client enumeration); Keycloak's wording.
        throw new OAuthError('invalid_client', 'Invalid client or Invalid client credentials', result.reason ?? 'unknown');
      }
      await perClient.delete(clientId);
      const { token, expiresIn } = await tokens.issue(result.actor, audience, { address: req.address });
      await audit.record(db, withOrigin(result.actor, grantOrigin(req)), {
        eventName: 'api_credential_token_issued', eventType: 'LOGIN', description: 'API credential token issued', subjectType: 'API_CREDENTIAL', subjectId: result.actor.clientId,
      });
      return { actor: result.actor, body: tokenBody(token, expiresIn) };
    },
  };
}
export type TokenGrant = ReturnType<typeof createTokenGrant>;
