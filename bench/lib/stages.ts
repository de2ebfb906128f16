import { existsSync, readFileSync } from 'node:fs';
import { readProfile, selfTimeIn } from './profile.js';
import { SourceMap } from 'node:module';
import path from 'node:path';

/**
 * Where a request's CPU time goes, by stage, from a V8 .cpuprofile of the server under load.
 *
 * Every sample is charged to one stage: the innermost frame on its stack that belongs to a stage
 * decides. Frames that belong to none (Node's events, promises, timers and crypto internals, V8
 * builtins such as JSON.parse or a RegExp) pass the sample to their caller, so time in a builtin
 * lands on the code that called it: the JSON.parse of a body on the body parser, better-sqlite3's
 * native statement on the driver that ran it. Frames of the bundle (dist/cli.cjs) are mapped back
 * to their source file through its source map, so the stages follow the source tree, not names
 * that esbuild may rename.
 */

export interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** The stages, in the order of a request; `null` from a rule passes the sample to the caller. */
export const STAGES = [
  'HTTP parsing and writing (Node)',
  'socket write (writev)',
  'routing, hooks, reply (Fastify)',
  'body parse (JSON)',
  'auth (token, actor)',
  'policy (permission)',
  'validation (precompiled Ajv)',
  'route handlers (mapping)',
  'service rules',
  'audit event',
  'read cache',
  'vault (encryption of secrets)',
  'Kysely (query objects, transactions)',
  'SQL run (driver + database)',
  'serialization (fast-json-stringify)',
  'logging (pino)',
  'metrics (prom-client)',
  'Plinth HTTP plumbing (binder, problems, plugins)',
  'other Plinth code',
  'other libraries',
  'Node runtime (events, promises, timers)',
  'garbage collector',
  'V8 (program, unattributed)',
] as const;
export type Stage = (typeof STAGES)[number];

const FRAMEWORK = /^node_modules\/(fastify|find-my-way|avvio|light-my-request|fastify-plugin|abstract-logging|toad-cache|@fastify\/(?!ajv-compiler|fast-json-stringify-compiler))/;

