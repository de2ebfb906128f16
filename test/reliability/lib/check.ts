import type { RawResponse } from './http.js';

/**
 * The response rules of the reliability suite:
 *
 * - a response must come (no reset connection, broken pipe or timeout);
 * - no 5xx (except where a caller asks for 503, see `allow503`);
 * - every 4xx (and an allowed 503) is `application/problem+json` with a ProblemDetail body
 *   `{type, title, status, detail, instance, violations}` whose `status` is the HTTP status;
 * - except POST /oauth/dpc/token, whose errors are RFC 6749 JSON `{error, error_description}`
 *   by contract (problem+json is accepted there too for statuses the OAuth contract does not
 *   list: 413, 414, 415, 431…);
 * - and except SCIM paths (`/v1/directory-integration/scim/v2/…`), whose errors are RFC 7644
 *   Error bodies in `application/scim+json` (problem+json is accepted there too, for what the
 *   server answers before a route is reached: 414, 431…).
 */

export type Verdict = { ok: true } | { ok: false; reason: string };

export const TOKEN_PATH = '/oauth/dpc/token';

export function isTokenEndpoint(method: string, rawPath: string): boolean {
  const p = rawPath.split('?')[0]!.replace(/\/+$/, '');
  return method.toUpperCase() === 'POST' && p === TOKEN_PATH;
}

const SCIM_PATH = /^(\/dpc)?\/v1\/directory-integration\/scim\/v2(\/|$)/;

/** Why an RFC 7644 Error answer is not one, or null when it is. */
export function scimDefect(r: RawResponse): string | null {
  const ct = String(r.headers['content-type'] ?? '');
  if (!/^application\/scim\+json\b/i.test(ct)) return `content-type is "${ct || '(none)'}", not application/scim+json`;
  let b: any;
  try {
    b = JSON.parse(r.text);
  } catch {
    return 'body is not JSON';
  }
  if (!Array.isArray(b?.schemas) || b.schemas[0] !== 'urn:ietf:params:scim:api:messages:2.0:Error') return 'body is not an RFC 7644 Error';
  if (b.status !== String(r.status)) return `SCIM Error status ${JSON.stringify(b.status)} differs from HTTP status ${r.status}`;
  if (typeof b.detail !== 'string') return 'SCIM Error lacks detail';
  return null;
}

/** Why a ProblemDetail body is not one, or null when it is. */
export function problemDefect(r: RawResponse): string | null {
  const ct = String(r.headers['content-type'] ?? '');
  if (!/^application\/problem\+json\b/i.test(ct)) return `content-type is "${ct || '(none)'}", not application/problem+json`;
  let b: any;
  try {
    b = JSON.parse(r.text);
  } catch {
    return 'body is not JSON';
  }
  if (b === null || typeof b !== 'object' || Array.isArray(b)) return 'body is not an object';
  const missing: string[] = [];
  for (const k of ['type', 'title', 'detail', 'instance']) if (typeof b[k] !== 'string') missing.push(k);
  if (typeof b.status !== 'number') missing.push('status');
  if (!Array.isArray(b.violations) || b.violations.some((v: unknown) => typeof v !== 'string')) missing.push('violations');
  if (missing.length) return `ProblemDetail lacks or mistypes ${missing.join(', ')}`;
  if (b.status !== r.status) return `ProblemDetail status ${b.status} differs from HTTP status ${r.status}`;
  return null;
}

export function oauthDefect(r: RawResponse): string | null {
  const ct = String(r.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(ct)) return `content-type is "${ct || '(none)'}", not application/json`;
  let b: any;
  try {
    b = JSON.parse(r.text);
  } catch {
    return 'body is not JSON';
  }
  if (typeof b?.error !== 'string' || typeof b?.error_description !== 'string') return 'body is not {error, error_description}';
  return null;
}

const OAUTH_STATUSES = new Set([400, 401, 429]);

export interface CheckOptions {
  /** 503 is the expected answer here (database down): it must be problem+json (RFC 6749 JSON on the token endpoint) with Retry-After. */
  allow503?: boolean;
  /** Operation-specific statuses that are fine (e.g. 502/504 from a GitLab stub that fails on purpose). */
  allowStatuses?: number[];
}

export function check(method: string, rawPath: string, r: RawResponse, opts: CheckOptions = {}): Verdict {
  if (r.status === null) return { ok: false, reason: `no response (${r.error ?? 'unknown'})` };
  const s = r.status;
  const token = isTokenEndpoint(method, rawPath);
  const scim = SCIM_PATH.test(rawPath.split('?')[0]!);
  if (opts.allowStatuses?.includes(s)) return errorBodyVerdict(s, r, token, scim);
  if (s === 503 && opts.allow503) {
    if (r.headers['retry-after'] === undefined) return { ok: false, reason: '503 without Retry-After' };
    return errorBodyVerdict(s, r, token, scim);
  }
  if (s >= 500) return { ok: false, reason: `${s}` };
  if (s >= 400) return errorBodyVerdict(s, r, token, scim);
  return { ok: true };
}

function errorBodyVerdict(s: number, r: RawResponse, token: boolean, scim = false): Verdict {
  if (s < 400) return { ok: true };
  if (scim) {
    const d = scimDefect(r);
    return !d || !problemDefect(r) ? { ok: true } : { ok: false, reason: `${s} not an RFC 7644 Error: ${d}` };
  }
  if (token) {
    const o = oauthDefect(r);
    if (!o) return { ok: true };
    if (!OAUTH_STATUSES.has(s) && !problemDefect(r)) return { ok: true };
    return { ok: false, reason: `token endpoint ${s} not RFC 6749 JSON: ${o}` };
  }
  const p = problemDefect(r);
  return p ? { ok: false, reason: `${s} not problem+json: ${p}` } : { ok: true };
}

