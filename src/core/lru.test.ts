import { describe, expect, it } from 'vitest';
import { boundedLru } from './lru.js';

describe('boundedLru', () => {
  it('holds at most its number of entries and evicts the least recently used', () => {
    const c = boundedLru<string, number>(3);
    c.set('a', 1).set('b', 2).set('c', 3);
    expect(c.get('a')).toBe(1); // a is now the most recent; b the least
    c.set('d', 4);
    expect(c.size).toBe(3);
    expect([...c.keys()].sort()).toEqual(['a', 'c', 'd']);
    for (let i = 0; i < 1000; i++) c.set(`k${i}`, i);
    expect(c.size).toBe(3);
    expect([...c.keys()].sort()).toEqual(['k997', 'k998', 'k999']);
  });

  it('counts every value as one entry, whatever its size', () => {
    const c = boundedLru<string, string>(2);
    c.set('a', 'x'.repeat(10_000)).set('b', '');
    expect(c.size).toBe(2);
    expect(c.get('a')).toHaveLength(10_000);
  });

  it('keeps the options it is given (TTL, dispose)', () => {
    let now = 1_000;
    const disposed: string[] = [];
    const c = boundedLru<string, number>(10, { ttl: 50, ttlResolution: 0, ttlAutopurge: false, perf: { now: () => now }, dispose: (_v, k) => void disposed.push(k) });
    c.set('a', 1);
    now += 49;
    expect(c.get('a')).toBe(1);
    now += 2;
    expect(c.get('a')).toBeUndefined();
    expect(disposed).toEqual(['a']);
  });
});
