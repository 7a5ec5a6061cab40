// Reads the live catalogue of a business table (columns, indexes) on either dialect. The migrator
// only needs "which columns exist"; the index details exist so tests can check what DDL produced.
import type { DialectName, Queryable } from './types.js';

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

// pg_catalog instead of information_schema: format_type yields the declared type with its
// modifiers (numeric(18,2)), which information_schema spreads over several columns.
const PG_COLUMNS = `
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity <> '' AS identity
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

const SQLITE_COLUMNS = 'SELECT name, type, "notnull" AS not_null, dflt_value AS dflt FROM pragma_table_info($1) ORDER BY cid';

const PG_INDEXES = `
SELECT i.relname AS name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
       ix.indpred IS NOT NULL AS partial, pg_get_indexdef(ix.indexrelid) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
             ORDER BY k.ord) AS columns
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = current_schema() AND t.relname = $1
ORDER BY i.relname`;

const SQLITE_INDEXES = `
SELECT il.name AS name, il."unique" AS is_unique, il.origin = 'pk' AS is_primary, il.partial AS partial,
       m.sql AS definition,
       (SELECT json_group_array(ii.name) FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii) AS columns
FROM pragma_index_list($1) il
LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = il.name
ORDER BY il.name`;

interface RawColumn { name: string; type: string; not_null: unknown; dflt: string | null; identity?: unknown }

/** Columns of `table` in declaration order; empty when the table does not exist. */
export async function tableColumnInfo(q: Queryable, dialect: DialectName, table: string): Promise<ColumnInfo[]> {
  const rows = await q.query<RawColumn>(dialect === 'postgres' ? PG_COLUMNS : SQLITE_COLUMNS, [table]);
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    notNull: r.not_null === true || r.not_null === 1,
    default: r.dflt ?? null,
    identity: r.identity === true,
  }));
}

/** Column name → declared type; an empty map means the table does not exist. */
export async function tableColumns(q: Queryable, dialect: DialectName, table: string): Promise<Map<string, string>> {
  const columns = await tableColumnInfo(q, dialect, table);
  return new Map(columns.map((c) => [c.name, c.type]));
}

interface RawIndex { name: string; is_unique: unknown; is_primary: unknown; partial: unknown; definition: string | null; columns: unknown }

/** Indexes of `table` ordered by name (SQLite's rowid `INTEGER PRIMARY KEY` has no index). */
export async function tableIndexes(q: Queryable, dialect: DialectName, table: string): Promise<IndexInfo[]> {
  const rows = await q.query<RawIndex>(dialect === 'postgres' ? PG_INDEXES : SQLITE_INDEXES, [table]);
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
