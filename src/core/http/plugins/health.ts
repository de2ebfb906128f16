import { NotReadyError } from '../../db/readiness.js';
import type { RouteBinder } from '../binder.js';
import { DATABASE_RETRY_AFTER_SECONDS, problem, sendProblem } from '../problem.js';

/** `/healthz` (the process is alive) and `/readyz` (migrations done, database reachable, start-up work finished). */
export function health(r: RouteBinder, ready: () => Promise<void>) {
  r.op('healthz', 'public', async () => ({ status: 'ok' }));
  r.op('readyz', 'public', async (req, reply) => {
    try {
      await ready();
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ err }, 'not ready');
      const why = err instanceof NotReadyError ? err.message : 'the database is unreachable';
      return sendProblem(reply, problem(503, `Not ready: ${why}`, req), { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
    }
  });

}
