/**
 * The narrow slice of GitLab's REST API (v4) Plinth uses, behind an interface so the domain can
 * be tested against a stand-in. Shapes follow GitLab's documentation:
 *
 * - `GET  /personal_access_tokens/self` — details of the token used (any scope may call it);
 *   401 when the token is unknown, expired or revoked.
 * - `POST /personal_access_tokens/self/rotate` `{expires_at?: "YYYY-MM-DD"}` — needs the `api` or
 *   `self_rotate` scope; revokes the token used and returns the new one (with `token`); 400 when
 *   not rotated, 401 expired/revoked, 403 not allowed, 405 not a personal access token. Rotating a
 *   token that was already revoked makes GitLab revoke its whole token family (reuse detection).
 * - `GET  /personal_access_tokens/self/associations?min_access_level=&page=&per_page=` — the groups
 *   and projects the token's user can reach (`{groups: [...], projects: [{id, name,
 *   path_with_namespace, access_levels, ...}]}`), with at least that role when `min_access_level`
 *   is given; offset-paginated (`x-next-page` header, `per_page` at most 100). Any scope may call it
 *   (GitLab ≥ 17.4; older instances answer 404). See lib/api/personal_access_tokens/
 *   self_information.rb and doc/api/personal_access_tokens.md in gitlab-org/gitlab.
 * - `GET  /projects/:id` — `permissions.project_access.access_level` and
 *   `permissions.group_access.access_level` (Developer = 30); 404 when not visible; 403 when the
 *   token's scopes do not cover the read API. Only used where associations is missing.
 * - `DELETE /personal_access_tokens/self` — revoke the token used (204).
 *
 * Token values travel only in the `PRIVATE-TOKEN` request header. Nothing here logs, and no error
 * message carries a response body (a rotation response contains the new token).
 */

export interface GitLabTokenInfo {
  id: number;
  name: string;
  scopes: string[];
  active: boolean;
  revoked: boolean;
  createdAt: string;
  /** `YYYY-MM-DD`, or null for a token without expiry (allowed on some self-managed instances). */
  expiresAt: string | null;
  userId: number | null;
}

export type GitLabErrorKind =
  | 'unauthorized' // 401: unknown, expired or revoked token
  | 'forbidden' // 403: scope or permission
  | 'not_found' // 404
  | 'bad_request' // 400 / 405 / other 4xx
  | 'rate_limited' // 429
  | 'unavailable' // 5xx, network error, unreadable answer
  | 'timeout';

