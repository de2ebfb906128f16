/**
 * Calls to Plinth's public API with the console session: the HttpOnly cookie travels by itself
 * (same origin); the page adds the session's CSRF token and marks the call as the console's, so
 * audit events say CONSOLE. No bearer token or secret is ever held by this script.
 */

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  violations?: string[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(messageOf(problem));
  }
  get status() {
    return this.problem.status;
  }
}

function messageOf(p: Problem) {
  const main = p.detail || p.title || `Request failed (${p.status})`;
  const extra = (p.violations ?? []).filter((v) => !main.includes(v));
  return extra.length ? `${main} (${extra.join('; ')})` : main;
}

let csrfToken = '';
export const setCsrfToken = (t: string) => void (csrfToken = t);

/** Called when a call finds the session gone (401): the app shows the sign-in page. */
let onSignedOut: () => void = () => {};
export const whenSignedOut = (fn: () => void) => void (onSignedOut = fn);

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-plinth-client': 'console' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError({ status: 0, detail: 'Plinth cannot be reached. Check the server and try again.' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? safeJson(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/console/api/session')) onSignedOut();
    throw new ApiError({ status: res.status, ...(json && typeof json === 'object' ? json : { detail: text || res.statusText }) });
  }
  return json as T;
}

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface Page<T> {
  page: number;
  size: number;
  total: number;
  results: T[];
}

export const ACCOUNT_ROLES = [
  ['SUPER_ADMIN', 'Super Admin'],
  ['BILLING_ADMIN', 'Billing Admin'],
  ['ADMIN', 'Admin'],
  ['MEMBER', 'Member'],
] as const;
export const roleLabel = (r: string) => ACCOUNT_ROLES.find(([v]) => v === r)?.[1] ?? r;

export interface SessionUser {
  userId: string;
  email: string;
  role: string;
}
