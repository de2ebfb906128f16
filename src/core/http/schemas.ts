import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { requireOutside } from '../import-outside.js';
import type { Operation } from './contract.js';

// Defined as true by the build (scripts/build.ts). Checking every route schema against the JSON
// Schema meta-schema costs ~40 ms at start; the sources (tests, dev) check them, the bundle
// built from those same schemas skips it.
declare const PLINTH_BUNDLED: boolean | undefined;
const VALIDATE_SCHEMAS = typeof PLINTH_BUNDLED === 'undefined';

/** Ajv as the server validates with; `source` keeps the generated code (for `npm run build`). */
export function makeAjv(coerce: boolean, { source = false } = {}) {
  // Bodies are validated without type coercion (a number is not a string); path and query
  // values are strings on the wire, so they are coerced. allErrors: one violation per problem.
  const ajv = new Ajv.default({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
    validateSchema: VALIDATE_SCHEMAS,
    ...(source ? { code: { source: true } } : {}),
  });
  addFormats.default(ajv);
  return ajv;
}

/**
 * Validators and response serializers generated ahead of time by `npm run build`
 * (scripts/build.ts → dist/precompiled.cjs), keyed by `schemaKey`. The bundle uses them
 * instead of compiling every route schema at start; they are used only when built from the
 * same OpenAPI document (its hash) and each one only for the exact schema it was built from.
 */
export type SchemaKind = 'b' | 'p' | 's';
export interface Precompiled {
  openapiHash: string;
  /** `operations(doc)` of the same document, computed by the build. */
  operations: Operation[];
  validators: Record<string, () => any>;
  serializers: Record<string, () => any>;
}
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** b: body validator, p: params/querystring/headers validator (coercing), s: response serializer. */
export const schemaKey = (kind: SchemaKind, schema: unknown) => `${kind}:${sha256(JSON.stringify(schema))}`;

let recorder: ((kind: SchemaKind, key: string, schema: unknown) => void) | undefined;
/** The build records every schema a server compiles, to generate code for each. */
export function recordSchemas(fn: typeof recorder) {
  recorder = fn;
}

async function loadPrecompiled(docHash: string, log: FastifyInstance['log']): Promise<Precompiled | undefined> {
  if (typeof PLINTH_BUNDLED === 'undefined' || recorder) return undefined;
  const file = fileURLToPath(new URL('./precompiled.cjs', import.meta.url));
  if (!existsSync(file)) return undefined;
  const mod = requireOutside(file, createRequire(import.meta.url)) as Precompiled;
  if (mod.openapiHash !== docHash) {
    log.warn('dist/precompiled.cjs was built from another OpenAPI document; compiling schemas at start');
    return undefined;
  }
  return mod;
}

/**
 * A precompiled validator that builds itself on its first call. V8 compiles each generated module
 * of dist/precompiled.cjs (1.4 MB in all) only when it first runs, so building every route's at
 * start cost ~54 ms of CPU in a profiled cold start (the compiler callbacks' self time) before the
 * server could listen; this way each route's first request pays for its own. Fastify reads
 * `errors` from the function it was given, so that reads through to the built one.
 */
export function lazyValidator(factory: () => any) {
  let built: any;
  const validate = function (this: unknown, ...args: unknown[]) {
    built ??= factory();
    return built.apply(this, args);
  };
  Object.defineProperty(validate, 'errors', { get: () => built?.errors ?? null });
  return validate;
}

/**
 * Validators and serializers for every route schema: generated ahead of time in the bundle,
 * compiled at start from the sources (each distinct schema once).
 */
export async function installCompilers(app: FastifyInstance, served: string): Promise<Operation[] | undefined> {
  const pre = await loadPrecompiled(sha256(served), app.log);
  let bodyAjv: Ajv.default | undefined;
  let paramAjv: Ajv.default | undefined;
  // Many operations share a schema (page/size, projectId, …): compile each distinct one once.
  const compiled = new Map<string, any>();
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const kind = httpPart === 'body' ? 'b' : 'p';
    const key = pre || recorder ? schemaKey(kind, schema) : `${kind}:${JSON.stringify(schema)}`;
    let fn = compiled.get(key);
    if (fn) return fn;
    const factory = pre?.validators[key];
    fn = factory && lazyValidator(factory);
    if (!fn) {
      if (pre) app.log.debug({ httpPart }, 'validator not precompiled; compiling it');
      recorder?.(kind, key, schema);
      fn = kind === 'b' ? (bodyAjv ??= makeAjv(false)).compile(schema) : (paramAjv ??= makeAjv(true)).compile(schema);
    }
    compiled.set(key, fn);
    return fn;
  });
  if (pre || recorder) {
    // Fastify's own serializer compiler (fast-json-stringify, default options) for anything not
    // generated ahead of time.
    let fallback: ReturnType<ReturnType<typeof SerializerSelector>> | undefined;
    const serializers = new Map<string, (data: unknown) => string>();
    app.setSerializerCompiler((route) => {
      const key = schemaKey('s', route.schema);
      let fn = serializers.get(key);
      if (fn) return fn;
      const factory = pre?.serializers[key];
      if (factory) {
        let built: ((data: unknown) => string) | undefined;
        fn = (data) => (built ??= factory())(data);
        serializers.set(key, fn);
        return fn;
      }
      if (pre) app.log.debug({ url: route.url, httpStatus: route.httpStatus }, 'serializer not precompiled; compiling it');
      recorder?.('s', key, route.schema);
      return (fallback ??= SerializerSelector()({}, {}))(route as any);
    });
  }
  return pre?.operations;
}
