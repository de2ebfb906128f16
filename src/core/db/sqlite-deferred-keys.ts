import type SQLiteType from 'better-sqlite3';

const VERB = /^\s*(\w+)/;
const INSERT_TARGET = /^\s*insert\s+into\s+"?(\w+)"?/i;
const REPLACE_OR_UPSERT = /^\s*(insert\s+or\s+replace|replace)\b|\bon\s+conflict\b[\s\S]*\bdo\s+update\b/i;

/**
 * What the group-commit driver (sqlite-group-driver.ts) must know of the DEFERRABLE INITIALLY
 * DEFERRED foreign keys: they are checked at COMMIT only, so a transaction that may violate one
 * is checked before it joins a group. Read from the schema on first use and again after `reset`
 * (DDL, or another process's migration).
 */
export function deferredKeys(raw: SQLiteType.Database, stmt: (text: string) => SQLiteType.Statement) {
  let tables: { children: string[]; parents: Set<string>; pattern: RegExp | null } | undefined;
  const read = () => {
    if (tables) return tables;
    const children: string[] = [];
    const parents = new Set<string>();
    const rows = stmt("select name, sql from sqlite_master where type = 'table' and sql like '%deferrable%'").all() as { name: string; sql: string }[];
    for (const t of rows) {
      for (const m of t.sql.matchAll(/references\s+"?(\w+)"?\s*\([^)]*\)([^,)]*)/gi)) {
        if (/deferrable\s+initially\s+deferred/i.test(m[2]!)) {
          if (!children.includes(t.name)) children.push(t.name);
          parents.add(m[1]!);
        }
      }
    }
    const names = [...children, ...parents];
    return (tables = { children, parents, pattern: names.length ? new RegExp(`\\b(${names.join('|')})\\b`, 'i') : null });
  };
  return {
    /** The schema changed: read the keys again when next needed. */
    reset() {
      tables = undefined;
    },
    /**
     * Whether a statement can leave a deferred key violated: any statement naming a table of one,
     * except a read and a plain INSERT into a parent table (a new parent row orphans nobody). So
     * creating a connection (a parent of the environments' deferred links) groups like any write.
     */
    mayViolate(text: string) {
      const d = read();
      if (!d.pattern?.test(text)) return false;
      const verb = VERB.exec(text)?.[1]?.toLowerCase();
      if (verb === 'select') return false;
      if (verb !== 'insert' || REPLACE_OR_UPSERT.test(text)) return true;
      const target = INSERT_TARGET.exec(text)?.[1];
      return target === undefined || d.children.includes(target) || !d.parents.has(target);
    },
    /** Whether the open transaction leaves a deferred key violated now. */
    violated() {
      const { children, parents } = read();
      for (const child of children) {
        const rows = raw.pragma(`foreign_key_check(${quote(child)})`) as { parent: string }[];
        if (rows.some((r) => parents.has(r.parent))) return true;
      }
      return false;
    },
  };
}

export function quote(name: string) {
  return `"${name.replace(/"/g, '""')}"`;
}
