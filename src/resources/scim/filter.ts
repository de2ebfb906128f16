import { invalidFilter } from './scim-error.js';

/**
 * The SCIM filter subset identity providers send (RFC 7644 §3.4.2.2): `attr eq value`, joined by
 * `and` / `or`, grouped by parentheses, and value paths such as `members[value eq "…"]` (Entra
 * asks whether a user is in a group with `id eq "g" and members[value eq "u"]`). Attribute
 * names and operators are case-insensitive; attribute names may carry their schema URN
 * (`urn:ietf:params:scim:schemas:core:2.0:User:userName`). Every other operator (`ne`, `co`,
 * `sw`, `pr`, `gt`, `not`, …) is refused with 400 `invalidFilter`, as is anything that does not
 * parse: a refusal is better than a filter silently read as something else.
 */

export type FilterValue = string | number | boolean | null;

/** An attribute path, names lower-cased (SCIM attribute names are case-insensitive). */
export interface AttrPath {
  /** The schema URN when the client wrote one (lower-cased). */
  schema?: string;
  attr: string;
  sub?: string;
}

export type Filter =
  | { kind: 'eq'; path: AttrPath; value: FilterValue }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'valuePath'; attr: AttrPath; filter: Filter };

export const MAX_FILTER_LENGTH = 2048;
const MAX_DEPTH = 32;
const SUPPORTED = new Set(['eq']);
const KNOWN_OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);

type Token = { t: 'word'; v: string } | { t: 'str'; v: string } | { t: '(' | ')' | '[' | ']' };

const WORD = /[A-Za-z0-9_:.$+-]/;

function readString(text: string, start: number): [string, number] {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw invalidFilter(`Unterminated string starting at position ${start + 1}`);
  try {
    return [JSON.parse(text.slice(start, i + 1)) as string, i + 1];
  } catch {
    throw invalidFilter(`Invalid escape in the string starting at position ${start + 1}`);
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '(' || c === ')' || c === '[' || c === ']') {
      out.push({ t: c });
      i++;
    } else if (c === '"') {
      const [v, next] = readString(text, i);
      out.push({ t: 'str', v });
      i = next;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < text.length && WORD.test(text[j]!)) j++;
      out.push({ t: 'word', v: text.slice(i, j) });
      i = j;
    } else {
      throw invalidFilter(`Unexpected character ${JSON.stringify(c)} at position ${i + 1}`);
    }
  }
  return out;
}

const ATTR_NAME = /^\$?[A-Za-z][\w-]*$/;

/** `name.givenName`, `urn:…:User:userName`, `$ref`: lower-cased parts, or invalidFilter. */
export function parseAttrPath(word: string, onError: (detail: string) => Error = invalidFilter): AttrPath {
  const colon = word.lastIndexOf(':');
  const schema = colon >= 0 ? word.slice(0, colon).toLowerCase() : undefined;
  if (schema !== undefined && !/^urn:[a-z0-9:._-]+$/.test(schema)) throw onError(`Invalid attribute path ${JSON.stringify(word)}`);
  const parts = word.slice(colon + 1).split('.');
  if (parts.length > 2 || !parts.every((p) => ATTR_NAME.test(p))) throw onError(`Invalid attribute path ${JSON.stringify(word)}`);
  return { ...(schema ? { schema } : {}), attr: parts[0]!.toLowerCase(), ...(parts[1] ? { sub: parts[1].toLowerCase() } : {}) };
}

function literal(tok: Token | undefined): FilterValue {
  if (!tok) throw invalidFilter('A comparison value is missing at the end of the filter');
  if (tok.t === 'str') return tok.v;
  if (tok.t === 'word') {
    const w = tok.v.toLowerCase();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(tok.v) && Number.isFinite(Number(tok.v))) return Number(tok.v);
  }
  throw invalidFilter(`Expected a value (a quoted string, a number, true, false or null), found ${describe(tok)}`);
}

