// The database contracts: the Dialect every dialect module implements (core/db/dialects/: SQL
// text and value encodings) and the Database every driver implements (core/db/postgres.ts,
// core/db/sqlite.ts). Kysely builds SQL text (core/db/builder.ts); these small drivers execute
// it, so the hot path runs cached SQL with parameters and never builds queries per request.
import type { Kysely } from 'kysely';

/** Configuration name of a dialect (`database.driver`, `_apps.db_driver`); for config and logs only. */
export type DialectName = 'postgres' | 'sqlite';
export type Row = Record<string, unknown>;

/** Something SQL can be run on: a pool, or a transaction's reserved connection. */
export interface Queryable {
  /** Runs one statement and returns its rows (empty for statements without RETURNING). */
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs one statement and returns the number of affected rows. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Inside a transaction: runs fn under a savepoint, so its failure undoes only its own statements
   * and the transaction goes on (present on transactions only).
   */
  savepoint?<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Inside a PostgreSQL transaction: sends a write whose result nobody reads now, answered with
   * COMMIT (one round trip fewer); its failure fails the transaction. Use `runDeferred`.
   */
  defer?(sql: string, params?: readonly unknown[]): void;
}

/** A write whose result is not needed: deferred to COMMIT where the transaction can, else run now. */
export async function runDeferred(q: Queryable, sql: string, params?: readonly unknown[]): Promise<void> {
  if (q.defer) q.defer(sql, params);
  else await q.run(sql, params);
}

export interface TransactionOptions {
  /** SQLite: BEGIN IMMEDIATE (take the write lock at once). PostgreSQL ignores it. */
  write?: boolean;
}

export interface Database extends Queryable {
  readonly dialect: Dialect;
  /** Runs fn in one transaction on one reserved connection; PostgreSQL serialization failures and
   * deadlocks retry the whole function up to 3 attempts (spec/write-pipeline.md §1). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Statements or transactions currently running or waiting; 0 means the pool is idle. */
  readonly busy: number;
  close(): Promise<void>;
}

/** SQL column types of the system tables, per dialect (platform-and-apps.md §9.1). */
export interface SystemColumnTypes {
  uuid: string;
  text: string;
  timestamptz: string;
  jsonb: string;
  textArray: string;
  boolean: string;
  int: string;
  bigint: string;
  double: string;
}

/**
 * Dialect-neutral storage vocabulary: what a column holds. Field types describe their columns in
 * these words (core/metadata/field-types/); each dialect maps them to its SQL types, so neither a
 * field type nor the query code ever names a database.
 */
export type StorageKind =
  | 'text' | 'int32' | 'int64' | 'float64' | 'decimal' | 'boolean' | 'uuid' | 'timestamp' | 'date' | 'json';

export interface Storage {
  readonly kind: StorageKind;
  /** decimal only: total significant digits and fractional digits; absent = unconstrained. */
  readonly digits?: number;
  readonly scale?: number;
}

/** What a unique violation is matched against: a table, its PK field and its field names. */
export interface UniqueScope {
  readonly table: string;
  readonly pk: { readonly name: string };
  readonly fieldMap: ReadonlyMap<string, unknown>;
}

/** SQL text of the catalogue queries behind core/db/introspect.ts; `$1` is the table name. */
export interface CatalogSql {
  /** Rows: name, type, not_null, dflt[, identity]. */
  readonly columns: string;
  /** Rows: name, is_unique, is_primary, partial, definition, columns (array or JSON text). */
  readonly indexes: string;
}

/** Raw SQL of column defaults used by the system migrations (migrations/platform, migrations/app). */
export interface MigrationDefaults {
  readonly now: string;
  /** Database-generated UUID default; undefined when the server generates ids (SQLite). */
  readonly uuid: string | undefined;
  readonly emptyTextArray: string;
  readonly emptyJsonArray: string;
  readonly emptyJsonObject: string;
  readonly true: string;
  readonly false: string;
}

/**
 * Everything that differs between the SQL databases, in one object per dialect
 * (core/db/dialects/). Callers hold the object, never its name: adding a dialect means adding a
 * module, not finding every `if (postgres)`. Methods that return SQL text are called when SQL is
 * built (once per entity or query shape, then cached), never per request; the per-value codecs are
 * bound into field closures at registry build time.
 */
