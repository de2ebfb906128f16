import type { FastifyInstance } from 'fastify';
import { HttpError } from '../problem.js';

/** How deeply objects and arrays of a JSON body may nest. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `text` nests objects/arrays deeper than `max`, without parsing it: one pass counting
 * `{`/`[` against `}`/`]` outside strings (strings are skipped with indexOf). It runs before
 * JSON.parse and everything recursive after it (the __proto__ scan, validation, services), so a
 * body nested thousands of levels deep is refused before it can exhaust the stack.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: the next quote not escaped by an odd run of backslashes.
      let j = text.indexOf('"', i + 1);
      while (j !== -1) {
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) return false; // unterminated: JSON.parse says so
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

const TOO_DEEP = `body: must not nest objects and arrays deeper than ${MAX_JSON_DEPTH} levels`;

/** Request bodies are JSON; what else a client sends is refused or, when empty, ignored. */
export function contentTypes(app: FastifyInstance) {
  // JSON bodies; an empty body (a session-wide Content-Type on a GET/DELETE) means "no body".
  // A "__proto__" key (at any depth) is refused; Fastify's parser reports it as invalid JSON, so
  // valid JSON that it refused gets its own 400 naming the rule. Bodies larger than the body
  // limit (1 MiB) are 413 before they are parsed; deeper than MAX_JSON_DEPTH, 400.
  const defaultJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json\b/i, { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) return done(new HttpError(400, `Request body is nested too deeply: ${TOO_DEEP}`, [TOO_DEEP]), undefined);
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
