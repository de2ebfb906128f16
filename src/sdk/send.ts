/**
 * One API call with the client's whole policy (client.ts; the rules are in retry.ts): the token
 * renewed once on a 401, retries with backoff or `Retry-After`, the create rule (a retried
 * create that answers 409 is looked up with `find`) and the delete rule (a retried DELETE that
 * answers 404 counts as deleted).
 */
import type { Client } from 'openapi-fetch';
import type { paths } from '../generated/openapi-types.js';
import { sleep, type TokenSource } from './auth.js';
import { PlinthApiError, PlinthAuthError, PlinthNetworkError, networkReason } from './errors.js';
import { backoffMs, connectionRefused, modeFor, parseRetryAfter, retryableNetworkError, retryableStatus, type RetryMode, type RetryOptions } from './retry.js';

export type Media = `${string}/${string}`;

/** What every call of one client shares. */
export interface Transport {
  /** The openapi-fetch client, with the bearer token applied. */
  raw: Client<paths, Media>;
  baseUrl: string;
  tokens: TokenSource;
  /** Whether a 401 renews the token (not a fixed token: it would come back the same). */
  renewOn401: boolean;
  defaults: RetryOptions;
  timeoutMs: number;
}

/** `mode` is the retry rule (retry.ts); `find` looks a created resource up by name (the create rule). */
export async function send(t: Transport, method: string, path: string, init: Record<string, any> = {}, mode: RetryMode = modeFor(method), find?: () => Promise<unknown>): Promise<{ data: unknown; adopted?: unknown }> {
  const { retry, timeoutMs: callTimeout, ...rest } = init;
  const policy: RetryOptions = retry === false ? { ...t.defaults, retries: 0 } : { ...t.defaults, ...retry };
  const retries = policy.retries ?? 5;
  let failures = 0;
  let renewed = false;
  let mayHaveActed = false; // an earlier attempt may have reached a handler
  let attempt = 0;
  for (;;) {
    attempt++;
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await (t.raw.request as any)(method.toLowerCase(), path, { ...rest, signal: AbortSignal.timeout(callTimeout ?? t.timeoutMs) });
    } catch (err) {
      if (err instanceof PlinthAuthError) throw err;
      const refused = connectionRefused(err);
      if (!refused) mayHaveActed = true;
      if (failures < retries && retryableNetworkError(mode, err)) {
        failures++;
        const delayMs = backoffMs(failures, policy);
        policy.onRetry?.({ method, url: t.baseUrl + path, attempt, delayMs, reason: networkReason(err) });
        await sleep(delayMs);
        continue;
      }
      throw new PlinthNetworkError(`${method} ${path}: no answer from ${t.baseUrl} (${networkReason(err)}) after ${attempt} attempt(s)`, method, t.baseUrl + path, attempt, err);
    }
    const { response, data, error } = result;
    if (response.ok) return { data };
    const status = response.status;
    if (status === 401 && !renewed && t.renewOn401) {
      renewed = true;
      t.tokens.invalidate();
      continue;
    }
    if (mayHaveActed && status === 404 && method.toUpperCase() === 'DELETE') return { data: undefined };
    if (mayHaveActed && status === 409 && mode === 'create' && find) {
      const existing = await find();
      if (existing !== undefined) return { data: undefined, adopted: existing };
    }
    if (failures < retries && retryableStatus(mode, status)) {
      failures++;
      const after = parseRetryAfter(response.headers.get('retry-after'));
      if (after === undefined || after <= (policy.maxRetryAfterMs ?? 120_000)) {
        if (status !== 429) mayHaveActed = true;
        const delayMs = after ?? backoffMs(failures, policy);
        policy.onRetry?.({ method, url: t.baseUrl + path, attempt, delayMs, status, reason: String(status) });
        await sleep(delayMs);
        continue;
      }
    }
    throw await PlinthApiError.from(response, method.toUpperCase(), error, attempt);
  }
}

