// Shapes of entity, field and relation definitions (spec/metadata.md) and the one interface every
// field type implements. A new field type is one file in core/metadata/field-types/ plus one line
// in the registry (core/metadata/field-types/index.ts), or a `registerFieldType` call.
import type { Dialect, Queryable, Storage } from '../db/types.js';
import type { TextProblem } from '../errors.js';

export type { DialectName } from '../db/types.js';

export interface FieldDef {
  name: string;
  type: string;
  required?: boolean;
  nullable?: boolean;
  unique?: boolean;
  default?: unknown;
  enum?: Array<string | number>;
  precision?: number;
  auto?: 'create' | 'update';
  [extra: string]: unknown;
}

export type PrimaryKeyType = 'uuid' | 'int' | 'bigint' | 'string';

export interface PrimaryKeyDef {
  field: string;
  type: PrimaryKeyType;
  generated: boolean;
}

export interface SlugDef {
  field: string;
  source?: string;
  regenerate_on_update?: boolean;
}

export interface EntityDef {
  name: string;
  table: string;
  primary_key: PrimaryKeyDef;
  soft_delete: boolean;
  slug?: SlugDef;
  fields: FieldDef[];
  [extra: string]: unknown;
}

export type RelationType = 'one_to_one' | 'one_to_many' | 'many_to_many';
export type OnDelete = 'cascade' | 'set_null' | 'restrict' | 'detach';
export type WriteMode = 'diff' | 'replace' | 'append';

export interface RelationDef {
  name: string;
  type: RelationType;
  source: string;
  target: string;
  source_key: string;
  target_key?: string;
  join_table?: string;
  source_join_key?: string;
  target_join_key?: string;
  ownership: 'source' | 'target' | 'none';
  on_delete?: OnDelete;
  fetch: 'lazy' | 'eager';
  write_mode: WriteMode;
  [extra: string]: unknown;
}

export type FilterOp =
  | 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'not_in' | 'like' | 'ilike' | 'is_null';

/**
 * Result of coercing an input value: the normalised value, or a failure. A failure with `problem`
 * is a value of the right JSON type holding text no database can store (`rule: "invalid"`,
 * core/text.ts); without it, a type error.
 */
export type Coerced = { ok: true; value: unknown } | { ok: false; problem?: TextProblem };

/** Guarded type change of a stored field (metadata.md §9.5), see `FieldType.changeFrom`. */
export type TypeChangeKind = 'none' | 'alter' | 'forbidden';

/** How a numeric type compares with a policy's number (auth.md §8.2), see `FieldType.numeric`. */
export interface NumericSupport {
  /**
   * Integer columns only: the values the column can hold are `min <= v < limit`. Bounds are then
   * rounded to integers, and one outside the range means "no row" / "every non-null row" instead
   * of an out-of-range parameter. (An exclusive limit, because 2^63 - 1 is no double.)
   */
  readonly integerRange?: { readonly min: number; readonly limit: number };
  /** Query value of a finite number (after integer rounding), e.g. exact decimal text. */
  fromNumber(n: number): unknown;
}

/**
 * One field type (PocketBase-style). Everything the engine needs to know about a type is asked
 * here, so no code outside core/metadata/field-types/ tests a type's name. Database differences
 * come in as the Dialect object; a type describes its column in the dialect-neutral storage
 * vocabulary and delegates storage encodings (JSON as text, booleans as 0/1) to the dialect.
 * Values flow: JSON input --coerceInput--> normalised value --toDb--> driver parameter;
 * driver row value --fromDb--> API output value (metadata.md §4).
 */
export interface FieldType {
  /** Canonical name, e.g. 'int'. */
  readonly name: string;
  /** Other names accepted in definitions, e.g. ['integer'] for int. Stored as written. */
  readonly aliases?: readonly string[];
  /** What the column holds; the dialect turns it into SQL (`dialect.columnType`). */
  storage(field: FieldDef): Storage;
  /** Human wording for type errors: "<field> must be <typeKind>" (rest-api.md §11.2). */
  readonly typeKind: string;
  /** Validate and normalise a present, non-null JSON input value (rest-api.md §11.2). */
  coerceInput(value: unknown, field: FieldDef): Coerced;
  /** Parse one filter text value (rest-api.md §5.4). */
  parseFilter(text: string, field: FieldDef): Coerced;
  /** Operators this type supports besides is_null (rest-api.md §5.3). */
  readonly operators: ReadonlySet<FilterOp>;
  /** JSON Schema of one accepted filter text value, for the OpenAPI query parameters. Default: a string. */
  filterSchema?(field: FieldDef): Record<string, unknown>;
  /** Normalised value → driver parameter. null stays null. */
  toDb(value: unknown, dialect: Dialect): unknown;
  /** Driver value → API output value (metadata.md §4). null/undefined → null. */
  fromDb(raw: unknown, dialect: Dialect, field: FieldDef): unknown;
  /** JSON Schema of the output value (nullable), used for response serialization and OpenAPI. */
  outputSchema(field: FieldDef): Record<string, unknown>;
  /** JSON Schema of accepted input (nullable), used for OpenAPI request bodies. */
  inputSchema(field: FieldDef): Record<string, unknown>;
  /** Definition properties beyond the generic ones that this type reads (e.g. ['precision']); others are rejected. */
  readonly settings?: readonly string[];
  /** Extra settings check (e.g. precision); returns a message or null. Default/enum checks are generic. */
  validateSettings?(field: FieldDef): string | null;
  /**
   * A computed rule's result (logic.md §1.5) → the input value `coerceInput` then checks, e.g. an
   * integer type rounds half away from zero, text types take a number's canonical text. Without
   * it, a date result becomes ISO-8601 text and anything else is passed on as it is.
   */
  fromExpression?(result: unknown, field: FieldDef): unknown;
  /** Present on types that compare numerically in permission policies (int, bigint, float, decimal). */
  readonly numeric?: NumericSupport;
  /** The value of an `auto: create|update` field at `now`; types without it do not support `auto`. */
  autoValue?(now: Date): unknown;
  /** The primary-key type this field type can back (metadata.md §3), if any. */
  readonly primaryKeyType?: PrimaryKeyType;
  /** Whether the type can hold a slug (metadata.md §6: string and text). */
  readonly holdsSlug?: boolean;
  /**
   * Whether a stored field of type `from` may become this type, and whether PostgreSQL then needs
   * DDL (metadata.md §9.5). undefined (or no method): only the same type, unchanged storage.
   */
  changeFrom?(from: FieldType, fromField: FieldDef, toField: FieldDef): TypeChangeKind | undefined;
  /**
   * Write-time resolution (write-pipeline.md §8): a coerced value for which `needsResolution` is
   * true is replaced by `resolveWrite` inside the write transaction (e.g. a file id → the stored
   * `_files` object; an unknown id is 404 NOT_FOUND).
   */
  needsResolution?(value: unknown): boolean;
  resolveWrite?(value: unknown, q: Queryable): Promise<unknown>;
}

/** One problem found while validating a definition (metadata.md §10.4, §11.2). */
export interface Problem {
  /** JSON path inside the definition, e.g. `fields[2].type`, `primary_key.field`, `name`. */
  field: string;
  /** Short machine word: required, pattern, reserved, unknown_type, duplicate, not_found, ... */
  rule: string;
  /** The documented human message; the first problem's message is the 422 message. */
  message: string;
}

/** Outcome of validating a definition: the normalised stored form, or every problem found. */
export type ValidationResult<T> = { ok: true; definition: T } | { ok: false; problems: Problem[] };
