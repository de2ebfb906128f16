import type SQLiteType from 'better-sqlite3';

const VERB = /^\s*(\w+)/;
const INSERT_TARGET = /^\s*insert\s+into\s+"?(\w+)"?/i;
const DELETE_TARGET = /^\s*delete\s+from\s+"?(\w+)"?/i;
const UPDATE_TARGET = /^\s*update\s+"?(\w+)"?\s+set\b/i;
const DELETES_ROWS = /^\s*(delete|replace|insert\s+or\s+replace)\b/i;

/** What one transaction has done to the deferred keys (`note`), hence the check it needs (`violatedBy`). */
export interface KeyUse {
  /** Children it inserted into, with their marks (`mark`): its new rows are checked by lookup. */
  inserted?: Map<string, number>;
  /** It did more than insert children: only a check of every child row clears it. */
  checkAll: boolean;
}

/** The SET list of an UPDATE: from after SET to its WHERE, RETURNING or FROM (not a subquery's). */
function setList(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) break;
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /\s/.test(ch) && /^\s+(where|returning|from)\b/i.test(text.slice(i, i + 12))) return text.slice(from, i);
  }
  return text.slice(from);
}
const REPLACE_OR_UPSERT = /^\s*(insert\s+or\s+replace|replace)\b|\bon\s+conflict\b[\s\S]*\bdo\s+update\b/i;

/**
 * What the group-commit driver (sqlite-group-driver.ts) must know of the DEFERRABLE INITIALLY
 * DEFERRED foreign keys: they are checked at COMMIT only, so a transaction that may violate one
 * is checked before it joins a group. Read from the schema on first use and again after `reset`
 * (DDL, or another process's migration).
 */
