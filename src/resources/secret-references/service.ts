import { randomUUID } from 'node:crypto';
import type { Audit } from '../../core/audit.js';
import type { Vault } from '../../core/crypto/vault.js';
import type { ProjectAccess } from '../../core/access.js';
import { isForeignKeyViolation, isUniqueViolation, type Db } from '../../core/db/db.js';
import type { AgentsService } from '../agents/service.js';
import { secretReferenceAad, type SecretReferenceRow, type SecretReferencesRepo } from './store.js';
import { badRequest, conflict, notFound, Violations } from '../../core/errors.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor } from '../../core/policy.js';

/**
 * Project secret references (seed 003, contract §5.8). The body is a oneOf discriminated by
 * `agentType`; the wire schema is validated flat (a literal oneOf rejects valid Azure bodies,
 * which also match the AWS branch) and the per-variant rules are checked here:
 *
 * - `AWS`: secretName required; secretKey, description, agentId optional;
 * - `Azure`: secretName and vaultName required; secretKey, description, agentId optional;
 * - `Matillion hosted`: agentId and secretValue required; agentId must be the Matillion-hosted
 *   agent of this project (only FULL_SAAS projects have one); secretValue (any JSON except null,
 *   "" and {}) is sealed by the vault, bound to (project, name), and never returned.
 *
 * An agentId on an AWS/Azure reference must name a customer (hybrid) agent of the account.
 * `secretValue` on an AWS/Azure reference is refused rather than silently dropped.
 */

export const AGENT_TYPES = ['AWS', 'Azure', 'Matillion hosted'] as const;
export type SecretReferenceAgentType = (typeof AGENT_TYPES)[number];

export interface SecretReferenceInput {
  agentType: SecretReferenceAgentType;
  secretReferenceType: 'PASSWORD';
  description?: string;
  secretName?: string;
  secretKey?: string;
  vaultName?: string;
  agentId?: string;
  secretValue?: unknown;
}

const view = (r: Omit<SecretReferenceRow, 'value'>) => ({
  name: r.name,
  agentType: r.agent_type,
  secretReferenceType: r.secret_reference_type,
  description: r.description,
  ...(r.secret_name !== null ? { secretName: r.secret_name } : {}),
  ...(r.secret_key !== null ? { secretKey: r.secret_key } : {}),
  ...(r.vault_name !== null ? { vaultName: r.vault_name } : {}),
  ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
  createdAt: r.created_at,
});

const blank = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');
const emptyJson = (v: unknown) =>
  v === undefined || v === null || v === '' || (typeof v === 'object' && Object.keys(v as object).length === 0);

export interface SecretReferencesDeps {
  db: Db;
  audit: Audit;
  projects: ProjectAccess;
  agents: Pick<AgentsService, 'lookup'>;
  secrets: SecretReferencesRepo;
  vault: Vault;
  clock: () => Date;
}

const referenceEvent = (created: boolean, projectId: string, name: string, row?: Pick<SecretReferenceRow, 'id' | 'agent_type' | 'secret_reference_type'>) => ({
  eventName: created ? 'secret_reference_created' : 'secret_reference_deleted',
  eventType: created ? 'CREATE' : 'DELETE',
  description: created ? 'Secret reference created' : 'Secret reference deleted',
  subjectType: 'SECRET_REFERENCE',
  subjectId: row?.id ?? null,
  subjectName: name,
  projectId,
  additionalInfo: row ? { agentType: row.agent_type, secretReferenceType: row.secret_reference_type } : {},
});

