import { badRequest } from '../../core/errors.js';
import { pageWindow, toPage, type PageQuery } from '../../core/paging.js';
import type { Actor, Policy } from '../../core/policy.js';
import type { ExecutionsRepo } from './store.js';

/**
 * What simulated runs report beyond themselves: OpenLineage events (`GET /v1/lineage/events`)
 * and credit consumption (`GET /v1/consumption`, `/v1/consumption/etl-users`).
 *
 * Credit model (Plinth's, documented in the operations): a run that has ended costs
 * 0.01 credit per step it started plus 0.001 credit per second of its (simulated) duration,
 * counted on the UTC day it ended, as `orchestration` or `transformation` by its pipeline type,
 * with dimensions `{projectId, environmentName}`. Test executions cost nothing. ETL users: every
 * distinct principal that started a run ending in the range is a charged user, 1 credit each
 * (runs a schedule started count for nobody: their principal is `system:scheduler`).
 */
const DAY = 86_400_000;
export const MAX_CONSUMPTION_DAYS = 366;

export function createReporting(d: { repo: ExecutionsRepo; policy: Policy }) {
  return {
    async lineage(actor: Actor, q: PageQuery & { generatedFrom: string; generatedBefore: string }) {
      d.policy.assert(actor, 'lineage.read');
      const from = new Date(q.generatedFrom).toISOString();
      const before = new Date(q.generatedBefore).toISOString();
      if (from >= before) throw badRequest([{ field: 'generatedFrom', rule: 'must be earlier than generatedBefore' }]);
      const w = pageWindow(q);
      const { rows, total } = await d.repo.lineagePage(actor.accountId, from, before, w.offset, w.limit);
      return toPage(w, total, rows, (r) => ({ id: r.id, event: JSON.parse(r.event) as Record<string, unknown> }));
    },

    async consumption(actor: Actor, q: { consumedFrom: string; consumedBefore: string }) {
      d.policy.assert(actor, 'billing.manage');
      const from = Date.parse(`${q.consumedFrom}T00:00:00Z`);
      const before = Date.parse(`${q.consumedBefore}T00:00:00Z`);
      if (!(from < before)) throw badRequest([{ field: 'consumedFrom', rule: 'must be earlier than consumedBefore' }]);
      if ((before - from) / DAY > MAX_CONSUMPTION_DAYS) throw badRequest([{ field: 'consumedBefore', rule: `must be at most ${MAX_CONSUMPTION_DAYS} days after consumedFrom` }]);
      const rows = await d.repo.finishedBetween(actor.accountId, new Date(from).toISOString(), new Date(before).toISOString());
      const days = new Map<string, Map<string, { consumptionType: string; dimensions: Record<string, string>; millicredits: number }>>();
      for (let t = from; t < before; t += DAY) days.set(new Date(t).toISOString().slice(0, 10), new Map());
      for (const r of rows) {
        if (r.kind !== 'PIPELINE' || !r.finished_at) continue;
        const type = r.pipeline_type === 'TRANSFORMATION' ? 'transformation' : 'orchestration';
        const day = days.get(r.finished_at.slice(0, 10));
        if (!day) continue;
        const key = `${type}\u0000${r.project_id}\u0000${r.environment_name}`;
        const e = day.get(key) ?? { consumptionType: type, dimensions: { projectId: r.project_id, environmentName: r.environment_name }, millicredits: 0 };
        e.millicredits += r.millicredits;
        day.set(key, e);
      }
      return {
        results: [...days].map(([day, entries]) => ({
          consumedFrom: day,
          consumedBefore: new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10),
          consumption: [...entries.values()].map(({ millicredits, ...e }) => ({ ...e, credits: millicredits / 1000 })),
        })),
      };
    },

    async etlUsers(actor: Actor, q: { consumedFrom: string; consumedBefore: string }) {
      d.policy.assert(actor, 'billing.manage');
      const from = new Date(q.consumedFrom).toISOString();
      const before = new Date(q.consumedBefore).toISOString();
      if (from >= before) throw badRequest([{ field: 'consumedFrom', rule: 'must be earlier than consumedBefore' }]);
      const rows = await d.repo.finishedBetween(actor.accountId, from, before);
      const users = [...new Set(rows.filter((r) => r.kind === 'PIPELINE' && !r.created_by.startsWith('system:')).map((r) => r.created_by))].sort();
      return { chargedUsers: users.map((username) => ({ username })), consumedFrom: from, consumedBefore: before, credits: users.length };
    },
  };
}
export type Reporting = ReturnType<typeof createReporting>;