export class GitLabError extends Error {
  override name = 'GitLabError';
  constructor(
    readonly kind: GitLabErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface GitLabClient {
  readonly baseUrl: string;
  tokenSelf(token: string): Promise<GitLabTokenInfo>;
  /** Rotate the token itself; `expiresAt` null lets GitLab choose its default. */
  rotateSelf(token: string, expiresAt: string | null): Promise<GitLabTokenInfo & { token: string }>;
  /**
   * Whether the token's user reaches the project with at least `minAccessLevel`, from the token's
   * associations (any scope may ask). Pages through until the project shows up or the pages run
   * out. A GitLab without the endpoint (< 17.4) answers 404: a `not_found` GitLabError.
   */
  hasProjectAccess(token: string, projectId: string, minAccessLevel: number): Promise<boolean>;
  /** The token user's effective access level on the project (max of project and group access; 0 if none). Needs `read_api`/`api`. */
  projectAccessLevel(token: string, projectId: string): Promise<number>;
  revokeSelf(token: string): Promise<void>;
}

export const DEVELOPER = 30;

/** Associations pages asked for at most (100 projects each); a user reaching more is not expected of a service account. */
export const MAX_ASSOCIATION_PAGES = 100;
const ASSOCIATIONS_PER_PAGE = 100;

function kindOf(status: number): GitLabErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

function retryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  if (/^\d+$/.test(h.trim())) return Number(h.trim());
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function tokenInfo(j: any): GitLabTokenInfo {
  if (!j || typeof j !== 'object' || typeof j.id !== 'number' || !Array.isArray(j.scopes) || typeof j.created_at !== 'string') {
    throw new GitLabError('unavailable', 'GitLab returned an unexpected token description');
  }
  const exp = typeof j.expires_at === 'string' ? j.expires_at.slice(0, 10) : null;
  return {
    id: j.id,
    name: String(j.name ?? ''),
    scopes: j.scopes.map(String),
    active: j.active !== false,
    revoked: j.revoked === true,
    createdAt: j.created_at,
    expiresAt: exp,
    userId: typeof j.user_id === 'number' ? j.user_id : null,
  };
}

export function createGitLabClient(opts: { baseUrl: string; timeoutMs?: number; fetch?: typeof fetch }): GitLabClient {
  const root = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const doFetch = opts.fetch ?? fetch;

  async function call(method: string, path: string, token: string, body?: unknown): Promise<any> {
    return (await request(method, path, token, body)).json;
  }

  async function request(method: string, path: string, token: string, body?: unknown): Promise<{ json: any; headers: Headers }> {
    let res: Response;
    try {
      res = await doFetch(`${root}/api/v4${path}`, {
        method,
        headers: {
          'PRIVATE-TOKEN': token,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new GitLabError('timeout', `GitLab did not answer within ${timeoutMs} ms`);
      throw new GitLabError('unavailable', 'GitLab could not be reached');
    }
    if (res.status === 204) return { json: undefined, headers: res.headers };
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new GitLabError(res.ok ? 'unavailable' : kindOf(res.status), 'GitLab closed the connection mid-answer', res.status);
    }
    if (!res.ok) {
      // The body is not kept: messages stay generic and never echo what GitLab sent.
      throw new GitLabError(kindOf(res.status), `GitLab answered ${res.status}`, res.status, retryAfter(res.headers.get('retry-after')));
    }
    try {
      return { json: JSON.parse(text), headers: res.headers };
    } catch {
      throw new GitLabError('unavailable', 'GitLab returned a body that is not JSON', res.status);
    }
  }

  return {
    baseUrl: root,
    async tokenSelf(token) {
      return tokenInfo(await call('GET', '/personal_access_tokens/self', token));
    },
    async rotateSelf(token, expiresAt) {
      const j = await call('POST', '/personal_access_tokens/self/rotate', token, expiresAt ? { expires_at: expiresAt } : {});
      const info = tokenInfo(j);
      if (typeof j.token !== 'string' || j.token.length === 0) throw new GitLabError('unavailable', 'GitLab returned a rotation without a token');
      return { ...info, token: j.token };
    },
    async hasProjectAccess(token, projectId, minAccessLevel) {
      const wanted = String(projectId);
      for (let page = 1; page <= MAX_ASSOCIATION_PAGES; page++) {
        const q = new URLSearchParams({ min_access_level: String(minAccessLevel), per_page: String(ASSOCIATIONS_PER_PAGE), page: String(page) });
        const { json, headers } = await request('GET', `/personal_access_tokens/self/associations?${q}`, token);
        const projects = json?.projects;
        if (!Array.isArray(projects)) throw new GitLabError('unavailable', 'GitLab returned unexpected token associations');
        if (projects.some((p: any) => p && String(p.id) === wanted)) return true;
        // Groups and projects are paginated with the same page parameters, and `x-next-page` (empty
        // on the last page) describes the list paginated last (projects). A full page of projects
        // may be followed by more whatever the header says (or if a proxy dropped it); the header
        // covers an instance serving fewer per page than asked.
        const next = headers.get('x-next-page')?.trim();
        const more = projects.length > 0 && (projects.length >= ASSOCIATIONS_PER_PAGE || (next !== undefined && next !== ''));
        if (!more) return false;
      }
      return false;
    },
    async projectAccessLevel(token, projectId) {
      const j = await call('GET', `/projects/${encodeURIComponent(projectId)}`, token);
      const p = j?.permissions ?? {};
      const levels = [p.project_access?.access_level, p.group_access?.access_level].filter((n): n is number => typeof n === 'number');
      return levels.length ? Math.max(...levels) : 0;
    },
    async revokeSelf(token) {
      await call('DELETE', '/personal_access_tokens/self', token);
    },
  };
}
