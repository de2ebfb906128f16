import type { Logger } from 'pino';
import type { Audit, SystemActor } from '../../core/audit.js';
import type { Db } from '../../core/db/db.js';
import type { ClockControl, ClockState } from '../../core/clock.js';
import type { DatabaseState, Snapshot } from '../../core/db/state.js';
import { invalid, notFound } from '../../core/errors.js';
import { FaultInputError, type FaultRuleInput, type Faults, type IdentityOutage, type RateLimitMode } from '../../core/faults.js';
import type { CredentialChanges } from '../../core/identity/credential-cache.js';
import type { Identity } from '../../core/identity/identity.js';
import type { Limiters } from '../../core/limits.js';
import type { Actor } from '../../core/policy.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import { seedFixture, type Inject, type SeedFixture } from './seed.js';
import type { ControlsRepo } from './store.js';

export { SeedError, type Inject, type SeedFixture, type SeedResult } from './seed.js';

/**
 * The test-instance controls (the openapi.yaml beside this file says what each does): state
 * (reset, snapshots, seed), the clock and the faults. Permissions are checked by the routes
 * (Super Admin, bearer or Basic); this service assumes a caller that may use them.
 */

/** A background job the clock drives: run once after the clock moves. */
export interface ClockDrivenJob {
  name: string;
  runOnce(): Promise<unknown>;
}

export interface ControlsDeps {
  db: Db;
  audit: Audit;
  state: DatabaseState;
  repo: ControlsRepo;
  identity: Identity;
  changes: CredentialChanges;
  limiters: Limiters;
  clock: ClockControl;
  faults: Faults;
  jobs: () => ClockDrivenJob[];
  bootstrap: { clientId: string; clientSecret: string } | undefined;
  /** The bootstrap Super Admin user(s) kept by a reset, and the configured one put back after it. */
  people?: { keep(): Promise<string[]>; restore(): Promise<void> };
  logger: Logger;
}

/** One event per control that changes state (the items a seed creates also record their own). */
const controlEvent = (eventName: string, eventType: string, description: string, additionalInfo: Record<string, unknown> = {}) => ({
  eventName,
  eventType,
  description,
  subjectType: 'PLINTH',
  subjectName: 'controls',
  additionalInfo,
});

const ms = (started: number) => Math.round((performance.now() - started) * 100) / 100;

const faultInput = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FaultInputError) throw invalid(err.field, err.rule);
    throw err;
  }
};

