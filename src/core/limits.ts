/// <reference path="./rate-limiter-lib.d.ts" />
import type { Pool } from 'pg';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import RateLimiterPostgres from 'rate-limiter-flexible/lib/RateLimiterPostgres.js';

/**
 * Counters behind the API rate limit and the failed-authentication limiter (rate-limiter-flexible).
 *
 * On SQLite (one process) they live in memory. On PostgreSQL they live in the shared database
 * (`RateLimiterPostgres`, table `plinth_rate_limits` in the connection's schema, created on first
 * start), so a limit holds across every node of a deployment rather than per process: N nodes
 * behind a load balancer give a caller the configured budget, not N times it. Each check costs one
 * upsert; a key over its limit is also blocked in this node's memory until its window ends, so a
 * caller hammering past the limit costs no further queries. When the database cannot answer a
 * limiter query, the node falls back to an in-memory limiter of the same size (the request is then
 * limited per node, never refused for the limiter's sake).
 *
 * The counters run on real time, not on Plinth's (movable) clock: they pace callers.
 */

export interface LimiterOptions {
  /** Distinguishes the limiters sharing the table (`api`, `auth-client`, …). */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/** The part of rate-limiter-flexible's limiter that Plinth uses (rejections are RateLimiterRes). */
export interface Limiter {
  readonly points: number;
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  penalty(key: string, points?: number): Promise<RateLimiterRes>;
  delete(key: string): Promise<boolean>;
}

export interface Limiters {
  /** A limiter; the same options give the same limiter (so runtime switches reuse counters). */
  get(opts: LimiterOptions): Limiter;
  /** Forget every count (state controls: reset and restore). */
  clear(): Promise<void>;
  readonly shared: boolean;
}

export const LIMITS_TABLE = 'plinth_rate_limits';

/** What a refused `consume` rejects with (any other rejection is a store failure). */
export { default as RateLimiterRes } from 'rate-limiter-flexible/lib/RateLimiterRes.js';

export async function createLimiters(pool?: Pool): Promise<Limiters> {
  if (pool) {
    // Create the table once, before any request is served.
    await new Promise<void>((resolve, reject) => {
      new RateLimiterPostgres(
        { storeClient: pool, storeType: 'pool', tableName: LIMITS_TABLE, keyPrefix: 'init', points: 1, duration: 1, clearExpiredByTimeout: true },
        // Two nodes starting together both run CREATE TABLE IF NOT EXISTS; the loser of that race
        // gets a unique violation on the table's row type (23505), 42P07, or 42710 ("type ...
        // already exists"): the table is there.
        (err?: Error) => (err && !['23505', '42P07', '42710'].includes((err as { code?: string }).code ?? '') ? reject(err) : resolve()),
      );
    });
  }
  const build = (opts: LimiterOptions): RateLimiterAbstract => {
    const base = { keyPrefix: `${opts.keyPrefix}:${opts.points}:${opts.durationSeconds}`, points: opts.points, duration: opts.durationSeconds };
    return pool
      ? new RateLimiterPostgres({
          ...base,
          storeClient: pool,
          storeType: 'pool',
          tableName: LIMITS_TABLE,
          tableCreated: true,
          clearExpiredByTimeout: false,
          inMemoryBlockOnConsumed: opts.points + 1,
          inMemoryBlockDuration: opts.durationSeconds,
          insuranceLimiter: new RateLimiterMemory(base),
        })
      : new RateLimiterMemory(base);
  };
  // Callers keep the Limiter they were given; `clear` swaps what is behind it.
  const current = new Map<string, { opts: LimiterOptions; impl: RateLimiterAbstract }>();
  return {
    shared: pool !== undefined,
    get(opts) {
      const key = `${opts.keyPrefix}|${opts.points}|${opts.durationSeconds}`;
      let slot = current.get(key);
      if (!slot) current.set(key, (slot = { opts, impl: build(opts) }));
      const s = slot;
      return {
        points: opts.points,
        consume: (k, points = 1) => s.impl.consume(k, points),
        get: (k) => s.impl.get(k),
        penalty: (k, points = 1) => s.impl.penalty(k, points),
        delete: (k) => s.impl.delete(k),
      };
    },
    async clear() {
      for (const slot of current.values()) slot.impl = build(slot.opts);
      if (pool) await pool.query(`DELETE FROM ${LIMITS_TABLE}`);
    },
  };
}
