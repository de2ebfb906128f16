import type { Logger } from 'pino';
import { JOB_ORIGIN, type Audit, type AuditEventInput } from '../../core/audit.js';
import type { Vault } from '../../core/crypto/vault.js';
import type { Db } from '../../core/db/db.js';
import type { Metrics } from '../../core/metrics.js';
import { periodic } from '../../core/periodic.js';
import { isDatabaseUnavailable } from '../../core/db/db.js';
import type { RepositoriesRepo, RepositoryRow, TokenState } from './store.js';
import { GitLabError, type GitLabClient, type GitLabTokenInfo } from './gitlab.js';

/**
 * GitLab token rotation: the arithmetic shared by rotate-on-receipt and the background job, and
 * the job itself.
 *
 * Lifetime. A token's lifetime is `expires_at − created_at` in whole days (GitLab's `expires_at`
 * is a date; the creation time is truncated to its UTC date). Every rotation asks GitLab for a
 * token expiring that many days after today (UTC), so a one-week token stays a one-week token.
 * A token without an expiry is rotated without `expires_at` (GitLab's default applies).
 *
 * Schedule. A token is due three days before it expires (00:00 UTC of its `expires_at` date),
 * but never before half of its lifetime has passed, so tokens of three days or less are not
 * rotated on every run. Failures are retried with exponential backoff (1 min doubling, at most
 * 6 h, or GitLab's Retry-After when longer); 401/403 are permanent (the stored token is expired,
 * revoked or not allowed to rotate itself): automatic rotation stops and `lastError` says to
 * supply a new token with `POST /v1/projects/{projectId}/repositories/token`.
 *
 * One rotation per token across nodes. The job takes a lease in the database (one atomic UPDATE
 * guarded by `lease_until < now`), so with several nodes on one PostgreSQL exactly one rotates a
 * given token; the lease (5 min) far outlasts the GitLab call's timeout (15 s).
 *
 * Crash safety. The lease UPDATE also records the intent (`rotation_started_at`) before GitLab is
 * called. The new token is written — sealed — by the first statement after GitLab answers, in the
 * same UPDATE that records success and clears the intent; the stored token is never touched by a
 * failure. The one window that cannot be closed from our side is a crash (or a lost answer, e.g.
 * a timeout after GitLab acted) between GitLab rotating and that UPDATE: GitLab has revoked the
 * stored token and the new one existed only in memory. After the lease expires the job tries the
 * stored token, GitLab answers 401 (and, by its reuse detection, revokes the lost token too), and
 * the status shows `lastError` naming the interrupted rotation; an operator then supplies a fresh
 * token through the manual rotation endpoint, which works whatever state the stored token is in.
 */

export const ROTATE_BEFORE_MS = 3 * 86_400_000;
/** The actor of the rotation job's audit events. */
export const ROTATION_ACTOR = 'system:gitlab-token-rotation';
export const LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;
const DAY = 86_400_000;
const RETRY_BASE_MS = 5000;
const RETRY_MAX_MS = 5 * 60_000;

export const tokenAad = (projectId: string, repositoryId: string) => `repositories.token|${projectId}|${repositoryId}`;

const utcDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

export function lifetimeDays(info: Pick<GitLabTokenInfo, 'createdAt' | 'expiresAt'>): number | null {
  if (!info.expiresAt) return null;
  return Math.max(1, Math.round((utcDay(info.expiresAt) - utcDay(info.createdAt)) / DAY));
}

/** `YYYY-MM-DD`, `days` after `now`'s UTC date (null: let GitLab choose). */
export function expiryFor(days: number | null, now: Date): string | null {
  if (days === null) return null;
  return new Date(utcDay(now.toISOString()) + days * DAY).toISOString().slice(0, 10);
}

export function nextRotationAt(expiresAt: string | null, now: Date): string | null {
  if (!expiresAt) return null;
  const expiry = utcDay(expiresAt);
  const halfway = now.getTime() + Math.max(0, expiry - now.getTime()) / 2;
  return new Date(Math.max(expiry - ROTATE_BEFORE_MS, halfway)).toISOString();
}

export function backoffMs(attempt: number, retryAfterSeconds?: number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.max(exp, (retryAfterSeconds ?? 0) * 1000);
}

/** The columns describing a token GitLab has just issued. */
export function tokenState(vault: Vault, projectId: string, repositoryId: string, rotated: GitLabTokenInfo & { token: string }, lifetime: number | null, now: Date): TokenState {
  return {
    token: vault.encrypt(rotated.token, tokenAad(projectId, repositoryId)),
    token_id: String(rotated.id),
    token_created_at: rotated.createdAt,
    token_expires_at: rotated.expiresAt,
    token_lifetime_days: lifetime ?? lifetimeDays(rotated),
    last_rotated_at: now.toISOString(),
    next_rotation_at: nextRotationAt(rotated.expiresAt, now),
  };
}

