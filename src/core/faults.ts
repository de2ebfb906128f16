import { randomBytes } from 'node:crypto';

/**
 * Fault emulation for test instances (WireMock's faults, Prism's `Prefer`, LocalStack's fault
 * injection), kept in this process and applied by the HTTP plugins
 * (src/core/http/plugins/faults.ts and rate-limit.ts):
 *
 * - **Rules**: answer matching requests with an injected error (status, body, headers) and/or
 *   delay them, always, with a probability, or for the next N matching calls only. A rule
 *   fires before the operation runs (`when: before`, the default: nothing happens) or after it
 *   (`when: after`: the operation commits, then the client sees the error or the delay, the
 *   "committed, then timed out" case retry logic must survive).
 * - **Rate-limit mode**: the API limit Plinth enforces — the configured one
 *   (PLINTH_RATE_LIMIT_PER_MINUTE), the SaaS's documented limits, a custom one, or none.
 * - **Identity outage**: the token endpoint answers as an identity server that is down.
 *
 * Set at start from PLINTH_FAULTS / PLINTH_RATE_LIMIT_MODE / PLINTH_IDENTITY_OUTAGE, changed at
 * runtime through the controls (`/plinth/controls/faults…`). Per node. Every injected fault is
 * logged with `injectedFault: true` and counted in `plinth_injected_faults_total`.
 */

export interface FaultMatch {
  /** OpenAPI operationId, e.g. `createProject`, `issueToken`. */
  operationId?: string;
  /** HTTP method, any case. */
  method?: string;
  /**
   * The OpenAPI path (`/v1/projects/{projectId}`), or a request path where `*` matches any run
   * of characters (`/v1/projects/*`). `/dpc/v1/…` requests match their `/v1/…` path.
   */
  path?: string;
}

export interface FaultRuleInput {
  match?: FaultMatch;
  /** Answer with this status (400–599); without it the rule only delays. */
  status?: number;
  /** The body of the injected answer (default: a ProblemDetail, or RFC 6749 JSON on the token endpoint). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Delay before answering (ms, at most 120000). */
  latencyMs?: number;
  /** Chance that a matching call is hit (0–1, default 1). */
  probability?: number;
  /** Hit only the next N matching calls, then the rule removes itself. */
  times?: number;
  /** `before` (default): instead of the operation; `after`: once the operation has run. */
  when?: 'before' | 'after';
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  match: FaultMatch;
  when: 'before' | 'after';
  probability: number;
  /** Calls this rule has hit so far. */
  hits: number;
  /** Hits left when `times` was given. */
  remaining?: number;
  createdAt: string;
}

export type RateLimitModeName = 'configured' | 'off' | 'saas' | 'saas-legacy' | 'custom';

export interface RateLimitMode {
  mode: RateLimitModeName;
  /** Requests per minute per caller (absent: no per-minute limit). */
  perMinute?: number;
  /** Requests per second per caller (a burst limit; absent: none). */
  perSecond?: number;
}

/**
 * The SaaS's documented limits (shared/reference/api-contract.md §1, wave 2 §11): currently
 * 1000 requests per minute; older documentation said 60 per minute on average with bursts of
 * 5 per second. Both answer 429 with `Retry-After` (whole seconds).
 */
export const SAAS_LIMITS: Record<'saas' | 'saas-legacy', Omit<RateLimitMode, 'mode'>> = {
  saas: { perMinute: 1000 },
  'saas-legacy': { perMinute: 60, perSecond: 5 },
};

export interface IdentityOutage {
  enabled: boolean;
  /** Status of the token endpoint's answers while down (default 503). */
  status: number;
  /** Delay before each answer (ms). */
  latencyMs: number;
  /** `Retry-After` on those answers (seconds; absent: none). */
  retryAfterSeconds?: number;
}

export interface FaultsState {
  rules: FaultRule[];
  rateLimit: RateLimitMode & { effective: { perMinute?: number; perSecond?: number } };
  identityOutage: IdentityOutage;
}

export class FaultInputError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'FaultInputError';
  }
}

const MAX_LATENCY_MS = 120_000;

