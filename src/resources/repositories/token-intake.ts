import type { Logger } from 'pino';
import { invalid, upstreamFailed, upstreamTimeout, type DomainError } from '../../core/errors.js';
import { DEVELOPER, GitLabError, type GitLabClient } from './gitlab.js';
import { expiryFor, lifetimeDays } from './token-rotation.js';

/** The request header that carries a GitLab token (a header parameter of the operations). */
export const HEADER = 'Git-Provider-Access-Token';
const REJECTED =
  'GitLab rejected the token as unknown, expired or revoked (a token Plinth has already rotated is revoked by that rotation and cannot be used again, e.g. for a second project)';

/** A GitLab failure as the API answers it: 502/504 with a generic message, never GitLab's body. */
function gatewayError(e: GitLabError): DomainError {
  if (e.kind === 'timeout') return upstreamTimeout('GitLab did not answer in time; try again later');
  if (e.kind === 'rate_limited') return upstreamFailed('GitLab is rate-limiting requests; try again later', e.retryAfterSeconds);
  return upstreamFailed('GitLab could not be reached or answered unexpectedly; try again later');
}

/** Run a GitLab call, mapping its failures to API errors (`on` first, then the defaults). */
type GitLabCall = <T>(fn: () => Promise<T>, on: Partial<Record<GitLabError['kind'], () => DomainError>>) => Promise<T>;

/**
 * A token a client supplies (on association or to replace a lost one): checked, then rotated at
 * once so Plinth holds the only live copy.
 */
export function createTokenIntake({ gitlab, clock, logger }: { gitlab: GitLabClient; clock: () => Date; logger: Logger }) {
  /**
   * Developer or higher on the GitLab project. First from the token's associations, which any
   * scope may read (so a `self_rotate`-only token, all the SaaS asks for, passes); on a GitLab
   * older than 17.4, which answers 404 there, from `GET /projects/:id`, which needs `read_api`.
   */
  async function checkDeveloperAccess(token: string, gitlabProjectId: string, repoField: string, call: GitLabCall) {
    const found = await call(
      async () => {
        try {
          return await gitlab.hasProjectAccess(token, gitlabProjectId, DEVELOPER);
        } catch (err) {
          if (err instanceof GitLabError && err.kind === 'not_found') return null; // no associations endpoint
          throw err;
        }
      },
      {
        bad_request: () => invalid(HEADER, 'must be a GitLab personal access token'),
        forbidden: () => invalid(HEADER, 'GitLab refused to list the projects the token can reach (403)'),
      },
    );
    if (found === true) return;
    if (found === false) {
      throw invalid(
        HEADER,
        `the token's user needs the Developer role or higher on GitLab project ${gitlabProjectId} (GitLab does not list that project among those the user reaches with Developer access or higher; check the project id and the user's membership)`,
      );
    }
    const level = await call(() => gitlab.projectAccessLevel(token, gitlabProjectId), {
      not_found: () => invalid(repoField, `GitLab project ${gitlabProjectId} does not exist or the token's user cannot see it`),
      forbidden: () =>
        invalid(
          HEADER,
          'needs the read_api (or api) scope as well on this GitLab instance (older than 17.4, without GET /personal_access_tokens/self/associations), so Plinth can verify its access to the repository',
        ),
    });
    if (level < DEVELOPER) {
      throw invalid(HEADER, `the token's user needs the Developer role or higher on GitLab project ${gitlabProjectId} (access level ${level} < ${DEVELOPER})`);
    }
  }

  /**
   * Check a supplied token (details, `self_rotate` scope, Developer+ access to the GitLab project)
   * and rotate it at once, preserving its lifetime. The token is only ever checked with
   * read-only calls before the rotation, so a revoked token answers 401 there and never reaches
   * the rotate endpoint (whose reuse detection would revoke the token family Plinth holds).
   */
  async function acceptToken(token: string, gitlabProjectId: string, repoField: string) {
    const call: GitLabCall = async (fn, on) => {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof GitLabError)) throw err;
        const mapped = on[err.kind]?.();
        if (mapped) throw mapped;
        if (err.kind === 'unauthorized') throw invalid(HEADER, REJECTED);
        logger.warn({ gitlabHost: new URL(gitlab.baseUrl).host, kind: err.kind, status: err.status }, 'gitlab call failed');
        throw gatewayError(err);
      }
    };
    const info = await call(() => gitlab.tokenSelf(token), {
      bad_request: () => invalid(HEADER, 'must be a GitLab personal access token'),
    });
    if (!info.active || info.revoked) throw invalid(HEADER, REJECTED);
    if (!info.scopes.includes('self_rotate')) {
      throw invalid(HEADER, `must have the self_rotate scope (it has: ${info.scopes.join(', ') || 'none'})`);
    }
    await checkDeveloperAccess(token, gitlabProjectId, repoField, call);
    const lifetime = lifetimeDays(info);
    const now = clock();
    const rotated = await call(() => gitlab.rotateSelf(token, expiryFor(lifetime, now)), {
      forbidden: () => invalid(HEADER, 'GitLab refused to let the token rotate itself (it needs the self_rotate scope)'),
      bad_request: () => invalid(HEADER, 'GitLab refused to rotate the token (it must be a personal access token whose lifetime the instance allows)'),
    });
    return { rotated, lifetime, now };
  }

  return { acceptToken };
}