function describe(tok: Token | undefined): string {
  if (!tok) return 'the end of the filter';
  return tok.t === 'word' ? JSON.stringify(tok.v) : tok.t === 'str' ? `the string ${JSON.stringify(tok.v)}` : `"${tok.t}"`;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Filter {
    const f = this.or(0);
    if (this.i < this.tokens.length) throw invalidFilter(`Unexpected ${describe(this.tokens[this.i])} after a complete expression`);
    return f;
  }

  private keyword(word: string): boolean {
    const tok = this.tokens[this.i];
    if (tok?.t === 'word' && tok.v.toLowerCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }

  private or(depth: number): Filter {
    let left = this.and(depth);
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and(depth) };
    return left;
  }

  private and(depth: number): Filter {
    let left = this.atom(depth);
    while (this.keyword('and')) left = { kind: 'and', left, right: this.atom(depth) };
    return left;
  }

  private expect(t: ')' | ']') {
    const tok = this.tokens[this.i];
    if (tok?.t !== t) throw invalidFilter(`Expected "${t}", found ${describe(tok)}`);
    this.i++;
  }

  private atom(depth: number): Filter {
    if (depth > MAX_DEPTH) throw invalidFilter(`Filters may nest at most ${MAX_DEPTH} levels`);
    const tok = this.tokens[this.i++];
    if (tok?.t === '(') {
      const inner = this.or(depth + 1);
      this.expect(')');
      return inner;
    }
    if (tok?.t !== 'word') throw invalidFilter(`Expected an attribute name, found ${describe(tok)}`);
    if (tok.v.toLowerCase() === 'not') throw invalidFilter('The "not" operator is not supported');
    const path = parseAttrPath(tok.v);
    if (this.tokens[this.i]?.t === '[') {
      this.i++;
      if (path.sub) throw invalidFilter(`A value filter applies to a multi-valued attribute, not ${JSON.stringify(tok.v)}`);
      const inner = this.or(depth + 1);
      this.expect(']');
      return { kind: 'valuePath', attr: path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: AttrPath): Filter {
    const opTok = this.tokens[this.i++];
    const op = opTok?.t === 'word' ? opTok.v.toLowerCase() : undefined;
    if (!op || !KNOWN_OPERATORS.has(op)) throw invalidFilter(`Expected a comparison operator after the attribute, found ${describe(opTok)}`);
    if (!SUPPORTED.has(op)) throw invalidFilter(`The "${op}" operator is not supported; Plinth supports "eq", "and", "or"`);
    return { kind: 'eq', path, value: literal(this.tokens[this.i++]) };
  }
}

/** The filter's syntax tree, or a ScimError 400 invalidFilter. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw invalidFilter(`A filter may be at most ${MAX_FILTER_LENGTH} characters long`);
  const tokens = tokenize(text);
  if (tokens.length === 0) throw invalidFilter('The filter is empty');
  return new Parser(tokens).parse();
}

/** Attributes compared case-sensitively (RFC 7643 `caseExact`); the rest ignore case. */
const CASE_EXACT = new Set(['id', 'externalid', 'value']);

/** The object's property named `name` in any case. */
export function propertyOf(obj: unknown, name: string): unknown {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const rec = obj as Record<string, unknown>;
  if (name in rec) return rec[name];
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : rec[key];
}

function valuesAt(resource: unknown, path: AttrPath): unknown[] {
  const top = propertyOf(resource, path.attr);
  const list = Array.isArray(top) ? top : [top];
  if (!path.sub) return list.flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) ? [propertyOf(v, 'value')] : [v]));
  return list.map((v) => propertyOf(v, path.sub!));
}

function equal(actual: unknown, expected: FilterValue, caseExact: boolean): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return caseExact ? actual === expected : actual.toLowerCase() === expected.toLowerCase();
  if (expected === null) return actual === null || actual === undefined;
  return actual === expected;
}

/** Whether a SCIM resource (as served) matches the filter. */
export function matches(resource: unknown, filter: Filter): boolean {
  switch (filter.kind) {
    case 'and':
      return matches(resource, filter.left) && matches(resource, filter.right);
    case 'or':
      return matches(resource, filter.left) || matches(resource, filter.right);
    case 'valuePath': {
      const items = propertyOf(resource, filter.attr.attr);
      return Array.isArray(items) && items.some((item) => matches(item, filter.filter));
    }
    case 'eq': {
      const exact = CASE_EXACT.has(filter.path.sub ?? filter.path.attr);
      return valuesAt(resource, filter.path).some((v) => equal(v, filter.value, exact));
    }
  }
}

/**
 * The string `attr` must equal for the filter to match (a top-level `eq`, or one side of an
 * `and`), so a service can look it up by index rather than scan; undefined when none.
 */
export function requiredEquality(filter: Filter, attr: string): string | undefined {
  if (filter.kind === 'eq') return !filter.path.sub && filter.path.attr === attr && typeof filter.value === 'string' ? filter.value : undefined;
  if (filter.kind === 'and') return requiredEquality(filter.left, attr) ?? requiredEquality(filter.right, attr);
  return undefined;
}