/** A repository's audit event; names and ids only (never the token). */
export const repositoryEvent = (
  eventName: 'repository_associated' | 'repository_token_rotated',
  row: Pick<RepositoryRow, 'id' | 'project_id' | 'provider' | 'repository_name'>,
  additionalInfo: Record<string, unknown> = {},
): AuditEventInput => ({
  eventName,
  eventType: eventName === 'repository_associated' ? 'CREATE' : 'UPDATE',
  description: eventName === 'repository_associated' ? 'Repository associated with the project' : 'Repository token rotated',
  subjectType: 'REPOSITORY',
  subjectId: row.id,
  subjectName: row.repository_name,
  projectId: row.project_id,
  additionalInfo: { provider: row.provider, ...additionalInfo },
});

export interface RotationRun {
  rotated: number;
  failed: number;
  skipped: number;
}

export interface TokenRotationDeps {
  db: Db;
  audit: Audit;
  repos: RepositoriesRepo;
  gitlab: GitLabClient;
  vault: Vault;
  clock: () => Date;
  logger: Logger;
  /** This node's lease owner id. */
  nodeId: string;
  intervalSeconds: number;
  /** Delay of the first run after start (default 5 s plus up to 3 s of jitter; always < 10 s). */
  firstRunDelayMs?: number;
  /** Counts runs and their outcomes (`plinth_job_runs_total`, `plinth_gitlab_token_rotations_total`). */
  metrics?: Pick<Metrics, 'jobRun' | 'rotations'>;
}

/** Rotating one token whose lease this node holds: GitLab first, then store the new token at once. */
function createClaimedRotation({ db, audit, repos, gitlab, vault, clock, nodeId, log }: Pick<TokenRotationDeps, 'db' | 'audit' | 'repos' | 'gitlab' | 'vault' | 'clock' | 'nodeId'> & { log: Logger }) {
  /** Stores the new token and its audit event (actor `system:gitlab-token-rotation`) in one transaction. */
  const store = (row: RepositoryRow, state: TokenState, now: string) =>
    db.transaction().execute(async (trx) => {
      if (!(await repos.storeRotated(row.id, state, now, trx))) return false;
      const accountId = await repos.accountOf(row.project_id, trx);
      if (accountId) {
        await audit.record(trx, { accountId, actorId: ROTATION_ACTOR, origin: JOB_ORIGIN }, repositoryEvent('repository_token_rotated', row, { trigger: 'schedule', tokenExpiresAt: state.token_expires_at }));
      }
      return true;
    });

  async function storeWithRetry(row: RepositoryRow, state: TokenState, now: string): Promise<boolean> {
    let lastErr: unknown;
    for (let i = 0; i < 3; i++) {
      try {
        return await store(row, state, now);
      } catch (err) {
        lastErr = err;
      }
    }
    throw lastErr;
  }

  /** Rotate one repository whose lease this node holds. Never throws. */
  async function rotateClaimed(row: RepositoryRow): Promise<boolean> {
    const now = clock();
    const nowIso = now.toISOString();
    const ctx = { projectId: row.project_id, repositoryId: row.id };
    const interrupted = row.rotation_started_at !== null;
    const fail = async (message: string, next: string | null) => {
      await repos.recordFailure(row.id, nodeId, { last_error: message, next_rotation_at: next, rotation_attempts: row.rotation_attempts + 1 }, nowIso);
      log.warn({ ...ctx, attempt: row.rotation_attempts + 1, nextAttemptAt: next }, 'gitlab token rotation failed');
      return false;
    };
    let current: string;
    try {
      if (!row.token) throw new Error('no token');
      current = vault.decryptString(row.token, tokenAad(row.project_id, row.id));
    } catch {
      return fail('The stored token cannot be read (missing or sealed under an unavailable master key); supply a new token with POST /v1/projects/{projectId}/repositories/token.', null);
    }

    let rotated;
    try {
      rotated = await gitlab.rotateSelf(current, expiryFor(row.token_lifetime_days, now));
    } catch (err) {
      const e = err instanceof GitLabError ? err : new GitLabError('unavailable', 'GitLab call failed');
      const attempt = row.rotation_attempts + 1;
      if (e.kind === 'unauthorized' || e.kind === 'forbidden') {
        const why =
          e.kind === 'unauthorized'
            ? interrupted
              ? 'GitLab rejected the stored token (401) after an earlier rotation was interrupted before its result was stored, so that rotation revoked it'
              : 'GitLab rejected the stored token as expired or revoked (401)'
            : 'GitLab refused to let the stored token rotate itself (403)';
        return fail(`${why}; automatic rotation stopped. Supply a new token with POST /v1/projects/{projectId}/repositories/token.`, null);
      }
      const next = new Date(now.getTime() + backoffMs(attempt, e.retryAfterSeconds)).toISOString();
      const what = e.kind === 'timeout' ? 'GitLab did not answer in time' : e.kind === 'rate_limited' ? 'GitLab rate-limited the request (429)' : e.status ? `GitLab answered ${e.status}` : 'GitLab could not be reached';
      return fail(`${what} on attempt ${attempt}; the stored token is unchanged and the next attempt is at ${next}.`, next);
    }

    // The new token is the only valid one now: store it before anything else.
    const state = tokenState(vault, row.project_id, row.id, rotated, row.token_lifetime_days, now);
    try {
      const stored = await storeWithRetry(row, state, nowIso);
      if (!stored) {
        // The repository (or its project) was deleted meanwhile: do not leave a live token behind.
        await gitlab.revokeSelf(rotated.token).catch(() => {});
        log.info(ctx, 'repository deleted during rotation; the new gitlab token was revoked');
        return false;
      }
    } catch (err) {
      log.error({ ...ctx, err: { message: (err as Error)?.message } }, 'gitlab token rotated but the new token could not be stored; supply a new token manually');
      return false;
    }
    log.info({ ...ctx, expiresAt: rotated.expiresAt, nextRotationAt: state.next_rotation_at }, 'gitlab token rotated');
    return true;
  }

  return rotateClaimed;
}

