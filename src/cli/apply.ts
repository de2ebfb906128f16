/**
 * `plinth apply -f project.yaml`: makes the server match the file.
 *
 * - **Idempotent.** The plan is computed afresh from the server each time (resources are found by
 *   name), so a second apply finds nothing to do.
 * - **Converges after a failure.** Changes run one at a time in dependency order; when one fails
 *   (or the server dies), apply stops and says so, and the next run plans only what is left.
 * - **Never duplicates on retry.** Every create goes through the SDK's create rule: a retried
 *   create that answers 409 for the name is looked up by name and counted as created.
 * - **Deletes only with --allow-delete**: deleting what the file does not declare, and the delete
 *   half of a replace. Without it, a plan that needs one is refused before any change (exit 4).
 * - Secret values are read from their sources (environment variables, files) only when sent;
 *   a missing one stops apply before any change.
 */
import type { Command } from 'commander';
import type { PlinthClient } from '../sdk/index.js';
import { ApplyContext } from './apply/context.js';
import { applyChange } from './apply/steps.js';
import { action, allOptions, makeClient, painter, withGlobals, type GlobalOptions } from './common.js';
import { isPending, needsDelete, type Change, type Plan, type PlanOptions } from './diff.js';
import { EXIT, ExitError, progress } from './output.js';
import { makePlan, missingSecrets, renderPlan } from './plan.js';
import { loadSpec, type LoadedSpec } from './spec.js';
import type { ActualState } from './state.js';

export interface ApplyOptions extends GlobalOptions, PlanOptions {
  file: string;
}

/** Runs the pending changes of a plan, in order (one step per resource kind: apply/steps.ts). Returns how many were applied. */
export async function applyPlan(api: PlinthClient, spec: LoadedSpec, changes: Change[], state: ActualState, log: (m: string) => void): Promise<{ applied: number; counts: Record<string, number> }> {
  const ctx = new ApplyContext(api, spec, state);
  const counts: Record<string, number> = {};
  const pending = changes.filter(isPending);
  let applied = 0;
  for (const c of pending) {
    const step = `[${applied + 1}/${pending.length}] ${c.action} ${c.kind} ${c.name}`;
    log(`${step} …`);
    await applyChange(ctx, c);
    applied++;
    counts[c.action] = (counts[c.action] ?? 0) + 1;
  }
  return { applied, counts };
}

/** Refuses a plan before any change: one the API cannot carry out, one that deletes without --allow-delete, one whose secret values cannot be read. */
function refuseBeforeApplying(plan: Plan, spec: LoadedSpec, opts: ApplyOptions) {
  const unsupported = plan.changes.filter((c) => c.action === 'unsupported');
  if (unsupported.length) throw new ExitError(`the API cannot make these changes: ${unsupported.map((c) => `${c.kind} ${c.name}`).join(', ')}; nothing was applied`, EXIT.ERROR);
  const destructive = plan.changes.filter(needsDelete);
  if (destructive.length && !opts.allowDelete) throw new ExitError(`the plan deletes or replaces ${destructive.map((c) => `${c.kind} ${c.name}`).join(', ')}; rerun with --allow-delete to allow it. Nothing was applied.`, EXIT.REFUSED);
  const missing = missingSecrets(spec, plan);
  if (missing.length) throw new ExitError(`secret values are missing; nothing was applied:\n${missing.map((m) => `  - ${m}`).join('\n')}`, EXIT.ERROR);
}

export function register(program: Command) {
  withGlobals(
    program
      .command('apply')
      .description('make the server match the project file (idempotent; safe to rerun after a failure)')
      .requiredOption('-f, --file <path>', 'the project file (YAML; - for stdin)')
      .option('--allow-delete', 'delete what the file does not declare, and allow replacements (delete + create)')
      .option('--force-secrets', 'write secret values again (they cannot be compared)'),
  ).action(
    action(async (_opts: unknown, cmd: Command) => {
      const opts = allOptions<ApplyOptions>(cmd);
      const spec = loadSpec(opts.file);
      const log = progress(!opts.quiet);
      const api = makeClient(opts, log);
      const { plan, state } = await makePlan(api, spec, opts, () => {});
      const p = painter(opts);
      process.stdout.write(renderPlan(plan, p, { allowDelete: opts.allowDelete, target: api.baseUrl }));
      refuseBeforeApplying(plan, spec, opts);
      const todo = plan.changes.filter(isPending).length;
      if (!todo) {
        process.stdout.write('Nothing to apply.\n');
        return EXIT.OK;
      }
      let applied = 0;
      try {
        const r = await applyPlan(api, spec, plan.changes, state, (m) => {
          if (m.startsWith('[')) applied = Number(m.slice(1, m.indexOf('/'))) - 1;
          log(m);
        });
        const c = r.counts;
        process.stdout.write(p.green(`Apply complete: ${c.create ?? 0} created, ${c.update ?? 0} updated, ${c.replace ?? 0} replaced, ${c.delete ?? 0} deleted${c.unknown ? `, ${c.unknown} created unless present` : ''}.`) + '\n');
        return EXIT.OK;
      } catch (err) {
        process.stderr.write(`plinth: apply stopped after ${applied} of ${todo} change(s); run it again to converge.\n`);
        throw err;
      }
    }),
  );
}
