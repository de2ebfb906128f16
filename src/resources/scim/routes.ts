import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isForeignKeyViolation, isUniqueViolation, isUnstorableText } from '../../core/db/db.js';
import { DomainError } from '../../core/errors.js';
import { bearerAuthenticator } from '../../core/http/auth.js';
import type { RouteBinder } from '../../core/http/binder.js';
import { DATABASE_RETRY_AFTER_SECONDS, HttpError, STATUS_OF, violationsOf } from '../../core/http/problem.js';
import type { Identity } from '../../core/identity/identity.js';
import type { Tokens } from '../../core/identity/tokens.js';
import type { Policy } from '../../core/policy.js';
import { RESOURCE_TYPES, SCHEMAS, SERVICE_PROVIDER_CONFIG, withBase } from './discovery.js';
import { listResponse, windowOf } from './list.js';
import { ScimError, type ScimType } from './scim-error.js';
import { USERS_PERMISSION, type Call, type ScimService } from './service.js';
import { isScimSecret, MANAGE_TOKENS, type ScimTokenService } from './tokens.js';

/**
 * SCIM routes live in their own encapsulated scope: there, every refusal — authentication,
 * validation, a domain rule, a body that does not parse — is an RFC 7644 Error body, and every
 * answer is `application/scim+json` (identity providers parse those, not ProblemDetails). JSON
 * bodies are read as `application/json` or `application/scim+json` (the core's JSON parser takes
 * any `+json` type). The SCIM token management routes are ordinary API routes (ProblemDetail).
 */

export const SCIM_BASE = '/v1/directory-integration/scim/v2';
const SCIM_JSON = 'application/scim+json; charset=utf-8';

function fromDomain(err: DomainError): ScimError {
  const status = STATUS_OF[err.kind] ?? 400;
  let scimType: ScimType | undefined;
  if (status === 400) scimType = 'invalidValue';
  if (status === 409 && err.violations.some((v) => v.field === 'email')) scimType = 'uniqueness';
  // The users service names the email; on SCIM it is userName.
  const detail = err.message.replace(/\bemail\b/g, 'userName (email)');
  return new ScimError(status, detail, scimType);
}

/** What a failure is as a SCIM error, with any headers it needs. */
function scimErrorOf(err: FastifyError & { validation?: any[]; validationContext?: string }, req: FastifyRequest): { e: ScimError; headers: Record<string, string> } {
  if (err instanceof ScimError) return { e: err, headers: {} };
  if (err instanceof DomainError) {
    const e = fromDomain(err);
    return { e, headers: e.status === 401 ? { 'www-authenticate': 'Bearer realm="plinth", error="invalid_token"' } : err.retryAfterSeconds ? { 'retry-after': String(err.retryAfterSeconds) } : {} };
  }
  if (err instanceof HttpError) return { e: new ScimError(err.status, err.message, err.status === 400 ? 'invalidValue' : undefined), headers: err.headers };
  if (err.validation) return { e: new ScimError(400, `Invalid request: ${violationsOf(err.validation, err.validationContext ?? 'body').join('; ')}`, 'invalidValue'), headers: {} };
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return { e: new ScimError(400, 'Request body is not valid JSON', 'invalidSyntax'), headers: {} };
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable');
    return { e: new ScimError(503, `The database is unavailable; retry in ${DATABASE_RETRY_AFTER_SECONDS} s`), headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } };
  }
  if (isUnstorableText(err)) return { e: new ScimError(400, 'A text value must not contain the NUL character or unpaired surrogates', 'invalidValue'), headers: {} };
  if (isUniqueViolation(err) || isForeignKeyViolation(err)) return { e: new ScimError(409, 'A concurrent request changed something this request relies on; read the current state and retry'), headers: {} };
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return { e: new ScimError(status, err.message), headers: {} };
  req.log.error({ err }, 'unhandled error');
  return { e: new ScimError(500, `An unexpected error occurred. Quote request id ${req.id} when reporting it.`), headers: {} };
}

function scimErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const { e, headers } = scimErrorOf(err, req);
  if (e.status < 500) req.log.info({ status: e.status, scimType: e.scimType, detail: e.detail }, 'SCIM request refused');
  return reply.code(e.status).headers(headers).type(SCIM_JSON).send(JSON.stringify(e.body()));
}

