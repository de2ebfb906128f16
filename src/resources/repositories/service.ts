import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Audit } from '../../core/audit.js';
import type { Vault } from '../../core/crypto/vault.js';
import { isForeignKeyViolation, isUniqueViolation, type Db } from '../../core/db/db.js';
import type { RepositoriesRepo, RepositoryRow, TokenState } from './store.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { GitLabError, type GitLabClient } from './gitlab.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';
import type { ProjectAccess, ProjectHooks } from '../../core/access.js';
import { createTokenIntake, HEADER } from './token-intake.js';
import { LEASE_MS, repositoryEvent, tokenAad, tokenState } from './token-rotation.js';

/**
 * A project's Git repository (at most one). GitHub and Azure DevOps are associations only (the
 * SaaS connects with its own GitHub App / Entra service principal; Plinth records the target).
 * GitLab needs a service-account personal access token: Plinth checks it, rotates it at once and
 * keeps only the rotated token, sealed by the vault (see token-rotation.ts for the schedule).
 */

export const PROVIDERS = ['github', 'azure-devops', 'gitlab'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface AssociateInput {
  provider: string;
  repositoryName: string;
  providerParameters: Record<string, unknown>;
}

export interface TokenStatus {
  expiresAt: string | null;
  lastRotatedAt: string | null;
  nextRotationAt: string | null;
  lastError: string | null;
  rotationAttempts: number;
}

export interface RepositoryView {
  provider: string;
  repositoryName: string;
  providerParameters: Record<string, unknown>;
  createdAt: string;
  tokenStatus?: TokenStatus;
}



function view(r: RepositoryRow): RepositoryView {
  const v: RepositoryView = {
    provider: r.provider,
    repositoryName: r.repository_name,
    providerParameters: JSON.parse(r.provider_parameters),
    createdAt: r.created_at,
  };
  if (r.provider === 'gitlab') {
    v.tokenStatus = {
      expiresAt: r.token_expires_at,
      lastRotatedAt: r.last_rotated_at,
      nextRotationAt: r.next_rotation_at,
      lastError: r.last_error,
      rotationAttempts: r.rotation_attempts,
    };
  }
  return v;
}

/** Only the parameters a provider defines are kept (the schema has already checked them). */
function parametersOf(provider: Provider, p: Record<string, unknown>): Record<string, unknown> {
  switch (provider) {
    case 'github':
      return { ownerName: p.ownerName };
    case 'azure-devops':
      return { organization: p.organization, repositoryId: String(p.repositoryId).toLowerCase(), tenantId: String(p.tenantId).toLowerCase() };
    case 'gitlab':
      return { repositoryId: p.repositoryId };
  }
}

export interface RepositoriesDeps {
  db: Db;
  audit: Audit;
  repos: RepositoriesRepo;
  projects: ProjectAccess;
  gitlab: GitLabClient;
  vault: Vault;
  clock: () => Date;
  logger: Logger;
  nodeId: string;
}

/**
 * A project's deletion cascades to its repository; a GitLab token Plinth holds would then stay
 * alive at GitLab with nobody able to use or revoke it. This hook takes the repository row (with
 * its sealed token) out inside the deletion transaction and, once the deletion has committed,
 * revokes the token (`DELETE /personal_access_tokens/self`). Best effort: a failure is logged
 * (GitLab host and status, never the token) and the deletion stands.
 */
export function repositoryProjectHooks({ repos, gitlab, vault, logger }: Pick<RepositoriesDeps, 'repos' | 'gitlab' | 'vault' | 'logger'>): ProjectHooks {
  return {
    async beforeDelete(trx, project) {
      const gone = await repos.deleteByProject(project.id, trx);
      if (!gone || gone.provider !== 'gitlab' || !gone.token) return;
      const sealed = gone.token;
      const ctx = { projectId: project.id, repositoryId: gone.id, gitlabHost: new URL(gitlab.baseUrl).host };
      return async () => {
        let token: string;
        try {
          token = vault.decryptString(sealed, tokenAad(project.id, gone.id));
        } catch {
          logger.warn(ctx, 'project deleted; its gitlab token could not be read (unavailable master key?) and was not revoked');
          return;
        }
        try {
          await gitlab.revokeSelf(token);
          logger.info(ctx, 'project deleted; its gitlab token was revoked');
        } catch (err) {
          const e = err instanceof GitLabError ? err : undefined;
          logger.warn({ ...ctx, kind: e?.kind ?? 'unexpected', status: e?.status }, 'project deleted; revoking its gitlab token failed');
        }
      };
    },
  };
}

export function createRepositoriesService({ db, audit, repos, projects, gitlab, vault, clock, logger, nodeId }: RepositoriesDeps) {
  const { acceptToken } = createTokenIntake({ gitlab, clock, logger });

  async function gitlabRepository(actor: Actor, projectId: string) {
    await projects.require(actor, projectId, 'projects.write');
    const row = await repos.findByProject(projectId);
    if (!row) throw notFound(`Project ${projectId} has no repository; associate a GitLab repository first`);
    if (row.provider !== 'gitlab') throw conflict(`The repository of project ${projectId} is a ${row.provider} repository; only GitLab repositories have a token to rotate`);
    return row;
  }

  return {
    async associate(actor: Actor, projectId: string, input: AssociateInput, token: string | undefined): Promise<RepositoryView> {
      await projects.require(actor, projectId, 'projects.write');
      const provider = input.provider as Provider;
      if (!PROVIDERS.includes(provider)) throw invalid('provider', `must be one of: ${PROVIDERS.join(', ')}`);
      if (await repos.findByProject(projectId)) throw conflict(`Project ${projectId} already has a repository`, [{ field: 'projectId', rule: 'may have only one repository' }]);

      const id = randomUUID();
      const nowIso = clock().toISOString();
      const params = parametersOf(provider, input.providerParameters);
      let state: Partial<TokenState> = {};
      let newToken: string | undefined;
      if (provider === 'gitlab') {
        if (token === undefined || token === '') throw invalid(HEADER, 'is required when provider is gitlab');
        const { rotated, lifetime, now } = await acceptToken(token, String(params.repositoryId), 'providerParameters.repositoryId');
        newToken = rotated.token;
        state = tokenState(vault, projectId, id, rotated, lifetime, now);
      }
      // For github and azure-devops a supplied header is ignored: nothing is stored or sent anywhere.
      const row: RepositoryRow = {
        id,
        project_id: projectId,
        provider,
        repository_name: input.repositoryName,
        provider_parameters: JSON.stringify(params),
        token: null,
        token_id: null,
        token_created_at: null,
        token_expires_at: null,
        token_lifetime_days: null,
        last_rotated_at: null,
        next_rotation_at: null,
        rotation_attempts: 0,
        last_error: null,
        rotation_started_at: null,
        lease_owner: null,
        lease_until: null,
        created_at: nowIso,
        updated_at: nowIso,
        ...state,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await repos.insert(row, trx);
          await audit.record(trx, actor, repositoryEvent('repository_associated', row, { repositoryName: row.repository_name }));
        });
      } catch (err) {
        // Do not leave a live token nobody holds.
        if (newToken) await gitlab.revokeSelf(newToken).catch(() => {});
        if (isUniqueViolation(err)) throw conflict(`Project ${projectId} already has a repository`, [{ field: 'projectId', rule: 'may have only one repository' }]);
        // The project was deleted while this request ran.
        if (isForeignKeyViolation(err)) throw notFound(`Project ${projectId} not found`);
        throw err;
      }
      if (provider === 'gitlab') logger.info({ projectId, repositoryId: id, expiresAt: row.token_expires_at }, 'gitlab repository associated; supplied token rotated');
      return view(row);
    },

    async list(actor: Actor, projectId: string, q: PageQuery) {
      await projects.require(actor, projectId, 'projects.read');
      const w = pageWindow(q);
      const row = await repos.findByProject(projectId);
      const rows = row ? [row] : [];
      return toPage(w, rows.length, rows.slice(w.offset, w.offset + w.limit), view);
    },

    /**
     * Replace the stored token with a rotation of the supplied one (validated like on
     * association). Works whatever state the stored token is in (expired, revoked, lost).
     */
    async rotateToken(actor: Actor, projectId: string, token: string): Promise<RepositoryView> {
      const row = await gitlabRepository(actor, projectId);
      const now = clock();
      const claimed = await repos.claim(row.id, nodeId, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), false);
      if (!claimed) throw conflict('A rotation of this repository token is in progress; retry in a few minutes');
      let state: TokenState;
      try {
        const { rotated, lifetime, now: at } = await acceptToken(token, String(JSON.parse(row.provider_parameters).repositoryId), HEADER);
        state = tokenState(vault, projectId, row.id, rotated, lifetime, at);
      } catch (err) {
        await repos.release(row.id, nodeId);
        throw err;
      }
      await db.transaction().execute(async (trx) => {
        if (await repos.storeRotated(row.id, state, clock().toISOString(), trx)) {
          await audit.record(trx, actor, repositoryEvent('repository_token_rotated', row, { trigger: 'supplied', tokenExpiresAt: state.token_expires_at }));
        }
      });
      logger.info({ projectId, repositoryId: row.id, expiresAt: state.token_expires_at }, 'gitlab repository token replaced manually');
      const fresh = await repos.findByProject(projectId);
      return view(fresh ?? { ...row, ...state });
    },
  };
}
export type RepositoriesService = ReturnType<typeof createRepositoriesService>;
