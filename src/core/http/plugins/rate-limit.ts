import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { HttpError } from '../problem.js';

/** The API rate limit per caller (PLINTH_RATE_LIMIT_PER_MINUTE); routes opt in through their config. */
export async function rateLimits(app: FastifyInstance, perMinute: number) {
  if (perMinute <= 0) return undefined;
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(429, `Rate limit of ${ctx.max} requests per minute exceeded; retry after ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  return { max: perMinute, timeWindow: 60_000, keyGenerator: (req: any) => req.actor?.clientId ?? req.ip };
}
