import pg from 'pg';
import { expect, it } from 'vitest';
import { createLimiters } from '../../src/core/limits.js';
import { createPgSchema } from '../helpers/pg.js';

// Nodes starting together on an empty schema all create the rate-limit table; whichever loses the
// race gets 23505, 42P07 or 42710 ("type ... already exists") and must still start.
it('several nodes creating the rate-limit table at once on a new schema all start', async () => {
  for (let round = 0; round < 6; round++) {
    const { url, drop } = await createPgSchema({ prefix: 'limits' });
    const pools = Array.from({ length: 6 }, () => new pg.Pool({ connectionString: url, max: 1 }));
    try {
      const results = await Promise.allSettled(pools.map((p) => createLimiters(p)));
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await drop();
    }
  }
});