export interface Dialect {
  /** For configuration and logs only; never branch on it. */
  readonly name: DialectName;
  readonly types: SystemColumnTypes;
  /** Kysely instance used only to compile SQL text for this dialect. */
  readonly builder: Kysely<any>;

  // Columns and DDL (metadata.md §7.2, §9)
  /** SQL column type of a storage, e.g. decimal(18,2) → `NUMERIC(18,2)` / `REAL`. */
  columnType(storage: Storage): string;
  /** Column definition of a primary key; generated keys get identity/autoincrement or a UUID default. */
  primaryKeyColumn(storage: Storage, generated: boolean): string;
  /** DDL that converts an existing column between two storages (an allowed §9.5 change); [] when none is needed. */
  changeColumnType(table: string, column: string, from: Storage, to: Storage): string[];
  /**
   * Whether an existing column of `declared` type (the catalogue's, see `catalog.columns`) stores
   * and compares values of `storage` as the column the engine would create does, so an adopted
   * table can be used as it is (metadata.md §9.1).
   */
  columnFits(declared: string, storage: Storage): boolean;
  readonly catalog: CatalogSql;
  readonly migration: {
    readonly defaults: MigrationDefaults;
    /** Statement taking a transaction-scoped lock named by `$1`, serialising concurrent migrators; undefined when writers are already serialised. */
    readonly lockSql: string | undefined;
    /** Keyword before TABLE of a table whose writes skip the write-ahead log (PostgreSQL UNLOGGED:
     * cheaper inserts, emptied after a crash), for best-effort telemetry; undefined where there is none. */
    readonly unlogged: string | undefined;
    /** Statement storing a text column uncompressed (PostgreSQL `SET STORAGE EXTERNAL`: a large
     * value written once and read rarely is cheaper to write than to compress); undefined where
     * values are not compressed anyway. */
    readonly uncompressed: ((table: string, column: string) => string) | undefined;
  };

