import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FaultRule, Faults } from '../../faults.js';
import type { Metrics } from '../../metrics.js';
import { problem } from '../problem.js';

/**
 * Applies the injected faults (src/core/faults.ts) to requests:
 *
 * - identity outage and `when: before` rules in `onRequest`, before authentication, so a rule
 *   answers whoever calls (as a failing gateway would);
 * - `when: after` rules in `onSend`, once the operation has run and committed;
 * - `Prefer: code=<4xx|5xx>` (Prism's header) when the controls are on: that one request gets
 *   an injected error with that status.
 *
 * Requests to the controls (`/plinth/…`), to `/metrics` and to routes outside the contract
 * (`/openapi.json`, `/docs`), and requests Plinth makes to itself (the seed control), are never faulted. Injected answers are ProblemDetails (RFC 6749 error JSON
 * on the token endpoint) unless the rule gives a body, and each is logged at warn level with
 * `injectedFault: true`.
 */

const injected = new WeakSet<FastifyRequest>();

/** Whether this request's answer was injected (metrics tell injected 429s from real ones). */
export const wasInjected = (req: FastifyRequest) => injected.has(req);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const OAUTH_ERROR: Record<number, string> = { 400: 'invalid_request', 401: 'invalid_client', 429: 'temporarily_unavailable', 503: 'temporarily_unavailable' };
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** The request's OpenAPI path template (`/v1/projects/{projectId}`), from Fastify's route URL. */
const templateOf = (req: FastifyRequest) => req.routeOptions.url?.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Not faulted: the controls, /metrics, routes outside the contract (/openapi.json, /docs) and Plinth's own calls. */
function exempt(req: FastifyRequest, faults: Faults): boolean {
  const url = req.routeOptions.url;
  const op = req.routeOptions.config?.operationId;
  return url === undefined || op === undefined || url.startsWith('/plinth/') || op === 'getMetrics' || req.headers['x-plinth-internal'] === faults.internalToken;
}

/** The body, content type and headers of an injected answer. */
function answer(req: FastifyRequest, status: number, what: string, rule?: Pick<FaultRule, 'body' | 'headers'>) {
  const isToken = req.routeOptions.config?.operationId === 'issueToken';
  const headers: Record<string, string> = { ...(isToken ? NO_STORE : {}), ...(rule?.headers ?? {}) };
  if (rule?.body !== undefined) {
    const text = typeof rule.body === 'string' ? rule.body : JSON.stringify(rule.body);
    const type = headers['content-type'] ?? (typeof rule.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
    return { status, headers, type, text };
  }
  if (isToken) {
    const error = OAUTH_ERROR[status] ?? (status >= 500 ? 'server_error' : 'invalid_request');
    return { status, headers, type: 'application/json', text: JSON.stringify({ error, error_description: what }) };
  }
  return { status, headers, type: 'application/problem+json', text: JSON.stringify(problem(status, what, req)) };
}

function send(reply: FastifyReply, a: ReturnType<typeof answer>) {
  return reply.code(a.status).headers(a.headers).type(a.type).send(a.text);
}

export function faultInjection(app: FastifyInstance, deps: { faults: Faults; metrics?: Metrics; honourPrefer: boolean }) {
  const { faults, metrics } = deps;

  const target = (req: FastifyRequest) => ({
    operationId: req.routeOptions.config?.operationId,
    method: req.method,
    template: templateOf(req),
    path: req.url.split('?')[0]!,
  });

  // Callback hooks whose usual case (no faults, no Prefer) returns at once: an async hook costs
  // every request a promise and its settling, twice here.
  app.addHook('onRequest', (req, reply, done) => {
    if (!faults.active && (!deps.honourPrefer || req.headers.prefer === undefined)) return done();
    // A hook that answered does not go on (Fastify: no `done` after `reply.send`).
    before(req, reply).then((answered) => void (answered ? undefined : done()), done);
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!faults.active) return done(null, payload);
    after(req, reply, payload).then((p) => done(null, p), done);
  });

  /** The identity outage, a `Prefer: code=` and `when: before` rules; whether it answered. */
  async function before(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const prefer = deps.honourPrefer ? req.headers.prefer : undefined;
    if (exempt(req, faults)) return;
    const operationId = req.routeOptions.config?.operationId;

    const outage = faults.identityOutage();
    if (outage.enabled && operationId === 'issueToken') {
      injected.add(req);
      metrics?.injectedFault('identity_outage');
      req.log.warn({ injectedFault: true, kind: 'identity_outage', status: outage.status }, 'injected fault: identity server outage');
      if (outage.latencyMs) await sleep(outage.latencyMs);
      const a = answer(req, outage.status, 'The identity service is temporarily unavailable');
      if (outage.retryAfterSeconds !== undefined) a.headers['retry-after'] = String(outage.retryAfterSeconds);
      return send(reply, a);
    }

    if (typeof prefer === 'string') {
      const m = /(?:^|[,;\s])code=([45]\d\d)\b/i.exec(prefer);
      if (m) {
        const status = Number(m[1]);
        injected.add(req);
        metrics?.injectedFault('error');
        req.log.warn({ injectedFault: true, kind: 'error', status, source: 'prefer-header' }, 'injected fault');
        return send(reply, answer(req, status, `Injected fault (Prefer: code=${status})`));
      }
    }

    if (!faults.active) return;
    const rule = faults.pick('before', target(req));
    if (!rule) return;
    injected.add(req);
    metrics?.injectedFault(rule.status !== undefined ? 'error' : 'latency');
    req.log.warn({ injectedFault: true, faultId: rule.id, kind: rule.status !== undefined ? 'error' : 'latency', status: rule.status, latencyMs: rule.latencyMs, when: 'before' }, 'injected fault');
    if (rule.latencyMs) await sleep(rule.latencyMs);
    if (rule.status !== undefined) return send(reply, answer(req, rule.status, `Injected fault ${rule.id}`, rule));
  }

  /** `when: after` rules: the payload to send (an injected answer's, or the operation's). */
  async function after(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    if (injected.has(req) || exempt(req, faults)) return payload;
    const rule = faults.pick('after', target(req));
    if (!rule) return payload;
    injected.add(req);
    metrics?.injectedFault(rule.status !== undefined ? 'error' : 'latency');
    req.log.warn(
      { injectedFault: true, faultId: rule.id, kind: rule.status !== undefined ? 'error' : 'latency', status: rule.status, latencyMs: rule.latencyMs, when: 'after', operationStatus: reply.statusCode },
      'injected fault after the operation ran',
    );
    if (rule.latencyMs) await sleep(rule.latencyMs);
    if (rule.status === undefined) return payload;
    const a = answer(req, rule.status, `Injected fault ${rule.id} (the operation itself ran)`, rule);
    reply.code(a.status).headers(a.headers).type(a.type);
    return a.text;
  }
}
