/**
 * The Plinth / Maia API client: typed calls generated from the served OpenAPI document
 * (`src/generated/openapi-types.ts`, through openapi-fetch), client-credentials tokens renewed
 * before expiry and once on a 401, retries with backoff that honour `Retry-After`, async
 * iterators over both list shapes, and errors that carry the ProblemDetail.
 *
 * It talks HTTP only and works against Plinth and the SaaS alike: set `baseUrl`
 * (`https://eu1.api.matillion.com/dpc` or `http://127.0.0.1:8080`), and `tokenUrl` / `audience`
 * when they differ from the defaults (see `auth.ts`).
 */
import createOpenApiClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { paths } from '../generated/openapi-types.js';
import { clientCredentialsTokens, sleep, staticToken, type ClientCredentials, type TokenSource } from './auth.js';
import { PlinthApiError, PlinthAuthError, PlinthNetworkError, networkReason } from './errors.js';
import { cursorItems, pageItems, type CursorEnvelope, type PageEnvelope } from './paging.js';
import { backoffMs, connectionRefused, modeFor, parseRetryAfter, retryableNetworkError, retryableStatus, type RetryMode, type RetryOptions } from './retry.js';

export type Paths = paths;
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type Media = `${string}/${string}`;

/** Paths that have an operation for this method. */
export type PathsWith<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: any } ? P : never }[keyof paths];
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** Per-call options besides the request itself. */
export interface CallOptions {
  /** `false` sends once; an object overrides the client's retry options for this call. */
  retry?: false | RetryOptions;
  timeoutMs?: number;
}
type Init<P extends keyof paths, M extends Method> = MaybeOptionalInit<paths[P], M>;
type Args<I> = RequiredKeys<I> extends never ? [init?: I & CallOptions] : [init: I & CallOptions];
type RawData<P extends keyof paths, M extends Method> = NonNullable<FetchResponse<paths[P][M] & Record<string | number, any>, {}, Media>['data']>;
/** The 2xx body of an operation (`void` when it has none). */
export type Data<P extends keyof paths, M extends Method> = [RawData<P, M>] extends [never] ? void : RawData<P, M>;
/** The item type of a page-envelope list. */
export type Item<P extends keyof paths> = Data<P, 'get'> extends { results: (infer T)[] } ? T : never;
export type ListPaths = { [P in PathsWith<'get'>]: Data<P, 'get'> extends { results: any[]; total: number } ? P : never }[PathsWith<'get'>];

type Call<M extends Method> = <P extends PathsWith<M>, I extends Init<P, M>>(path: P, ...init: Args<I>) => Promise<Data<P, M>>;

export interface PlinthClientOptions {
  /** The API base URL: paths (`/v1/...`) are appended to it. The SaaS's ends in `/dpc`. */
  baseUrl: string;
  /** Client credentials (OAuth2 client-credentials grant). */
  clientId?: string;
  clientSecret?: string;
  tokenUrl?: ClientCredentials['tokenUrl'];
  audience?: ClientCredentials['audience'];
  renewBeforeSeconds?: number;
  /** A fixed bearer token instead of client credentials (not renewed). */
  token?: string;
  /** A token source of your own (overrides the two above). */
  tokens?: TokenSource;
  /** Sent as the `account-id` header, as the SaaS's own clients do. */
  accountId?: string;
  /** Retry policy (see retry.ts): default 5 retries, backoff from 300 ms up to 10 s. */
  retry?: RetryOptions;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

export interface CreateResult<D, F> {
  /** false: this call created it; true: a retried create answered 409 and `find` found it. */
  adopted: boolean;
  data?: D;
  existing?: F;
}

export interface PlinthClient {
  GET: Call<'get'>;
  POST: Call<'post'>;
  PUT: Call<'put'>;
  PATCH: Call<'patch'>;
  DELETE: Call<'delete'>;
  /**
   * A create of a named resource under the safety rule (retry.ts): retried on 429/503 and on a
   * lost response; a retried attempt that answers 409 calls `find` and, when it finds the
   * resource, returns `{adopted: true, existing}` instead of failing.
   */
  create<P extends PathsWith<'post'>, I extends Init<P, 'post'>, F>(path: P, init: I & CallOptions, find: () => Promise<F | undefined>): Promise<CreateResult<Data<P, 'post'>, F>>;
  /** Every item of a page-envelope list (`size` 100 unless given), page after page. */
  paginate<P extends ListPaths, I extends Init<P, 'get'>>(path: P, init?: I & CallOptions, opts?: { size?: number }): AsyncGenerator<Item<P>, void, undefined>;
  /** Every item of a cursor list (`{results, more}`, `paginationToken`), e.g. `/v1/pipeline-executions`. */
  cursor<T = unknown>(path: string, query?: Record<string, string | number | boolean | undefined>, opts?: { limit?: number }): AsyncGenerator<T, void, undefined>;
  /** Any call, untyped (paths not in this SDK's contract yet). */
  request<T = unknown>(method: string, path: string, init?: { query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> } & CallOptions): Promise<T>;
  /** The underlying openapi-fetch client (auth applied; no retries; returns `{data, error, response}`). */
  readonly raw: Client<paths, Media>;
  readonly tokens: TokenSource;
  readonly baseUrl: string;
}

export function createClient(options: PlinthClientOptions): PlinthClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const maybeTokens =
    options.tokens ??
    (options.token
      ? staticToken(options.token)
      : options.clientId && options.clientSecret
        ? clientCredentialsTokens({ baseUrl, clientId: options.clientId, clientSecret: options.clientSecret, tokenUrl: options.tokenUrl, audience: options.audience, renewBeforeSeconds: options.renewBeforeSeconds }, { fetch: doFetch })
        : undefined);
  if (!maybeTokens) throw new TypeError('createClient: give clientId and clientSecret, a token, or a token source');
  const tokens: TokenSource = maybeTokens;
  const defaults: RetryOptions = options.retry ?? {};
  const timeoutMs = options.timeoutMs ?? 30_000;

