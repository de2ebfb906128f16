// The throwaway-schema helper lives in src/core/db (the bench and scripts use it too).
export { PG_URL, createPgSchema } from '../../src/core/db/pg-schema.js';