export function createControlsService(deps: ControlsDeps) {
  const { state, repo, identity, changes, limiters, clock, faults, logger } = deps;
  const log = logger.child({ component: 'controls' });
  const snapshots = new Map<string, Snapshot>();

  const info = (s: Snapshot) => ({ name: s.name, createdAt: s.createdAt, rows: s.rows });
  // Who reset or restored when the caller is not known (the package entry's in-process calls).
  const whoever = (actor?: Actor): Actor | SystemActor => actor ?? { accountId: identity.defaultAccountId, actorId: 'system:controls' };

  /** `actor` set: a restore someone asked for (audited, after the restored rows); unset: the seed undoing itself. */
  async function restoreSnapshot(s: Snapshot, actor?: Actor | SystemActor) {
    await state.restore(s, async (trx) => {
      await changes.announce(trx, '*');
      if (actor) await deps.audit.record(trx, actor, controlEvent('controls_snapshot_restored', 'RESTORE', 'Snapshot restored', { snapshot: s.name }));
    });
    changes.committed('*');
    await limiters.clear();
  }

  async function reset(actor?: Actor) {
    const started = performance.now();
    const keepIds = await repo.bootstrapCredentialIds(identity.defaultAccountId, deps.bootstrap?.clientId);
    const keepUsers = (await deps.people?.keep()) ?? [];
    await state.reset(
      {
        accounts: { column: 'id', values: [identity.defaultAccountId] },
        api_credentials: { column: 'client_id', values: keepIds },
        users: { column: 'id', values: keepUsers },
      },
      async (trx) => {
        await changes.announce(trx, '*');
        // The audit log is emptied with everything else; this event starts the new one.
        await deps.audit.record(trx, whoever(actor), controlEvent('controls_reset', 'RESET', 'Instance state reset'));
      },
    );
    changes.committed('*');
    await limiters.clear();
    // Put the configured bootstrap credential back as configured (role, secret), as at start.
    if (deps.bootstrap) await identity.bootstrap(deps.bootstrap);
    await deps.people?.restore();
    const durationMs = ms(started);
    log.info({ durationMs }, 'state reset');
    return { durationMs };
  }

  return {
    /** Marks the requests the seed makes to the API (faults and the rate limit leave them alone). */
    internalToken: faults.internalToken,

    summary(database: string) {
      return { database, clock: clock.state(), faults: faults.state(), snapshots: [...snapshots.keys()] };
    },

    reset,

    listSnapshots(q: PageQuery) {
      const w = pageWindow(q);
      const all = [...snapshots.values()];
      return toPage(w, all.length, all.slice(w.offset, w.offset + w.limit), info);
    },

    async saveSnapshot(name: string, actor?: Actor) {
      const started = performance.now();
      const s = await state.snapshot(name, clock.now().toISOString());
      // After the copy: restoring the snapshot does not bring back the event of its own saving.
      await deps.audit.record(deps.db, whoever(actor), controlEvent('controls_snapshot_saved', 'CREATE', 'Snapshot saved', { snapshot: name, rows: s.rows }));
      const replaced = snapshots.delete(name);
      snapshots.set(name, s);
      const durationMs = ms(started);
      log.info({ snapshot: name, rows: s.rows, durationMs }, 'snapshot taken');
      return { replaced, snapshot: { ...info(s), durationMs } };
    },

    async restoreSnapshot(name: string, actor?: Actor) {
      const s = snapshots.get(name);
      if (!s) throw notFound(`No snapshot named ${name}`);
      const started = performance.now();
      await restoreSnapshot(s, whoever(actor));
      const durationMs = ms(started);
      log.info({ snapshot: name, rows: s.rows, durationMs }, 'snapshot restored');
      return { durationMs };
    },

    deleteSnapshot(name: string) {
      if (!snapshots.delete(name)) throw notFound(`No snapshot named ${name}`);
    },

    /**
     * Create the fixture's items through the API (`inject`, authorised as `authorization`), all
     * or nothing: the state before the seed is restored when an item fails.
     */
    async seed(fixture: SeedFixture, inject: Inject, authorization: string, actor?: Actor) {
      const result = await seedFixture({ state, clock, faults, log, restore: (s) => restoreSnapshot(s) }, fixture, inject, authorization);
      const counts = { apiCredentialCount: Object.keys(result.apiCredentials).length, agentCount: Object.keys(result.agents).length, projectCount: Object.keys(result.projects).length };
      await deps.audit.record(deps.db, whoever(actor), controlEvent('controls_seeded', 'CREATE', 'Seed fixture applied', counts));
      return result;
    },

    clock: clockControls(deps, log),
    faults: faultControls(deps, log),
  };
}
export type ControlsService = ReturnType<typeof createControlsService>;

/** Moving Plinth's time (and running the jobs it drives). */
function clockControls(deps: ControlsDeps, log: Logger) {
  const { clock } = deps;
  return {
    get: (): ClockState => clock.state(),
    set(at: Date, frozen: boolean) {
      clock.set(at, frozen);
      log.info({ clock: clock.state() }, 'clock set');
      return clock.state();
    },
    reset() {
      clock.reset();
      log.info({ clock: clock.state() }, 'clock back on real time');
      return clock.state();
    },
    async advance(byMs: number, runJobs: boolean) {
      if (byMs > 3660 * 86_400_000) throw invalid('', 'the clock moves at most 3660 days at once');
      clock.advance(byMs);
      log.info({ byMs, clock: clock.state() }, 'clock advanced');
      const jobs: Record<string, unknown> = {};
      if (runJobs) for (const j of deps.jobs()) jobs[j.name] = await j.runOnce();
      return { clock: clock.state(), jobs };
    },
  };
}

/** Injected faults, the rate-limit mode and the identity outage. */
function faultControls(deps: ControlsDeps, log: Logger) {
  const { clock, faults } = deps;
  return {
    state: () => faults.state(),
    add(input: FaultRuleInput) {
      const rule = faultInput(() => faults.addRule(input, clock.now()));
      log.info({ rule }, 'fault rule added');
      return rule;
    },
    remove(id: string) {
      if (!faults.removeRule(id)) throw notFound(`No fault rule ${id}`);
    },
    clear() {
      faults.clear();
      log.info('faults cleared');
    },
    setRateLimit(mode: RateLimitMode) {
      faultInput(() => faults.setRateLimit(mode));
      log.info({ rateLimit: faults.state().rateLimit }, 'rate-limit mode set');
      return faults.state().rateLimit;
    },
    setIdentityOutage(o: Partial<IdentityOutage> & { enabled: boolean }) {
      const r = faultInput(() => faults.setIdentityOutage(o));
      log.info({ identityOutage: r }, r.enabled ? 'identity outage on' : 'identity outage off');
      return r;
    },
  };
}
