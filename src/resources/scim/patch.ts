import { matches, parseAttrPath, parseFilter, propertyOf, type Filter } from './filter.js';
import { invalidPath, invalidSyntax, invalidValue, noTarget, ScimError } from './scim-error.js';

/**
 * RFC 7644 §3.5.2 PatchOp, read the way identity providers write it, then normalised into one
 * shape the resources apply:
 * - Entra ID capitalises `op` (`Add`, `Replace`, `Remove`) and sends booleans as strings
 *   (`"True"`, `"False"`): ops are matched case-insensitively, and `"true"`/`"false"` in any case
 *   become booleans for the boolean attributes (`active`, `primary`).
 * - Okta replaces without a path (`{op: replace, value: {active: false}}`); Entra does the same
 *   with dotted keys (`{"name.givenName": "Ann"}`) and schema-URN keys: a path-less op becomes one
 *   op per key of its value, each key read as a path.
 * - Paths: `attr`, `attr.sub`, `urn:…:attr`, `attr[filter]`, `attr[filter].sub`.
 * - `$ref` in values is accepted as `ref` (the SaaS spells it `ref`).
 * - `schemas`, when sent, must name the PatchOp URN; a body without it is accepted (lenient).
 * Anything else is a ScimError 400 (`invalidSyntax`, `invalidPath`, `invalidValue`, `noTarget`).
 */

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const MAX_OPERATIONS = 1000;

export type OpKind = 'add' | 'replace' | 'remove';

export interface PatchPath {
  /** Lower-cased schema URN, when the path named one other than the resource's core schema. */
  schema?: string;
  attr: string;
  /** `attr[filter]`: the elements of a multi-valued attribute the op applies to. */
  filter?: Filter;
  sub?: string;
}

export interface NormalOp {
  op: OpKind;
  path?: PatchPath;
  value?: unknown;
  /** True when the op came from a path-less op's value (read-only keys there are ignored). */
  fromValue?: boolean;
}

const BOOLEAN_ATTRS = new Set(['active', 'primary']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The index just past the `]` that closes the `[` at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (text[i] === ']') return i;
  }
  throw invalidPath(`The path's "[" has no closing "]"`);
}

export function parsePatchPath(text: string): PatchPath {
  if (text.length === 0 || text.length > 512) throw invalidPath('A path must be 1 to 512 characters long');
  const open = text.indexOf('[');
  if (open < 0) {
    const p = parseAttrPath(text.trim(), invalidPath);
    return { ...(p.schema ? { schema: p.schema } : {}), attr: p.attr, ...(p.sub ? { sub: p.sub } : {}) };
  }
  const head = parseAttrPath(text.slice(0, open).trim(), invalidPath);
  if (head.sub) throw invalidPath(`A value filter applies to a multi-valued attribute, not ${JSON.stringify(text.slice(0, open))}`);
  const close = closingBracket(text, open);
  let filter: Filter;
  try {
    filter = parseFilter(text.slice(open + 1, close));
  } catch (err) {
    throw err instanceof ScimError ? invalidPath(`Invalid value filter in the path: ${err.detail}`) : err;
  }
  const rest = text.slice(close + 1).trim();
  if (rest !== '' && !/^\.\$?[A-Za-z][\w-]*$/.test(rest)) throw invalidPath(`Unexpected ${JSON.stringify(rest)} after the value filter`);
  return { ...(head.schema ? { schema: head.schema } : {}), attr: head.attr, filter, ...(rest ? { sub: rest.slice(1).toLowerCase() } : {}) };
}

/** `$ref` → `ref`, `"True"`/`"False"` → booleans for boolean attributes, at any depth. */
export function normaliseValue(value: unknown, attr?: string, depth = 0): unknown {
  if (depth > 16) throw invalidValue('The value nests too deeply');
  if (typeof value === 'string' && attr && BOOLEAN_ATTRS.has(attr) && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (Array.isArray(value)) return value.map((v) => normaliseValue(v, attr, depth + 1));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = k === '$ref' ? 'ref' : k;
    out[key] = normaliseValue(v, key.toLowerCase(), depth + 1);
  }
  return out;
}

/** Schema URNs whose value in a path-less op is an object of that schema's attributes. */
const EXTENSION_URN = /^urn:ietf:params:scim:schemas:extension:[a-z0-9:._-]+:user$/i;

