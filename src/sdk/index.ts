/**
 * `plinth/sdk`: a typed client for the Plinth / Maia (Matillion DPC) public API.
 *
 *     import { createClient } from 'plinth/sdk';
 *     const api = createClient({ baseUrl, clientId, clientSecret });
 *     for await (const p of api.paginate('/v1/projects')) console.log(p.name);
 */
export { createClient, type PlinthClient, type PlinthClientOptions, type CallOptions, type CreateResult, type Data, type Item, type Paths, type PathsWith } from './client.js';
export { clientCredentialsTokens, staticToken, defaultTokenUrl, SAAS_AUDIENCE, SAAS_TOKEN_URL, type ClientCredentials, type TokenSource } from './auth.js';
export { PlinthError, PlinthApiError, PlinthNetworkError, PlinthAuthError, type ProblemDetail } from './errors.js';
export { pageItems, cursorItems, collect, type PageEnvelope, type CursorEnvelope } from './paging.js';
export { parseRetryAfter, type RetryOptions, type RetryInfo } from './retry.js';
export type { paths, components, operations } from '../generated/openapi-types.js';
