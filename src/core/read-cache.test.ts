import { describe, expect, it } from 'vitest';
import { createReadCache, readScope } from './read-cache.js';

const A = readScope('projects', 'acct-a');
const B = readScope('projects', 'acct-b');

function counter<T>(value: T) {
  let calls = 0;
  return { load: async () => (calls++, value), get calls() { return calls; } };
}

describe('read cache', () => {
  it('serves a kept value without loading again; a scope eviction drops only that scope', async () => {
    const c = createReadCache({ ttlMs: 60_000, active: true });
    const a = counter('a1');
    const b = counter('b1');
    expect(await c.get(A, 'k', a.load)).toBe('a1');
    expect(await c.get(A, 'k', a.load)).toBe('a1');
    expect(await c.get(B, 'k', b.load)).toBe('b1');
    expect([a.calls, b.calls]).toEqual([1, 1]);
    c.evict([A, 'not-a-read-scope', 'project:x']);
    await c.get(A, 'k', a.load);
    await c.get(B, 'k', b.load);
    expect([a.calls, b.calls]).toEqual([2, 1]);
    c.evict('*');
    await c.get(B, 'k', b.load);
    expect(b.calls).toBe(2);
  });

  it('does not keep a load that overlapped an eviction (it may hold the state before the change)', async () => {
    const c = createReadCache({ ttlMs: 60_000, active: true });
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const pending = c.get(A, 'k', async () => (await slow, 'before'));
    c.evict([A]); // a change commits while the read is in flight
    release();
    expect(await pending).toBe('before'); // the caller gets what it read…
    expect(await c.get(A, 'k', async () => 'after')).toBe('after'); // …but it was not kept
    expect(await c.get(A, 'k', async () => 'later')).toBe('after');
  });

  it('keeps nothing when inactive (PostgreSQL not listening) or disabled (TTL 0), nor what `keep` refuses', async () => {
    const inactive = createReadCache({ ttlMs: 60_000, active: false });
    const disabled = createReadCache({ ttlMs: 0, active: true });
    for (const c of [inactive, disabled]) {
      const x = counter('v');
      await c.get(A, 'k', x.load);
      await c.get(A, 'k', x.load);
      expect(x.calls).toBe(2);
    }
    const c = createReadCache({ ttlMs: 60_000, active: true });
    const missing = counter<string | undefined>(undefined);
    await c.get(A, 'k', missing.load, (v) => v !== undefined);
    await c.get(A, 'k', missing.load, (v) => v !== undefined);
    expect(missing.calls).toBe(2);
    // Going active clears, and so does going inactive.
    const y = counter('y');
    await c.get(A, 'y', y.load);
    c.setActive(false);
    c.setActive(true);
    await c.get(A, 'y', y.load);
    expect(y.calls).toBe(2);
  });

  it('expires entries after the TTL', async () => {
    const c = createReadCache({ ttlMs: 20, active: true });
    const x = counter('v');
    await c.get(A, 'k', x.load);
    await new Promise((r) => setTimeout(r, 40));
    await c.get(A, 'k', x.load);
    expect(x.calls).toBe(2);
  });

  it('forgets the keys of entries the LRU pushed out (no growth of its scope index)', async () => {
    const c = createReadCache({ ttlMs: 60_000, max: 3, active: true });
    for (let i = 0; i < 10; i++) await c.get(readScope('projects', `acct-${i}`), 'k', async () => i);
    expect(c.size).toBe(3);
    c.evict([readScope('projects', 'acct-9')]);
    expect(c.size).toBe(2);
  });
});
