// The database contract every dialect module implements (core/db/postgres.ts, core/db/sqlite.ts).
// Kysely builds SQL text (core/db/builder.ts); these small drivers execute it, so the hot path
// runs cached SQL with parameters and never builds queries per request.
import type { Kysely } from 'kysely';
import type { DialectName } from '../metadata/types.js';

export type { DialectName };
export type Row = Record<string, unknown>;

/** Something SQL can be run on: a pool, or a transaction's reserved connection. */
export interface Queryable {
  /** Runs one statement and returns its rows (empty for statements without RETURNING). */
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs one statement and returns the number of affected rows. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
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

export interface Dialect {
  readonly name: DialectName;
  readonly types: SystemColumnTypes;
  /** Kysely instance used only to compile SQL text for this dialect. */
  readonly builder: Kysely<any>;
  /** Appended to a SELECT that claims rows for one scheduler instance. */
  readonly claimSuffix: string;
  isUniqueViolation(err: unknown): boolean;
  isForeignKeyViolation(err: unknown): boolean;
  /** Name of the violated unique index/constraint when the driver reports it. */
  violatedConstraint(err: unknown): string | undefined;
  /** Encoders/decoders for system-table values that the drivers store differently. */
  encodeBool(v: boolean): unknown;
  decodeBool(v: unknown): boolean;
  encodeJson(v: unknown): unknown;
  decodeJson<T = unknown>(v: unknown): T;
  encodeTextArray(v: string[]): unknown;
  decodeTextArray(v: unknown): string[];
  /** Timestamps are written as ISO strings; read values become ISO-8601 UTC with milliseconds. */
  decodeTimestamp(v: unknown): string | null;
}
