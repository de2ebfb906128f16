import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';
import { errorHandler, problem, sendProblem } from '../problem.js';

/** Every error is a ProblemDetail; an unknown route is 404, a known path with another method 405. */
export function problems(app: FastifyInstance) {
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

}
