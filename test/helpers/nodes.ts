import { randomUUID } from 'node:crypto';
import { generateMasterKey } from '../../src/core/crypto/vault.js';
import { startApp, type TestApp } from './app.js';
import { createPgSchema } from './pg.js';

/** Polls `probe` until it returns true; fails after `ms`. Returns how long it took. Never a fixed sleep. */
export async function eventually(probe: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Two PostgreSQL nodes on one fresh schema, closed and dropped afterwards. Their cache TTL is
 * long (600 s): only a change notice can explain one node seeing the other's change in time.
 */
export async function withTwoPgNodes(tag: string, run: (a: TestApp, b: TestApp) => Promise<void>) {
  const schema = await createPgSchema();
  const masterKey = generateMasterKey();
  const env = { PLINTH_CREDENTIAL_CACHE_TTL_MS: '600000' };
  const id = randomUUID().slice(0, 8);
  const [a, b] = await Promise.all([
    startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: `${tag}-a-${id}` } }),
    startApp('postgres', { databaseUrl: schema.url, masterKey, env, appOptions: { nodeId: `${tag}-b-${id}` } }),
  ]);
  try {
    await run(a, b);
  } finally {
    await a.app.close();
    await b.app.close();
    await schema.drop();
  }
}
