import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable, isForeignKeyViolation, isUniqueViolation, isUnstorableText, UnstorableTextError } from '../db/db.js';
import { DomainError, type ErrorKind, type Violation } from '../errors.js';

/**
 * Render errors as the SaaS's ProblemDetail (`application/problem+json`). This is where a domain
 * error's kind becomes a status code, and where each violated field gets its location in the
 * operation (`body.`, `query.`, `path.`, `header.`).
 */

/** An error only the HTTP layer raises (media types, rate limits, authentication headers). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly violations: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** For error handlers that read Fastify's `statusCode` (the token endpoint's). */
  get statusCode(): number {
    return this.status;
  }
}

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The HTTP status of each DomainError kind; SCIM's error envelope uses the same mapping. */
export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  upstream_failed: 502,
  unavailable: 503,
  upstream_timeout: 504,
};

/** Where each request field of an operation travels: parameter name → `query` / `path` / `header`. */
export type FieldLocations = Record<string, 'query' | 'path' | 'header'>;

/** `<location>.<field>: <rule>`; a field that is not a parameter of the operation is in the body. */
export function locate(violations: readonly Violation[], where: FieldLocations = {}): string[] {
  return violations.map(({ field, rule }) => {
    if (field === '') return `body: ${rule}`;
    const head = /^[^.[]+/.exec(field)![0];
    const loc = where[head] ?? where[head.toLowerCase()] ?? 'body';
    return `${loc}.${field}: ${rule}`;
  });
}

function domainProblem(err: DomainError, request: FastifyRequest) {
  const located = locate(err.violations, request.routeOptions?.config?.fieldLocations);
  const detail = typeof err.detail === 'string' ? err.detail : err.detail(located);
  const headers: Record<string, string> = {};
  if (err.kind === 'unauthenticated') headers['www-authenticate'] = 'Bearer realm="plinth", error="invalid_token"';
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
  return { problem: problem(STATUS_OF[err.kind], detail, request, located), headers };
}

export interface ProblemDetail {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  violations: string[];
}

const T = 'https://api.matillion.com/problems/';
const TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', 'bad-request'],
  401: ['Unauthorized', 'unauthorized'],
  403: ['Forbidden', 'forbidden'],
  404: ['Not Found', 'not-found'],
  405: ['Method Not Allowed', 'method-not-allowed'],
  406: ['Not Acceptable', 'not-acceptable'],
  408: ['Request Timeout', 'request-timeout'],
  409: ['Conflict', 'conflict'],
  410: ['Gone', 'gone'],
  413: ['Payload Too Large', 'payload-too-large'],
  414: ['URI Too Long', 'uri-too-long'],
  415: ['Unsupported Media Type', 'unsupported-media-type'],
  422: ['Unprocessable Entity', 'unprocessable-entity'],
  429: ['Too Many Requests', 'too-many-requests'],
  431: ['Request Header Fields Too Large', 'request-header-fields-too-large'],
  500: ['Internal Server Error', 'internal-server-error'],
  502: ['Bad Gateway', 'bad-gateway'],
  503: ['Service Unavailable', 'service-unavailable'],
  504: ['Gateway Timeout', 'gateway-timeout'],
};

export function problem(status: number, detail: string, request: FastifyRequest | { url: string; originalUrl?: string }, violations: string[] = [], type?: string, title?: string): ProblemDetail {
  const [t, slug] = TITLES[status] ?? [status >= 500 ? 'Server Error' : 'Client Error', status >= 500 ? 'server-error' : 'client-error'];
  return {
    type: type ?? `${T}${slug}`,
    title: title ?? t,
    status,
    detail,
    instance: (request.originalUrl ?? request.url ?? '/').split('?')[0]!,
    violations,
  };
}

export function sendProblem(reply: FastifyReply, p: ProblemDetail, headers: Record<string, string> = {}) {
  return reply.code(p.status).headers(headers).type('application/problem+json').send(p);
}

const PART: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, any>;
}