/** A failed request, as reported (excerpts only). */
export interface Failure {
  reason: string;
  /** What failures are grouped by besides the reason (default: `kind`). */
  group?: string;
  /** Short name of the request's kind (operation id + mutation, or scenario step). */
  kind: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  bodyBytes?: number;
  status: number | null;
  contentType?: string;
  response?: string;
  error?: string;
  ms?: number;
}

const cut = (s: string | undefined, n: number) => (s === undefined ? undefined : s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

export function failureOf(kind: string, reason: string, req: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }, r: RawResponse): Failure {
  const raw = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body.toString('utf8', 0, Math.min(req.body.length, 400_000)) : req.body.slice(0, 400_000);
  // Deep nesting shown as a count, so the excerpt shows where it is.
  const body = raw
    ?.replace(/(\{"a":){20,}/g, (m) => `<${m.length / 5} × {"a":>`)
    .replace(/\}{20,}/g, (m) => `<${m.length} × }>`)
    .replace(/\[{20,}/g, (m) => `<${m.length} × [>`)
    .replace(/\]{20,}/g, (m) => `<${m.length} × ]>`);
  let headers: Record<string, string> | undefined;
  if (req.headers) {
    const entries = Object.entries(req.headers);
    const shown = entries.slice(0, 6).map(([k, v]) => [k, k.toLowerCase() === 'authorization' && /^Bearer ey/.test(v) ? 'Bearer <a valid token>' : v.length > 80 ? `<${v.length} chars: ${JSON.stringify(v.slice(0, 24))}…>` : v]);
    if (entries.length > 6) shown.push(['…', `${entries.length - 6} more headers, ${entries.slice(6).reduce((n, [k, v]) => n + k.length + v.length, 0)} chars`]);
    headers = Object.fromEntries(shown);
  }
  return {
    reason,
    kind,
    method: req.method,
    path: cut(req.path, 300)!,
    headers,
    body: cut(body, 300),
    bodyBytes: req.body === undefined ? undefined : Buffer.byteLength(req.body),
    status: r.status,
    contentType: r.headers['content-type'] as string | undefined,
    response: cut(r.text, 400),
    error: r.error,
    ms: r.ms,
  };
}

/** Failures grouped by (reason, kind), with a count and the first example of each. */
export class FailureBook {
  private groups = new Map<string, { count: number; first: Failure; kinds: Set<string> }>();
  total = 0;

  add(f: Failure): void {
    this.total++;
    const key = `${f.reason} | ${f.group ?? f.kind}`;
    const g = this.groups.get(key);
    if (g) {
      g.count++;
      if (g.kinds.size < 12) g.kinds.add(f.kind);
    } else this.groups.set(key, { count: 1, first: f, kinds: new Set([f.kind]) });
  }

  /** The groups whose reason passes `keep`, as a new book. */
  filtered(keep: (reason: string) => boolean): FailureBook {
    const b = new FailureBook();
    for (const [key, g] of this.groups) {
      if (!keep(g.first.reason)) continue;
      b.groups.set(key, { count: g.count, first: g.first, kinds: new Set(g.kinds) });
      b.total += g.count;
    }
    return b;
  }

  get size(): number {
    return this.groups.size;
  }

  entries(): { key: string; count: number; first: Failure; kinds: string[] }[] {
    return [...this.groups.entries()].map(([key, g]) => ({ key, count: g.count, first: g.first, kinds: [...g.kinds] })).sort((a, b) => b.count - a.count);
  }

  /** By reason only (for figures). */
  byReason(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { first, count } of this.entries()) out[first.reason] = (out[first.reason] ?? 0) + count;
    return out;
  }

  summary(max = 60): string {
    const lines: string[] = [];
    for (const { key, count, first, kinds } of this.entries().slice(0, max)) {
      lines.push(`${count}× ${key}${kinds.length > 1 || kinds[0] !== key.split(' | ')[1] ? `  (in: ${kinds.join(', ')})` : ''}`);
      lines.push(`    ${first.method} ${first.path}${first.headers && Object.keys(first.headers).length ? `  headers=${JSON.stringify(first.headers)}` : ''}`);
      if (first.body !== undefined) lines.push(`    body(${first.bodyBytes} bytes)=${JSON.stringify(first.body)}`);
      lines.push(`    → ${first.status ?? first.error} ${first.contentType ?? ''} ${first.response ?? ''}`);
    }
    if (this.size > max) lines.push(`… and ${this.size - max} more kinds`);
    return lines.join('\n');
  }
}

export type Category = 'no response' | '5xx' | 'not problem+json' | 'other';

/** The issue's classes of failure, from a failure's reason. */
export function categoryOf(reason: string): Category {
  if (reason.startsWith('no response')) return 'no response';
  if (/not problem\+json|not RFC 6749|not an RFC 7644 Error|without Retry-After/.test(reason)) return 'not problem+json';
  if (/^5\d\d\b/.test(reason)) return '5xx';
  return 'other';
}

/** A FailureBook's groups of one category, as text for an assertion message. */
export function summaryOf(book: FailureBook, cat: Category, max = 25): { count: number; text: string } {
  const sub = book.filtered((r) => categoryOf(r) === cat);
  return { count: sub.total, text: sub.summary(max) };
}
