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
import { clientCredentialsTokens, staticToken, type ClientCredentials, type TokenSource } from './auth.js';
import { cursorItems, pageItems, type CursorEnvelope, type PageEnvelope } from './paging.js';
import type { RetryOptions } from './retry.js';
import { send, type Media, type Transport } from './send.js';

export type Paths = paths;
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

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
  const tokens = tokenSourceFor(options, baseUrl, doFetch);
  const raw = authorizedClient(options, baseUrl, doFetch, tokens);
  const t: Transport = { raw, baseUrl, tokens, renewOn401: !options.token, defaults: options.retry ?? {}, timeoutMs: options.timeoutMs ?? 30_000 };

  const call =
    (method: Method) =>
    async (path: string, init?: Record<string, any>) =>
      (await send(t, method.toUpperCase(), path, init)).data;

  const client: PlinthClient = {
    GET: call('get') as Call<'get'>,
    POST: call('post') as Call<'post'>,
    PUT: call('put') as Call<'put'>,
    PATCH: call('patch') as Call<'patch'>,
    DELETE: call('delete') as Call<'delete'>,
    async create(path, init, find) {
      const r = await send(t, 'POST', path, init as any, 'create', find);
      return r.adopted !== undefined ? { adopted: true, existing: r.adopted as any } : { adopted: false, data: r.data as any };
    },
    paginate(path, init, opts) {
      const base = (init ?? {}) as Record<string, any>;
      return pageItems(
        async (page, size) =>
          (await send(t, 'GET', path, { ...base, params: { ...base.params, query: { ...base.params?.query, page, size } } })).data as PageEnvelope<any>,
        { size: opts?.size ?? 100 },
      ) as AsyncGenerator<any, void, undefined>;
    },
    cursor(path, query = {}, opts = {}) {
      return cursorItems(async (paginationToken) => {
        const q: Record<string, unknown> = { ...query, limit: opts.limit ?? 100 };
        if (paginationToken) q.paginationToken = paginationToken;
        return (await send(t, 'GET', path, { params: { query: q } })).data as CursorEnvelope<any>;
      });
    },
    async request(method, path, init = {}) {
      const { query, body, headers, ...rest } = init;
      return (await send(t, method.toUpperCase(), path, { ...rest, params: { query }, ...(body !== undefined ? { body } : {}), headers })).data as any;
    },
    raw,
    tokens,
    baseUrl,
  };
  return client;
}

/** The token source the options ask for: their own, a fixed token, or client credentials. */
function tokenSourceFor(options: PlinthClientOptions, baseUrl: string, doFetch: typeof fetch): TokenSource {
  const tokens =
    options.tokens ??
    (options.token
      ? staticToken(options.token)
      : options.clientId && options.clientSecret
        ? clientCredentialsTokens({ baseUrl, clientId: options.clientId, clientSecret: options.clientSecret, tokenUrl: options.tokenUrl, audience: options.audience, renewBeforeSeconds: options.renewBeforeSeconds }, { fetch: doFetch })
        : undefined);
  if (!tokens) throw new TypeError('createClient: give clientId and clientSecret, a token, or a token source');
  return tokens;
}

/** The openapi-fetch client every call goes through: the default headers, and a bearer token on each request. */
function authorizedClient(options: PlinthClientOptions, baseUrl: string, doFetch: typeof fetch, tokens: TokenSource): Client<paths, Media> {
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
  return raw;
}
