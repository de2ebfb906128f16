/** `plinth plan -f project.yaml`: what apply would change, as a coloured diff; exit 2 when changes are pending. */
import type { Command } from 'commander';
import { action, allOptions, makeClient, painter, withGlobals, type GlobalOptions } from './common.js';
import { computePlan, isPending, needsDelete, type Action, type Change, type Plan, type PlanOptions } from './diff.js';
import { EXIT, progress, render, type Paint } from './output.js';
import { loadSpec, describeSource, secretAvailable, type LoadedSpec } from './spec.js';
import { readState, type ActualState } from './state.js';
import type { PlinthClient } from '../sdk/index.js';

export interface PlanCommandOptions extends GlobalOptions, PlanOptions {
  file: string;
  output?: string;
}

const SYMBOL: Record<Action, string> = { create: '+', update: '~', replace: '±', delete: '-', unchanged: '=', unknown: '?', unsupported: '!' };

function colour(p: Paint, a: Action) {
  return { create: p.green, update: p.yellow, replace: p.magenta, delete: p.red, unchanged: p.dim, unknown: p.cyan, unsupported: p.red }[a];
}

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

export function renderPlan(plan: Plan, p: Paint, opts: { allowDelete?: boolean; target?: string } = {}): string {
  const lines: string[] = [];
  lines.push(p.bold(`Plan for project "${plan.projectName}"${opts.target ? ` at ${opts.target}` : ''}:`));
  const width = Math.max(...plan.changes.map((c) => c.kind.length + c.name.length + 1), 10);
  for (const c of plan.changes) {
    const col = colour(p, c.action);
    const label = `${SYMBOL[c.action]} ${c.action.padEnd(11)} ${`${c.kind} ${c.name}`.padEnd(width)}`;
    const notes = [c.note, needsDelete(c) && !opts.allowDelete ? 'needs --allow-delete' : undefined].filter(Boolean);
    lines.push(`  ${col(label)}${notes.length ? p.dim(`  (${notes.join('; ')})`) : ''}`.trimEnd());
    for (const f of c.fields) lines.push(`      ${col(`${f.path}: ${show(f.from)} → ${show(f.to)}`)}`);
  }
  const count = (a: Action) => plan.changes.filter((c) => c.action === a).length;
  const summary = [`${count('create')} to create`, `${count('update')} to update`, `${count('replace')} to replace`, `${count('delete')} to delete`, `${count('unchanged')} unchanged`];
  if (count('unknown')) summary.push(`${count('unknown')} unknown`);
  if (count('unsupported')) summary.push(`${count('unsupported')} unsupported`);
  lines.push('');
  if (plan.unmanaged.length) lines.push(p.dim(`${plan.unmanaged.length} resource(s) on the server are not in the file and are kept: ${plan.unmanaged.map((u) => `${u.kind} ${u.name}`).join(', ')} (--allow-delete deletes them)`));
  for (const w of plan.warnings) lines.push(p.yellow(`warning: ${w}`));
  lines.push(p.bold(`Plan: ${summary.join(', ')}.`) + (plan.changes.some(isPending) ? '' : ' No changes.'));
  return lines.join('\n') + '\n';
}

/** Reads the server and computes the plan (shared by plan and apply). */
export async function makePlan(api: PlinthClient, spec: LoadedSpec, opts: PlanOptions, log: (m: string) => void): Promise<{ plan: Plan; state: ActualState }> {
  log(`reading project "${spec.file.project.name}" from ${api.baseUrl} …`);
  const state = await readState(api, spec.file.project.name);
  const plan = computePlan(spec, state, opts);
  plan.warnings.push(...missingSecrets(spec, plan));
  return { plan, state };
}

/** Secret sources apply will need but cannot read now (plan warns; apply refuses before any change). */
export function missingSecrets(spec: LoadedSpec, plan: Plan): string[] {
  const out: string[] = [];
  const writes = (c: Change) => c.action === 'create' || c.action === 'replace' || c.action === 'unknown';
  for (const c of plan.changes.filter(writes)) {
    const src =
      c.kind === 'secret'
        ? spec.file.secrets?.find((s) => s.name === c.name)?.value
        : c.kind === 'secret-reference'
          ? spec.file.secretReferences?.find((s) => s.name === c.name)?.secretValue
          : c.kind === 'repository'
            ? spec.file.repository?.accessToken
            : undefined;
    if (src && !secretAvailable(src, spec.baseDir)) out.push(`${c.kind} ${c.name}: ${describeSource(src)} is not available; apply needs it`);
  }
  return out;
}

export function register(program: Command) {
  withGlobals(
    program
      .command('plan')
      .description('show what apply would change (exit 0: nothing to do, 2: changes pending, 1: error)')
      .requiredOption('-f, --file <path>', 'the project file (YAML; - for stdin)')
      .option('--allow-delete', 'also plan deleting what the server has and the file does not declare')
      .option('--force-secrets', 'plan writing secret values again (they cannot be compared)')
      .option('-o, --output <format>', 'text (default) | json | yaml', 'text'),
  ).action(
    action(async (_opts: unknown, cmd: Command) => {
      const opts = allOptions<PlanCommandOptions>(cmd);
      const spec = loadSpec(opts.file);
      const log = progress(!opts.quiet && !!process.stderr.isTTY);
      const api = makeClient(opts, progress(!opts.quiet));
      const { plan } = await makePlan(api, spec, opts, log);
      const fmt = (opts.output ?? 'text').toLowerCase();
      if (fmt === 'json' || fmt === 'yaml') process.stdout.write(render({ projectName: plan.projectName, changes: plan.changes, unmanaged: plan.unmanaged, warnings: plan.warnings }, fmt));
      else process.stdout.write(renderPlan(plan, painter(opts), { allowDelete: opts.allowDelete, target: api.baseUrl }));
      return plan.changes.some(isPending) ? EXIT.CHANGES : EXIT.OK;
    }),
  );
}
