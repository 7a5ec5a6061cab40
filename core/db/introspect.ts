// Reads the live catalogue of a business table (columns, indexes) on either dialect. The migrator
// only needs "which columns exist"; the index details exist so tests can check what DDL produced.
import type { Dialect, Queryable } from './types.js';

export interface ColumnInfo {
  name: string;
  /** Declared type: PostgreSQL `format_type` (e.g. `numeric(18,2)`), SQLite as written in the DDL. */
  type: string;
  notNull: boolean;
  /** Default expression, or null (PostgreSQL identity columns have none, see `identity`). */
  default: string | null;
  /** PostgreSQL: the column is an identity column; SQLite: always false. */
  identity: boolean;
}

export interface IndexInfo {
  name: string;
  unique: boolean;
  /** Backs the primary key (PostgreSQL pkey, SQLite autoindex of a non-rowid PK). */
  primary: boolean;
  /** Has a WHERE predicate. */
  partial: boolean;
  columns: string[];
  /** CREATE INDEX text (PostgreSQL `pg_get_indexdef`, SQLite `sqlite_master.sql`; null for autoindexes). */
  definition: string | null;
}

// The catalogue queries are the dialect's own (Dialect.catalog).

interface RawColumn { name: string; type: string; not_null: unknown; dflt: string | null; identity?: unknown }

/** Columns of `table` in declaration order; empty when the table does not exist. */
export async function tableColumnInfo(q: Queryable, dialect: Dialect, table: string): Promise<ColumnInfo[]> {
  const rows = await q.query<RawColumn>(dialect.catalog.columns, [table]);
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    notNull: r.not_null === true || r.not_null === 1,
    default: r.dflt ?? null,
    identity: r.identity === true,
  }));
}

/** Column name → declared type; an empty map means the table does not exist. */
export async function tableColumns(q: Queryable, dialect: Dialect, table: string): Promise<Map<string, string>> {
  const columns = await tableColumnInfo(q, dialect, table);
  return new Map(columns.map((c) => [c.name, c.type]));
}

interface RawIndex { name: string; is_unique: unknown; is_primary: unknown; partial: unknown; definition: string | null; columns: unknown }

/** Indexes of `table` ordered by name (SQLite's rowid `INTEGER PRIMARY KEY` has no index). */
export async function tableIndexes(q: Queryable, dialect: Dialect, table: string): Promise<IndexInfo[]> {
  const rows = await q.query<RawIndex>(dialect.catalog.indexes, [table]);
  const flag = (v: unknown) => v === true || v === 1;
  return rows.map((r) => ({
    name: r.name,
    unique: flag(r.is_unique),
    primary: flag(r.is_primary),
    partial: flag(r.partial),
    columns: typeof r.columns === 'string' ? (JSON.parse(r.columns) as string[]) : (r.columns as string[]),
    definition: r.definition ?? null,
  }));
}
