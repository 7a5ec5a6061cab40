// Query and path parameters of the entity endpoints (rest-api.md §3, §5): pagination, sort,
// include, one filter parameter per (field, operator) the field's type supports, and `{id}`.
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { FilterOp } from '../metadata/types.js';
import { enumFilterSchema } from './entity-schemas.js';

type Schema = Record<string, unknown>;

/** Operator order of rest-api.md §5.2. */
const OPS: readonly FilterOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'like', 'ilike', 'is_null'];

const OP_TEXT: Record<FilterOp, string> = {
  eq: 'equals',
  neq: 'does not equal (NULL rows do not match)',
  gt: 'is greater than',
  gte: 'is greater than or equal to',
  lt: 'is less than',
  lte: 'is less than or equal to',
  in: 'is one of (comma-separated list)',
  not_in: 'is none of (comma-separated list; NULL rows do not match)',
  like: 'matches the LIKE pattern, case-sensitive (% and _ are wildcards)',
  ilike: 'matches the LIKE pattern, case-insensitive (% and _ are wildcards)',
  is_null: 'is NULL (true) or is not NULL (false)',
};

/** Accepted filter text of the field's type (rest-api.md §5.4), as a query parameter schema. */
function filterValueSchema(field: CompiledField): Schema {
  return field.type.filterSchema?.(field.def) ?? { type: 'string' };
}

/** Values of an enum field's equality filters: its members. */
function equalitySchema(field: CompiledField): Schema {
  return enumFilterSchema(field) ?? filterValueSchema(field);
}

function filterParameter(field: CompiledField, op: FilterOp, plain: boolean): Schema {
  const name = plain ? `filter[${field.name}]` : `filter[${field.name}.${op}]`;
  const param: Schema = { name, in: 'query', required: false, description: `${field.name} ${OP_TEXT[op]}.` };
  if (op === 'is_null') param.schema = { type: 'boolean' };
  else if (op === 'in' || op === 'not_in') {
    param.schema = { type: 'array', items: equalitySchema(field) };
    param.style = 'form';
    param.explode = false;
  } else if (op === 'like' || op === 'ilike') param.schema = { type: 'string' };
  else if (op === 'eq' || op === 'neq') param.schema = equalitySchema(field);
  else param.schema = filterValueSchema(field);
  return param;
}

/**
 * `filter[<field>]` (eq) plus `filter[<field>.<op>]` for every operator the field's type supports
 * and `is_null` (all types). json/file fields support no value operator, so they only get
 * `filter[<field>.is_null]` (a bare `filter[<field>]` would always be a 400).
 */
export function filterParameters(entity: CompiledEntity): Schema[] {
  const params: Schema[] = [];
  for (const field of entity.fields) {
    const ops = OPS.filter((op) => op === 'is_null' || field.type.operators.has(op));
    if (ops.includes('eq')) params.push(filterParameter(field, 'eq', true));
    for (const op of ops) params.push(filterParameter(field, op, false));
  }
  return params;
}

export function sortParameter(entity: CompiledEntity): Schema {
  const values = entity.fields.flatMap((f) => [f.name, `-${f.name}`]);
  return {
    name: 'sort',
    in: 'query',
    required: false,
    description: 'Comma-separated fields; `-` prefix = descending. NULLs sort last ascending; the primary key is the final tiebreaker.',
    schema: { type: 'array', items: { type: 'string', enum: values } },
    style: 'form',
    explode: false,
  };
}

/** Single-token include names that resolve for `entity` (metadata.md §8.5), sorted. */
export function includeTokens(registry: Registry, entity: string): string[] {
  const tokens = new Set<string>();
  for (const r of registry.relations) {
    if (r.source !== entity && r.target !== entity) continue;
    const candidates = [r.name, r.source, r.target];
    if (r.name.startsWith(`${entity}_`)) candidates.push(r.name.slice(entity.length + 1));
    for (const token of candidates) if (registry.resolveRelation(entity, token)) tokens.add(token);
  }
  return [...tokens].sort();
}

export function includeParameter(registry: Registry, entity: CompiledEntity): Schema {
  const tokens = includeTokens(registry, entity.name);
  const available = tokens.length > 0 ? ` Available here: ${tokens.join(', ')}.` : ' This entity has no relations.';
  return {
    name: 'include',
    in: 'query',
    required: false,
    description: `Comma-separated relation paths, up to three dotted levels (e.g. a.b.c).${available}`,
    schema: { type: 'array', items: { type: 'string', pattern: '^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*){0,2}$' } },
    style: 'form',
    explode: false,
  };
}

/** `page`, `per_page`, `total` (shared by every list operation). */
export function sharedParameters(): Record<string, Schema> {
  return {
    page: {
      name: 'page',
      in: 'query',
      required: false,
      description: 'Page number (1-based); an invalid value means 1.',
      schema: { type: 'integer', minimum: 1, default: 1 },
    },
    per_page: {
      name: 'per_page',
      in: 'query',
      required: false,
      description: 'Page size; an invalid value means 25, values above 100 are clamped to 100.',
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
    },
    total: {
      name: 'total',
      in: 'query',
      required: false,
      description: 'Whether meta.total is computed.',
      schema: { type: 'boolean', default: true },
    },
  };
}

/** `{id}`: a primary-key value, or on slug entities also a slug (rest-api.md §3). */
export function idParameter(entity: CompiledEntity): Schema {
  let schema: Schema;
  if (entity.slug) schema = { type: 'string' };
  else if (entity.pkType === 'uuid') schema = { type: 'string', format: 'uuid' };
  else if (entity.pkType === 'int') schema = { type: 'integer' };
  else if (entity.pkType === 'bigint') schema = { type: 'string', pattern: '^-?\\d+$' };
  else schema = { type: 'string' };
  const description = entity.slug
    ? `Primary key (${entity.pk.name}, ${entity.pkType}) or slug (${entity.slug.field}).`
    : `Primary key (${entity.pk.name}, ${entity.pkType}).`;
  return { name: 'id', in: 'path', required: true, description, schema };
}
