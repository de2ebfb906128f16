import type { FastifyInstance } from 'fastify';
import { printable, unstorableText } from '../../text.js';
import { HttpError } from '../problem.js';

const MAX_VIOLATIONS = 20;

/**
 * Every string a request carries — path parameters, query values, body values and body keys at
 * any depth, form fields of the token endpoint — must be storable on both databases
 * (src/core/text.ts). Checked once, after parsing and before validation and handlers, for every
 * route: `400` naming each field (`body.name: must not contain the NUL character (U+0000)`).
 * JSON bodies are at most 64 levels deep by then (content-types.ts), and the walk is iterative.
 */
export function textRules(app: FastifyInstance) {
  // A callback hook: every request runs it, and an async hook costs a promise.
  app.addHook('preValidation', (req, _reply, done) => {
    if (!anyUnstorable(req.params) && !anyUnstorable(req.query) && !anyUnstorable(req.body)) return done();
    const violations: string[] = [];
    collect(req.params, 'path', violations);
    collect(req.query, 'query', violations);
    collect(req.body, 'body', violations);
    done(new HttpError(400, `Invalid request: ${violations.join('; ')}`, violations));
  });
}

/**
 * Whether any string or key under `value` is unstorable: the walk of `collect` without the field
 * names, which only a refused request needs (building one per value was most of this hook's cost).
 */
export function anyUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorableText(value) !== null;
  if (value === null || typeof value !== 'object') return false;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (unstorableText(v)) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        if (unstorableText(keys[i]!)) return true;
        stack.push((v as Record<string, unknown>)[keys[i]!]);
      }
    }
  }
  return false;
}

/** Appends `<field>: <rule>` for each unstorable string (or key) under `root`, in document order. */
export function collect(value: unknown, root: string, out: string[]): void {
  // [value, field] to look at, or [undefined, field, rule] for a key already found unstorable.
  const stack: [unknown, string, string?][] = [[value, root]];
  while (stack.length && out.length < MAX_VIOLATIONS) {
    const [v, field, keyRule] = stack.pop()!;
    if (keyRule) {
      out.push(`${field}: the name ${keyRule}`);
    } else if (typeof v === 'string') {
      const rule = unstorableText(v);
      if (rule) out.push(`${field}: ${rule}`);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${field}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        const rule = unstorableText(k);
        stack.push(rule ? [undefined, `${field}.${printable(k)}`, rule] : [(v as Record<string, unknown>)[k], `${field}.${k}`]);
      }
    }
  }
}