/** One violation per Ajv error, each `<field>: <rule>` with the field as a dotted path. */
export function violationsOf(errors: AjvError[], context: string): string[] {
  const root = PART[context] ?? context;
  const out = new Set<string>();
  for (const e of errors) {
    // oneOf/anyOf summaries repeat what the branch errors already said.
    if (e.keyword === 'if') continue;
    let field = root + e.instancePath.replace(/\/([^/]*)/g, (_m, seg: string) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`));
    let rule = e.message ?? e.keyword;
    switch (e.keyword) {
      case 'required':
        field += `.${e.params.missingProperty}`;
        rule = 'is required';
        break;
      case 'enum':
        rule = `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
        break;
      case 'additionalProperties':
        field += `.${e.params.additionalProperty}`;
        rule = 'is not allowed';
        break;
      case 'pattern':
        rule = `must match pattern ${e.params.pattern}`;
        break;
      case 'format':
        rule = `must be a valid ${e.params.format}`;
        break;
    }
    out.add(`${field}: ${rule}`);
  }
  return [...out];
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Unsupported Media Type: request bodies must be application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Request body is larger than the limit'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Request body is empty'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Content-Length does not match the body'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'Content-Type header is malformed'],
  FST_ERR_BAD_URL: [400, 'Request URL is malformed'],
};

/** 503 + Retry-After: the database is away (restart, failover); the same request will work once it is back. */
export function databaseUnavailable(request: FastifyRequest, reply: FastifyReply, err: unknown) {
  request.log.warn({ err: { message: (err as Error)?.message, code: (err as { code?: string })?.code } }, 'database unavailable');
  return sendProblem(
    reply,
    problem(503, `The database is unavailable; retry in ${DATABASE_RETRY_AFTER_SECONDS} s`, request),
    { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
  );
}

/** The storage-side text rule (src/core/text.ts) caught a value the HTTP checks did not name. */
function unstorable(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const rule = err instanceof UnstorableTextError ? err.rule : 'must not contain the NUL character (U+0000)';
  const v = `request: a text value ${rule}`;
  return sendProblem(reply, problem(400, `Invalid request: ${v}`, request, [v]));
}

export function errorHandler(err: FastifyError & { validation?: AjvError[]; validationContext?: string }, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    const { problem: p, headers } = domainProblem(err, request);
    return sendProblem(reply, p, headers);
  }
  if (err instanceof HttpError) {
    return sendProblem(reply, problem(err.status, err.message, request, err.violations), err.headers);
  }
  if (err.validation) {
    const violations = violationsOf(err.validation, err.validationContext ?? 'body');
    return sendProblem(reply, problem(400, `Invalid request: ${violations.join('; ')}`, request, violations));
  }
  // Every 400 names the field and the rule, a body that does not parse too.
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return sendProblem(reply, problem(400, 'Request body is not valid JSON', request, ['body: must be valid JSON']));
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) {
    const limit = request.routeOptions?.bodyLimit;
    const violations = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && limit ? [`body: must not be larger than ${limit} bytes`] : [];
    return sendProblem(reply, problem(known[0], violations.length ? `${known[1]}: ${violations[0]}` : known[1], request, violations));
  }
  if (isDatabaseUnavailable(err)) return databaseUnavailable(request, reply, err);
  if (isUnstorableText(err)) return unstorable(err, request, reply);
  // A constraint that a service did not turn into a domain error: a concurrent request changed
  // what this one relied on (a project deleted while a connection was being added to it, a name
  // taken in between). The request may be retried; it is not a server fault.
  if (isForeignKeyViolation(err) || isUniqueViolation(err)) {
    request.log.warn({ err: { message: (err as Error).message, code: (err as { code?: string }).code } }, 'constraint violated by a concurrent change');
    return sendProblem(reply, problem(409, 'A concurrent request changed or deleted something this request relies on; read the current state and retry', request));
  }
  const status = err.statusCode ?? 500;
  if (status === 503) {
    return sendProblem(reply, problem(503, 'The service is unavailable; retry shortly', request), { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: keep the status; their messages name no internals.
    return sendProblem(reply, problem(status, err.message, request));
  }
  request.log.error({ err }, 'unhandled error');
  return sendProblem(reply, problem(500, `An unexpected error occurred. Quote request id ${request.id} when reporting it.`, request));
}