export function createSecretReferencesService({ db, audit, projects, agents, secrets, vault, clock }: SecretReferencesDeps) {
  return {
    async create(actor: Actor, projectId: string, name: string, input: SecretReferenceInput) {
      const project = await projects.require(actor, projectId, 'projects.write');
      if (input.agentId !== undefined) input = { ...input, agentId: input.agentId.toLowerCase() };
      const v = new Violations();
      const hosted = input.agentType === 'Matillion hosted';
      if (hosted) {
        if (blank(input.agentId)) v.add('agentId', 'is required for agentType Matillion hosted');
        if (emptyJson(input.secretValue)) v.add('secretValue', 'is required for agentType Matillion hosted (a non-empty JSON value, e.g. {"password": "..."})');
      } else {
        if (blank(input.secretName)) v.add('secretName', `is required for agentType ${input.agentType}`);
        if (input.agentType === 'Azure' && blank(input.vaultName)) v.add('vaultName', 'is required for agentType Azure');
        if (input.secretValue !== undefined) {
          v.add('secretValue', `is only accepted for agentType Matillion hosted; an ${input.agentType} reference points at a secret in the customer's vault`);
        }
      }
      v.throwIfAny();

      if (!blank(input.agentId)) {
        const agent = await agents.lookup(actor.accountId, input.agentId!);
        if (hosted && (!agent || !agent.hosted || agent.projectId !== project.id)) {
          const why =
            project.agentDeploymentType === 'FULL_SAAS'
              ? `must be the Matillion-hosted agent of project ${project.id}`
              : `must be a Matillion-hosted agent, and project ${project.id} is HYBRID so it has none; use agentType AWS or Azure`;
          throw badRequest([{ field: 'agentId', rule: why }]);
        }
        if (!hosted && (!agent || agent.hosted)) {
          throw badRequest([{ field: 'agentId', rule: 'must be a customer-hosted (hybrid) agent of this account' }]);
        }
      }

      const row: SecretReferenceRow = {
        id: randomUUID(),
        project_id: project.id,
        name,
        agent_type: input.agentType,
        secret_reference_type: input.secretReferenceType,
        description: input.description ?? null,
        secret_name: hosted ? null : input.secretName!,
        secret_key: hosted ? null : (input.secretKey ?? null),
        vault_name: input.agentType === 'Azure' ? input.vaultName! : null,
        agent_id: blank(input.agentId) ? null : input.agentId!,
        value: hosted ? vault.encrypt(JSON.stringify(input.secretValue), secretReferenceAad(project.id, name)) : null,
        created_at: clock().toISOString(),
      };
      try {
        await db.transaction().execute(async (trx) => {
          await secrets.insert(row, trx);
          await audit.record(trx, actor, referenceEvent(true, project.id, name, row));
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw conflict(`A secret reference named "${name}" already exists in project ${projectId}`, [{ field: 'secretReferenceName', rule: 'must be unique within the project' }]);
        }
        // The project or the agent was deleted while this request ran.
        if (isForeignKeyViolation(err)) throw notFound(`Project ${projectId} or agent ${input.agentId} no longer exists`);
        throw err;
      }
    },

    async list(actor: Actor, projectId: string, q: PageQuery) {
      const project = await projects.require(actor, projectId, 'projects.read');
      const w = pageWindow(q);
      const { rows, total } = await secrets.page(project.id, w.offset, w.limit);
      return toPage(w, total, rows, view);
    },

    async delete(actor: Actor, projectId: string, name: string) {
      // Contributors create secret references; deleting one is the Owner's (contract §6).
      const project = await projects.require(actor, projectId, 'projects.delete');
      await db.transaction().execute(async (trx) => {
        if (!(await secrets.delete(project.id, name, trx))) throw notFound(`Secret reference "${name}" not found in project ${projectId}`);
        await audit.record(trx, actor, referenceEvent(false, project.id, name));
      });
    },

    /** In-process: whether the project has a reference of that name. */
    async exists(projectId: string, name: string) {
      return (await secrets.find(projectId, name)) !== undefined;
    },

    /** In-process use only: the reference with its decrypted secretValue (Matillion hosted). */
    async resolve(projectId: string, name: string) {
      const row = await secrets.find(projectId, name);
      if (!row) return null;
      const { value, ...rest } = row;
      return { ...view(rest), secretValue: value === null ? undefined : (JSON.parse(vault.decryptString(value, secretReferenceAad(projectId, name))) as unknown) };
    },
  };
}
export type SecretReferencesService = ReturnType<typeof createSecretReferencesService>;
