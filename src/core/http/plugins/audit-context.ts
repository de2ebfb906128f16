import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditSource } from '../../audit.js';
import { withOrigin, type Origin } from '../../policy.js';

/**
 * Which interface a request came through, for the audit events it causes (`eventSource`):
 *
 * - SCIM: paths under `/v1/directory-integration/scim/` (not `/scim-tokens`, which an admin calls);
 * - CONSOLE: paths under `/console`, or a request carrying `x-plinth-client: console` (the console's
 *   pages send it with their API calls);
 * - CLI: a `user-agent` starting with `plinth-cli/` (the CLI sends `plinth-cli/<version>`);
 * - API: everything else.
 *
 * Background jobs run under JOB and start-up under SYSTEM (src/core/audit.ts). The source is
 * what the caller says it is (a header anyone can send): it tells interfaces apart, it does not
 * authenticate anything.
 */

export const CONSOLE_HEADER = 'x-plinth-client';
export const CLI_USER_AGENT_PREFIX = 'plinth-cli/';

export function auditSourceOf(req: Pick<FastifyRequest, 'url' | 'headers'>): AuditSource {
  const url = req.url;
  if (url.startsWith('/v1/directory-integration/scim/') || url === '/v1/directory-integration/scim') return 'SCIM';
  if (url === '/console' || url.startsWith('/console/') || url.startsWith('/console?') || req.headers[CONSOLE_HEADER] === 'console') return 'CONSOLE';
  const ua = req.headers['user-agent'];
  if (typeof ua === 'string' && ua.startsWith(CLI_USER_AGENT_PREFIX)) return 'CLI';
  return 'API';
}

/** The request's origin, for the audit events it causes. */
export const originOf = (req: Pick<FastifyRequest, 'url' | 'headers' | 'ip'>): Origin => ({ source: auditSourceOf(req), ip: req.ip });

/**
 * Gives each authenticated request's actor its origin, which the services pass on with the actor
 * to every audit event (src/core/audit.ts). The actor may be shared (the credential cache's), so
 * the request gets a copy. At preHandler, after every way in (bearer token, console session,
 * SCIM secret, the controls' Basic credentials) has set `req.actor`. Routes without an actor
 * (the token endpoint, the console's sign-in) pass `originOf(req)` to their service.
 */
export function auditContext(app: FastifyInstance) {
  app.addHook('preHandler', (req, _reply, done) => {
    if (req.actor) req.actor = withOrigin(req.actor, originOf(req));
    done();
  });
}
