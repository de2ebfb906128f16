/**
 * When a request is sent again, and after how long.
 *
 * **Idempotent methods** (GET, HEAD, PUT, DELETE) are retried on 429, 500, 502, 503, 504 and on
 * network failures (connection refused or reset, timeout).
 *
 * **Creates and other non-idempotent calls** (POST, PATCH) are retried only when the server
 * cannot have acted on them: on 429 (the rate limiter refused the request before any handler
 * ran) and when the connection could not be opened (`ECONNREFUSED`: nothing was sent). A create
 * of a *named* resource may opt in to more (`create(..., { find })`, used by `plinth apply`): it
 * is also retried on 503 and on a lost response (reset, timeout), and the **safety rule** makes
 * that harmless: *a retried create that answers 409 for the name is looked up by name and
 * treated as created* — the first attempt did create it. API credentials are never created this
 * way: their secret is shown once, in the response that was lost.
 *
 * A retried DELETE that answers 404 counts as deleted (the first attempt did it).
 *
 * The wait honours `Retry-After` (delta-seconds or an HTTP date, capped at `maxRetryAfterMs`),
 * otherwise exponential backoff with jitter: a random wait between half and all of
 * `min(maxDelayMs, baseDelayMs·2^(n-1))` before retry n.
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 5, as the SaaS's docs advise "at least 5"). 0 disables. */
  retries?: number;
  /** First backoff step in ms (default 300). */
  baseDelayMs?: number;
  /** Largest backoff step in ms (default 10 000). */
  maxDelayMs?: number;
  /** Longest Retry-After honoured, in ms (default 120 000); a longer one fails the call. */
  maxRetryAfterMs?: number;
  /** Called before each wait (progress reporting). */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  method: string;
  url: string;
  attempt: number;
  delayMs: number;
  /** The status that is retried, or undefined for a network failure. */
  status?: number;
  /** The status, or the network failure (e.g. ECONNRESET, timed out). */
  reason: string;
}

export type RetryMode = 'idempotent' | 'unsafe' | 'create';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRY_STATUS_IDEMPOTENT = new Set([429, 500, 502, 503, 504]);

export function modeFor(method: string): RetryMode {
  return IDEMPOTENT.has(method.toUpperCase()) ? 'idempotent' : 'unsafe';
}

/** Whether a response status is worth another attempt under this mode. */
export function retryableStatus(mode: RetryMode, status: number): boolean {
  if (mode === 'idempotent') return RETRY_STATUS_IDEMPOTENT.has(status);
  if (mode === 'create') return status === 429 || status === 503;
  return status === 429;
}

/** Whether a failed fetch (no response) is worth another attempt under this mode. */
export function retryableNetworkError(mode: RetryMode, err: unknown): boolean {
  if (mode !== 'unsafe') return true;
  return connectionRefused(err);
}

export function connectionRefused(err: unknown): boolean {
  const e = err as { cause?: { code?: string; errors?: { code?: string }[] } };
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return true;
  // happy-eyeballs: an AggregateError of per-address refusals
  return Array.isArray(e?.cause?.errors) && e.cause.errors.length > 0 && e.cause.errors.every((x) => x?.code === 'ECONNREFUSED');
}

/** Retry-After as milliseconds (delta-seconds or HTTP date), or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function backoffMs(attempt: number, o: RetryOptions, random = Math.random): number {
  const base = o.baseDelayMs ?? 300;
  const cap = Math.min(o.maxDelayMs ?? 10_000, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}
