/**
 * Typed domain errors. The HTTP layer renders each as an application/problem+json
 * ProblemDetail; `detail` and `violations` are public, so they never carry secret values.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly problemType: string,
    message: string,
    readonly violations: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const T = 'https://api.matillion.com/problems/';

export const badRequest = (detail: string, violations: string[] = []) =>
  new AppError(400, 'Bad Request', `${T}bad-request`, detail, violations);

/** A rule that involves several fields or stored state failed: 400 naming the field and the rule. */
export const invalid = (field: string, rule: string) =>
  new AppError(400, 'Bad Request', `${T}bad-request`, `${field}: ${rule}`, [`${field}: ${rule}`]);

export const unauthorized = (detail = 'A valid bearer token is required') =>
  new AppError(401, 'Unauthorized', `${T}unauthorized`, detail, [], {
    'www-authenticate': 'Bearer realm="plinth", error="invalid_token"',
  });

export const forbidden = (detail = 'The API credential does not have permission for this operation') =>
  new AppError(403, 'Forbidden', `${T}forbidden`, detail);

export const notFound = (detail: string, violations: string[] = []) => new AppError(404, 'Not Found', `${T}not-found`, detail, violations);

export const conflict = (detail: string, violations: string[] = []) =>
  new AppError(409, 'Conflict', `${T}conflict`, detail, violations);

export const unprocessable = (detail: string, violations: string[] = []) =>
  new AppError(422, 'Unprocessable Entity', `${T}unprocessable-entity`, detail, violations);

export const badGateway = (detail: string) => new AppError(502, 'Bad Gateway', `${T}bad-gateway`, detail);
export const gatewayTimeout = (detail: string) => new AppError(504, 'Gateway Timeout', `${T}gateway-timeout`, detail);
