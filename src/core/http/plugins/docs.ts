import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { importOutside } from '../../import-outside.js';

/** The contract as served (`/openapi.json`) and the interactive docs (`/docs`). */
export function contractAndDocs(app: FastifyInstance, served: string, withDocs: boolean) {
  app.get('/openapi.json', { config: {} }, async (_req, reply) => reply.type('application/json').send(served));
  if (withDocs) {
    // The docs UI (Scalar, ~4 MB of bundled JS) is loaded on the first /docs request, into a
    // private Fastify instance that is never bound to a port, so it costs start-up nothing.
    let docsApp: Promise<FastifyInstance> | undefined;
    const loadDocs = async () => {
      const scalar = (await importOutside('@scalar/fastify-api-reference')).default;
      const f = Fastify({ logger: false });
      await f.register(scalar, { routePrefix: '/docs', configuration: {
          url: '/openapi.json',
          // Self-hosted and often offline: no font CDN, no telemetry, no hosted AI/MCP features.
          withDefaultFonts: false,
          telemetry: false,
          showDeveloperTools: 'never',
          agent: { disabled: true },
          mcp: { disabled: true },
        } as any });
      await f.ready();
      return f;
    };
    const docs = async (req: FastifyRequest, reply: FastifyReply) => {
      docsApp ??= loadDocs();
      const res = await (await docsApp).inject({ method: 'GET', url: req.url, headers: { accept: req.headers.accept ?? '*/*' } });
      for (const h of ['content-type', 'location', 'cache-control', 'etag']) if (res.headers[h]) reply.header(h, res.headers[h]);
      return reply.code(res.statusCode).send(res.rawPayload);
    };
    app.get('/docs', docs);
    app.get('/docs/*', docs);
  }

}
