import { conflict, Violations } from '../../core/errors.js';
import type { Actor } from '../../core/policy.js';
import { agentEvent, change, type AgentsDeps } from './changes.js';
import { AGENT_COMMANDS, canonical, effectiveStatus, isConnected, PAUSE_HOURS, type AgentCommand } from './rules.js';
import type { AgentRow } from './store.js';

/** `command` in any case (canonical upper case); the life cycle is in rules.ts. */
export async function commandAgent(d: Pick<AgentsDeps, 'db' | 'agents' | 'policy' | 'clock' | 'audit'>, actor: Actor, agentId: string, given: string) {
  d.policy.assert(actor, 'agents.manage');
  const v = new Violations();
  const command = canonical(v, 'command', given, AGENT_COMMANDS);
  v.throwIfAny();
  return change(
    d,
    actor,
    agentId,
    `sending it ${command}`,
    (row, now) => afterCommand(agentId, command as AgentCommand, row, now),
    (row, after) => agentEvent(row, 'agent_command_issued', 'UPDATE', `Agent command ${command} sent`, { command, status: after.status }),
  );
}

/** The fields an agent has after `command`, or a conflict when its status does not allow it. */
function afterCommand(agentId: string, command: AgentCommand, row: AgentRow, now: Date): Partial<AgentRow> {
  const status = effectiveStatus(row, now);
  const notStarted = (what: string) =>
    status === 'pending'
      ? conflict(`Agent ${agentId} has not been started (status pending); ${what}`)
      : conflict(`Agent ${agentId} is ${status}, not running; ${what}`);
  switch (command) {
    case 'RESTART':
      return { status: 'running', paused_until: null };
    case 'PAUSE':
      if (!isConnected(status)) throw notStarted('only a running agent can be paused');
      return { status: 'paused', paused_until: new Date(now.getTime() + PAUSE_HOURS * 3600_000).toISOString() };
    case 'RESUME':
      if (!isConnected(status)) throw notStarted('send RESTART to start it');
      return { status: 'running', paused_until: null };
  }
}
