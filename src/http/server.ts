import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import FindMyWay from 'find-my-way';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { AppError, invalid } from '../domain/errors.js';
import type { Permission } from '../domain/policy.js';
import { operations } from './contract.js';
import { routeBinder, type RouteBinder } from './context.js';
import { errorHandler, problem, sendProblem } from './problem.js';

export interface ServerDeps {
  doc: any;
  logger: FastifyServerOptions['loggerInstance'];
  guard: (permission: Permission) => any;
  rateLimitPerMinute: number;
  ready: () => Promise<void>;
  /** Registers every resource's routes; called once with a binder over the API scope. */
  routes: (api: RouteBinder, app: FastifyInstance, bind: (scope: FastifyInstance) => RouteBinder) => void;
  docs?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// Defined as true by the build (scripts/build.ts). Checking every route schema against the JSON
// Schema meta-schema costs ~40 ms at start; the sources (tests, dev) check them, the bundle
// built from those same schemas skips it.
declare const PLINTH_BUNDLED: boolean | undefined;
const VALIDATE_SCHEMAS = typeof PLINTH_BUNDLED === 'undefined';

/** Ajv as the server validates with; `source` keeps the generated code (for `npm run build`). */
export function makeAjv(coerce: boolean, { source = false } = {}) {
  // Bodies are validated without type coercion (a number is not a string); path and query
  // values are strings on the wire, so they are coerced. allErrors: one violation per problem.
  const ajv = new Ajv.default({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
    validateSchema: VALIDATE_SCHEMAS,
    ...(source ? { code: { source: true } } : {}),
  });
  addFormats.default(ajv);
  return ajv;
}

/**
 * Validators and response serializers generated ahead of time by `npm run build`
 * (scripts/build.ts → dist/precompiled.mjs), keyed by `schemaKey`. The bundle uses them
 * instead of compiling every route schema at start; they are used only when built from the
 * same OpenAPI document (its hash) and each one only for the exact schema it was built from.
 */
export type SchemaKind = 'b' | 'p' | 's';
export interface Precompiled {
  openapiHash: string;
  validators: Record<string, () => any>;
  serializers: Record<string, () => any>;
}
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** b: body validator, p: params/querystring/headers validator (coercing), s: response serializer. */
export const schemaKey = (kind: SchemaKind, schema: unknown) => `${kind}:${sha256(JSON.stringify(schema))}`;

let recorder: ((kind: SchemaKind, key: string, schema: unknown) => void) | undefined;
/** The build records every schema a server compiles, to generate code for each. */
export function recordSchemas(fn: typeof recorder) {
  recorder = fn;
}

async function loadPrecompiled(docHash: string, log: FastifyInstance['log']): Promise<Precompiled | undefined> {
  if (typeof PLINTH_BUNDLED === 'undefined' || recorder) return undefined;
  const file = new URL('./precompiled.mjs', import.meta.url);
  if (!existsSync(file)) return undefined;
  const mod = (await import(file.href)) as Precompiled;
  if (mod.openapiHash !== docHash) {
    log.warn('dist/precompiled.mjs was built from another OpenAPI document; compiling schemas at start');
    return undefined;
  }
  return mod;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // The SaaS base URL ends in /dpc: /dpc/v1/... is the same API as /v1/...
    rewriteUrl: (req) => (req.url && (req.url.startsWith('/dpc/v1/') || req.url === '/dpc/v1') ? req.url.slice(4) : req.url ?? '/'),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });

  const served = JSON.stringify(deps.doc);
  const pre = await loadPrecompiled(sha256(served), app.log);
  let bodyAjv: Ajv.default | undefined;
  let paramAjv: Ajv.default | undefined;
  // Many operations share a schema (page/size, projectId, …): compile each distinct one once.
  const compiled = new Map<string, any>();
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const kind = httpPart === 'body' ? 'b' : 'p';
    const key = pre || recorder ? schemaKey(kind, schema) : `${kind}:${JSON.stringify(schema)}`;
    let fn = compiled.get(key);
    if (fn) return fn;
    fn = pre?.validators[key]?.();
    if (!fn) {
      if (pre) app.log.debug({ httpPart }, 'validator not precompiled; compiling it');
      recorder?.(kind, key, schema);
      fn = kind === 'b' ? (bodyAjv ??= makeAjv(false)).compile(schema) : (paramAjv ??= makeAjv(true)).compile(schema);
    }
    compiled.set(key, fn);
    return fn;
  });
  if (pre || recorder) {
    // Fastify's own serializer compiler (fast-json-stringify, default options) for anything not
    // generated ahead of time.
    let fallback: ReturnType<ReturnType<typeof SerializerSelector>> | undefined;
    app.setSerializerCompiler((route) => {
      const key = schemaKey('s', route.schema);
      const fn = pre?.serializers[key]?.();
      if (fn) return fn;
      if (pre) app.log.debug({ url: route.url, httpStatus: route.httpStatus }, 'serializer not precompiled; compiling it');
      recorder?.('s', key, route.schema);
      return (fallback ??= SerializerSelector()({}, {}))(route as any);
    });
  }

  app.decorateRequest('actor', null);
  // While shutting down, responses to in-flight requests close their connection, so a
  // keep-alive client cannot hold the process open until its idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // JSON bodies; an empty body (a session-wide Content-Type on a GET/DELETE) means "no body".
  // A "__proto__" key (at any depth) is refused; Fastify's parser reports it as invalid JSON, so
  // valid JSON that it refused gets its own 400 naming the rule.
  const defaultJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json\b/i, { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    defaultJson(req, body as string, (err, value) => {
      if (!err) return done(null, value);
      try {
        JSON.parse(body as string);
      } catch {
        return done(err, undefined);
      }
      done(invalid('body', 'must not contain a "__proto__" key'), undefined);
    });
  });

  // Bodies are JSON. Anything else is 415, unless it is empty: clients that send a session-wide
  // Content-Type (form or otherwise) on body-less requests must not be refused.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    if ((body as Buffer).length === 0) return done(null, undefined);
    done(new AppError(415, 'Unsupported Media Type', 'https://api.matillion.com/problems/unsupported-media-type', 'Request bodies must be application/json'), undefined);
  });

  // Routes by method, to answer 405 (with Allow) rather than 404 for a known path.
  const known = FindMyWay();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD' && !known.hasRoute(m as any, route.url)) known.on(m as any, route.url, () => {});
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => known.find(m as any, path));
    if (allowed.length) {
      return sendProblem(reply, problem(405, `Method ${req.method} is not allowed here; use ${allowed.join(', ')}`, req), { allow: allowed.join(', ') });
    }
    return sendProblem(reply, problem(404, `No route for ${req.method} ${path}`, req));
  });

  if (deps.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: false,
      hook: 'preHandler',
      errorResponseBuilder: (_req, ctx) =>
        new AppError(429, 'Too Many Requests', 'https://api.matillion.com/problems/too-many-requests', `Rate limit of ${ctx.max} requests per minute exceeded; retry after ${Math.ceil(ctx.ttl / 1000)} s`),
    });
  }
  const ops = operations(deps.doc);
  const used = new Set<string>();
  const bind = (scope: FastifyInstance) =>
    routeBinder(
      scope,
      {
        ops,
        guard: deps.guard,
        rateLimit:
          deps.rateLimitPerMinute > 0
            ? { max: deps.rateLimitPerMinute, timeWindow: 60_000, keyGenerator: (req: any) => req.actor?.clientId ?? req.ip }
            : undefined,
      },
      used,
    );

  app.get('/openapi.json', { config: {} }, async (_req, reply) => reply.type('application/json').send(served));
  if (deps.docs !== false) {
    // The docs UI (Scalar, ~4 MB of bundled JS) is loaded on the first /docs request, into a
    // private Fastify instance that is never bound to a port, so it costs start-up nothing.
    let docsApp: Promise<FastifyInstance> | undefined;
    const loadDocs = async () => {
      const scalar = (await import('@scalar/fastify-api-reference')).default;
      const f = Fastify({ logger: false });
      await f.register(scalar, { routePrefix: '/docs', configuration: {
          url: '/openapi.json',
          // Self-hosted and often offline: no font CDN, no telemetry, no hosted AI/MCP features.
          withDefaultFonts: false,
          telemetry: false,
          showDeveloperTools: 'never',
          agent: { disabled: true },
          mcp: { disabled: true },
        } as any });
      await f.ready();
      return f;
    };
    const docs = async (req: FastifyRequest, reply: FastifyReply) => {
      docsApp ??= loadDocs();
      const res = await (await docsApp).inject({ method: 'GET', url: req.url, headers: { accept: req.headers.accept ?? '*/*' } });
      for (const h of ['content-type', 'location', 'cache-control', 'etag']) if (res.headers[h]) reply.header(h, res.headers[h]);
      return reply.code(res.statusCode).send(res.rawPayload);
    };
    app.get('/docs', docs);
    app.get('/docs/*', docs);
  }

  const ops2 = bind(app);
  ops2.op('healthz', 'public', async () => ({ status: 'ok' }));
  ops2.op('readyz', 'public', async (req, reply) => {
    try {
      await deps.ready();
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ err }, 'not ready');
      return sendProblem(reply, problem(503, 'Not ready: the database is unreachable', req));
    }
  });

  deps.routes(ops2, app, bind);
  await app.ready();
  const missing = [...ops.keys()].filter((id) => !used.has(id));
  if (missing.length) throw new Error(`OpenAPI operations without a route: ${missing.join(', ')}`);
  return app;
}
