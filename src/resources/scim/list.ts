import { invalidValue } from './scim-error.js';

/**
 * RFC 7644 §3.4.2.4 paging: `startIndex` is 1-based (below 1 means 1), `count` is the page size
 * (negative means 0; 0 answers only `totalResults`). Plinth caps `count` at MAX_COUNT — the
 * `filter.maxResults` it advertises in /ServiceProviderConfig — and answers fewer rather than
 * refusing, as the RFC allows.
 */

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const MAX_COUNT = 200;
export const DEFAULT_COUNT = 100;

export interface Window {
  startIndex: number;
  count: number;
}

function integer(name: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const s = String(raw).trim();
  if (!/^[+-]?\d{1,15}$/.test(s)) throw invalidValue(`${name} must be an integer, not ${JSON.stringify(String(raw).slice(0, 40))}`);
  return Number(s);
}

export function windowOf(query: { startIndex?: unknown; count?: unknown }): Window {
  const start = integer('startIndex', query.startIndex);
  const count = integer('count', query.count);
  return {
    startIndex: start === undefined || start < 1 ? 1 : start,
    count: count === undefined ? DEFAULT_COUNT : Math.min(Math.max(count, 0), MAX_COUNT),
  };
}

export interface ListResponse<T> {
  schemas: [typeof LIST_SCHEMA];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/** The page of `all` that the window asks for, as a ListResponse. */
export function listResponse<T>(all: readonly T[], w: Window): ListResponse<T> {
  const page = all.slice(w.startIndex - 1, w.startIndex - 1 + w.count);
  return { schemas: [LIST_SCHEMA], totalResults: all.length, startIndex: w.startIndex, itemsPerPage: page.length, Resources: page };
}
