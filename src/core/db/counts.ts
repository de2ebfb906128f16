import { randomInt } from 'node:crypto';

/**
 * Row counts per account (projects: account_counts, agents: agent_counts) are kept in several
 * slots: a change adds its delta (+1/-1) to a random slot, so concurrent writers in one account
 * rarely wait on the same row lock (on PostgreSQL the lock is held until commit); the total is
 * the sum over the slots (≤ COUNT_SLOTS rows by primary key). A slot can go negative; only the
 * sum means anything.
 *
 * Deadlocks: a transaction touches one slot row per counter, and a transaction that touches both
 * counters touches the projects counter first (creating a FULL_SAAS project and its hosted
 * agent; deleting one, src/resources/projects/service.ts), so two transactions never wait on
 * each other's counter rows in opposite orders.
 */
export const COUNT_SLOTS = 16;
export const countSlot = () => randomInt(COUNT_SLOTS);
