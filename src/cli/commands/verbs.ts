/**
 * The machinery of the resource commands (../resources.ts): a resource is a command group, each
 * verb a subcommand with its arguments and options, run against an SDK client and rendered in the
 * chosen format; plus what several verbs need (request bodies from files, names resolved to ids,
 * lists read page after page).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import YAML from 'yaml';
import type { PlinthClient } from '../../sdk/index.js';
import { action, allOptions, makeClient, outputOption, parseFormat, withGlobals, type GlobalOptions } from '../common.js';
import { ExitError, EXIT, progress, render, UsageError, type Column } from '../output.js';
import { findProject, listAgents } from '../state.js';

export type Opts = GlobalOptions & { output?: string; project?: string; agent?: string; file?: string; environment?: string; connection?: string; limit?: string; [k: string]: unknown };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readBody(file: string | undefined): any {
  if (!file) throw new UsageError('give the request body with -f <file> (JSON or YAML, - for stdin)');
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return YAML.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is neither JSON nor YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

export async function projectId(api: PlinthClient, ref: string | undefined): Promise<string> {
  if (!ref) throw new UsageError('give the project with --project <name|id>');
  if (UUID.test(ref)) return ref.toLowerCase();
  const p = await findProject(api, ref);
  if (!p) throw new ExitError(`no project named "${ref}"`, EXIT.ERROR);
  return p.id;
}

export async function agentId(api: PlinthClient, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref.toLowerCase();
  const { agents } = await listAgents(api);
  const found = agents.filter((a) => a.name === ref);
  if (found.length !== 1) throw new ExitError(found.length ? `several agents are named "${ref}": give the id` : `no agent named "${ref}"`, EXIT.ERROR);
  return found[0].agentId;
}

/** The agent whose secrets `secrets` works on: --agent, or the hosted agent of --project. */
export async function secretsAgent(api: PlinthClient, o: Opts): Promise<string> {
  if (o.agent) return agentId(api, o.agent);
  const pid = await projectId(api, o.project);
  const { agents } = await listAgents(api);
  const hosted = agents.find((a) => a.hosted && a.projectId === pid);
  if (!hosted) throw new ExitError('the project has no Matillion-hosted agent (hosted secrets need a FULL_SAAS project); give --agent', EXIT.ERROR);
  return hosted.agentId;
}

export async function list<T>(items: AsyncIterable<T>, o: Opts): Promise<T[]> {
  const limit = o.limit !== undefined ? Number(o.limit) : Infinity;
  if (!Number.isInteger(limit) && limit !== Infinity) throw new UsageError('--limit must be a whole number');
  const out: T[] = [];
  const tty = !o.quiet && !!process.stderr.isTTY;
  for await (const x of items) {
    out.push(x);
    if (tty && out.length % 100 === 0) process.stderr.write(`\r${out.length} read …`);
    if (out.length >= limit) break;
  }
  if (tty && out.length >= 100) process.stderr.write('\r\x1b[K');
  return out;
}

export interface Verb {
  name: string;
  description: string;
  args?: string[];
  options?: [string, string][];
  body?: boolean;
  columns?: Column<any>[];
  run(api: PlinthClient, o: Opts, ...args: string[]): Promise<unknown>;
}

export function resource(program: Command, name: string, description: string, verbs: Verb[], scope?: 'project' | 'project-or-agent') {
  const group = program.command(name).description(description);
  for (const v of verbs) {
    const cmd = group.command(v.name).description(v.description);
    for (const a of v.args ?? []) cmd.argument(a);
    if (scope === 'project' || scope === 'project-or-agent') cmd.option('-p, --project <project>', 'project name or id');
    if (scope === 'project-or-agent') cmd.option('--agent <agent>', 'agent name or id (default: the hosted agent of --project)');
    if (v.body) cmd.option('-f, --file <path>', 'request body, JSON or YAML (- for stdin)');
    for (const [flags, desc] of v.options ?? []) cmd.option(flags, desc);
    outputOption(withGlobals(cmd));
    cmd.action(
      action(async (...raw: unknown[]) => {
        const c = raw[raw.length - 1] as Command;
        const args = raw.slice(0, raw.length - 2) as string[];
        const o = allOptions<Opts>(c);
        const format = parseFormat(o.output);
        const api = makeClient(o, progress(!o.quiet));
        const result = await v.run(api, o, ...args);
        if (result !== undefined) process.stdout.write(render(result, format, Array.isArray(result) ? v.columns : undefined));
      }),
    );
  }
}

export const col = <T>(header: string, get: (r: T) => unknown): Column<T> => ({ header, get });