/** The stage of one frame, given its source (`src/…`, `node_modules/…`, `node:…`, or the url). */
export function stageOfSource(source: string, functionName: string): Stage | 'validation-or-serialization' | null {
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'V8 (program, unattributed)';
  if (functionName === 'writev' && source === '') return 'socket write (writev)';
  if (source === '') return null;
  if (source.startsWith('node:')) {
    if (/^node:(_http_|internal\/http|net$|internal\/stream_base_commons|internal\/streams|stream$)/.test(source)) return 'HTTP parsing and writing (Node)';
    return null;
  }
  if (source.endsWith('precompiled.cjs')) return 'validation-or-serialization';
  if (source.startsWith('node_modules/')) {
    if (/^node_modules\/(secure-json-parse)\//.test(source)) return 'body parse (JSON)';
    if (/^node_modules\/(fast-json-stringify|@fastify\/fast-json-stringify-compiler)\//.test(source)) return 'serialization (fast-json-stringify)';
    if (/^node_modules\/(ajv|ajv-formats|@fastify\/ajv-compiler)\//.test(source)) return 'validation (precompiled Ajv)';
    if (source.startsWith('node_modules/kysely/')) return 'Kysely (query objects, transactions)';
    if (/^node_modules\/(better-sqlite3|pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//.test(source)) return 'SQL run (driver + database)';
    if (/^node_modules\/(jose)\//.test(source)) return 'auth (token, actor)';
    if (/^node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|quick-format-unescaped|on-exit-leak-free|thread-stream)\//.test(source)) return 'logging (pino)';
    if (/^node_modules\/(prom-client|tdigest|bintrees)\//.test(source)) return 'metrics (prom-client)';
    if (source.startsWith('node_modules/lru-cache/')) return 'read cache';
    if (FRAMEWORK.test(source)) return 'routing, hooks, reply (Fastify)';
    return 'other libraries';
  }
  if (source.startsWith('src/')) {
    if (source.startsWith('src/core/db/')) return 'SQL run (driver + database)';
    if (source.startsWith('src/core/identity/') || source === 'src/core/http/auth.ts' || source === 'src/core/http/basic-auth.ts') return 'auth (token, actor)';
    if (/^src\/core\/(policy|access|grants)\.ts$/.test(source)) return 'policy (permission)';
    if (source === 'src/core/audit.ts' || source === 'src/core/http/plugins/audit-context.ts') return 'audit event';
    if (source === 'src/core/read-cache.ts') return 'read cache';
    if (source.startsWith('src/core/crypto/')) return 'vault (encryption of secrets)';
    if (source === 'src/core/logging.ts' || source === 'src/core/http/lazy-child-logger.ts') return 'logging (pino)';
    if (source === 'src/core/metrics.ts') return 'metrics (prom-client)';
    if (source === 'src/core/http/serialized-once.ts') return 'serialization (fast-json-stringify)';
    if (source === 'src/core/http/schemas.ts') return 'validation-or-serialization';
    if (source.startsWith('src/core/http/')) return 'Plinth HTTP plumbing (binder, problems, plugins)';
    if (/^src\/resources\/[^/]+\/routes\.ts$/.test(source)) return 'route handlers (mapping)';
    if (/^src\/resources\/[^/]+\/([a-z-]*store|repo)\.ts$/.test(source)) return 'SQL run (driver + database)';
    if (source.startsWith('src/resources/') || /^src\/core\/(ids|text|paging|clock|limits|errors)\.ts$/.test(source)) return 'service rules';
    return 'other Plinth code';
  }
  return 'other libraries';
}

/**
 * The stage of a sample, its stack given leaf first. Precompiled code is a validator when
 * Fastify's validation called it and a serializer otherwise.
 */
export function stageOfStack(stack: { source: string; functionName: string }[]): Stage {
  for (let i = 0; i < stack.length; i++) {
    const s = stageOfSource(stack[i]!.source, stack[i]!.functionName);
    if (s === null) continue;
    if (s === 'validation-or-serialization') {
      const validating = stack.slice(i + 1).some((f) => f.source.startsWith('node_modules/fastify/lib/validation') || f.functionName === 'validate');
      return validating ? 'validation (precompiled Ajv)' : 'serialization (fast-json-stringify)';
    }
    return s;
  }
  return 'Node runtime (events, promises, timers)';
}

/** Maps a frame's url (and, for a bundle with a source map, its position) to a source path relative to `root`. */
export class Sources {
  private readonly maps = new Map<string, SourceMap | null>();
  constructor(private readonly root: string) {}

  of(frame: Frame): string {
    const { url } = frame;
    if (!url) return '';
    if (url.startsWith('node:')) return url;
    const file = url.replace(/^file:\/\//, '');
    const map = this.map(file);
    const original = map?.findEntry(frame.lineNumber, frame.columnNumber);
    const src = original && 'originalSource' in original && original.originalSource ? original.originalSource.replace(/^file:\/\//, '') : file;
    const abs = path.resolve(path.dirname(file), src);
    const nm = abs.lastIndexOf('/node_modules/');
    if (nm >= 0) return abs.slice(nm + 1);
    return path.relative(this.root, abs);
  }

  private map(file: string): SourceMap | null {
    let m = this.maps.get(file);
    if (m === undefined) {
      m = null;
      if (existsSync(`${file}.map`)) m = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      this.maps.set(file, m);
    }
    return m;
  }
}

export interface StageTimes {
  /** CPU milliseconds per stage (idle excluded) inside the window. */
  ms: Record<Stage, number>;
  busyMs: number;
}

/** CPU time per stage of the samples taken between `fromUs` and `toUs` (profile.ts, `selfTimeIn`). */
export function stageTimes(file: string, root: string, fromUs = -Infinity, toUs = Infinity): StageTimes {
  const prof = readProfile(file);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sources = new Sources(root);
  const ms = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let busy = 0;
  // Each node once: its self time inside the window, charged to the stage of its stack.
  for (const [id, us] of selfTimeIn(prof, fromUs, toUs)) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const stack: { source: string; functionName: string }[] = [];
    for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
      const f = byId.get(c)!.callFrame;
      stack.push({ source: sources.of(f), functionName: f.functionName });
    }
    const s = stageOfStack(stack);
    ms[s] += us / 1000;
    busy += us / 1000;
  }
  return { ms, busyMs: busy };
}
