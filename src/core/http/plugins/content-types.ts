import type { FastifyInstance } from 'fastify';
import { HttpError } from '../problem.js';

/** Request bodies are JSON; what else a client sends is refused or, when empty, ignored. */
export function contentTypes(app: FastifyInstance) {
  // JSON bodies; an empty body (a session-wide Content-Type on a GET/DELETE) means "no body".
  // A "__proto__" key (at any depth) is refused; Fastify's parser reports it as invalid JSON, so
  // valid JSON that it refused gets its own 400 naming the rule.
  const defaultJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json\b/i, { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    defaultJson(req, body as string, (err, value) => {
      if (!err) return done(null, value);
      try {
        JSON.parse(body as string);
      } catch {
        return done(err, undefined);
      }
      done(new HttpError(400, 'body: must not contain a "__proto__" key', ['body: must not contain a "__proto__" key']), undefined);
    });
  });

  // Bodies are JSON. Anything else is 415, unless it is empty: clients that send a session-wide
  // Content-Type (form or otherwise) on body-less requests must not be refused.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    if ((body as Buffer).length === 0) return done(null, undefined);
    done(new HttpError(415, 'Request bodies must be application/json'), undefined);
  });

}
