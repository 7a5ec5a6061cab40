// Shapes of entity, field and relation definitions (spec/metadata.md) and the one interface every
// field type implements. A new field type is one file in core/metadata/field-types/ plus one line
// in the registry (core/metadata/field-types/index.ts).

export type DialectName = 'postgres' | 'sqlite';

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

/** Result of coercing an input value: the normalised value, or a failure. */
export type Coerced = { ok: true; value: unknown } | { ok: false };

/**
 * One field type (PocketBase-style). Every method is pure; dialect differences are passed in.
 * Values flow: JSON input --coerceInput--> normalised value --toDb--> driver parameter;
 * driver row value --fromDb--> API output value (metadata.md §4).
 */
export interface FieldType {
  /** Canonical name, e.g. 'int'. */
  readonly name: string;
  /** Other names accepted in definitions, e.g. ['integer'] for int. Stored as written. */
  readonly aliases?: readonly string[];
  /** Column type used by the auto-migrator, e.g. 'NUMERIC(18,2)' / 'REAL'. */
  columnType(dialect: DialectName, field: FieldDef): string;
  /** Human wording for type errors: "<field> must be <typeKind>" (rest-api.md §11.2). */
  readonly typeKind: string;
  /** Validate and normalise a present, non-null JSON input value (rest-api.md §11.2). */
  coerceInput(value: unknown, field: FieldDef): Coerced;
  /** Parse one filter text value (rest-api.md §5.4). */
  parseFilter(text: string, field: FieldDef): Coerced;
  /** Operators this type supports besides is_null (rest-api.md §5.3). */
  readonly operators: ReadonlySet<FilterOp>;
  /** Normalised value → driver parameter (SQLite: booleans 0/1, JSON as text, ...). null stays null. */
  toDb(value: unknown, dialect: DialectName): unknown;
  /** Driver value → API output value (metadata.md §4). null/undefined → null. */
  fromDb(raw: unknown, dialect: DialectName, field: FieldDef): unknown;
  /** JSON Schema of the output value (nullable), used for response serialization and OpenAPI. */
  outputSchema(field: FieldDef): Record<string, unknown>;
  /** JSON Schema of accepted input (nullable), used for OpenAPI request bodies. */
  inputSchema(field: FieldDef): Record<string, unknown>;
  /** Extra settings check (e.g. precision); returns a message or null. Default/enum checks are generic. */
  validateSettings?(field: FieldDef): string | null;
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
