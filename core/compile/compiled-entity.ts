// Compiles one entity definition into what the request path runs: field codecs bound to the
// dialect, the row → record decoder, the JSON Schemas (`<Entity>`, `<Entity>Input`), the response
// serializers and the SQL text of the common statements. Built once per metadata change.
import fastJson from 'fast-json-stringify';
import { quoteIdent } from '../db/builder.js';
import type { Dialect, Storage } from '../db/types.js';
import { getFieldType } from '../metadata/field-types/index.js';
import type { EntityDef, FieldDef, FieldType, PrimaryKeyType, SlugDef } from '../metadata/types.js';
import { buildPayloadValidator, type PayloadValidator } from './payload-validator.js';
import type { CompiledSteps, WriteKind } from '../write/steps/types.js';

const NONE: CompiledSteps = { check: null, beforeWrite: null, afterWrite: null, afterCommit: null, transactional: null };
/** Until the registry compiles the entity's steps (an entity outside a registry writes nothing). */
const NO_STEPS: Readonly<Record<WriteKind, CompiledSteps>> = { create: NONE, update: NONE, delete: NONE, cascade: NONE };

export interface CompiledField {
  readonly name: string;
  readonly def: FieldDef;
  readonly type: FieldType;
  /** What the column holds (the type's storage for this definition). */
  readonly storage: Storage;
  /** Quoted column name. */
  readonly column: string;
  readonly auto: 'create' | 'update' | undefined;
  readonly isPk: boolean;
  /** Driver value → API value. */
  decode(raw: unknown): unknown;
  /** Normalised value → driver parameter. */
  encode(value: unknown): unknown;
  /** Normalised values → the one list parameter of `dialect.inList` / `notInList`. */
  encodeList(values: readonly unknown[]): unknown;
}

export interface EntitySql {
  /** `SELECT <columns> FROM <table>` (add WHERE / ORDER / LIMIT). */
  readonly selectFrom: string;
  /** Live-row condition (`"deleted_at" IS NULL`) or '' when the entity has no soft delete. */
  readonly liveCondition: string;
  readonly byPk: string;
  /** `byPk` locking the row for the rest of the write transaction (write-pipeline.md §1 Isolation). */
  readonly byPkForUpdate: string;
  readonly bySlug: string | undefined;
}

export interface CompiledEntity {
  readonly name: string;
  readonly def: EntityDef;
  readonly dialect: Dialect;
  readonly table: string;
  readonly quotedTable: string;
  readonly fields: readonly CompiledField[];
  readonly fieldMap: ReadonlyMap<string, CompiledField>;
  readonly pk: CompiledField;
  readonly pkType: PrimaryKeyType;
  readonly pkGenerated: boolean;
  readonly softDelete: boolean;
  /** Quoted soft-delete marker column (declared `deleted_at` or the engine's). */
  readonly deletedAtColumn: string | undefined;
  readonly slug: SlugDef | undefined;
  readonly sql: EntitySql;
  /** JSON Schemas for responses and OpenAPI: `record` (<Entity>) and `input` (<Entity>Input). */
  readonly schemas: { record: Record<string, unknown>; input: Record<string, unknown> };
  readonly validator: PayloadValidator;
  /** The compiled write steps per write kind (core/write/steps/), set when the registry is built. */
  readonly steps: Readonly<Record<WriteKind, CompiledSteps>>;
  /** Database row → API record (definition order, `deleted_at: null` on soft-delete entities). */
  decodeRow(row: Record<string, unknown>): Record<string, unknown>;
  /** `{"data": record}` as JSON text. */
  serializeOne(record: Record<string, unknown>): string;
  /** `{"data": [records], "meta": meta}` as JSON text. */
  serializeList(records: Record<string, unknown>[], meta: Record<string, unknown>): string;
  /** The same for records holding only some fields (`?fields=`, core/query/fields.ts). */
  serializeSomeOne(record: Record<string, unknown>): string;
  serializeSomeList(records: Record<string, unknown>[], meta: Record<string, unknown>): string;
}

/** The engine-managed marker column, unless the definition declares `deleted_at` itself. */
function engineDeletedAt(def: EntityDef): boolean {
  return def.soft_delete && !def.fields.some((f) => f.name === 'deleted_at');
}

