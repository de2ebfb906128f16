import type { Db } from '../../core/db/db.js';

/** What the controls read themselves: which API credentials a reset keeps. */
export function createControlsRepo(db: Db) {
  return {
    /**
     * The bootstrap credential(s) of the default account: the configured one
     * (PLINTH_BOOTSTRAP_CLIENT_ID), or the one Plinth generated on its first start (named `bootstrap`).
     */
    async bootstrapCredentialIds(accountId: string, configured: string | undefined): Promise<string[]> {
      const rows = await db
        .selectFrom('api_credentials')
        .select('client_id')
        .where('account_id', '=', accountId)
        .where('kind', '=', 'user')
        .where((eb) => (configured ? eb.or([eb('client_id', '=', configured), eb('name', '=', 'bootstrap')]) : eb('name', '=', 'bootstrap')))
        .execute();
      return rows.map((r) => r.client_id);
    },
  };
}
export type ControlsRepo = ReturnType<typeof createControlsRepo>;
