// The throwaway-schema helper lives in src/core/db (the bench and scripts use it too); tests ask
// for serial plans (see createPgSchema).
import { createPgSchema as create } from '../../src/core/db/pg-schema.js';

export { PG_URL } from '../../src/core/db/pg-schema.js';
export const createPgSchema = (opts: Parameters<typeof create>[0] = {}) => create({ serialPlans: true, ...opts });
