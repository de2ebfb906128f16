import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { HttpScope } from '../module.js';
import type { Permission } from '../policy.js';
import { routeBinder } from './binder.js';
import { lazyChildLogger } from './lazy-child-logger.js';
import { operations, type Contract } from './contract.js';
import { clientErrorHandler, drainUnreadBodies, frameworkErrors, MAX_PARAM_LENGTH } from './framework-errors.js';
import { auditContext } from './plugins/audit-context.js';
import { contentTypes } from './plugins/content-types.js';
import { contractAndDocs } from './plugins/docs.js';
import { health } from './plugins/health.js';
import { problems } from './plugins/problems.js';
import { instancePlugins, type InstanceDeps } from './plugins/instance.js';
import { installCompilers } from './schemas.js';
import { textRules } from './plugins/text-rules.js';
import { HttpError } from './problem.js';

export interface ServerDeps {
  contract: Contract;
  logger: FastifyServerOptions['loggerInstance'];
  guard: (permission: Permission) => any;
  /** Rate limits, fault injection and request metrics (plugins/instance.ts). */
  instance: InstanceDeps;
  ready: () => Promise<void>;
  /** Binds every resource's routes; called once. */
  routes: (http: HttpScope) => void;
  docs?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function createFastify(logger: ServerDeps['logger']) {
  return Fastify({
    loggerInstance: logger,
    childLoggerFactory: lazyChildLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // The SaaS base URL ends in /dpc: /dpc/v1/... is the same API as /v1/...
    rewriteUrl: (req) => (req.url && (req.url.startsWith('/dpc/v1/') || req.url === '/dpc/v1') ? req.url.slice(4) : req.url ?? '/'),
    bodyLimit: 1024 * 1024,
    // Requests arriving while the server closes are answered 503 (problem+json) by requestLifecycle.
    return503OnClosing: false,
    // Headers and body must arrive within a minute (slow clients cannot hold connections forever); 408 otherwise.
    requestTimeout: 60_000,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // What Fastify and Node would answer themselves (bad URL, 414, 431, 408) is a ProblemDetail too.
    frameworkErrors,
    clientErrorHandler,
  });
}

/** Request ids on every answer; while shutting down, 503 and answers close their connection. */
function requestLifecycle(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  // A keep-alive client must not hold the process open until its idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Callback hooks, not async ones: every request runs them, and an async hook costs a promise.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done(closing ? new HttpError(503, 'The server is shutting down; retry (another node, or this one once restarted)', [], { 'retry-after': '1' }) : undefined);
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  drainUnreadBodies(app, () => closing);
}

/** The HTTP server: the core's plugins, then every operation of the contract bound to its route. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = createFastify(deps.logger);
  const served = deps.contract.text;
  const prebuilt = await installCompilers(app, served);
  requestLifecycle(app);
  contentTypes(app);
  textRules(app);
  problems(app);
  auditContext(app);
  const rateLimit = instancePlugins(app, deps.instance);

  const ops = prebuilt ? new Map(prebuilt.map((op) => [op.operationId, op])) : operations(deps.contract.doc ?? JSON.parse(served));
  const used = new Set<string>();
  const bind = (scope: FastifyInstance) => routeBinder(scope, { ops, guard: deps.guard, rateLimit }, used);
  contractAndDocs(app, served, deps.docs !== false);
  const api = bind(app);
  health(api, deps.ready);
  deps.routes({ api, app, bind });

  await app.ready();
  const missing = [...ops.keys()].filter((id) => !used.has(id));
  if (missing.length) throw new Error(`OpenAPI operations without a route: ${missing.join(', ')}`);
  return app;
}