  const raw = createOpenApiClient<paths, Media>({
    baseUrl,
    fetch: (req: Request) => doFetch(req),
    headers: { accept: 'application/json', ...(options.accountId ? { 'account-id': options.accountId } : {}), ...options.headers },
  });
  raw.use({
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${await tokens.get()}`);
      return request;
    },
  });

  /** One call with the whole policy: token renewal on 401, retries, the create and delete rules. */
  async function send(method: string, path: string, init: Record<string, any> = {}, mode: RetryMode = modeFor(method), find?: () => Promise<unknown>): Promise<{ data: unknown; adopted?: unknown }> {
    const { retry, timeoutMs: callTimeout, ...rest } = init;
    const policy: RetryOptions = retry === false ? { ...defaults, retries: 0 } : { ...defaults, ...retry };
    const retries = policy.retries ?? 5;
    let failures = 0;
    let renewed = false;
    let mayHaveActed = false; // an earlier attempt may have reached a handler
    let attempt = 0;
    for (;;) {
      attempt++;
      let result: { data?: unknown; error?: unknown; response: Response };
      try {
        result = await (raw.request as any)(method.toLowerCase(), path, { ...rest, signal: AbortSignal.timeout(callTimeout ?? timeoutMs) });
      } catch (err) {
        if (err instanceof PlinthAuthError) throw err;
        const refused = connectionRefused(err);
        if (!refused) mayHaveActed = true;
        if (failures < retries && retryableNetworkError(mode, err)) {
          failures++;
          const delayMs = backoffMs(failures, policy);
          policy.onRetry?.({ method, url: baseUrl + path, attempt, delayMs, reason: networkReason(err) });
          await sleep(delayMs);
          continue;
        }
        throw new PlinthNetworkError(`${method} ${path}: no answer from ${baseUrl} (${networkReason(err)}) after ${attempt} attempt(s)`, method, baseUrl + path, attempt, err);
      }
      const { response, data, error } = result;
      if (response.ok) return { data };
      const status = response.status;
      if (status === 401 && !renewed && !options.token) {
        renewed = true;
        tokens.invalidate();
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
          policy.onRetry?.({ method, url: baseUrl + path, attempt, delayMs, status, reason: String(status) });
          await sleep(delayMs);
          continue;
        }
      }
      throw await PlinthApiError.from(response, method.toUpperCase(), error, attempt);
    }
  }

  const call =
    (method: Method) =>
    async (path: string, init?: Record<string, any>) =>
      (await send(method.toUpperCase(), path, init)).data;

  const client: PlinthClient = {
    GET: call('get') as Call<'get'>,
    POST: call('post') as Call<'post'>,
    PUT: call('put') as Call<'put'>,
    PATCH: call('patch') as Call<'patch'>,
    DELETE: call('delete') as Call<'delete'>,
    async create(path, init, find) {
      const r = await send('POST', path, init as any, 'create', find);
      return r.adopted !== undefined ? { adopted: true, existing: r.adopted as any } : { adopted: false, data: r.data as any };
    },
    paginate(path, init, opts) {
      const base = (init ?? {}) as Record<string, any>;
      return pageItems(
        async (page, size) =>
          (await send('GET', path, { ...base, params: { ...base.params, query: { ...base.params?.query, page, size } } })).data as PageEnvelope<any>,
        { size: opts?.size ?? 100 },
      ) as AsyncGenerator<any, void, undefined>;
    },
    cursor(path, query = {}, opts = {}) {
      return cursorItems(async (paginationToken) => {
        const q: Record<string, unknown> = { ...query, limit: opts.limit ?? 100 };
        if (paginationToken) q.paginationToken = paginationToken;
        return (await send('GET', path, { params: { query: q } })).data as CursorEnvelope<any>;
      });
    },
    async request(method, path, init = {}) {
      const { query, body, headers, ...rest } = init;
      return (await send(method.toUpperCase(), path, { ...rest, params: { query }, ...(body !== undefined ? { body } : {}), headers })).data as any;
    },
    raw,
    tokens,
    baseUrl,
  };
  return client;
}