export function deferredKeys(raw: SQLiteType.Database, stmt: (text: string) => SQLiteType.Statement) {
  type Key = { column: string; parent: string; parentColumn: string };
  // A child's keys to its deferred parents (null when one has several columns or names no parent
  // column: not checked by one lookup), and whether its new rows are those above its highest
  // rowid (not in a table without rowid, nor one whose INTEGER PRIMARY KEY, the rowid, the
  // application chooses). Writes to a child that fails either are checked in full.
  type Child = { keys: Key[] | null; byRowid: boolean };
  let tables: { children: Map<string, Child>; parents: Set<string>; pattern: RegExp | null } | undefined;
  type Effect = undefined | { insertInto: string } | 'any';
  // `effect` of each statement text under the schema read: a write runs the same few texts again
  // and again (built once, src/core/db/precompiled.ts), and their regular expressions cost ~1.7 µs
  // a request on POST …/connections. Emptied with the schema; bounded, as texts with inlined
  // values (DDL, a pragma) are not reused.
  const effects = new Map<string, Effect>();
  const read = () => {
    if (tables) return tables;
    const children = new Map<string, Child>();
    const parents = new Set<string>();
    const rows = stmt("select name, sql from sqlite_master where type = 'table' and sql like '%deferrable%'").all() as { name: string; sql: string }[];
    for (const t of rows) {
      const deferredTo = new Set<string>();
      for (const m of t.sql.matchAll(/references\s+"?(\w+)"?\s*\([^)]*\)([^,)]*)/gi)) {
        if (/deferrable\s+initially\s+deferred/i.test(m[2]!)) deferredTo.add(m[1]!);
      }
      if (deferredTo.size === 0) continue;
      // Its keys to those parents (one to them that is not deferred is checked for nothing: harmless).
      const list = (raw.pragma(`foreign_key_list(${quote(t.name)})`) as { id: number; seq: number; table: string; from: string; to: string | null }[]).filter((k) =>
        deferredTo.has(k.table),
      );
      const pk = (raw.pragma(`table_info(${quote(t.name)})`) as { type: string; pk: number }[]).filter((c) => c.pk > 0);
      // An INTEGER PRIMARY KEY is the rowid, and the application may choose it (below the mark).
      const byRowid = !/\bwithout\s+rowid\b/i.test(t.sql) && !(pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER');
      const single = list.every((k) => k.seq === 0 && k.to !== null && /^\w+$/.test(k.from) && /^\w+$/.test(k.to) && list.filter((o) => o.id === k.id).length === 1);
      children.set(t.name, { keys: single ? list.map((k) => ({ column: k.from, parent: k.table, parentColumn: k.to! })) : null, byRowid });
      for (const p of deferredTo) parents.add(p);
    }
    const names = [...children.keys(), ...parents];
    return (tables = { children, parents, pattern: names.length ? new RegExp(`\\b(${names.join('|')})\\b`, 'i') : null });
  };
  /** The columns of `table` that a deferred key reads (as child or parent); null if unknown. */
  const keyColumns = (d: ReturnType<typeof read>, table: string): string[] | null => {
    const columns: string[] = [];
    const children = [...d.children.values()];
    const own = d.children.get(table);
    if ((own && !own.keys) || (d.parents.has(table) && children.some((c) => !c.keys))) return null;
    if (own) columns.push(...own.keys!.map((k) => k.column));
    for (const c of children) for (const k of c.keys ?? []) if (k.parent === table) columns.push(k.parentColumn);
    return columns;
  };
  /** The child rows inserted after `mark` whose key finds no parent row (first one only). */
  const orphanSince = (child: string, k: Key) =>
    stmt(
      `select 1 from ${quote(child)} c where c.rowid > ? and c.${quote(k.column)} is not null ` +
        `and not exists (select 1 from ${quote(k.parent)} p where p.${quote(k.parentColumn)} = c.${quote(k.column)}) limit 1`,
    );
  /** What `text` can do to a deferred key (`effect`, which keeps the answer). */
  const effectOf = (d: ReturnType<typeof read>, text: string): Effect => {
    if (!d.pattern?.test(text)) return undefined;
    const verb = VERB.exec(text)?.[1]?.toLowerCase();
    if (verb === 'select') return undefined;
    if (verb === 'delete') {
      const target = DELETE_TARGET.exec(text)?.[1];
      return target !== undefined && d.children.has(target) && !d.parents.has(target) ? undefined : 'any';
    }
    if (verb === 'update') {
      // Conservative: a key column named anywhere in the SET list (assigned, or read) counts.
      const m = UPDATE_TARGET.exec(text);
      const columns = m && keyColumns(d, m[1]!);
      const list = m && setList(text, m[0].length);
      return columns && !columns.some((c) => new RegExp(`\\b${c}\\b`, 'i').test(list!)) ? undefined : 'any';
    }
    if (verb !== 'insert' || REPLACE_OR_UPSERT.test(text)) return 'any';
    const target = INSERT_TARGET.exec(text)?.[1];
    const child = target === undefined ? undefined : d.children.get(target);
    if (child) return child.keys && child.byRowid ? { insertInto: target! } : 'any';
    return target === undefined || !d.parents.has(target) ? 'any' : undefined;
  };
  return {
    /** The schema changed: read the keys again when next needed. */
    reset() {
      tables = undefined;
      effects.clear();
    },
    /**
     * What a statement can do to a deferred key. Nothing: a read; a plain INSERT into a parent (a
     * new parent row orphans nobody; so creating a connection, a parent of the environments'
     * deferred links, groups like any write); a DELETE from a child; an UPDATE that assigns no
     * column of a key (changing an override's settings). `{ insertInto }`: a plain INSERT into a
     * child, whose new rows `violatedSince` checks alone. `'any'`: anything else naming a table of
     * a deferred key (deleting a parent, assigning a key column, an upsert), which only a check of
     * every child row can clear.
     */
    effect(text: string): Effect {
      if (effects.has(text)) return effects.get(text);
      const e = effectOf(read(), text);
      if (effects.size >= 2048) effects.clear();
      effects.set(text, e);
      return e;
    },
    /**
     * The child's highest rowid now. SQLite gives a new row the highest rowid + 1, so the rows a
     * transaction inserts from here on are exactly those above the mark — as long as it deletes
     * none of the child's rows first (a delete is `'any'`, checked in full).
     */
    mark(child: string): number {
      return (stmt(`select coalesce(max(rowid), 0) from ${quote(child)}`).pluck().get() as number) ?? 0;
    },
    /** Whether a row inserted into a child after its mark is an orphan: a lookup per new row, not a scan. */
    violatedSince(marks: Map<string, number>) {
      const { children } = read();
      for (const [child, mark] of marks) {
        for (const k of children.get(child)?.keys ?? []) if (orphanSince(child, k).get(mark) !== undefined) return true;
      }
      return false;
    },
    /** Records in `use` what `text`, about to run in that transaction, does to the keys. */
    note(use: KeyUse, text: string) {
      if (use.checkAll) return;
      const e = this.effect(text);
      // A row deleted after a mark (a cascade too) may give its rowid to a new row below the mark.
      if (e === 'any' || (use.inserted && DELETES_ROWS.test(text))) use.checkAll = true;
      else if (e) {
        const marks = (use.inserted ??= new Map());
        if (!marks.has(e.insertInto)) marks.set(e.insertInto, this.mark(e.insertInto));
      }
    },
    /**
     * Whether the transaction that recorded `use` leaves a key violated. New child rows are looked
     * up (cheap, so always: its group stays open behind it); anything else takes a scan of every
     * child row, only when others share its COMMIT (alone, the COMMIT checks it and fails nobody else).
     */
    violatedBy(use: KeyUse, shared: boolean) {
      return use.checkAll ? shared && this.violated() : use.inserted !== undefined && this.violatedSince(use.inserted);
    },
    /** Whether the open transaction leaves a deferred key violated now: every child row is checked. */
    violated() {
      const { children, parents } = read();
      for (const child of children.keys()) {
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
