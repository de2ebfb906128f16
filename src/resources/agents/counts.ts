import type { Db } from '../../core/db/db.js';
import { slotCounter } from '../../core/db/counts.js';

declare module '../../core/db/schema.js' {
  interface Database {
    agent_counts: AgentCountsTable;
  }
}

/**
 * Agents per account, kept in the transaction of every insert and delete of an agent, so the
 * agents list total is a sum over at most 16 slot rows (src/core/db/counts.ts), not a count(*)
 * that grows with the account (a hosted agent per FULL_SAAS project).
 */
export interface AgentCountsTable {
  account_id: string;
  slot: number;
  agents: number;
}

const counter = slotCounter('agent_counts', 'agents');

/** Add `delta` to the account's agent count (inside the transaction that changes agents). */
export const addAgents = (trx: Db, accountId: string, delta: number) => counter.add(trx, accountId, delta);

/** The account's agent count, as an expression (a page reads it in its own statement). */
export const agentTotal = counter.total;
