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
    // The first 48 bits are the millisecond, then the version and the counter.
    expect(parseInt(ids[0]!.slice(0, 8) + ids[0]!.slice(9, 13), 16)).toBe(now);
    expect(ids[2]!.slice(14, 18)).toBe('7002');
    expect(parseInt(ids[3000]!.slice(0, 8) + ids[3000]!.slice(9, 13), 16)).toBe(now + 10);
    const late = orderedId(Date.parse('2999-12-31T23:59:59.999Z'));
    expect(parseInt(late.slice(0, 8) + late.slice(9, 13), 16)).toBe(Date.parse('2999-12-31T23:59:59.999Z'));
    // The random tails (the last 62 bits) are not reused either.
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
  });
});
