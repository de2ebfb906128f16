/**
 * OAuth2 client-credentials tokens, as the SaaS issues them (`POST /oauth/dpc/token`, form
 * encoded, `audience=https://api.matillion.com`, 1800 s tokens, no refresh token).
 *
 * A token is reused until `renewBeforeSeconds` (default 60) before it expires, then fetched
 * anew; concurrent callers share one token request. The client calls `invalidate()` on a 401
 * and retries that request once with a fresh token (what the SaaS's own clients do).
 */
import { PlinthAuthError, networkReason, type ProblemDetail } from './errors.js';

export const SAAS_AUDIENCE = 'https://api.matillion.com';
export const SAAS_TOKEN_URL = 'https://id.core.matillion.com/oauth/dpc/token';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Token endpoint; default: the SaaS's for `*.api.matillion.com`, otherwise `<baseUrl origin>/oauth/dpc/token` (Plinth). */
  tokenUrl?: string;
  /** Sent as `audience`; default `https://api.matillion.com`. `null` sends none. */
  audience?: string | null;
  /** Renew this many seconds before expiry (default 60). */
  renewBeforeSeconds?: number;
}

export interface TokenSource {
  /** A valid access token (fetched or renewed when needed). */
  get(): Promise<string>;
  /** Forget the current token (after a 401), so the next `get` fetches a new one. */
  invalidate(token?: string): void;
}

/** The default token URL for a base URL: the SaaS's identity host, or Plinth's own endpoint. */
export function defaultTokenUrl(baseUrl: string): string {
  const u = new URL(baseUrl);
  if (/(^|\.)api(-dev)?\.matillion\.com$/.test(u.hostname)) return SAAS_TOKEN_URL;
  return new URL('/oauth/dpc/token', u.origin).toString();
}

export function clientCredentialsTokens(
  creds: ClientCredentials & { baseUrl: string },
  opts: { fetch?: typeof fetch; now?: () => number; timeoutMs?: number } = {},
): TokenSource {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  const tokenUrl = creds.tokenUrl ?? defaultTokenUrl(creds.baseUrl);
  const audience = creds.audience === undefined ? SAAS_AUDIENCE : creds.audience;
  const renewBeforeMs = (creds.renewBeforeSeconds ?? 60) * 1000;
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret });
    if (audience) form.set('audience', audience);
    const requestedAt = now();
    const res = await postTokenRequest(doFetch, tokenUrl, form, opts.timeoutMs ?? 30_000);
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!res.ok || typeof body?.access_token !== 'string') {
      const problem: ProblemDetail | undefined = body && typeof body === 'object' ? body : undefined;
      const reason = body?.error_description ?? body?.detail ?? body?.error ?? (text.slice(0, 200) || res.statusText);
      throw new PlinthAuthError(`token request to ${tokenUrl} answered ${res.status}: ${reason}`, res.status, problem);
    }
    const expiresInMs = (Number(body.expires_in) > 0 ? Number(body.expires_in) : 300) * 1000;
    // Renew early, but never later than halfway through a short-lived token.
    current = { token: body.access_token, renewAt: requestedAt + Math.max(expiresInMs / 2, expiresInMs - renewBeforeMs) };
    return body.access_token;
  }

  return {
    async get() {
      if (current && now() < current.renewAt) return current.token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    invalidate(token) {
      if (!token || current?.token === token) current = undefined;
    },
  };
}

/**
 * Sends a token request. It is retried on 429/503 and connection failures like API calls (a token
 * request is safe to repeat), a few times with a short backoff.
 */
async function postTokenRequest(doFetch: typeof fetch, tokenUrl: string, form: URLSearchParams, timeoutMs: number): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await doFetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      if (attempt < 4) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      throw new PlinthAuthError(`token request to ${tokenUrl} failed: ${networkReason(err)}`);
    }
    if ((res.status === 429 || res.status === 503) && attempt < 4) {
      const after = Number(res.headers.get('retry-after'));
      await res.body?.cancel().catch(() => {});
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 30_000) : 250 * 2 ** attempt);
      continue;
    }
    return res;
  }
}

/** A fixed bearer token (no renewal): for tokens obtained elsewhere. */
export function staticToken(token: string): TokenSource {
  return { get: async () => token, invalidate() {} };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