function expandValue(op: OpKind, value: unknown, index: number): NormalOp[] {
  if (!isObject(value)) throw invalidSyntax(`Operations[${index}]: an op without a path needs an object value`);
  const out: NormalOp[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (EXTENSION_URN.test(key) && isObject(v)) {
      for (const [attr, inner] of Object.entries(v)) {
        const p = parsePatchPath(attr);
        out.push({ op, path: { ...p, schema: key.toLowerCase() }, value: normaliseValue(inner, p.sub ?? p.attr), fromValue: true });
      }
      continue;
    }
    const path = parsePatchPath(key === '$ref' ? 'ref' : key);
    out.push({ op, path, value: normaliseValue(v, path.sub ?? path.attr), fromValue: true });
  }
  return out;
}

function normaliseOne(raw: unknown, index: number): NormalOp[] {
  if (!isObject(raw)) throw invalidSyntax(`Operations[${index}] must be an object`);
  const opRaw = propertyOf(raw, 'op');
  const op = typeof opRaw === 'string' ? opRaw.toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax(`Operations[${index}].op must be add, replace or remove`);
  const pathRaw = propertyOf(raw, 'path');
  const value = propertyOf(raw, 'value');
  if (pathRaw !== undefined && pathRaw !== null && typeof pathRaw !== 'string') throw invalidSyntax(`Operations[${index}].path must be a string`);
  const hasPath = typeof pathRaw === 'string' && pathRaw.trim() !== '';
  if (op !== 'remove' && value === undefined) throw invalidSyntax(`Operations[${index}].value is required for ${op}`);
  if (!hasPath) {
    if (op === 'remove') throw noTarget(`Operations[${index}]: remove needs a path`);
    return expandValue(op, value, index);
  }
  const path = parsePatchPath(pathRaw as string);
  return [{ op, path, ...(value !== undefined ? { value: normaliseValue(value, path.sub ?? path.attr) } : {}) }];
}

/** The operations of a PatchOp body, normalised; ScimError 400 when the body is not one. */
export function normalisePatch(body: unknown): NormalOp[] {
  if (!isObject(body)) throw invalidSyntax('The body must be a PatchOp object');
  const schemas = propertyOf(body, 'schemas');
  if (schemas !== undefined) {
    if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_SCHEMA.toLowerCase())) {
      throw invalidSyntax(`schemas must contain "${PATCH_SCHEMA}"`);
    }
  }
  const ops = propertyOf(body, 'operations');
  if (!Array.isArray(ops) || ops.length === 0) throw invalidSyntax('Operations must be a non-empty array');
  if (ops.length > MAX_OPERATIONS) throw invalidSyntax(`A PatchOp may carry at most ${MAX_OPERATIONS} operations`);
  return ops.flatMap((raw, i) => normaliseOne(raw, i));
}

// ---------------------------------------------------------------------------------------------
// Applying normalised ops to a JSON document (the User resource keeps arbitrary attributes).

/** The key of `obj` that names `lower` in any case, or its canonical spelling when absent. */
export function keyFor(obj: Record<string, unknown>, lower: string, canonical: (lower: string) => string): string {
  return Object.keys(obj).find((k) => k.toLowerCase() === lower) ?? canonical(lower);
}

/** The value a multi-valued element is identified by (its `value`). */
const identity = (v: unknown) => (isObject(v) ? propertyOf(v, 'value') : v);

function addTo(container: Record<string, unknown>, key: string, value: unknown) {
  const existing = container[key];
  if (Array.isArray(existing) || Array.isArray(value)) {
    const list = Array.isArray(existing) ? [...existing] : existing === undefined ? [] : [existing];
    for (const item of Array.isArray(value) ? value : [value]) {
      const id = identity(item);
      const at = id === undefined ? -1 : list.findIndex((e) => identity(e) === id);
      if (at >= 0) list[at] = isObject(list[at]) && isObject(item) ? { ...(list[at] as object), ...item } : item;
      else list.push(item);
    }
    container[key] = list;
  } else if (isObject(existing) && isObject(value)) {
    container[key] = { ...existing, ...value };
  } else {
    container[key] = value;
  }
}