/** The base the client used (`/dpc` or not), for `location` and `ref`. */
function baseOf(req: FastifyRequest): string {
  const dpc = (req.originalUrl ?? req.url).startsWith('/dpc/') ? '/dpc' : '';
  return `${req.protocol}://${req.host}${dpc}${SCIM_BASE}`;
}

const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(SCIM_JSON).send(JSON.stringify(body));

/** `excludedAttributes=members,urn:…:Group:members` → {'members'}. */
function excludedOf(q: { excludedAttributes?: string }): Set<string> {
  return new Set((q.excludedAttributes ?? '').split(',').map((a) => a.trim().toLowerCase().split(':').pop()!).filter(Boolean));
}

export interface ScimRouteDeps {
  service: ScimService;
  tokens: ScimTokenService;
  policy: Policy;
  coreTokens: Tokens;
  identity: Identity;
}

/** A SCIM secret, or the API's own token for a caller allowed to manage users. */
function scimAuth(deps: ScimRouteDeps) {
  const authenticate = bearerAuthenticator({ tokens: deps.coreTokens, identity: deps.identity });
  return {
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      const m = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (m && isScimSecret(m[1]!)) {
        const actor = await deps.tokens.authenticate(m[1]!);
        if (!actor) {
          req.log.info({ reason: 'unknown or revoked SCIM secret' }, 'authentication failed');
          throw new DomainError('unauthenticated', 'The bearer token is invalid or revoked');
        }
        const accountHeader = req.headers['account-id'];
        if (accountHeader !== undefined && accountHeader !== actor.accountId) throw new ScimError(403, 'The account-id header does not match the account of the bearer token');
        req.actor = actor;
        return;
      }
      await authenticate(req);
    },
    preValidation: async (req: FastifyRequest) => {
      if (!req.actor || !deps.policy.allows(req.actor, USERS_PERMISSION)) {
        throw new ScimError(403, 'The caller may not manage users (SCIM needs the "Manage users" permission or a SCIM bearer secret)');
      }
    },
  };
}

function discoveryRoutes(r: RouteBinder, auth: ReturnType<typeof scimAuth>) {
  r.op('getScimServiceProviderConfig', USERS_PERMISSION, async (req, reply) => send(reply, withBase(SERVICE_PROVIDER_CONFIG, baseOf(req))), auth);
  r.op('listScimResourceTypes', USERS_PERMISSION, async (req, reply) => send(reply, listResponse(withBase(RESOURCE_TYPES, baseOf(req)), { startIndex: 1, count: RESOURCE_TYPES.length })), auth);
  r.op('getScimResourceType', USERS_PERMISSION, async (req, reply) => {
    const t = RESOURCE_TYPES.find((x) => x.id.toLowerCase() === req.params.id.toLowerCase());
    if (!t) throw new ScimError(404, `Resource type ${req.params.id} not found`);
    return send(reply, withBase(t, baseOf(req)));
  }, auth);
  r.op('listScimSchemas', USERS_PERMISSION, async (req, reply) => send(reply, listResponse(withBase(SCHEMAS, baseOf(req)), { startIndex: 1, count: SCHEMAS.length })), auth);
  r.op('getScimSchema', USERS_PERMISSION, async (req, reply) => {
    const s = SCHEMAS.find((x) => x.id.toLowerCase() === req.params.id.toLowerCase());
    if (!s) throw new ScimError(404, `Schema ${req.params.id} not found`);
    return send(reply, withBase(s, baseOf(req)));
  }, auth);
}

type ListParams = { filter?: string; startIndex?: string; count?: string; excludedAttributes?: string };
const listQuery = (q: ListParams) => ({ ...(q.filter !== undefined ? { filter: q.filter } : {}), window: windowOf(q), excluded: excludedOf(q) });

