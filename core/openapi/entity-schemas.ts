// The component schemas of one entity in the OpenAPI document: `<Entity>` (the record, with every
// include key as an optional property), `<Entity>Create` and `<Entity>Update` (the request bodies,
// closed with `additionalProperties: false`, listing each forward relation once as a typed nested
// write), and one `<Relation>Write` per forward relation (write-pipeline.md §5).
//
// Built here from the definitions rather than taken from `entity.schemas`: those also drive the
// response serializers, which must keep every field nullable.
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { RelationDef } from '../metadata/types.js';
import { WRITE_MODES } from '../write/nested/diff.js';
import { includeTokens } from './parameters.js';
import { ref, toOpenApiSchema } from './schemas.js';

type Schema = Record<string, unknown>;

/** The schema without `null`: from a type list, an enum, an anyOf/oneOf branch. */
export function withoutNull(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (Array.isArray(out.type)) {
    const types = (out.type as string[]).filter((t) => t !== 'null');
    out.type = types.length === 1 ? types[0] : types;
  }
  if (Array.isArray(out.enum)) out.enum = (out.enum as unknown[]).filter((v) => v !== null);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!Array.isArray(out[key])) continue;
    const branches = (out[key] as Schema[]).filter((b) => !(b.type === 'null' && Object.keys(b).length === 1));
    if (branches.length === 1 && Object.keys(out).length === 1) return branches[0];
    out[key] = branches;
  }
  return out;
}

/** Enum members as the API answers them: strings (metadata.md §7.1), when the type advertises them. */
function enumOf(field: CompiledField): string[] | undefined {
  const input = field.type.inputSchema(field.def);
  if (!Array.isArray(input.enum)) return undefined;
  const members = (input.enum as unknown[]).filter((v) => v !== null).map(String);
  return members.length > 0 ? members : undefined;
}

/** Filter values of a field with an enum: its members (eq, neq, in, not_in). */
export function enumFilterSchema(field: CompiledField): Schema | undefined {
  const members = enumOf(field);
  return members ? { type: 'string', enum: members } : undefined;
}

/**
 * Whether every record the engine answers with has a value: the primary key, `required` fields
 * (that are not `nullable`) and `auto` timestamps, which every write sets. Rows written before a
 * field was added or made required can still hold NULL (metadata.md §7.1): the document describes
 * what the engine writes.
 */
function alwaysSet(field: CompiledField): boolean {
  return field.isPk || field.auto !== undefined || (Boolean(field.def.required) && !field.def.nullable);
}

/** `required && !nullable`: null and "" are refused on create and update (rest-api.md §11). */
const refusesNull = (field: CompiledField): boolean => Boolean(field.def.required) && !field.def.nullable;

/** Fields a payload may set: neither auto nor a generated primary key. */
function writableFields(entity: CompiledEntity): CompiledField[] {
  return entity.fields.filter((f) => !f.auto && !(f.isPk && entity.pkGenerated));
}

function inputProperty(field: CompiledField): Schema {
  const schema = toOpenApiSchema(field.type.inputSchema(field.def)) as Schema;
  if (!refusesNull(field)) return schema;
  const out = withoutNull(schema);
  // "" counts as missing for a required field.
  return out.type === 'string' && out.minLength === undefined && !Array.isArray(out.enum) ? { ...out, minLength: 1 } : out;
}

/** Fields a create must carry: the given primary key, required fields without default or initial state. */
function requiredOnCreate(entity: CompiledEntity, field: CompiledField): boolean {
  if (field.isPk) return !entity.pkGenerated;
  if (!refusesNull(field)) return false;
  if (entity.slug?.source && entity.slug.field === field.name) return false;
  if (field.def.default !== undefined && field.def.default !== null) return false;
  return !entity.validator.initialStates?.has(field.name);
}

export interface EntityNames {
  /** Entity name → PascalCase component stem. */
  entity: ReadonlyMap<string, string>;
  /** Relation name → `<Relation>Write` component name. */
  relationWrite: ReadonlyMap<string, string>;
}

