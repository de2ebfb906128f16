/**
 * The one rule for text on both databases: a string PostgreSQL cannot store is refused, wherever
 * it comes from (body, query, path, form), with 400 naming the field, on SQLite too.
 *
 * PostgreSQL (UTF-8) cannot store the NUL character U+0000 (error 22021), and a UTF-16 string
 * with an unpaired surrogate (U+D800–U+DFFF alone, e.g. from the JSON escape "\ud800") has no
 * UTF-8 form at all: both drivers would silently store U+FFFD instead.
 */

const NUL_RULE = 'must not contain the NUL character (U+0000)';
const SURROGATE_RULE = 'must not contain an unpaired surrogate (U+D800–U+DFFF)';

declare global {
  interface String {
    /** ES2024, in Node since 20 (TypeScript's lib for this target is ES2022). */
    isWellFormed(): boolean;
  }
}

/**
 * The rule `s` breaks, or null when it can be stored. `isWellFormed` is false exactly when a
 * surrogate is not part of a pair (a high one not followed by a low one, or a low one not
 * preceded by a high one); it runs on every string of every request and every bound SQL value.
 */
export function unstorableText(s: string): string | null {
  if (s.includes('\u0000')) return NUL_RULE;
  if (!s.isWellFormed()) return SURROGATE_RULE;
  return null;
}

/** Shows a name (an object key) in a field path without the characters it is refused for. */
export function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
