import type { Selectable } from 'kysely';
import type { Db } from './db.js';

declare module './schema.js' {
  interface Database {
    agents: AgentsTable;
  }
}

export interface AgentsTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  agent_type: string;
  cloud_provider: string;
  deployment: string;
  status: string;
  hosted: number;
  project_id: string | null;
  enable_auto_updates: number;
  restricted_access: number;
  track_name: string | null;
  paused_until: string | null;
  allowlist: string;
  created_at: string;
  updated_at: string;
}
export type AgentRow = Selectable<AgentsTable>;

export function createAgentsRepo(db: Db) {
  return {
    async find(accountId: string, id: string) {
      return db.selectFrom('agents').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
  };
}
export type AgentsRepo = ReturnType<typeof createAgentsRepo>;
