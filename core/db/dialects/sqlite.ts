// The SQLite dialect: every way SQLite's SQL text and stored values differ, as one Dialect object
// (core/db/types.ts). SQLite columns are dynamically typed and the driver binds no booleans, JSON or
// arrays, so those are stored as 0/1 and JSON text. The driver is core/db/sqlite.ts.
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { compileOnlyBuilder } from '../builder.js';
import type { Dialect, Storage, StorageKind } from '../types.js';
import { assertJsonKey } from './shared.js';

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null ? String((err as { code?: string }).code ?? '') : '';
}

// Decimals are REAL: SQLite has no exact numeric type, and REAL makes comparisons numeric.
const COLUMN_TYPES: Record<StorageKind, string> = {
  text: 'TEXT', int32: 'INTEGER', int64: 'INTEGER', float64: 'REAL', decimal: 'REAL',
  boolean: 'INTEGER', uuid: 'TEXT', timestamp: 'TEXT', date: 'TEXT', json: 'TEXT',
};

const columnType = (s: Storage): string => COLUMN_TYPES[s.kind];

/** The affinity class of a declared column type (sqlite.org/datatype3.html §3.1). */
function affinity(declared: string): 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC' {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.trim() === '' || t.includes('BLOB')) return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

/**
 * Columns are dynamically typed, so what matters is affinity: text needs TEXT (or none), since a
 * numeric affinity turns "007" into 7; numbers need a numeric affinity (or none), since TEXT would
 * compare them as text. (Engine type changes leave the declared type as it was, so a column that
 * was an int and now holds a float is still fine.)
 */
function columnFits(declared: string, storage: Storage): boolean {
  const actual = affinity(declared);
  if (actual === 'BLOB') return true;
  return (affinity(columnType(storage)) === 'TEXT') === (actual === 'TEXT');
}

const CATALOG_COLUMNS = 'SELECT name, type, "notnull" AS not_null, dflt_value AS dflt FROM pragma_table_info($1) ORDER BY cid';

const CATALOG_INDEXES = `
SELECT il.name AS name, il."unique" AS is_unique, il.origin = 'pk' AS is_primary, il.partial AS partial,
       m.sql AS definition,
       (SELECT json_group_array(ii.name) FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii) AS columns
FROM pragma_index_list($1) il
LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = il.name
ORDER BY il.name`;

// "UNIQUE constraint failed: books.isbn" names the columns, not the index.
const violatedConstraint = (err: unknown): string | undefined => /constraint failed: (.*)$/.exec((err as Error)?.message ?? '')?.[1];

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  types: {
    uuid: 'text', text: 'text', timestamptz: 'text', jsonb: 'text', textArray: 'text',
    boolean: 'integer', int: 'integer', bigint: 'integer', double: 'real',
  },
  builder: compileOnlyBuilder({
    adapter: () => new SqliteAdapter(),
    introspector: (db) => new SqliteIntrospector(db),
    compiler: () => new SqliteQueryCompiler(),
  }),

  columnType,
  primaryKeyColumn(storage, generated) {
    // AUTOINCREMENT: ids of deleted rows are never reused, like an identity column.
    if (generated && (storage.kind === 'int32' || storage.kind === 'int64')) return 'INTEGER PRIMARY KEY AUTOINCREMENT';
    return `${columnType(storage)} PRIMARY KEY`;
  },
  // Dynamic typing: stored values stay as they are and the field type converts them when read.
  changeColumnType: () => [],
  columnFits,
  catalog: { columns: CATALOG_COLUMNS, indexes: CATALOG_INDEXES },
  migration: {
    defaults: {
      now: "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))", uuid: undefined, emptyTextArray: "'[]'",
      emptyJsonArray: "'[]'", emptyJsonObject: "'{}'", true: '1', false: '0',
    },
    // BEGIN IMMEDIATE already serialises writers on the one database file.
    lockSql: undefined,
    unlogged: undefined,
    uncompressed: undefined,
  },

  compareParam: (n) => `$${n}`,
  // The list travels as one JSON text parameter, so one prepared statement fits every length.
  inList: (col, _kind, n) => `${col} IN (SELECT value FROM json_each($${n}))`,
  notInList: (col, _kind, n) => `(${col} IS NOT NULL AND ${col} NOT IN (SELECT value FROM json_each($${n})))`,
  encodeList: (encoded) => JSON.stringify(encoded),
  // case_sensitive_like is on (core/db/sqlite.ts), so LIKE matches PostgreSQL's.
  like: (col, n) => `${col} LIKE $${n}`,
  ilike: (col, n) => `LOWER(${col}) LIKE LOWER($${n})`,
  // SQLite sorts NULL first ascending; sorting on `IS NULL` first puts it last (greatest).
  orderTerm: (col, desc) => (desc ? `(${col} IS NULL) DESC, ${col} DESC` : `(${col} IS NULL) ASC, ${col} ASC`),
  // The default BINARY collation already compares bytes.
  byteOrder: (expr) => expr,
  jsonText: (expr, key) => `(${expr} ->> '$.${assertJsonKey(key)}')`,
  rowLockSuffix: '',
  shareLockSuffix: '',
  namedLockSql: undefined,
  claimSuffix: '',
  tryLockSql: undefined,
  returning: (columns) => ` RETURNING ${columns}`,
  // In-process: a statement costs no round trip, so batching gains nothing.
  batchInserts: false,
  // SQLITE_MAX_VARIABLE_NUMBER of the bundled SQLite.
  maxParams: 32766,
  // `->>` gives a field as an SQL value: text, a number, NULL, or the JSON text of an object.
  jsonRows: (source, alias, _columns) => ({
    from: `json_each(${source}) AS ${alias}`,
    column: (name) => `(${alias}.value ->> '$.${assertJsonKey(name)}')`,
    equalsPerRow: (target, name) => `${target} = (${alias}.value ->> '$.${assertJsonKey(name)}')`,
  }),
  jsonTextElements: (n, alias, _kind) => `json_each($${n}) AS ${alias}`,
  // The stored text form of every timestamp (migration default `now`), milliseconds.
  fromEpochMs: (expr) => `strftime('%Y-%m-%dT%H:%M:%fZ', (${expr}) / 1000.0, 'unixepoch')`,
  // A commit of the in-process database waits for no network and, with synchronous = NORMAL in
  // WAL mode, for no fsync.
  identityResyncSql: undefined,

  isUniqueViolation: (err) => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(sqliteCode(err)),
  isForeignKeyViolation: (err) => sqliteCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY',
  violatedConstraint,
  // "books.isbn" (one column) or "books.a, books.b" (a composite index).
  violatedColumns: (err) => violatedConstraint(err)?.split(',').map((c) => c.trim().split('.').pop()!),

  encodeBool: (v) => (v ? 1 : 0),
  decodeBool: (v) => v === 1 || v === true,
  encodeJson: (v) => (v === undefined ? null : JSON.stringify(v)),
  decodeJson: <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T,
  encodeTextArray: (v) => JSON.stringify(v),
  decodeTextArray: (v) => (typeof v === 'string' ? JSON.parse(v) : Array.isArray(v) ? v : []),
  encodeDecimal: (text) => Number(text),
  decodeTimestamp: (v) => (v == null ? null : new Date(String(v)).toISOString()),
};
