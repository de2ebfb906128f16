import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError, type TokenGrant } from './service.js';
import type { Tokens } from '../../core/identity/tokens.js';
import type { RouteBinder } from '../../core/http/binder.js';
import { isDatabaseUnavailable, isUnstorableText } from '../../core/db/db.js';
import { DATABASE_RETRY_AFTER_SECONDS, HttpError } from '../../core/http/problem.js';
import { parseBasic } from '../../core/http/basic-auth.js';
import { originOf } from '../../core/http/plugins/audit-context.js';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function oauthError(reply: FastifyReply, status: number, error: string, description: string, headers: Record<string, string> = {}) {
  return reply.code(status).headers({ ...NO_STORE, ...headers }).type('application/json').send({ error, error_description: description });
}

const FIELDS = ['grant_type', 'client_id', 'client_secret', 'audience', 'scope', 'username', 'password'] as const;

/** Errors raised before the handler (body parsing, the core's text rules) in RFC 6749 form. */
function tokenEndpointErrors(err: { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) {
  // The database is away (or this node is shutting down): retry later, as for any API call.
  if (isDatabaseUnavailable(err) || err.statusCode === 503) {
    req.log.warn({ reason: (err as Error).message }, 'token request: service unavailable');
    return oauthError(reply, 503, 'temporarily_unavailable', 'The service is temporarily unavailable; retry later', { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  // A value the core refused (text rules, nesting): say which, in RFC 6749 form.
  if ((err instanceof HttpError && err.status === 400) || isUnstorableText(err)) {
    const description = err instanceof HttpError ? err.message : `Invalid request: ${(err as Error).message}`;
    req.log.info({ reason: description }, 'token request refused');
    return oauthError(reply, 400, 'invalid_request', description);
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) {
    req.log.error({ err }, 'token endpoint failed');
    return oauthError(reply, 500, 'server_error', `An unexpected error occurred (request id ${req.id})`);
  }
  req.log.info({ reason: (err as Error).message }, 'token request refused');
  return oauthError(reply, status === 413 ? 413 : 400, 'invalid_request', 'The request body could not be read');
}

/** The client's credentials, from HTTP Basic or the form (exactly one method), or why not. */
function clientCredentials(
  authz: string | undefined,
  str: (k: (typeof FIELDS)[number]) => string | undefined,
): { clientId: string; clientSecret: string; basic: boolean } | { refused: string; reason: string } {
  if (authz !== undefined) {
    const creds = parseBasic(authz);
    if (!creds) return { refused: 'The Authorization header is not valid HTTP Basic', reason: 'malformed basic header' };
    if (str('client_secret') !== undefined) return { refused: 'Use exactly one client authentication method', reason: 'basic and client_secret both present' };
    if (str('client_id') !== undefined && str('client_id') !== creds.id) {
      return { refused: 'Use exactly one client authentication method', reason: 'client_id differs from basic' };
    }
    return { clientId: creds.id, clientSecret: creds.secret, basic: true };
  }
  const clientId = str('client_id');
  const clientSecret = str('client_secret');
  if (!clientId || clientSecret === undefined) {
    return { refused: 'Client authentication is required (client_id and client_secret, or HTTP Basic)', reason: 'no credentials' };
  }
  return { clientId, clientSecret, basic: false };
}

export function oauthRoutes(app: FastifyInstance, bind: (scope: FastifyInstance) => RouteBinder, deps: { grant: TokenGrant; tokens: Tokens }) {
  // Form parsing only exists inside this plugin: the API itself accepts JSON bodies only.
  app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 16 * 1024 });
    // Any other body is read and then refused by the handler in RFC 6749 form.
    scope.removeContentTypeParser('*');
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 }, (_req, _body, done) => done(null, {}));
    scope.setErrorHandler(tokenEndpointErrors);
    const r = bind(scope);
    r.op('issueToken', 'public', async (req: FastifyRequest, reply) => {
      const ct = String(req.headers['content-type'] ?? '').toLowerCase();
      const fail = (error: string, description: string, reason: string, status = 400, headers: Record<string, string> = {}) => {
        req.log.info({ oauthError: error, reason }, 'token request refused');
        return oauthError(reply, status, error, description, headers);
      };
      if (!ct.startsWith('application/x-www-form-urlencoded')) {
        return fail('invalid_request', 'The request must be application/x-www-form-urlencoded', `content-type ${ct || '(none)'}`);
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      for (const f of FIELDS) {
        if (Array.isArray(body[f])) return fail('invalid_request', `Parameter ${f} must not be repeated`, `duplicate ${f}`);
      }
      const str = (k: (typeof FIELDS)[number]) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
      if (!str('grant_type')) return fail('invalid_request', 'Parameter grant_type is required', 'missing grant_type');

      // A person's password grant authenticates no client (a public client, as the console's).
      const person = str('grant_type') === 'password';
      const c = person ? { basic: false } : clientCredentials(req.headers.authorization, str);
      if ('refused' in c) return fail('invalid_request', c.refused, c.reason);
      const { basic } = c;
      try {
        const { body: token, actor } = await deps.grant.grant({
          grantType: str('grant_type'),
          ...('clientId' in c ? { clientId: c.clientId, clientSecret: c.clientSecret } : { username: str('username'), password: str('password') }),
          audience: str('audience'),
          scope: str('scope'),
          address: req.ip,
          origin: originOf(req),
        });
        req.log.info({ clientId: actor.clientId, role: actor.role }, 'token issued');
        return reply.code(200).headers(NO_STORE).send(token);
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        // A failed client authentication is 401 by either method, as Keycloak answers it
        // (RFC 6749 §5.2 allows 400 without the Authorization header; clients of the SaaS see 401).
        // WWW-Authenticate names the scheme the client used when it used the header.
        // Bad user credentials are 401 invalid_grant, Keycloak's answer to a password grant.
        if (err.error === 'invalid_grant') return fail(err.error, err.description, err.reason, 401);
        if (err.error === 'invalid_client') {
          return fail(err.error, err.description, err.reason, 401, basic ? { 'www-authenticate': 'Basic realm="plinth", charset="UTF-8"' } : {});
        }
        if (err.error === 'temporarily_unavailable') {
          return fail(err.error, err.description, err.reason, 429, { 'retry-after': String(err.retryAfterSeconds ?? 60) });
        }
        return fail(err.error, err.description, err.reason);
      }
    });
  });

  const r = bind(app);
  r.op('jwks', 'public', async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(deps.tokens.jwks()));
}
