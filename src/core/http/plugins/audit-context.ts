import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runWithAuditContext, type AuditSource } from '../../audit.js';

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

/**
 * Runs each request's handler inside its audit context. A callback hook (not async) so the
 * handler and every later hook run inside `AsyncLocalStorage.run` (as @fastify/request-context
 * does); registered at preHandler so body parsing has happened and nothing before it can lose
 * the context.
 */
export function auditContext(app: FastifyInstance) {
  app.addHook('preHandler', (req, _reply, done) => {
    runWithAuditContext({ source: auditSourceOf(req), ip: req.ip }, done);
  });
}
