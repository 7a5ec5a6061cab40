// The PostgreSQL dialect: every way PostgreSQL's SQL text and stored values differ, as one Dialect
// object (core/db/types.ts). The driver that runs the SQL is core/db/postgres.ts; this module has
// no connection code, so compiling SQL for PostgreSQL never loads postgres.js.
import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { uniqueIndexName } from '../../metadata/index-name.js';
import { compileOnlyBuilder, quoteIdent } from '../builder.js';
import { alterColumnTypeSql } from '../ddl-sql.js';
import type { Dialect, Storage, StorageKind } from '../types.js';
import { assertJsonKey } from './shared.js';

// TIMESTAMPTZ output text (DateStyle ISO): `0001-06-01 12:53:28.5+00:53:28`, ` BC` for years before 1.
const TIMESTAMPTZ_TEXT_RE = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?( BC)?$/;

/**
 * The common TIMESTAMPTZ text in UTC, `YYYY-MM-DD HH:MM:SS[.ffffff]+00` with a year of four digits
 * from 1000, straight to the API's `YYYY-MM-DDTHH:MM:SS.sssZ` by slicing: no regex, no Date, no
 * formatting afterwards (the timestamp type passes canonical text through). Anything else:
 * undefined.
 */
function utcTimestampText(text: string): string | undefined {
  const n = text.length;
  // '+', '0', '0' at the end; ' ' between date and time; no leading zero in the year.
  if (n < 22 || n > 29 || text.charCodeAt(n - 3) !== 43 || text.charCodeAt(n - 2) !== 48 || text.charCodeAt(n - 1) !== 48 ||
    text.charCodeAt(10) !== 32 || text.charCodeAt(0) === 48 || text.charCodeAt(4) !== 45) return undefined;
  const end = n - 3;
  if (end === 19) return `${text.slice(0, 10)}T${text.slice(11, 19)}.000Z`;
  if (end < 21 || text.charCodeAt(19) !== 46) return undefined;
  const frac = end >= 23 ? text.slice(20, 23) : text.slice(20, end).padEnd(3, '0');
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${frac}Z`;
}

/**
 * TIMESTAMPTZ text → the value rows carry, for the driver (core/db/postgres.ts): canonical ISO text
 * for the common UTC form (every reader takes text or a Date: the timestamp type, the string type,
 * `decodeTimestamp`), else a Date. postgres.js's own `new Date(text)` reads years 0001–0099 as
 * 2001–2099 (and garbles the month); this reads every year exactly. Text it does not know
 * (`infinity`) gives what `new Date` gives.
 */
export function parseTimestamptz(text: string): Date | string {
  const fast = utcTimestampText(text);
  if (fast !== undefined) return fast;
  const m = TIMESTAMPTZ_TEXT_RE.exec(text);
  if (!m) return new Date(text);
  const date = new Date(0);
  date.setUTCFullYear(m[12] ? 1 - Number(m[1]) : Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0);
  const offsetSeconds = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0));
  return new Date(date.getTime() - offsetSeconds * 1000);
}

/** SQLSTATE of a postgres.js error, if any. */
export function pgCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
}

const COLUMN_TYPES: Record<StorageKind, string> = {
  text: 'TEXT', int32: 'INTEGER', int64: 'BIGINT', float64: 'DOUBLE PRECISION', decimal: 'NUMERIC',
  boolean: 'BOOLEAN', uuid: 'UUID', timestamp: 'TIMESTAMPTZ', date: 'DATE', json: 'JSONB',
};

/** Element casts of list parameters: `= ANY($n::T[])` needs the column's array type. */
const ARRAY_TYPES: Record<StorageKind, string> = {
  text: 'text[]', int32: 'int4[]', int64: 'int8[]', float64: 'float8[]', decimal: 'numeric[]',
  boolean: 'bool[]', uuid: 'uuid[]', timestamp: 'timestamptz[]', date: 'date[]', json: 'jsonb[]',
};

function columnType(s: Storage): string {
  return s.kind === 'decimal' && s.digits !== undefined ? `NUMERIC(${s.digits},${s.scale ?? 0})` : COLUMN_TYPES[s.kind];
}

/** `format_type` names that differ from the ones columnType writes. */
const CATALOG_NAMES: Readonly<Record<string, string>> = {
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ', 'CHARACTER VARYING': 'TEXT',
};

/**
 * An adopted column must have exactly the engine's type: a narrower one (varchar(n), smallint,
 * numeric(10,2)) would refuse valid values, another one (integer for a string field) every
 * comparison with a parameter of the field's type.
 */
function columnFits(declared: string, storage: Storage): boolean {
  const name = declared.trim().toUpperCase();
  return (CATALOG_NAMES[name] ?? name) === columnType(storage);
}

/**
 * USING expression of an allowed type change. The plain cast is right except where it would depend
 * on the session time zone: a date becomes midnight UTC (as SQLite reads it), and a timestamp
 * becomes the ISO-8601 UTC text SQLite already stores.
 */
function castExpression(column: string, from: Storage, to: Storage, toType: string): string {
  const c = quoteIdent(column);
  if (from.kind === 'date' && to.kind === 'timestamp') return `(${c}::timestamp AT TIME ZONE 'UTC')`;
  if (from.kind === 'timestamp' && to.kind === 'text') return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `${c}::${toType}`;
}

/**
 * postgres.js declares a JS boolean array as a scalar `bool` parameter, so boolean lists travel as
 * an array literal instead.
 */
function booleanArrayLiteral(values: unknown[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) text += (i > 0 ? ',' : '') + (values[i] === null ? 'null' : values[i] ? 't' : 'f');
  return text + '}';
}

// pg_catalog instead of information_schema: format_type yields the declared type with its
// modifiers (numeric(18,2)), which information_schema spreads over several columns.
const CATALOG_COLUMNS = `
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity <> '' AS identity
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

const CATALOG_INDEXES = `
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

const violatedConstraint = (err: unknown): string | undefined => (err as { constraint_name?: string })?.constraint_name;

export const postgresDialect: Dialect = {
  name: 'postgres',
  types: {
    uuid: 'uuid', text: 'text', timestamptz: 'timestamptz', jsonb: 'jsonb', textArray: 'text[]',
    boolean: 'boolean', int: 'integer', bigint: 'bigint', double: 'double precision',
  },
  builder: compileOnlyBuilder({
    adapter: () => new PostgresAdapter(),
    introspector: (db) => new PostgresIntrospector(db),
    compiler: () => new PostgresQueryCompiler(),
  }),

  columnType,
  primaryKeyColumn(storage, generated) {
    if (generated && storage.kind === 'uuid') return 'UUID PRIMARY KEY DEFAULT gen_random_uuid()';
    if (generated && (storage.kind === 'int32' || storage.kind === 'int64')) {
      return `${columnType(storage)} GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY`;
    }
    return `${columnType(storage)} PRIMARY KEY`;
  },
  changeColumnType(table, column, from, to) {
    const type = columnType(to);
    return [alterColumnTypeSql(table, column, type, castExpression(column, from, to, type))];
  },
  columnFits,
  catalog: { columns: CATALOG_COLUMNS, indexes: CATALOG_INDEXES },
  migration: {
    defaults: {
      now: 'NOW()', uuid: 'gen_random_uuid()', emptyTextArray: "'{}'",
      emptyJsonArray: "'[]'::jsonb", emptyJsonObject: "'{}'::jsonb", true: 'true', false: 'false',
    },
    // Instances starting at the same time would otherwise both apply a migration.
    lockSql: 'SELECT pg_advisory_xact_lock(hashtext($1))',
    unlogged: 'unlogged',
    uncompressed: (table, column) => `ALTER TABLE ${table} ALTER COLUMN ${column} SET STORAGE EXTERNAL`,
  },

  // A comparison with an untyped text parameter would compare NUMERIC inexactly or fail.
  compareParam: (n, kind) => (kind === 'decimal' ? `$${n}::numeric` : `$${n}`),
  // One prepared statement whatever the list length.
  inList: (col, kind, n) => `${col} = ANY($${n}::${ARRAY_TYPES[kind]})`,
  notInList: (col, kind, n) => `(${col} IS NOT NULL AND ${col} <> ALL($${n}::${ARRAY_TYPES[kind]}))`,
  encodeList: (encoded, kind) => (kind === 'boolean' ? booleanArrayLiteral(encoded) : encoded),
  // PostgreSQL's default `\` escape would make the dialects disagree, and a trailing `\` would be
  // an error: no escape character at all.
  like: (col, n) => `${col} LIKE $${n} ESCAPE ''`,
  ilike: (col, n) => `LOWER(${col}) LIKE LOWER($${n}) ESCAPE ''`,
  orderTerm: (col, desc) => (desc ? `${col} DESC NULLS FIRST` : `${col} ASC NULLS LAST`),
  // The database's default collation may be linguistic (en_US); "C" compares bytes.
  byteOrder: (expr) => `${expr} COLLATE "C"`,
  jsonText: (expr, key) => `(${expr} ->> '${assertJsonKey(key)}')`,
  rowLockSuffix: ' FOR UPDATE',
  shareLockSuffix: ' FOR SHARE',
  namedLockSql: 'SELECT pg_advisory_xact_lock(hashtext($1))',
  claimSuffix: ' FOR UPDATE SKIP LOCKED',
  tryLockSql: 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
  returning: (columns) => ` RETURNING ${columns}`,
  batchInserts: true,
  cteJson: (expr, storage) => {
    switch (storage.kind) {
      case 'decimal':
      case 'int64':
        return `(${expr})::text`;
      case 'timestamp':
        return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      default:
        return expr; // text, numbers, booleans, uuid and date text, jsonb as it is
    }
  },
  // The wire protocol counts parameters in an Int16.
  maxParams: 65535,
  jsonRows: (source, alias, columns) => ({
    from: `json_to_recordset((${source})::json) AS ${alias}(${columns.map(([c, k]) => `${quoteIdent(c)} ${COLUMN_TYPES[k]}`).join(', ')})`,
    column: (name) => `${alias}.${quoteIdent(name)}`,
    equalsPerRow: (target, name) => `${target} = ANY(ARRAY[${alias}.${quoteIdent(name)}])`,
  }),
  // `::text` first: a parameter typed json would have the driver encode the string as a JSON string.
  jsonTextElements: (n, alias, kind) => `(SELECT e::${COLUMN_TYPES[kind]} AS value FROM json_array_elements_text($${n}::text::json) AS e) AS ${alias}`,
  // Microseconds survive (timestamptz's precision).
  fromEpochMs: (expr) => `to_timestamp((${expr}) / 1000.0)`,
  // The identity column's sequence: nextval - 1 is where it stands, so it only moves forward.
  identityResyncSql: (table, column) =>
    `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(COALESCE((SELECT MAX(${column}) FROM ${table}), 1), nextval(pg_get_serial_sequence($1, $2)) - 1))`,

  isUniqueViolation: (err) => pgCode(err) === '23505',
  isForeignKeyViolation: (err) => pgCode(err) === '23503',
  violatedConstraint,
  violatedColumns(err, scope) {
    const constraint = violatedConstraint(err);
    if (!constraint) return undefined;
    if (constraint === `${scope.table}_pkey`) return [scope.pk.name];
    for (const field of scope.fieldMap.keys()) if (uniqueIndexName(scope.table, field) === constraint) return [field];
    return undefined;
  },

  encodeBool: (v) => v,
  decodeBool: (v) => v === true,
  // JSON text, sent as is by the driver (core/db/postgres.ts): a JS boolean or boolean array would
  // otherwise be typed as a bool parameter.
  encodeJson: (v) => (v === undefined ? null : JSON.stringify(v)),
  decodeJson: <T>(v: unknown) => v as T,
  encodeTextArray: (v) => v,
  decodeTextArray: (v) => (Array.isArray(v) ? (v as string[]) : []),
  encodeDecimal: (text) => text,
  decodeTimestamp: (v) => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
};
