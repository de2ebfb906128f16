import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';
import { errorHandler, problem, sendProblem } from '../problem.js';

/** Every error is a ProblemDetail; an unknown route is 404, a known path with another method 405. */
export function problems(app: FastifyInstance) {
  // Routes by method, to answer 405 (with Allow) rather than 404 for a known path. The router is
  // built on the first unmatched request: building it at start was ~10% of start-up's route work.
  const routes: [string, string][] = [];
  let router: ReturnType<typeof FindMyWay> | undefined;
  const known = () => {
    if (router) return router;
    router = FindMyWay();
    for (const [m, url] of routes) if (!router.hasRoute(m as any, url)) router.on(m as any, url, () => {});
    return router;
  };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') routes.push([m, route.url]);
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const allowed = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => known().find(m as any, path));
    if (allowed.length) {
      return sendProblem(reply, problem(405, `Method ${req.method} is not allowed here; use ${allowed.join(', ')}`, req), { allow: allowed.join(', ') });
    }
    return sendProblem(reply, problem(404, `No route for ${req.method} ${path}`, req));
  });

}