function userRoutes(r: RouteBinder, auth: ReturnType<typeof scimAuth>, users: ScimService['users']) {
  const call = (req: FastifyRequest): Call => ({ actor: req.actor!, base: baseOf(req) });
  r.op('createScimUser', USERS_PERMISSION, async (req, reply) => {
    const u = await users.create(call(req), req.body);
    return send(reply.header('location', u.meta.location), u, 201);
  }, auth);
  r.op('listScimUsers', USERS_PERMISSION, async (req, reply) => send(reply, await users.list(call(req), listQuery(req.query as ListParams))), auth);
  r.op('getScimUser', USERS_PERMISSION, async (req, reply) => send(reply, await users.get(call(req), req.params.id, excludedOf(req.query as ListParams))), auth);
  r.op('updateScimUser', USERS_PERMISSION, async (req, reply) => send(reply, await users.replace(call(req), req.params.id, req.body)), auth);
  r.op('patchScimUser', USERS_PERMISSION, async (req, reply) => send(reply, await users.patch(call(req), req.params.id, req.body)), auth);
  r.op('deleteScimUser', USERS_PERMISSION, async (req, reply) => {
    await users.remove(call(req), req.params.id);
    return reply.code(204).send();
  }, auth);
}

function groupRoutes(r: RouteBinder, auth: ReturnType<typeof scimAuth>, groups: ScimService['groups']) {
  const call = (req: FastifyRequest): Call => ({ actor: req.actor!, base: baseOf(req) });
  r.op('listScimGroups', USERS_PERMISSION, async (req, reply) => send(reply, await groups.list(call(req), listQuery(req.query as ListParams))), auth);
  r.op('getScimGroup', USERS_PERMISSION, async (req, reply) => send(reply, await groups.get(call(req), req.params.id, excludedOf(req.query as ListParams))), auth);
  r.op('patchScimGroup', USERS_PERMISSION, async (req, reply) => send(reply, await groups.patch(call(req), req.params.id, req.body)), auth);
}

function tokenRoutes(r: RouteBinder, tokens: ScimTokenService) {
  r.op('createScimToken', MANAGE_TOKENS, async (req, reply) => reply.code(201).header('cache-control', 'no-store').send(await tokens.create(req.actor!, req.body)));
  r.op('listScimTokens', MANAGE_TOKENS, async (req) => tokens.list(req.actor!, req.query));
  r.op('deleteScimToken', MANAGE_TOKENS, async (req, reply) => {
    await tokens.revoke(req.actor!, req.params.scimTokenId);
    return reply.code(204).send();
  });
}

/** Methods of each SCIM path (for 405 versus 404 on what has no route). */
const SCIM_PATHS: [RegExp, string[]][] = [
  [/^\/Users$/, ['GET', 'POST']],
  [/^\/Users\/[^/]+$/, ['GET', 'PUT', 'PATCH', 'DELETE']],
  // Groups are Plinth's bindings: no POST, PUT or DELETE (405, see the tag's description).
  [/^\/Groups$/, ['GET']],
  [/^\/Groups\/[^/]+$/, ['GET', 'PATCH']],
  [/^\/(ServiceProviderConfig|ResourceTypes|Schemas)$/, ['GET']],
  [/^\/(ResourceTypes|Schemas)\/[^/]+$/, ['GET']],
];

/** Anything else under the SCIM base (`/Bulk`, `/Me`, a wrong method) answers as SCIM too. */
function unrouted(scope: FastifyInstance) {
  const handler = async (req: FastifyRequest) => {
    const rest = (req.url.split('?')[0] ?? '').slice(SCIM_BASE.length).replace(/\/+$/, '');
    const allowed = SCIM_PATHS.find(([re]) => re.test(rest))?.[1];
    if (allowed) {
      const why = rest.startsWith('/Groups') ? ": groups are Plinth's project and environment role bindings, created and removed with their projects and environments; change their members with PATCH" : '';
      throw new HttpError(405, `Method ${req.method} is not allowed here (use ${allowed.join(', ')})${why}`, [], { allow: allowed.join(', ') });
    }
    throw new ScimError(404, `No SCIM endpoint ${rest || '/'}: this service serves /Users, /Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas (no /Bulk, no /Me)`);
  };
  scope.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: `${SCIM_BASE}/*`, handler });
  scope.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: SCIM_BASE, handler });
}

export function scimRoutes(http: { api: RouteBinder; app: FastifyInstance; bind(scope: FastifyInstance): RouteBinder }, deps: ScimRouteDeps) {
  tokenRoutes(http.api, deps.tokens);
  http.app.register(async (scope) => {
    scope.setErrorHandler(scimErrors);
    const r = http.bind(scope);
    const auth = scimAuth(deps);
    discoveryRoutes(r, auth);
    userRoutes(r, auth, deps.service.users);
    groupRoutes(r, auth, deps.service.groups);
    unrouted(scope);
  });
}
