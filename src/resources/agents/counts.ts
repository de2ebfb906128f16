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

/** The counter itself: `adder(db)` in a transaction, `insertAfter` inside an agent's own statement, `total` in a page's. */
export const agentCounter = slotCounter('agent_counts', 'agents');
