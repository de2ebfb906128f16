/**
 * The "limit": bare Fastify routes on the same machine answering with the very JSON the Plinth
 * endpoint under test returned (captured by the bench). No auth, no validation, no database —
 * only HTTP parsing, routing, body parsing and JSON serialisation.
 *
 *   PORT=… node --import tsx bench/bare-server.ts routes.json
 */
import { readFileSync } from 'node:fs';
import Fastify, { type HTTPMethods } from 'fastify';
import formbody from '@fastify/formbody';

interface BareRoute {
  method: HTTPMethods;
  url: string;
  status: number;
  body: unknown;
}

const routes = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BareRoute[];
const app = Fastify({ logger: false });
await app.register(formbody);
for (const r of routes) {
  app.route({ method: r.method, url: r.url, handler: async (_req, reply) => reply.code(r.status).send(r.body) });
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
