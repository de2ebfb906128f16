import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging.js';
import { lazyChildLogger } from './lazy-child-logger.js';

function logger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const parent = createLogger(level, sink);
  let children = 0;
  // pino's children inherit from their parent: the count must call `child` on whichever logger it is.
  const child = parent.child;
  parent.child = function (this: typeof parent, ...a: Parameters<typeof child>) {
    children++;
    return child.apply(this, a);
  } as typeof parent.child;
  return { parent: parent as unknown as FastifyBaseLogger, lines, children: () => children };
}
const strip = ({ time: _t, pid: _p, hostname: _h, ...rest }: Record<string, unknown>) => rest;

describe('lazyChildLogger', () => {
  it('makes no child for lines below the level, and writes what the eager child writes (bindings, redaction) above it', async () => {
    const lazy = logger('warn');
    const log = lazyChildLogger(lazy.parent, { reqId: 'r-1' }, {});
    log.info({ x: 1 }, 'not written');
    log.debug('nor this');
    expect(lazy.children()).toBe(0);
    expect(log.level).toBe('warn');
    log.warn({ headers: { authorization: 'Bearer abc' }, n: 2 }, 'written');
    log.error('and this');
    expect(lazy.children()).toBe(1);

    const eager = logger('warn');
    const child = eager.parent.child({ reqId: 'r-1' });
    child.warn({ headers: { authorization: 'Bearer abc' }, n: 2 }, 'written');
    child.error('and this');
    await new Promise((r) => setImmediate(r));
    expect(lazy.lines.map(strip)).toEqual(eager.lines.map(strip));
    expect(lazy.lines[0]).toMatchObject({ reqId: 'r-1', msg: 'written', headers: { authorization: '[REDACTED]' } });
  });

  it('a child of it carries both bindings; a route level of its own gets its child at once', async () => {
    const l = logger('info');
    lazyChildLogger(l.parent, { reqId: 'r-2' }, {}).child({ job: 'j' }).info('hello');
    await new Promise((r) => setImmediate(r));
    expect(l.lines[0]).toMatchObject({ reqId: 'r-2', job: 'j', msg: 'hello' });
    const before = l.children();
    const own = lazyChildLogger(l.parent, { reqId: 'r-3' }, { level: 'error' });
    expect(l.children()).toBe(before + 1);
    expect(own.level).toBe('error');
  });
});
