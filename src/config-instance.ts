import { readFileSync } from 'node:fs';
import { FaultInputError, validateRateLimit, validateRule, type FaultRuleInput, type IdentityOutage, type RateLimitMode, type RateLimitModeName } from './core/faults.js';

/**
 * Configuration of how an instance is run (issue 17): the test controls, the clock, fault
 * emulation and metrics. Parsed from the environment by `loadConfig` (src/config.ts); errors are
 * thrown as the `fail` function given, so they surface as one-line start-up errors.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `PLINTH_CONTROLS` | off | `1` serves the state, clock and fault controls under `/plinth/controls` (Super Admin only) |
 * | `PLINTH_CONTROLS_ALLOW_POSTGRES` | off | `1` allows the controls on PostgreSQL (refused at start otherwise: they reset a shared database) |
 * | `PLINTH_CLOCK` | real time | start Plinth's clock at this ISO 8601 instant |
 * | `PLINTH_CLOCK_FROZEN` | `1` when `PLINTH_CLOCK` is set | `0` lets the clock run on from `PLINTH_CLOCK` |
 * | `PLINTH_FAULTS` | none | fault rules at start: a JSON array (see the controls), or `@<file>` holding one |
 * | `PLINTH_RATE_LIMIT_MODE` | `configured` | `configured` (PLINTH_RATE_LIMIT_PER_MINUTE), `saas` (1000/min), `saas-legacy` (60/min, 5/s), `off` |
 * | `PLINTH_IDENTITY_OUTAGE` | off | `1` (503) or a status: the token endpoint answers as a down identity server |
 * | `PLINTH_METRICS` | `1` | `0` turns `GET /metrics` off (404) |
 */

export interface ControlsConfig {
  enabled: boolean;
  allowPostgres: boolean;
  clock?: { at: Date; frozen: boolean };
  faults: FaultRuleInput[];
  rateLimitMode?: RateLimitMode;
  identityOutage?: Partial<IdentityOutage> & { enabled: boolean };
}

export interface InstanceConfig {
  controls: ControlsConfig;
  metrics: boolean;
}

const flag = (env: NodeJS.ProcessEnv, name: string, fail: (m: string) => never): boolean | undefined => {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  return fail(`${name} must be 1 or 0, got "${env[name]}"`);
};

export function loadInstanceConfig(env: NodeJS.ProcessEnv, databaseKind: 'sqlite' | 'postgres', fail: (message: string) => never): InstanceConfig {
  const enabled = flag(env, 'PLINTH_CONTROLS', fail) ?? false;
  const allowPostgres = flag(env, 'PLINTH_CONTROLS_ALLOW_POSTGRES', fail) ?? false;
  if (enabled && databaseKind === 'postgres' && !allowPostgres) {
    fail('PLINTH_CONTROLS=1 is refused on PostgreSQL: reset and restore rewrite the database every node shares. Set PLINTH_CONTROLS_ALLOW_POSTGRES=1 to allow it (a test database only)');
  }

  let clock: ControlsConfig['clock'];
  const rawClock = env.PLINTH_CLOCK?.trim();
  if (rawClock) {
    const at = new Date(rawClock);
    if (!/^\d{4}-\d{2}-\d{2}/.test(rawClock) || Number.isNaN(at.getTime())) fail(`PLINTH_CLOCK must be an ISO 8601 date-time such as 2030-01-01T00:00:00Z, got "${rawClock}"`);
    clock = { at, frozen: flag(env, 'PLINTH_CLOCK_FROZEN', fail) ?? true };
  }

  let faults: FaultRuleInput[] = [];
  const rawFaults = env.PLINTH_FAULTS?.trim();
  if (rawFaults) {
    let text = rawFaults;
    if (rawFaults.startsWith('@')) {
      try {
        text = readFileSync(rawFaults.slice(1), 'utf8');
      } catch (err) {
        fail(`PLINTH_FAULTS: cannot read ${rawFaults.slice(1)}: ${(err as Error).message}`);
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      fail('PLINTH_FAULTS must be a JSON array of fault rules (or @<file> holding one)');
    }
    if (!Array.isArray(parsed)) fail('PLINTH_FAULTS must be a JSON array of fault rules');
    (parsed as FaultRuleInput[]).forEach((r, i) => {
      try {
        validateRule(r);
      } catch (err) {
        if (err instanceof FaultInputError) fail(`PLINTH_FAULTS[${i}]${err.field ? `.${err.field}` : ''}: ${err.rule}`);
        throw err;
      }
    });
    faults = parsed as FaultRuleInput[];
  }

  let rateLimitMode: RateLimitMode | undefined;
  const rawMode = env.PLINTH_RATE_LIMIT_MODE?.trim();
  if (rawMode) {
    rateLimitMode = { mode: rawMode as RateLimitModeName };
    if (rawMode === 'custom') fail('PLINTH_RATE_LIMIT_MODE=custom is set through the controls; at start use PLINTH_RATE_LIMIT_PER_MINUTE');
    try {
      validateRateLimit(rateLimitMode);
    } catch {
      fail(`PLINTH_RATE_LIMIT_MODE must be one of configured, off, saas, saas-legacy; got "${rawMode}"`);
    }
  }

  let identityOutage: ControlsConfig['identityOutage'];
  const rawOutage = env.PLINTH_IDENTITY_OUTAGE?.trim();
  if (rawOutage) {
    if (/^[45]\d\d$/.test(rawOutage)) identityOutage = { enabled: true, status: Number(rawOutage) };
    else {
      const on = flag(env, 'PLINTH_IDENTITY_OUTAGE', () => fail('PLINTH_IDENTITY_OUTAGE must be 1, 0 or an HTTP status from 400 to 599'));
      if (on) identityOutage = { enabled: true };
    }
  }

  return {
    controls: { enabled, allowPostgres, clock, faults, rateLimitMode, identityOutage },
    metrics: flag(env, 'PLINTH_METRICS', fail) ?? true,
  };
}
