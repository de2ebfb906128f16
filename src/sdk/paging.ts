/**
 * Async iterators over the API's two list shapes:
 *
 * - the **page envelope** `{page, size, total, results}` (`page` 0-based, `size` 1–100): pages are
 *   read until one is empty, shorter than `size`, or the items seen reach `total` — whichever
 *   comes first, so a client stops correctly whether the server's `total` is exact or not;
 * - the **cursor envelope** `{results, more}` (`GET /v1/pipeline-executions`): `more` is sent back
 *   as `paginationToken` until it is absent, empty, or repeats.
 */
export interface PageEnvelope<T> {
  page: number;
  size: number;
  total: number;
  results: T[];
}

export interface CursorEnvelope<T> {
  results: T[];
  more?: string | null;
}

/** Items of every page; `fetchPage(page, size)` reads one page. */
export async function* pageItems<T>(fetchPage: (page: number, size: number) => Promise<PageEnvelope<T>>, opts: { size?: number; startPage?: number; maxPages?: number } = {}): AsyncGenerator<T, void, undefined> {
  const size = opts.size ?? 100;
  let seen = 0;
  for (let page = opts.startPage ?? 0, n = 0; n < (opts.maxPages ?? Infinity); page++, n++) {
    const env = await fetchPage(page, size);
    const results = Array.isArray(env?.results) ? env.results : [];
    for (const item of results) yield item;
    seen += results.length;
    const effectiveSize = typeof env?.size === 'number' && env.size > 0 ? env.size : size;
    if (results.length === 0 || results.length < effectiveSize) return;
    if (typeof env?.total === 'number' && seen + (opts.startPage ?? 0) * effectiveSize >= env.total) return;
  }
}

/** Items of every cursor page; `fetchPage(token)` reads one page (no token for the first). */
export async function* cursorItems<T>(fetchPage: (paginationToken: string | undefined) => Promise<CursorEnvelope<T>>, opts: { maxPages?: number } = {}): AsyncGenerator<T, void, undefined> {
  let token: string | undefined;
  const seen = new Set<string>();
  for (let n = 0; n < (opts.maxPages ?? Infinity); n++) {
    const env = await fetchPage(token);
    const results = Array.isArray(env?.results) ? env.results : [];
    for (const item of results) yield item;
    const more = env?.more;
    if (!more || results.length === 0 || seen.has(more)) return;
    seen.add(more);
    token = more;
  }
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
