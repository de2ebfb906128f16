/**
 * Domain errors. Services say what went wrong in their own terms — a kind, a message and the
 * violated rules as plain field names (`name`, `connectionDetails.secretsLocation.type`,
 * `connectionName`) — and never an HTTP status or where a field travels. The HTTP layer
 * (src/core/http/problem.ts) turns a kind into a status and a ProblemDetail, and prefixes each
 * field with its location in the operation (`body.`, `query.`, `path.`, `header.`).
 *
 * Messages and violations are public, so they never carry secret values.
 */

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** The target exists but is switched off for good (a disabled pipeline: 410). */
  | 'gone'
  | 'unprocessable'
  | 'upstream_failed'
  | 'upstream_timeout'
  | 'unavailable';

/** One broken rule: `field` is a dotted path inside the request ('' for the whole body). */
export interface Violation {
  field: string;
  rule: string;
}

/**
 * `detail` is the public message; a function builds it from the violations once the HTTP layer
 * has located them (so a message can quote `body.name: …` without the domain knowing "body").
 */
export type Detail = string | ((located: string[]) => string);

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly detail: Detail,
    readonly violations: Violation[] = [],
    /** For `upstream_failed` / `unavailable`: when the caller may retry. */
    readonly retryAfterSeconds?: number,
  ) {
    super(typeof detail === 'string' ? detail : detail(violations.map((v) => (v.field ? `${v.field}: ${v.rule}` : v.rule))));
    this.name = 'DomainError';
  }
}

const listed = (located: string[]) => `Invalid request: ${located.join('; ')}`;

/** Several rules failed: 'Invalid request: <each violation>'. */
export const badRequest = (violations: Violation[], detail: Detail = listed) => new DomainError('invalid', detail, violations);

/** One rule that involves several fields or stored state failed: the violation is the message. */
export const invalid = (field: string, rule: string) => new DomainError('invalid', (located) => located[0]!, [{ field, rule }]);

export const unauthenticated = (detail = 'A valid bearer token is required') => new DomainError('unauthenticated', detail);

export const forbidden = (detail = 'The API credential does not have permission for this operation') => new DomainError('forbidden', detail);

export const notFound = (detail: string, violations: Violation[] = []) => new DomainError('not_found', detail, violations);

export const conflict = (detail: string, violations: Violation[] = []) => new DomainError('conflict', detail, violations);

export const gone = (detail: string, violations: Violation[] = []) => new DomainError('gone', detail, violations);

export const upstreamFailed = (detail: string, retryAfterSeconds?: number) => new DomainError('upstream_failed', detail, [], retryAfterSeconds);

export const upstreamTimeout = (detail: string) => new DomainError('upstream_timeout', detail);

/** Collects violations so a request hears about every broken rule at once. */
export class Violations {
  readonly list: Violation[] = [];
  add(field: string, rule: string) {
    this.list.push({ field, rule });
  }
  get empty() {
    return this.list.length === 0;
  }
  /** Throws an `invalid` error naming every violation collected so far. */
  throwIfAny() {
    if (this.list.length) throw badRequest(this.list);
  }
}