export function createTokenRotation(deps: TokenRotationDeps) {
  const { repos, gitlab, vault, clock, logger, nodeId } = deps;
  const log = logger.child({ job: 'gitlab-token-rotation' });
  let stopped = false;

  const rotateClaimed = createClaimedRotation({ db: deps.db, audit: deps.audit, repos, gitlab, vault, clock, nodeId, log });

  /** One run; its audit events carry eventSource JOB (the rotation's actor says so). */
  async function runOnce(): Promise<RotationRun> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const out = await rotateDue();
      deps.metrics?.jobRun('gitlab-token-rotation', 'ok', seconds());
      for (const outcome of ['rotated', 'failed', 'skipped'] as const) deps.metrics?.rotations(outcome, out[outcome]);
      return out;
    } catch (err) {
      deps.metrics?.jobRun('gitlab-token-rotation', 'error', seconds());
      throw err;
    }
  }

  async function rotateDue(): Promise<RotationRun> {
    const out: RotationRun = { rotated: 0, failed: 0, skipped: 0 };
    const now = clock();
    const nowIso = now.toISOString();
    const rows = await repos.due(nowIso, 100);
    for (const row of rows) {
      if (stopped) break;
      const claimed = await repos.claim(row.id, nodeId, nowIso, new Date(now.getTime() + LEASE_MS).toISOString(), true);
      if (!claimed) {
        out.skipped++;
        continue;
      }
      try {
        if (await rotateClaimed(row)) out.rotated++;
        else out.failed++;
      } catch (err) {
        // Recording the outcome failed (database trouble): the lease expires and a later run retries.
        out.failed++;
        log.error({ projectId: row.project_id, err: { message: (err as Error)?.message } }, 'could not record a rotation outcome');
      }
    }
    return out;
  }

  // A run that fails is logged and the schedule goes on; a lease taken before the failure expires
  // by itself. When the database was away, the run is retried sooner, with backoff (5 s doubling,
  // at most the interval), until one gets through.
  let retry: NodeJS.Timeout | undefined;
  let retryMs = RETRY_BASE_MS;
  const schedule = periodic(
    async () => {
      if (stopped) return;
      clearTimeout(retry);
      retry = undefined;
      await runOnce();
      retryMs = RETRY_BASE_MS;
    },
    {
      firstDelayMs: deps.firstRunDelayMs ?? 5000 + Math.floor(Math.random() * 3000),
      intervalMs: deps.intervalSeconds * 1000,
      onError(err) {
        if (!isDatabaseUnavailable(err)) return log.error({ err: { message: (err as Error)?.message } }, 'rotation run failed');
        const wait = Math.min(retryMs, deps.intervalSeconds * 1000);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
        log.warn({ err: { message: (err as Error)?.message }, retryInMs: wait }, 'rotation run skipped: the database is unavailable');
        if (!stopped) {
          retry = setTimeout(schedule.tick, wait);
          retry.unref();
        }
      },
    },
  );

  return {
    runOnce,
    /** Run once within 10 s, then every `intervalSeconds`. Timers do not keep the process alive. */
    start() {
      stopped = false;
      schedule.start();
    },
    /** Stop the schedule and wait for a run in progress. */
    async stop() {
      stopped = true;
      clearTimeout(retry);
      retry = undefined;
      await schedule.stop();
    },
  };
}
export type TokenRotation = ReturnType<typeof createTokenRotation>;
