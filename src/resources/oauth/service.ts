import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { Limiters } from '../../core/limits.js';
import type { Identity } from '../../core/identity/identity.js';
import { TOKEN_SCOPE, type Tokens } from '../../core/identity/tokens.js';

/**
 * The client-credentials grant (RFC 6749 §4.4) with the SaaS's response shape. Public error
 * descriptions are generic; `reason` says what really happened and goes to the log only.
 */

export class OAuthError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'temporarily_unavailable',
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
  clientId: string;
  clientSecret: string;
  audience?: string;
  scope?: string;
  address: string;
}

const FAILURE_WINDOW_SECONDS = 15 * 60;

export function createTokenGrant(deps: { identity: Identity; tokens: Tokens; audiences: string[]; failureLimit: number; limiters: Limiters }) {
  const { identity, tokens, audiences, failureLimit, limiters } = deps;
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
      if (req.grantType !== 'client_credentials') {
        throw new OAuthError('unsupported_grant_type', 'The grant type is not supported', `grant_type=${JSON.stringify(req.grantType ?? null)}`);
      }
      if (req.scope !== undefined && req.scope.trim() !== '' && req.scope.trim() !== TOKEN_SCOPE) {
        throw new OAuthError('invalid_scope', 'The requested scope is invalid', `scope=${JSON.stringify(req.scope)}`);
      }
      const audience = req.audience === undefined || req.audience === '' ? audiences[0]! : req.audience;
      if (!audiences.includes(audience)) {
        throw new OAuthError('invalid_request', 'The requested audience is not served here', `audience=${JSON.stringify(audience)}`);
      }
      const wait = await blockedFor(req.clientId, req.address);
      if (wait > 0) {
        throw new OAuthError('temporarily_unavailable', 'Too many failed authentication attempts; retry later', 'failure limit reached', wait);
      }
      const result = await identity.authenticateClient(req.clientId, req.clientSecret);
      if (!result.actor) {
        await recordFailure(req.clientId, req.address);
        // One answer whether the client id exists or not (no client enumeration); Keycloak's wording.
        throw new OAuthError('invalid_client', 'Invalid client or Invalid client credentials', result.reason ?? 'unknown');
      }
      await perClient.delete(req.clientId);
      const { token, expiresIn } = await tokens.issue(result.actor, audience, { address: req.address });
      return {
        actor: result.actor,
        body: {
          access_token: token,
          expires_in: expiresIn,
          refresh_expires_in: 0,
          token_type: 'Bearer',
          'not-before-policy': 0,
          scope: TOKEN_SCOPE,
        },
      };
    },
  };
}
export type TokenGrant = ReturnType<typeof createTokenGrant>;
