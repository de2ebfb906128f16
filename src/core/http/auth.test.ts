import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerGuard } from './auth.js';
import { DomainError } from '../errors.js';
import type { Identity } from '../identity/identity.js';
import type { TokenClaims, Tokens } from '../identity/tokens.js';
import type { Actor, Policy } from '../policy.js';

const ACCOUNT = 'a0000000-0000-4000-8000-000000000001';
const actor: Actor = { accountId: ACCOUNT, clientId: 'client-1', role: 'SUPER_ADMIN', kind: 'user', agentId: null, generation: 2 };
const claims: TokenClaims = { sub: 'client-1', accountId: ACCOUNT, exp: Number.MAX_SAFE_INTEGER, generation: 2 };

/**
 * The guard with caches that hold `cached` (claims and actor) and an async path that records
 * that it ran: what the promise-free path decides must be what the async path would.
 */
function guardWith(cached: { claims?: TokenClaims; actor?: Actor }) {
  const slow: string[] = [];
  const tokens = {
    cachedClaims: (token: string) => (token === 'tok' ? cached.claims : undefined),
    verify: async (token: string) => {
      slow.push(`verify ${token}`);
      return claims;
    },
  } as unknown as Tokens;
  const identity = {
    cachedActor: (id: string) => (id === claims.sub ? cached.actor : undefined),
    currentActor: async (id: string) => {
      slow.push(`actor ${id}`);
      return id === actor.clientId ? actor : null;
    },
  } as unknown as Identity;
  const policy = { allows: () => true } as unknown as Policy;
  return { onRequest: bearerGuard({ tokens, identity, policy })('projects.read').onRequest, slow };
}

const requestWith = (headers: Record<string, string>) => {
  const log = { info: () => {} };
  return { headers, log, actor: null, server: {} } as unknown as FastifyRequest;
};

/** Runs the hook; `sync` tells whether it answered before returning (no promise in between). */
async function run(onRequest: ReturnType<typeof guardWith>['onRequest'], request: FastifyRequest) {
  let answered: { err?: Error } | undefined;
  const finished = new Promise<void>((resolve) => {
    onRequest(request, {} as FastifyReply, (err?: Error) => {
      answered = { err };
      resolve();
    });
  });
  const sync = answered !== undefined;
  await finished;
  return { sync, err: answered!.err, actor: request.actor };
}

describe('bearerGuard on a cached token and credential', () => {
  it('admits without a promise when both caches hold the token and the actor', async () => {
    const g = guardWith({ claims, actor });
    const r = await run(g.onRequest, requestWith({ authorization: 'Bearer tok' }));
    expect(r).toEqual({ sync: true, err: undefined, actor });
    expect(g.slow).toEqual([]);
  });

  it('applies the same checks as the async path: account-id header, generation, account', async () => {
    const mismatch = await run(guardWith({ claims, actor }).onRequest, requestWith({ authorization: 'Bearer tok', 'account-id': 'a0000000-0000-4000-8000-000000000002' }));
    expect(mismatch.sync).toBe(true);
    expect((mismatch.err as DomainError).kind).toBe('forbidden');
    expect(mismatch.actor).toBeNull();

    const refreshed = await run(guardWith({ claims, actor: { ...actor, generation: 3 } }).onRequest, requestWith({ authorization: 'Bearer tok' }));
    expect((refreshed.err as DomainError).kind).toBe('unauthenticated');
    expect(refreshed.actor).toBeNull();

    const moved = await run(guardWith({ claims, actor: { ...actor, accountId: 'a0000000-0000-4000-8000-000000000003' } }).onRequest, requestWith({ authorization: 'Bearer tok' }));
    expect((moved.err as DomainError).kind).toBe('unauthenticated');
    expect(moved.actor).toBeNull();
  });

  it('takes the async path when either cache misses, and for a header the pattern refuses', async () => {
    for (const cached of [{}, { claims }, { actor }]) {
      const g = guardWith(cached);
      const r = await run(g.onRequest, requestWith({ authorization: 'Bearer tok' }));
      expect(r).toMatchObject({ sync: false, err: undefined, actor });
      expect(g.slow).toEqual(['verify tok', 'actor client-1']);
    }
    const g = guardWith({ claims, actor });
    const malformed = await run(g.onRequest, requestWith({ authorization: 'Bearer tok with spaces' }));
    expect(malformed.sync).toBe(false);
    expect((malformed.err as DomainError).kind).toBe('unauthenticated');
    expect(g.slow).toEqual([]);
  });
});
