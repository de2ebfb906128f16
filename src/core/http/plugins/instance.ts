import type { FastifyInstance } from 'fastify';
import type { Faults } from '../../faults.js';
import type { Limiters } from '../../limits.js';
import type { Metrics } from '../../metrics.js';
import { faultInjection, wasInjected } from './faults.js';
import { rateLimits } from './rate-limit.js';

/** What the server needs to run as an instance: limits, faults and metrics (issue 17). */
export interface InstanceDeps {
  faults: Faults;
  limiters: Limiters;
  metrics: Metrics;
  /** Honour `Prefer: code=…` (when the controls are on). */
  honourPrefer: boolean;
}

/**
 * Request metrics (every answer, by operation and status), fault injection and the API rate
 * limit, in that order of hooks. Returns nothing for the route binder: the rate limit applies
 * to every authenticated operation by itself.
 */
export function instancePlugins(app: FastifyInstance, deps: InstanceDeps): undefined {
  const { metrics } = deps;
  app.addHook('onResponse', (req, reply, done) => {
    const operation = req.routeOptions.config?.operationId ?? req.routeOptions.url ?? 'unmatched';
    metrics.httpRequest(operation, req.method, reply.statusCode, reply.elapsedTime / 1000);
    if (reply.statusCode === 429 && operation === 'issueToken' && !wasInjected(req)) metrics.rateLimited('auth');
    done();
  });
  faultInjection(app, { faults: deps.faults, metrics, honourPrefer: deps.honourPrefer });
  rateLimits(app, deps);
  return undefined;
}