function compileField(f: FieldDef, dialect: Dialect, pkField: string): CompiledField {
  const type = getFieldType(f.type);
  if (!type) throw new Error(`unknown field type ${f.type}`);
  const storage = type.storage(f);
  const encode = (value: unknown) => (value === null || value === undefined ? null : type.toDb(value, dialect));
  return {
    name: f.name,
    def: f,
    type,
    storage,
    column: quoteIdent(f.name),
    auto: f.auto,
    isPk: f.name === pkField,
    decode: (raw) => (raw === null || raw === undefined ? null : type.fromDb(raw, dialect, f)),
    encode,
    encodeList(values) {
      const n = values.length;
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = encode(values[i]);
      return dialect.encodeList(out, storage.kind);
    },
  };
}

export function recordSchema(def: EntityDef): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of def.fields) properties[f.name] = getFieldType(f.type)!.outputSchema(f);
  if (engineDeletedAt(def)) properties.deleted_at = { type: ['string', 'null'], format: 'date-time' };
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: true };
}

export function inputSchema(def: EntityDef): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of def.fields) {
    if (f.auto) continue;
    if (f.name === def.primary_key.field && def.primary_key.generated) continue;
    properties[f.name] = getFieldType(f.type)!.inputSchema(f);
  }
  return { type: 'object', properties, additionalProperties: true };
}

export function compileEntity(def: EntityDef, dialect: Dialect): CompiledEntity {
  const fields = def.fields.map((f) => compileField(f, dialect, def.primary_key.field));
  const fieldMap = new Map(fields.map((f) => [f.name, f]));
  const pk = fieldMap.get(def.primary_key.field)!;
  const quotedTable = quoteIdent(def.table);
  const withEngineDeletedAt = engineDeletedAt(def);
  const deletedAtColumn = def.soft_delete ? quoteIdent('deleted_at') : undefined;
  const liveCondition = deletedAtColumn ? `${deletedAtColumn} IS NULL` : '';
  const selectFrom = `SELECT ${fields.map((f) => f.column).join(', ')} FROM ${quotedTable}`;
  const where = (cond: string) => `${selectFrom} WHERE ${cond}${liveCondition ? ` AND ${liveCondition}` : ''}`;
  const slug = def.slug;

  const schema = recordSchema(def);
  // fast-json-stringify rewrites the schemas it is given, so it gets its own copies.
  const serializers = (record: Record<string, unknown>) => ({
    one: fastJson({ type: 'object', properties: { data: structuredClone(record) } }),
    list: fastJson({
      type: 'object',
      properties: {
        data: { type: 'array', items: structuredClone(record) },
        meta: { type: 'object', properties: { page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } } },
      },
    }),
  });
  const full = serializers(schema);
  // Records with some fields left out: the same schema without `required`, compiled on first use.
  let some: ReturnType<typeof serializers> | undefined;
  const partial = () => (some ??= serializers({ ...schema, required: [] }));
  const decoders = fields.map((f) => [f.name, f.decode] as const);

  return {
    name: def.name,
    def,
    dialect,
    table: def.table,
    quotedTable,
    fields,
    fieldMap,
    pk,
    pkType: def.primary_key.type,
    pkGenerated: def.primary_key.generated,
    softDelete: def.soft_delete,
    deletedAtColumn,
    slug,
    sql: {
      selectFrom,
      liveCondition,
      byPk: `${where(`${pk.column} = $1`)} LIMIT 1`,
      byPkForUpdate: `${where(`${pk.column} = $1`)} LIMIT 1${dialect.rowLockSuffix}`,
      bySlug: slug ? `${where(`${quoteIdent(slug.field)} = $1`)} LIMIT 1` : undefined,
    },
    schemas: { record: schema, input: inputSchema(def) },
    validator: buildPayloadValidator(def, fields),
    steps: NO_STEPS,
    decodeRow(row) {
      const record: Record<string, unknown> = {};
      for (const [name, decode] of decoders) record[name] = decode(row[name]);
      if (withEngineDeletedAt) record.deleted_at = null;
      return record;
    },
    serializeOne: (record) => full.one({ data: record }),
    serializeList: (records, meta) => full.list({ data: records, meta }),
    serializeSomeOne: (record) => partial().one({ data: record }),
    serializeSomeList: (records, meta) => partial().list({ data: records, meta }),
  };
}
