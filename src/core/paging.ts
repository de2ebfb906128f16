/** The SaaS page envelope: `page` is 0-based, `size` echoes the effective page size. */
export interface PageQuery {
  page?: number;
  size?: number;
}

export interface Page<T> {
  page: number;
  size: number;
  total: number;
  results: T[];
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export function pageWindow(q: PageQuery) {
  const page = q.page ?? 0;
  const size = q.size ?? DEFAULT_PAGE_SIZE;
  return { page, size, offset: page * size, limit: size };
}

export function toPage<R, T>(w: { page: number; size: number }, total: number, rows: R[], map: (r: R) => T): Page<T> {
  return { page: w.page, size: w.size, total, results: rows.map(map) };
}