export interface Faults {
  /**
   * A per-process secret that marks requests Plinth makes to itself (the seed control), which
   * faults and the rate limit leave alone.
   */
  readonly internalToken: string;
  state(): FaultsState;
  addRule(input: FaultRuleInput, now: Date): FaultRule;
  removeRule(id: string): boolean;
  /** Remove every rule, restore the configured rate limit, end an identity outage. */
  clear(): void;
  /** The rule hitting this request, if any (counts the hit; `times` rules remove themselves). */
  pick(when: 'before' | 'after', req: { operationId?: string; method: string; template?: string; path: string }): FaultRule | undefined;
  setRateLimit(mode: RateLimitMode): RateLimitMode;
  /** The limits in force: the mode's, or the configured per-minute limit. */
  effectiveRateLimit(): { perMinute?: number; perSecond?: number };
  setIdentityOutage(outage: Partial<IdentityOutage> & { enabled: boolean }): IdentityOutage;
  identityOutage(): IdentityOutage;
  /** Whether anything is injected (the hooks skip all work when nothing is). */
  readonly active: boolean;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export function validateRule(input: FaultRuleInput): void {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new FaultInputError('', 'must be an object');
  const m = input.match ?? {};
  if (typeof m !== 'object' || Array.isArray(m)) throw new FaultInputError('match', 'must be an object');
  for (const k of ['operationId', 'method', 'path'] as const) {
    if (m[k] !== undefined && (typeof m[k] !== 'string' || m[k]!.length === 0 || m[k]!.length > 500)) throw new FaultInputError(`match.${k}`, 'must be a non-empty string');
  }
  if (m.path !== undefined && !m.path.startsWith('/')) throw new FaultInputError('match.path', 'must start with /');
  if (input.status !== undefined && (!isInt(input.status) || input.status < 400 || input.status > 599)) throw new FaultInputError('status', 'must be an integer from 400 to 599');
  if (input.latencyMs !== undefined && (!isInt(input.latencyMs) || input.latencyMs < 0 || input.latencyMs > MAX_LATENCY_MS)) {
    throw new FaultInputError('latencyMs', `must be an integer from 0 to ${MAX_LATENCY_MS}`);
  }
  if (input.status === undefined && !input.latencyMs) throw new FaultInputError('status', 'is required unless latencyMs is given');
  if (input.probability !== undefined && (typeof input.probability !== 'number' || !(input.probability > 0 && input.probability <= 1))) {
    throw new FaultInputError('probability', 'must be a number greater than 0 and at most 1');
  }
  if (input.times !== undefined && (!isInt(input.times) || input.times < 1)) throw new FaultInputError('times', 'must be a positive integer');
  if (input.when !== undefined && input.when !== 'before' && input.when !== 'after') throw new FaultInputError('when', 'must be one of: before, after');
  if (input.headers !== undefined) {
    if (typeof input.headers !== 'object' || input.headers === null || Array.isArray(input.headers)) throw new FaultInputError('headers', 'must be an object of strings');
    for (const [k, v] of Object.entries(input.headers)) {
      if (typeof v !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(k) || /[\r\n]/.test(v)) throw new FaultInputError(`headers.${k}`, 'must be a valid header name with a string value');
    }
  }
}

export function validateRateLimit(mode: RateLimitMode): void {
  const names: RateLimitModeName[] = ['configured', 'off', 'saas', 'saas-legacy', 'custom'];
  if (!names.includes(mode.mode)) throw new FaultInputError('mode', `must be one of: ${names.join(', ')}`);
  if (mode.mode === 'custom') {
    if (mode.perMinute === undefined && mode.perSecond === undefined) throw new FaultInputError('perMinute', 'is required (or perSecond) with mode custom');
    for (const k of ['perMinute', 'perSecond'] as const) {
      const v = mode[k];
      if (v !== undefined && (!isInt(v) || v < 1 || v > 10_000_000)) throw new FaultInputError(k, 'must be an integer from 1 to 10000000');
    }
  } else if (mode.perMinute !== undefined || mode.perSecond !== undefined) {
    throw new FaultInputError(mode.perMinute !== undefined ? 'perMinute' : 'perSecond', 'is allowed only with mode custom');
  }
}

export function createFaults(opts: { configuredPerMinute: number; rules?: FaultRuleInput[]; rateLimit?: RateLimitMode; identityOutage?: Partial<IdentityOutage> & { enabled: boolean }; now?: Date }): Faults {
  const rules: FaultRule[] = [];
  const patterns = new Map<string, RegExp>();
  let seq = 0;
  let rateLimit: RateLimitMode = { mode: 'configured' };
  let outage: IdentityOutage = { enabled: false, status: 503, latencyMs: 0 };
  const internalToken = randomBytes(18).toString('base64url');

  const matches = (rule: FaultRule, req: { operationId?: string; method: string; template?: string; path: string }) => {
    const m = rule.match;
    if (m.operationId !== undefined && m.operationId !== req.operationId) return false;
    if (m.method !== undefined && m.method.toUpperCase() !== req.method) return false;
    if (m.path !== undefined) {
      if (m.path.includes('{')) return m.path === req.template;
      let re = patterns.get(m.path);
      if (!re) patterns.set(m.path, (re = globToRegExp(m.path)));
      return re.test(req.path);
    }
    return true;
  };

  const faults: Faults = {
    internalToken,
    get active() {
      return rules.length > 0 || outage.enabled;
    },
    state() {
      return { rules: rules.map((r) => ({ ...r })), rateLimit: { ...rateLimit, effective: faults.effectiveRateLimit() }, identityOutage: { ...outage } };
    },
    addRule(input, now) {
      validateRule(input);
      const rule: FaultRule = {
        id: `fault-${++seq}`,
        match: { ...(input.match ?? {}) },
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.headers !== undefined ? { headers: { ...input.headers } } : {}),
        ...(input.latencyMs !== undefined ? { latencyMs: input.latencyMs } : {}),
        probability: input.probability ?? 1,
        ...(input.times !== undefined ? { times: input.times, remaining: input.times } : {}),
        when: input.when ?? 'before',
        hits: 0,
        createdAt: now.toISOString(),
      };
      rules.push(rule);
      return { ...rule };
    },
    removeRule(id) {
      const i = rules.findIndex((r) => r.id === id);
      if (i < 0) return false;
      rules.splice(i, 1);
      return true;
    },
    clear() {
      rules.length = 0;
      rateLimit = { mode: 'configured' };
      outage = { enabled: false, status: 503, latencyMs: 0 };
    },
    pick(when, req) {
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        if (r.when !== when || !matches(r, req)) continue;
        if (r.probability < 1 && Math.random() >= r.probability) continue;
        r.hits++;
        if (r.remaining !== undefined && --r.remaining <= 0) rules.splice(i, 1);
        return r;
      }
      return undefined;
    },
    setRateLimit(mode) {
      validateRateLimit(mode);
      rateLimit = mode.mode === 'custom' ? { mode: 'custom', ...(mode.perMinute ? { perMinute: mode.perMinute } : {}), ...(mode.perSecond ? { perSecond: mode.perSecond } : {}) } : { mode: mode.mode };
      return { ...rateLimit };
    },
    effectiveRateLimit() {
      switch (rateLimit.mode) {
        case 'configured':
          return opts.configuredPerMinute > 0 ? { perMinute: opts.configuredPerMinute } : {};
        case 'off':
          return {};
        case 'saas':
        case 'saas-legacy':
          return { ...SAAS_LIMITS[rateLimit.mode] };
        case 'custom':
          return { ...(rateLimit.perMinute ? { perMinute: rateLimit.perMinute } : {}), ...(rateLimit.perSecond ? { perSecond: rateLimit.perSecond } : {}) };
      }
    },
    setIdentityOutage(o) {
      if (typeof o.enabled !== 'boolean') throw new FaultInputError('enabled', 'must be a boolean');
      const status = o.status ?? 503;
      if (!isInt(status) || status < 400 || status > 599) throw new FaultInputError('status', 'must be an integer from 400 to 599');
      const latencyMs = o.latencyMs ?? 0;
      if (!isInt(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) throw new FaultInputError('latencyMs', `must be an integer from 0 to ${MAX_LATENCY_MS}`);
      if (o.retryAfterSeconds !== undefined && (!isInt(o.retryAfterSeconds) || o.retryAfterSeconds < 0)) throw new FaultInputError('retryAfterSeconds', 'must be a non-negative integer');
      outage = { enabled: o.enabled, status, latencyMs, ...(o.retryAfterSeconds !== undefined ? { retryAfterSeconds: o.retryAfterSeconds } : {}) };
      return { ...outage };
    },
    identityOutage: () => ({ ...outage }),
  };
  const now = opts.now ?? new Date();
  for (const r of opts.rules ?? []) faults.addRule(r, now);
  if (opts.rateLimit) faults.setRateLimit(opts.rateLimit);
  if (opts.identityOutage) faults.setIdentityOutage(opts.identityOutage);
  return faults;
}