  // Query fragments (rest-api.md §5); `n` is the placeholder number, `col` a quoted column expression.
  /** `$n` for a comparison against a column of this storage (PostgreSQL: decimals as `$n::numeric`, exact). */
  compareParam(n: number, kind: StorageKind): string;
  /** `col IN <list parameter $n>` with one prepared statement whatever the list length. */
  inList(col: string, kind: StorageKind, n: number): string;
  /** `col NOT IN <list $n>`, excluding NULL rows even for an empty list. */
  notInList(col: string, kind: StorageKind, n: number): string;
  /** The list parameter of inList/notInList from already encoded values (see CompiledField.encodeList). */
  encodeList(encoded: unknown[], kind: StorageKind): unknown;
  /** Case-sensitive LIKE with no escape character (the same pattern semantics on every dialect). */
  like(col: string, n: number): string;
  /** Case-insensitive LIKE (LOWER on both sides), no escape character. */
  ilike(col: string, n: number): string;
  /** One ORDER BY term where NULL sorts as the greatest value (§5.5). */
  orderTerm(col: string, desc: boolean): string;
  /** Expression sorted in byte order regardless of the database collation. */
  byteOrder(expr: string): string;
  /** Text of one top-level key of a JSON column (`key` is a literal name). */
  jsonText(expr: string, key: string): string;
  /** Appended to a single-row SELECT inside a write transaction to lock the row ('' when writers are serialised anyway). */
  readonly rowLockSuffix: string;
  /** Appended to a SELECT inside a write transaction that keeps the rows from being deleted or changed until COMMIT ('' when writers are serialised anyway). */
  readonly shareLockSuffix: string;
  /** Takes (waiting if need be) the lock named by `$1` until the current transaction ends; undefined when writers are already serialised. */
  readonly namedLockSql: string | undefined;
  /** Appended to a SELECT that claims rows for one scheduler instance. */
  readonly claimSuffix: string;
  /** Tries, without waiting, to take the lock named by `$1` until the current transaction ends and
   * returns one row `{ locked }` (core/jobs/lock.ts); undefined when writers are already serialised. */
  readonly tryLockSql: string | undefined;
  /** ` RETURNING <columns>`: the written row comes back in the same round trip. */
  returning(columns: string): string;
  /** Whether multi-row INSERTs pay off (a network round trip per statement); SQLite runs in-process. */
  readonly batchInserts: boolean;
  /**
   * Present where a statement may carry data-modifying CTEs and PostgreSQL's jsonb functions
   * (`jsonb_build_object`, `||`, `array_remove`), so a second write rides in the same round trip
   * (the audit entry of a row: core/audit/cte.ts): the SQL expression of a column value of this
   * storage in the API's JSON form (metadata.md §4; decimals and bigints as text, timestamps as
   * `YYYY-MM-DDTHH:MM:SS.sssZ`). Undefined: no writable CTEs (SQLite, where a second statement
   * costs no network round trip).
   */
  readonly cteJson?: (expr: string, storage: Storage) => string;
  /** Most placeholders one statement may carry. */
  readonly maxParams: number;
  /**
   * Rows stored as one JSON text (core/tracing/store.ts: a batch of spans is one row): the FROM item
   * that expands the JSON array of objects in SQL expression `source` into rows aliased `alias`,
   * and the SQL of one field of such a row as a value of the column's storage (PostgreSQL
   * `json_to_recordset` with typed columns; SQLite `json_each` and `->>`).
   */
  jsonRows(source: string, alias: string, columns: ReadonlyArray<readonly [name: string, kind: StorageKind]>): {
    from: string;
    column(name: string): string;
    /**
     * `target = <field name>`, which the planner can only test row by row: never a hash or merge
     * join key. Join a table to the rows with these alone, and the plan is an index lookup per row
     * at every table size. Why: PostgreSQL estimates json_to_recordset at 100 rows, so on a table
     * still small when a prepared statement's generic plan is made, a plain `=` join becomes a hash
     * join over a scan of the whole table, and that plan stays cached as the table grows (a webhook
     * settle read 2,900 pages for 3 rows at 30,000 log rows). PostgreSQL: `= ANY(ARRAY[…])`.
     */
    equalsPerRow(target: string, name: string): string;
  };
  /** FROM item aliased `alias` with one column `value`: each string of the JSON array text in
   * parameter `$n`, as a value of storage `kind`. */
  jsonTextElements(n: number, alias: string, kind: StorageKind): string;
  /** The timestamp of `expr`, a number of milliseconds since the epoch (fractions kept as far as the type can). */
  fromEpochMs(expr: string): string;
  /**
   * The statement moving the generator of a generated integer key past the largest key stored in
   * `table`.`column` (both quoted), after rows were inserted with explicit keys (an import's sample
   * data), so the next generated key is free; it never moves the generator back. Its parameters:
   * the quoted table and the bare column name. Undefined where the generator follows explicit keys
   * by itself (SQLite's AUTOINCREMENT).
   */
  readonly identityResyncSql: ((table: string, column: string) => string) | undefined;

  // Errors
  isUniqueViolation(err: unknown): boolean;
  isForeignKeyViolation(err: unknown): boolean;
  /** Name of the violated unique index/constraint when the driver reports it. */
  violatedConstraint(err: unknown): string | undefined;
  /**
   * Columns of the unique index a violation on `scope.table` names, when that can be told: SQLite
   * lists them in its message; PostgreSQL names the constraint, mapped back through the engine's
   * index names (`<table>_pkey`, `idx_<table>_<field>`). Several columns = a composite index.
   */
  violatedColumns(err: unknown, scope: UniqueScope): string[] | undefined;

  // Value codecs for what the drivers store differently.
  encodeBool(v: boolean): unknown;
  decodeBool(v: unknown): boolean;
  encodeJson(v: unknown): unknown;
  decodeJson<T = unknown>(v: unknown): T;
  encodeTextArray(v: string[]): unknown;
  decodeTextArray(v: unknown): string[];
  /** Canonical decimal text → parameter (PostgreSQL NUMERIC takes the text; SQLite REAL a number). */
  encodeDecimal(text: string): unknown;
  /** Timestamps are written as ISO strings; read values become ISO-8601 UTC with milliseconds. */
  decodeTimestamp(v: unknown): string | null;
}
