import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/**
 * The OpenAPI 3.1 document is the single source of request validation, response serialization,
 * the served `/openapi.json` and the TypeScript types. It is kept as a root file plus one
 * fragment per resource (`src/resources/<name>/openapi.yaml`), bundled here into one document; a key
 * defined twice is an error. Route schemas are derived per operationId with every `$ref`
 * inlined, so Ajv and fast-json-stringify compile self-contained schemas at start-up.
 */

type Json = any;

const here = path.dirname(fileURLToPath(import.meta.url));

// The repository root is the nearest folder above this module that holds openapi/openapi.yaml,
// whether this runs from src/http (tsx), or from the bundle in dist/.
function findRoot(start: string): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'openapi', 'openapi.yaml'))) return d;
    if (path.dirname(d) === d) throw new Error(`openapi/openapi.yaml not found above ${start}`);
  }
}
const ROOT = findRoot(here);
export const OPENAPI_DIR = path.join(ROOT, 'openapi');
const RUNNING_FROM_DIST = here.split(path.sep).includes('dist');

function mergeInto(target: Json, source: Json, where: string) {
  for (const [k, v] of Object.entries(source ?? {})) {
    if (target[k] === undefined) target[k] = v;
    else if (k === 'tags' && Array.isArray(v)) target[k] = [...target[k], ...v];
    else if (typeof v === 'object' && v && !Array.isArray(v) && typeof target[k] === 'object') mergeInto(target[k], v, `${where}.${k}`);
    else throw new Error(`OpenAPI fragment redefines ${where}.${k}`);
  }
}

/** Written by `npm run build`, so a built server skips YAML parsing at start-up. */
export const BUNDLE = path.join(ROOT, 'dist', 'openapi.json');

/** Where a resource module keeps its fragment of the contract. */
export const fragmentOf = (resource: string) => path.join(ROOT, 'src', 'resources', resource, 'openapi.yaml');

/**
 * The served document as the server needs it: its JSON text (served at /openapi.json, hashed to
 * match dist/precompiled.cjs) and, when it was built from the sources, the document itself. A
 * built server reads dist/openapi.json as text and never parses it: the build wrote it with
 * JSON.stringify, so the text is what JSON.stringify of the parsed document would give, and the
 * route schemas come from dist/precompiled.cjs (parsing 245 KB and writing it back out cost
 * ~10 ms of every start).
 */
export interface Contract {
  text: string;
  doc?: Json;
}
export function loadOpenApiContract({ resources }: { resources: readonly string[] }): Contract {
  const text = bundledText();
  if (text !== undefined) return { text };
  const doc = loadOpenApi({ resources, fromSources: true });
  return { text: JSON.stringify(doc), doc };
}

/** dist/openapi.json as text, when this runs from the built server and the build wrote it. */
function bundledText(): string | undefined {
  return RUNNING_FROM_DIST && existsSync(BUNDLE) ? readFileSync(BUNDLE, 'utf8') : undefined;
}

/**
 * The served document: `openapi/openapi.yaml` (info, shared components), `openapi/core.yaml` (the
 * core's own operations), then each resource's fragment in the order given (the registration
 * order, src/resources/index.ts).
 */
export function loadOpenApi({ resources, fromSources = false }: { resources: readonly string[]; fromSources?: boolean }): Json {
  const text = fromSources ? undefined : bundledText();
  if (text !== undefined) return JSON.parse(text);
  const doc = parseYaml(readFileSync(path.join(OPENAPI_DIR, 'openapi.yaml'), 'utf8'));
  for (const f of [path.join(OPENAPI_DIR, 'core.yaml'), ...resources.map(fragmentOf)]) {
    const frag = parseYaml(readFileSync(f, 'utf8')) ?? {};
    const { tags, ...rest } = frag;
    if (Array.isArray(tags)) doc.tags = [...(doc.tags ?? []), ...tags];
    mergeInto(doc, rest, path.relative(ROOT, f));
  }
  return doc;
}

export interface RouteSchema {
  params?: Json;
  querystring?: Json;
  headers?: Json;
  body?: Json;
  response?: Record<string, Json>;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  schema: RouteSchema;
  extension: boolean;
}

// Annotation keywords that Ajv's strict mode would reject; they stay in the served document.
const STRIP = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly']);

function resolvePointer(doc: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  let cur = doc;
  for (const part of ref.slice(2).split('/')) {
    cur = cur?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (cur === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return cur;
}

/** Inline every $ref and drop annotations Ajv does not know. */
export function inline(doc: Json, node: Json, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map((n) => inline(doc, n, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) throw new Error(`recursive $ref ${node.$ref}`);
    const { $ref, ...siblings } = node;
    const target = inline(doc, resolvePointer(doc, $ref), [...seen, $ref]);
    // OpenAPI 3.1 allows siblings next to $ref (e.g. a description); they annotate only.
    return Object.keys(siblings).length ? { ...target, ...inline(doc, siblings, seen) } : target;
  }
  const out: Json = {};
  // `x-plinth-case-insensitive: true` beside an `enum`: the document lists the canonical values
  // for readers, the domain matches them case-insensitively (Ajv's enum is case-sensitive).
  const caseInsensitive = node['x-plinth-case-insensitive'] === true;
  for (const [k, v] of Object.entries(node)) {
    if (STRIP.has(k) || k.startsWith('x-') || (caseInsensitive && k === 'enum')) continue;
    out[k] = k === 'properties' || k === 'patternProperties' || k === '$defs'
      ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, inline(doc, pv, seen)]))
      : inline(doc, v, seen);
  }
  return out;
}

function paramsSchema(doc: Json, params: Json[], where: string): Json | undefined {
  const ps = params.map((p) => (p.$ref ? resolvePointer(doc, p.$ref) : p)).filter((p) => p.in === where);
  if (ps.length === 0) return undefined;
  const properties: Json = {};
  const required: string[] = [];
  for (const p of ps) {
    const name = where === 'header' ? String(p.name).toLowerCase() : p.name;
    properties[name] = inline(doc, p.schema ?? {});
    if (p.required) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

export function operations(doc: Json): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const [p, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${p} has no operationId`);
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const schema: RouteSchema = {};
      const pathParams = paramsSchema(doc, params, 'path');
      if (pathParams) schema.params = pathParams;
      const query = paramsSchema(doc, params, 'query');
      if (query) schema.querystring = query;
      const headers = paramsSchema(doc, params, 'header');
      if (headers) schema.headers = headers;
      // `x-plinth-validate` on the media type: validate with this schema while the document shows
      // `schema` (e.g. a discriminated oneOf whose branches overlap, checked further by the domain).
      const media = op.requestBody?.content?.['application/json'];
      const json = media?.['x-plinth-validate'] ?? media?.schema;
      if (json) schema.body = inline(doc, json);
      for (const [status, resp] of Object.entries<Json>(op.responses ?? {})) {
        const r = resp.$ref ? resolvePointer(doc, resp.$ref) : resp;
        const s = r.content?.['application/json']?.schema;
        if (/^2\d\d$/.test(status) && s) (schema.response ??= {})[status] = inline(doc, s);
      }
      out.set(op.operationId, {
        method: method.toUpperCase(),
        path: p,
        operationId: op.operationId,
        schema,
        extension: op['x-plinth-extension'] === true,
      });
    }
  }
  return out;
}

/** Fastify path syntax (`:id`) for an OpenAPI path (`{id}`). */
export const fastifyPath = (p: string) => p.replace(/\{([^}]+)\}/g, ':$1');
