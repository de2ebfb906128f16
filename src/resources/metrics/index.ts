import { defineResource } from '../../core/module.js';
import { notFound } from '../../core/errors.js';

/**
 * `GET /metrics`: the app's Prometheus metrics (src/core/metrics.ts lists them), public like
 * `/healthz` (they carry counts and timings, no data), off with PLINTH_METRICS=0.
 */
export default defineResource({
  name: 'metrics',
  register(ctx) {
    const { metrics, config } = ctx;
    return ({ api }) =>
      api.op('getMetrics', 'public', async (_req, reply) => {
        if (!config.metrics) throw notFound('Metrics are off (PLINTH_METRICS=0)');
        const { contentType, body } = await metrics.render();
        return reply.header('cache-control', 'no-store').type(contentType).send(body);
      });
  },
});
