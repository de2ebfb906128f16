import type { FastifyBaseLogger } from 'fastify';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Bindings = Record<string, unknown>;
type ChildOptions = { level?: string; serializers?: unknown };
/** pino's loggers answer `isLevelEnabled`; a logger that does not gets its children at once. */
type Parent = FastifyBaseLogger & { isLevelEnabled(level: string): boolean };

/**
 * A request's logger, made on first use. Fastify gives every request a child logger bound to its
 * request id; pino runs those bindings through the redaction paths and builds the child (a
 * cached GET /v1/projects measured 1.15x req/s without it: docs/benchmarks.md), while at the usual
 * levels most requests write nothing. This stand-in takes `level` and `isLevelEnabled` from its
 * parent and makes the real child, with the same bindings, when a line is written at an enabled
 * level or a child is asked for: the lines are the ones the child would have written.
 */
class LazyChild {
  #real: Parent | undefined;
  constructor(
    private readonly parent: Parent,
    private readonly bindings: Bindings,
    private readonly opts: ChildOptions,
  ) {}
  #child() {
    return (this.#real ??= this.parent.child(this.bindings, this.opts as never) as Parent);
  }
  #write(level: Level, args: unknown[]) {
    const to = this.#real ?? (this.parent.isLevelEnabled(level) ? this.#child() : undefined);
    (to?.[level] as ((...a: unknown[]) => void) | undefined)?.apply(to, args);
  }
  fatal(...a: unknown[]) {
    this.#write('fatal', a);
  }
  error(...a: unknown[]) {
    this.#write('error', a);
  }
  warn(...a: unknown[]) {
    this.#write('warn', a);
  }
  info(...a: unknown[]) {
    this.#write('info', a);
  }
  debug(...a: unknown[]) {
    this.#write('debug', a);
  }
  trace(...a: unknown[]) {
    this.#write('trace', a);
  }
  silent() {}
  child(bindings: Bindings, opts?: ChildOptions) {
    return this.#child().child(bindings, opts as never);
  }
  isLevelEnabled(level: string) {
    return (this.#real ?? this.parent).isLevelEnabled(level);
  }
  get level() {
    return (this.#real ?? this.parent).level;
  }
  set level(level: string) {
    this.#child().level = level;
  }
}

/** Fastify's `childLoggerFactory`: a route with a level or serializers of its own gets its child at once. */
export function lazyChildLogger(parent: FastifyBaseLogger, bindings: Bindings, opts: ChildOptions): FastifyBaseLogger {
  const p = parent as Partial<Parent>;
  if (opts.level !== undefined || opts.serializers !== undefined || typeof p.isLevelEnabled !== 'function') return parent.child(bindings, opts as never);
  return new LazyChild(parent as Parent, bindings, opts) as unknown as FastifyBaseLogger;
}
