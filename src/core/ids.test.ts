import { describe, expect, it } from 'vitest';
import { orderedId } from './ids.js';

describe('orderedId', () => {
  it('gives distinct version-7 UUIDs that sort in creation order, across refills of its random pool', () => {
    const now = Date.parse('2026-12-02T00:00:00.000Z');
    // 3,000 ids in one millisecond (the 12-bit counter) and then later ones: the pool of 256 ids
    // is refilled about twenty times.
    const ids = [...Array.from({ length: 3000 }, () => orderedId(now)), ...Array.from({ length: 2000 }, (_, i) => orderedId(now + 10 + i))];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The random tails (the last 62 bits) are not reused either.
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
  });
});
