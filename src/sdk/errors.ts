/**
 * Errors the SDK throws. Every failed API call is a `PlinthApiError` carrying the server's
 * ProblemDetail (`application/problem+json`: type, title, status, detail, instance, violations),
 * so callers branch on `status` and show `violations` without parsing anything themselves.
 */

/** The SaaS's (and Plinth's) error body. */
export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  violations?: string[];
  [extra: string]: unknown;
}

export class PlinthError extends Error {
  override name = 'PlinthError';
}

/** The server answered with a non-2xx status. */
export class PlinthApiError extends PlinthError {
  override name = 'PlinthApiError';
  constructor(
    readonly status: number,
    readonly problem: ProblemDetail,
    readonly method: string,
    readonly url: string,
    /** `x-request-id` of the response, when the server sent one (Plinth always does). */
    readonly requestId?: string,
    /** How many attempts were made (retries included). */
    readonly attempts = 1,
  ) {
    super(describe(status, problem, method, url));
  }

  get violations(): string[] {
    return Array.isArray(this.problem.violations) ? this.problem.violations : [];
  }

  static async from(response: Response, method: string, body?: unknown, attempts = 1): Promise<PlinthApiError> {
    let problem: ProblemDetail;
    if (body !== undefined) problem = toProblem(body, response.status);
    else {
      const text = await response.text().catch(() => '');
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      problem = toProblem(parsed, response.status);
    }
    return new PlinthApiError(response.status, problem, method, response.url, response.headers.get('x-request-id') ?? undefined, attempts);
  }
}

/** The request never got an answer (connection refused or reset, timeout) after every retry. */
export class PlinthNetworkError extends PlinthError {
  override name = 'PlinthNetworkError';
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    readonly attempts: number,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The token endpoint refused the client credentials (or answered something unusable). */
export class PlinthAuthError extends PlinthError {
  override name = 'PlinthAuthError';
  constructor(
    message: string,
    readonly status?: number,
    readonly problem?: ProblemDetail,
  ) {
    super(message);
  }
}

function toProblem(body: unknown, status: number): ProblemDetail {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as ProblemDetail;
  if (typeof body === 'string' && body) return { status, detail: body.slice(0, 2000) };
  return { status };
}

function describe(status: number, p: ProblemDetail, method: string, url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* keep as is */
  }
  const head = `${method} ${path}: ${status}${p.title ? ` ${p.title}` : ''}`;
  const detail = p.detail && p.detail !== p.title ? ` — ${p.detail}` : '';
  const violations = Array.isArray(p.violations) && p.violations.length ? ` (${p.violations.join('; ')})` : '';
  return head + detail + violations;
}

/** A short reason for a failed fetch: the system error code when there is one. */
export function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
