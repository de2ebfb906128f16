import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, notFound, unauthenticated } from '../../core/errors.js';
import { bearerAuthenticator } from '../../core/http/auth.js';
import { problem, sendProblem } from '../../core/http/problem.js';
import type { Identity } from '../../core/identity/identity.js';
import type { Tokens } from '../../core/identity/tokens.js';
import type { HttpScope } from '../../core/module.js';
import type { Policy } from '../../core/policy.js';
import { SeedError, type ControlsService, type Inject, type SeedFixture } from './service.js';
import { parseBasic } from '../../core/http/basic-auth.js';

export interface ControlRouteDeps {
  enabled: boolean;
  database: string;
  tokens: Tokens;
  identity: Identity;
  policy: Policy;
}

export function controlRoutes(http: HttpScope, controls: ControlsService, deps: ControlRouteDeps) {
  const r = http.api;
  const guard = controlsGuard(deps);
  const opts = { onRequest: guard };

  const { inject, authorizationFor } = seedCalls(http, controls.internalToken);

  r.op('getControls', 'public', async () => controls.summary(deps.database), opts);
  r.op('resetState', 'public', async (req) => controls.reset(req.actor!), opts);
  r.op('listSnapshots', 'public', async (req) => controls.listSnapshots(req.query), opts);
  r.op(
    'saveSnapshot',
    'public',
    async (req, reply) => {
      const { replaced, snapshot } = await controls.saveSnapshot(req.params.snapshotName, req.actor!);
      return reply.code(replaced ? 200 : 201).send(snapshot);
    },
    opts,
  );
  r.op('restoreSnapshot', 'public', async (req) => controls.restoreSnapshot(req.params.snapshotName, req.actor!), opts);
  r.op(
    'deleteSnapshot',
    'public',
    async (req, reply) => {
      controls.deleteSnapshot(req.params.snapshotName);
      return reply.code(204).send();
    },
    opts,
  );
  r.op(
    'seedState',
    'public',
    async (req, reply) => {
      try {
        const result = await controls.seed(req.body as SeedFixture, inject, await authorizationFor(req), req.actor!);
        return reply.code(201).header('cache-control', 'no-store').send(result);
      } catch (err) {
        if (!(err instanceof SeedError)) throw err;
        return sendProblem(reply, problem(err.status, err.detail, req, err.violations));
      }
    },
    opts,
  );

  r.op('getClock', 'public', async () => controls.clock.get(), opts);
  r.op('setClock', 'public', async (req) => controls.clock.set(new Date(req.body.now), req.body.frozen ?? false), opts);
  r.op('resetClock', 'public', async () => controls.clock.reset(), opts);
  r.op(
    'advanceClock',
    'public',
    async (req) => {
      const b = req.body ?? {};
      const byMs = ((((b.days ?? 0) * 24 + (b.hours ?? 0)) * 60 + (b.minutes ?? 0)) * 60 + (b.seconds ?? 0)) * 1000 + (b.milliseconds ?? 0);
      return controls.clock.advance(byMs, b.runJobs ?? true);
    },
    opts,
  );

  r.op('getFaults', 'public', async () => controls.faults.state(), opts);
  r.op(
    'clearFaults',
    'public',
    async (_req, reply) => {
      controls.faults.clear();
      return reply.code(204).send();
    },
    opts,
  );
  r.op('addFaultRule', 'public', async (req, reply) => reply.code(201).send(controls.faults.add(req.body)), opts);
  r.op(
    'deleteFaultRule',
    'public',
    async (req, reply) => {
      controls.faults.remove(req.params.faultId);
      return reply.code(204).send();
    },
    opts,
  );
  r.op('setRateLimitMode', 'public', async (req) => controls.faults.setRateLimit(req.body), opts);
  r.op('setIdentityOutage', 'public', async (req) => controls.faults.setIdentityOutage(req.body), opts);
}

/**
 * Off: 404 for everything (before authentication, so the answer tells nothing else). On: a
 * Super Admin credential, as a bearer token or as HTTP Basic (for when no token can be had).
 */
function controlsGuard(deps: ControlRouteDeps) {
  const authenticate = bearerAuthenticator({ tokens: deps.tokens, identity: deps.identity });

  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!deps.enabled) throw notFound('The Plinth controls are off; start Plinth with PLINTH_CONTROLS=1 (or plinth serve --controls) to use them');
    const header = req.headers.authorization ?? '';
    if (/^Basic /i.test(header)) {
      const creds = parseBasic(header);
      const result = creds ? await deps.identity.authenticateClient(creds.id, creds.secret) : { actor: null, reason: 'malformed basic header' };
      if (!result.actor) {
        req.log.info({ reason: result.reason }, 'controls: authentication failed');
        throw unauthenticated('A Super Admin client id and secret (HTTP Basic) or bearer token is required');
      }
      req.actor = result.actor;
    } else {
      await authenticate(req);
    }
    if (req.actor?.kind !== 'user' || req.actor.role !== 'SUPER_ADMIN') throw forbidden('The Plinth controls need a Super Admin API credential');
  };
  return guard;
}

/** The seed's in-process API calls, authorised as the caller (a Basic caller gets a token first). */
function seedCalls(http: HttpScope, internalToken: string) {
  const inject: Inject = async ({ method, url, headers, body }) => {
    const res = await http.app.inject({ method: method as any, url, headers, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    let parsed: unknown;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = res.body;
    }
    return { status: res.statusCode, body: parsed };
  };
  const authorizationFor = async (req: FastifyRequest) => {
    const header = req.headers.authorization ?? '';
    if (!/^Basic /i.test(header)) return header;
    const res = await http.app.inject({
      method: 'POST',
      url: '/oauth/dpc/token',
      headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded', 'x-plinth-internal': internalToken },
      payload: 'grant_type=client_credentials',
    });
    if (res.statusCode !== 200) throw unauthenticated('Could not obtain a token for the seed with these credentials');
    return `Bearer ${JSON.parse(res.body).access_token}`;
  };
  return { inject, authorizationFor };
}
