import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso } from './clock.js';

describe('iso (clock.ts)', () => {
  it('is toISOString for any instant, in any order of calls', () => {
    // Instants from before year 0 to after 9999 (six-digit years), and runs of instants within one
    // second, so both the cached second and a change of second come up.
    const instant = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: 1_700_000_000_000, max: 1_700_000_003_000 }),
      fc.constantFrom(0, -1, 999, 1000, -1000, 253402300799999, 253402300800000, -62167219200000, -62167219200001),
    );
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (ts) => {
        for (const t of ts) expect(iso(new Date(t))).toBe(new Date(t).toISOString());
      }),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  it('throws as toISOString does for an invalid date', () => {
    expect(() => iso(new Date(Number.NaN))).toThrow(RangeError);
  });
});
