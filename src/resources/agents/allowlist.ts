import { invalid, Violations } from '../../core/errors.js';
import type { Actor } from '../../core/policy.js';
import { agentEvent, change, find, type AgentsDeps } from './changes.js';
import { allowlistView, parseAllowlist, type AllowlistInput } from './rules.js';

export async function readAllowlist(d: Pick<AgentsDeps, 'agents' | 'policy'>, actor: Actor, agentId: string) {
  d.policy.assert(actor, 'agents.read');
  return allowlistView(parseAllowlist(await find(d, actor, agentId)));
}

/** Merge: listed projects are added, listed environments are added to what is there. */
export async function addToAllowlist(d: Pick<AgentsDeps, 'db' | 'agents' | 'projects' | 'policy' | 'clock' | 'audit'>, actor: Actor, agentId: string, input: AllowlistInput) {
  d.policy.assert(actor, 'agents.manage');
  const wanted = wantedProjects(input);
  if (wanted.size === 0) throw invalid('projects', 'must name at least one project');
  const missing = new Violations();
  for (const pid of wanted.keys()) if (!(await d.projects.find(actor.accountId, pid))) missing.add(`projects.${pid}`, 'no such project in this account');
  missing.throwIfAny();
  const view = await change(d, actor, agentId, 'changing its allowlist', (row) => {
    const m = parseAllowlist(row);
    for (const [pid, environments] of wanted) {
      const envs = new Set(m[pid] ?? []);
      for (const e of environments) envs.add(e);
      m[pid] = [...envs];
    }
    return { allowlist: JSON.stringify(m) };
  }, (row) => agentEvent(row, 'agent_allowlist_updated', 'UPDATE', 'Projects added to the agent allow-list', { projectIds: [...wanted.keys()] }));
  return readAllowlist(d, actor, view.agentId);
}

/**
 * Project ids in any case name the same project: keyed lower-case, the same id given in several
 * cases is one entry with the environments of each.
 */
function wantedProjects(input: AllowlistInput) {
  const wanted = new Map<string, string[]>();
  for (const [key, entry] of Object.entries(input.projects)) {
    const pid = key.toLowerCase();
    wanted.set(pid, [...(wanted.get(pid) ?? []), ...(entry?.environments ?? [])]);
  }
  return wanted;
}