/** Each forward relation once, under its first payload key (the relation's name unless a field shadows it). */
export function writeKeys(entity: CompiledEntity): Array<[key: string, relation: RelationDef]> {
  const seen = new Set<string>();
  const out: Array<[string, RelationDef]> = [];
  for (const [key, relation] of entity.validator.relationKeys) {
    if (seen.has(relation.name)) continue;
    seen.add(relation.name);
    out.push([key, relation]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function relationProperties(entity: CompiledEntity, names: EntityNames): Schema {
  const out: Schema = {};
  for (const [key, relation] of writeKeys(entity)) {
    if (!names.relationWrite.has(relation.name)) continue;
    const aliases = [...entity.validator.relationKeys].filter(([k, r]) => r === relation && k !== key).map(([k]) => k);
    out[key] = {
      ...ref('schemas', names.relationWrite.get(relation.name)!),
      description: `Nested write through ${relation.name} (${relation.type} → ${relation.target}).` +
        (aliases.length > 0 ? ` Also accepted under ${aliases.sort().join(', ')}.` : ''),
    };
  }
  return out;
}

/** `<Entity>`: every field (always present), nullable unless the engine always sets it, plus the include keys. */
export function recordComponent(registry: Registry, entity: CompiledEntity, names: EntityNames): Schema {
  const properties: Schema = {};
  for (const field of entity.fields) {
    let schema = toOpenApiSchema(field.type.outputSchema(field.def)) as Schema;
    const members = enumOf(field);
    if (members) schema = { ...schema, enum: alwaysSet(field) ? members : [...members, null] };
    properties[field.name] = alwaysSet(field) ? withoutNull(schema) : schema;
  }
  const record = entity.schemas.record as { properties: Schema; required: string[] };
  for (const [name, schema] of Object.entries(record.properties)) if (!(name in properties)) properties[name] = toOpenApiSchema(schema);
  const required = [...record.required];
  for (const token of includeTokens(registry, entity.name)) {
    const hit = registry.resolveRelation(entity.name, token)!;
    const other = hit.direction === 'forward' ? hit.relation.target : hit.relation.source;
    if (!registry.entity(other)) continue;
    const toMany = hit.relation.type === 'many_to_many' || (hit.direction === 'forward' && hit.relation.type === 'one_to_many');
    const target = ref('schemas', names.entity.get(other)!);
    const included = toMany ? { type: 'array', items: target } : { anyOf: [target, { type: 'null' }] };
    const eager = hit.relation.fetch === 'eager' && hit.direction === 'forward' && token === hit.relation.name;
    const description = eager
      ? `Included on every list and get (${hit.relation.name} is fetch: eager), unless include names it otherwise.`
      : `Included with include=${token} (${hit.relation.name}).`;
    // core/query/include-tree.ts attaches the records under the token as written, over a field of that name.
    properties[token] = token in properties
      ? { anyOf: [properties[token], included], description: `The field; ${description[0].toLowerCase()}${description.slice(1)}` }
      : { ...included, description };
  }
  return { type: 'object', required, properties };
}

/** `<Entity>Create`: required fields listed, unknown keys refused. */
export function createComponent(entity: CompiledEntity, names: EntityNames): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const field of writableFields(entity)) {
    properties[field.name] = inputProperty(field);
    if (requiredOnCreate(entity, field)) required.push(field.name);
  }
  Object.assign(properties, relationProperties(entity, names));
  return { type: 'object', ...(required.length > 0 ? { required } : {}), properties, additionalProperties: false };
}

/** `<Entity>Update`: every key optional (only keys present change), unknown keys refused. */
export function updateComponent(entity: CompiledEntity, names: EntityNames): Schema {
  const properties: Schema = {};
  for (const field of writableFields(entity)) if (!field.isPk) properties[field.name] = inputProperty(field);
  Object.assign(properties, relationProperties(entity, names));
  return { type: 'object', properties, additionalProperties: false };
}

const DELETE_FLAG: Schema = { type: 'boolean', description: 'true: delete (or, many_to_many, unlink) the row named by its key.' };

/**
 * `<Relation>Write` (write-pipeline.md §5.1–§5.7): `_write_mode` and `data`. Child rows
 * (one_to_one, one_to_many) are a create row (no primary key) or an update row (with one); the
 * foreign key to the parent is set by the engine. many_to_many rows name a target by its key.
 */
export function relationWriteComponent(registry: Registry, relation: RelationDef, names: EntityNames): Schema {
  const target = registry.entity(relation.target)!;
  const pkSchema = withoutNull(toOpenApiSchema(target.pk.type.inputSchema(target.pk.def)) as Schema);
  let items: Schema;
  if (relation.type === 'many_to_many') {
    items = {
      type: 'object',
      description: `Links to ${relation.target} by ${target.pk.name}.`,
      required: [target.pk.name],
      properties: { [target.pk.name]: pkSchema, _delete: DELETE_FLAG },
      additionalProperties: false,
    };
  } else {
    const fk = relation.target_key!;
    const create = createComponent(target, names) as { required?: string[]; properties: Schema };
    const update = updateComponent(target, names) as { properties: Schema };
    const fkNote = (props: Schema): Schema => {
      if (!(fk in props)) return props;
      return { ...props, [fk]: { ...(props[fk] as Schema), description: 'Ignored: set to the parent\'s key.' } };
    };
    const createRequired = (create.required ?? []).filter((n) => n !== fk);
    const updateRow: Schema = {
      type: 'object',
      title: `${names.entity.get(target.name)}NestedUpdate`,
      description: `A ${target.name} row by ${target.pk.name}: updated (created if absent, write-pipeline.md §5.3), or deleted with _delete.`,
      required: [target.pk.name],
      properties: { [target.pk.name]: pkSchema, ...fkNote(update.properties), _delete: DELETE_FLAG },
      additionalProperties: false,
    };
    // A row without a primary key is a create; with a client-chosen key every row carries one.
    items = !target.pkGenerated ? updateRow : {
      anyOf: [
        {
          type: 'object',
          title: `${names.entity.get(target.name)}NestedCreate`,
          description: `A new ${target.name} row.`,
          ...(createRequired.length > 0 ? { required: createRequired } : {}),
          properties: { ...fkNote(create.properties), _delete: DELETE_FLAG },
          additionalProperties: false,
        },
        updateRow,
      ],
    };
  }
  return {
    type: 'object',
    description: `Nested write of ${relation.name} (${relation.type} ${relation.source} → ${relation.target}).`,
    required: ['data'],
    properties: {
      _write_mode: {
        type: 'string',
        enum: [...WRITE_MODES],
        description: `Defaults to ${relation.write_mode ?? 'diff'} (the relation's write_mode, else diff).`,
      },
      data: { type: 'array', items },
    },
    additionalProperties: false,
  };
}