function applyWhole(container: Record<string, unknown>, key: string, op: NormalOp) {
  const existing = container[key];
  if (op.op === 'add') return addTo(container, key, op.value);
  if (op.op === 'replace') {
    container[key] = isObject(existing) && isObject(op.value) ? { ...existing, ...op.value } : op.value;
    return;
  }
  // remove: Entra removes members by value (`path: members, value: [{value: id}]`).
  if (Array.isArray(existing) && op.value !== undefined) {
    const gone = new Set((Array.isArray(op.value) ? op.value : [op.value]).map(identity));
    container[key] = existing.filter((e) => !gone.has(identity(e)));
  } else delete container[key];
}

function applySub(container: Record<string, unknown>, key: string, sub: string, op: NormalOp, canonical: (l: string) => string) {
  let target = container[key];
  if (target === undefined) {
    if (op.op === 'remove') return;
    target = container[key] = {};
  }
  const targets = Array.isArray(target) ? target.filter(isObject) : isObject(target) ? [target] : [];
  if (targets.length === 0) throw noTarget(`${key} has no sub-attribute ${sub}`);
  for (const t of targets) {
    const subKey = keyFor(t, sub, canonical);
    if (op.op === 'remove') delete t[subKey];
    else t[subKey] = op.value;
  }
}

/** `attr[type eq "work"]` with nothing matching: the element the filter describes, for add/replace. */
function seedOf(filter: Filter, canonical: (l: string) => string): Record<string, unknown> | undefined {
  if (filter.kind === 'eq' && !filter.path.sub) return { [canonical(filter.path.attr)]: filter.value };
  if (filter.kind === 'and') {
    const l = seedOf(filter.left, canonical);
    const r = seedOf(filter.right, canonical);
    return l && r ? { ...l, ...r } : undefined;
  }
  return undefined;
}

function applyFiltered(container: Record<string, unknown>, key: string, path: PatchPath, op: NormalOp, canonical: (l: string) => string) {
  const existing = container[key];
  const list: unknown[] = Array.isArray(existing) ? [...existing] : existing === undefined ? [] : [existing];
  const hit = (e: unknown) => isObject(e) && matches(e, path.filter!);
  if (op.op === 'remove') {
    container[key] = path.sub ? list.map((e) => (hit(e) ? withoutKey(e as Record<string, unknown>, path.sub!) : e)) : list.filter((e) => !hit(e));
    return;
  }
  if (!path.sub && !isObject(op.value)) throw invalidValue(`The value for ${key}[…] must be an object`);
  let touched = false;
  const next = list.map((e) => {
    if (!hit(e)) return e;
    touched = true;
    const el = { ...(e as Record<string, unknown>) };
    if (path.sub) el[keyFor(el, path.sub, canonical)] = op.value;
    else Object.assign(el, op.value as object);
    return el;
  });
  if (!touched) {
    const seed = seedOf(path.filter!, canonical);
    if (!seed) throw noTarget(`No element of ${key} matches the path's filter`);
    next.push(path.sub ? { ...seed, [canonical(path.sub)]: op.value } : { ...seed, ...(op.value as object) });
  }
  container[key] = next;
}

function withoutKey(obj: Record<string, unknown>, lower: string) {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k.toLowerCase() !== lower));
}

export interface DocumentRules {
  /** The canonical spelling of a lower-cased attribute name. */
  canonical(lower: string): string;
  /** The key extension attributes of `schema` (lower-cased URN) live under, or an invalidPath. */
  extensionKey(schema: string): string | null;
}

/** Applies the ops, in order, to a copy of `doc` (the resource's writable attributes). */
export function applyToDocument(doc: Record<string, unknown>, ops: readonly NormalOp[], rules: DocumentRules): Record<string, unknown> {
  const out = structuredClone(doc);
  for (const op of ops) {
    const path = op.path!;
    let container = out;
    const ext = path.schema ? rules.extensionKey(path.schema) : null;
    if (ext) container = (isObject(out[ext]) ? out[ext] : (out[ext] = {})) as Record<string, unknown>;
    const key = keyFor(container, path.attr, rules.canonical);
    if (path.filter) applyFiltered(container, key, path, op, rules.canonical);
    else if (path.sub) applySub(container, key, path.sub, op, rules.canonical);
    else applyWhole(container, key, op);
  }
  return out;
}
