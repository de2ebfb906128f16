/**
 * The names under which PostgreSQL connections prepare the precompiled statements
 * (precompiled.ts names them; db.ts wraps each pooled client to use them).
 */
const names = new Map<string, string>();

/**
 * A statement whose result columns are all named in its text. `select *` and `"t".*` are not:
 * PostgreSQL refuses to run a prepared statement whose result type changed ("cached plan must
 * not change result type"), which a column added by a migration while the node runs would do.
 * (`count(*)` is not such a star; a multiplication is mistaken for one and stays unnamed.)
 */
export function fixedResultColumns(sqlText: string): boolean {
  return !/(^|[\s,(])("[^"]*"\.)?\*(?=[\s,]|$)/.test(sqlText);
}

export function nameStatement(sqlText: string) {
  if (!names.has(sqlText) && fixedResultColumns(sqlText)) names.set(sqlText, `plinth_${names.size + 1}`);
}

/**
 * The name a PostgreSQL connection prepares `sqlText` under: set for the precompiled statements
 * (one name per distinct text, so no name ever stands for two texts), undefined for any other.
 */
export function preparedName(sqlText: string): string | undefined {
  return names.get(sqlText);
}
