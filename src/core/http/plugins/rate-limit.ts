import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Faults } from '../../faults.js';
import { RateLimiterRes, type Limiters } from '../../limits.js';
import type { Metrics } from '../../metrics.js';
import { HttpError } from '../problem.js';

/**
 * The API rate limit per caller (the credential of the bearer token; the address before
 * authentication): PLINTH_RATE_LIMIT_PER_MINUTE, or the mode set through the fault controls
 * (the SaaS's documented limits, a custom one, none). Over it the answer is 429 ProblemDetail
 * with `Retry-After` in whole seconds, as the SaaS documents; no `X-RateLimit-*` headers (the
 * SaaS sends none). Authenticated operations only: the token endpoint has its own limiter of
 * failed authentications. On PostgreSQL the counts are shared by every node (src/core/limits.ts).
 */
export function rateLimits(app: FastifyInstance, deps: { faults: Faults; limiters: Limiters; metrics?: Metrics }) {
  const { faults, limiters, metrics } = deps;
  // A callback hook: with no limit in force (or on an unauthenticated route) no promise is made.
  app.addHook('preHandler', (req, _reply, done) => {
    if (!req.routeOptions.config?.permission) return done();
    const { perMinute, perSecond } = faults.effectiveRateLimit();
    if (!perMinute && !perSecond) return done();
    limit(req, perMinute, perSecond).then(() => done(), done);
  });

  async function limit(req: FastifyRequest, perMinute: number | undefined, perSecond: number | undefined) {
    if (req.headers['x-plinth-internal'] === faults.internalToken) return;
    const key = req.actor?.clientId ?? req.ip;
    for (const [points, seconds] of [
      [perSecond, 1],
      [perMinute, 60],
    ] as const) {
      if (!points) continue;
      try {
        await limiters.get({ keyPrefix: 'api', points, durationSeconds: seconds }).consume(key);
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) {
          // The shared store failed and so did its in-memory insurance: let the request through.
          req.log.warn({ err: { message: (res as Error)?.message } }, 'rate limiter unavailable; request not limited');
          continue;
        }
        const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        const mode = faults.state().rateLimit.mode;
        metrics?.rateLimited('api');
        if (mode !== 'configured') {
          metrics?.injectedFault('rate_limit');
          req.log.warn({ injectedFault: true, kind: 'rate_limit', mode, limit: points, per: seconds === 1 ? 'second' : 'minute', retryAfter }, 'injected fault: rate limit');
        } else {
          req.log.info({ limit: points, retryAfter }, 'rate limit exceeded');
        }
        throw new HttpError(429, `Rate limit of ${points} requests per ${seconds === 1 ? 'second' : 'minute'} exceeded; retry after ${retryAfter} s`, [], {
          'retry-after': String(retryAfter),
        });
      }
    }
  }
}
