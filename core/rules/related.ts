// `related_load` (logic.md §1.6): the relations a hook's rules read, compiled once per registry into
// include nodes with their filter, and loaded before the hook's rules run: one query per entry,
// through the include loader (so shapes and keys are exactly those of `include=`).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { Queryable } from '../db/types.js';
import type { FilterOp } from '../metadata/types.js';
import { stringForm } from '../permissions/record-test.js';
import type { Condition, RowFilter } from '../query/conditions.js';
import { parseIncludes, type IncludeNode } from '../query/include-tree.js';
import { loadIncludes } from '../query/includes.js';
import { isPlainObject } from '../metadata/names.js';
import { RELATED_FILTER_OPS } from './types.js';
import { typedRecord } from './values.js';

export interface RelatedLoad {
  /** The relation token as written: the key under `related`. */
  readonly key: string;
  readonly node: IncludeNode;
  /** The entry's filter as one AND-group, or undefined without one. */
  readonly filter: RowFilter | undefined;
}

/** Why a `related_load` value is invalid (the reason of `invalid related_load: <reason>`). */
export class RelatedLoadProblem extends Error {}


function parsed(entity: CompiledEntity, key: string, field: Condition['field'], v: unknown): unknown {
  const p = v === null || typeof v === 'object' ? { ok: false as const } : field.type.parseFilter(stringForm(v), field.def);
  if (!p.ok) throw new RelatedLoadProblem(`invalid value for ${key} on entity ${entity.name}`);
  return p.value;
}

/** One `field` / `field.op` key with its JSON value → a query condition. */
function condition(entity: CompiledEntity, key: string, value: unknown): Condition {
  const dot = key.indexOf('.');
  const name = dot < 0 ? key : key.slice(0, dot);
  const op = (dot < 0 ? 'eq' : key.slice(dot + 1)) as FilterOp;
  const field = entity.fieldMap.get(name);
  if (!field) throw new RelatedLoadProblem(`unknown field ${name} on entity ${entity.name}`);
  if (!RELATED_FILTER_OPS.has(op)) throw new RelatedLoadProblem(`unknown operator ${op}`);
  if (op !== 'is_null' && !field.type.operators.has(op)) {
    throw new RelatedLoadProblem(`operator ${op} is not supported for field ${name}`);
  }
  switch (op) {
    case 'is_null':
      if (typeof value !== 'boolean') throw new RelatedLoadProblem(`${key} must be a boolean`);
      return { field, op, value };
    case 'in':
    case 'not_in':
      if (!Array.isArray(value)) throw new RelatedLoadProblem(`${key} must be an array`);
      return { field, op, value: value.map((item) => parsed(entity, key, field, item)) };
    case 'like':
    case 'ilike':
      parsed(entity, key, field, value);
      return { field, op, value };
    default:
      if (value === null && (op === 'eq' || op === 'neq')) return { field, op: 'is_null', value: op === 'eq' };
      return { field, op, value: parsed(entity, key, field, value) };
  }
}

/**
 * Compiles the `related_load` of one rule of `entity` (validation at save and compilation at load
 * alike); throws RelatedLoadProblem with the reason.
 */
export function compileRelatedLoads(entity: CompiledEntity, registry: Registry, raw: unknown): RelatedLoad[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new RelatedLoadProblem('related_load must be an array');
  return raw.map((entry, i) => {
    if (!isPlainObject(entry) || typeof entry.relation !== 'string' || entry.relation === '') {
      throw new RelatedLoadProblem(`related_load[${i}].relation is required`);
    }
    const token = entry.relation;
    let node: IncludeNode | undefined;
    // One relation, not an include path: no dots or commas.
    if (!/[.,]/.test(token)) {
      try {
        node = parseIncludes(entity, registry, token)[0];
      } catch {
        node = undefined;
      }
    }
    if (!node) throw new RelatedLoadProblem(`relation ${token} not found on entity ${entity.name}`);
    if (entry.filter !== undefined && !isPlainObject(entry.filter)) throw new RelatedLoadProblem(`filter of ${token} must be an object`);
    const conditions = Object.entries(entry.filter ?? {}).map(([key, value]) => condition(node.entity, key, value));
    return { key: token, node, filter: conditions.length > 0 ? [conditions] : undefined };
  });
}

/** Merges the entries of several rules: each relation token is loaded once (§1.6). */
export function distinctLoads(lists: readonly (readonly RelatedLoad[])[]): RelatedLoad[] {
  const byKey = new Map<string, RelatedLoad>();
  for (const list of lists) for (const load of list) if (!byKey.has(load.key)) byKey.set(load.key, load);
  return [...byKey.values()];
}

/**
 * The `related` variable for `record` (its API form): every entry loaded, as typed records; to-many
 * relations are arrays (`[]` when the key is null, e.g. on create before the insert).
 */
export async function loadRelated(
  q: Queryable, registry: Registry, entity: CompiledEntity, record: Readonly<Record<string, unknown>>, loads: readonly RelatedLoad[],
): Promise<Record<string, unknown>> {
  const related: Record<string, unknown> = {};
  for (const load of loads) {
    const holder: Record<string, unknown> = { ...record };
    await loadIncludes(q, registry, entity, [holder], [load.node], { rowFilter: () => load.filter });
    const value = holder[load.key];
    const target = load.node.entity;
    if (Array.isArray(value)) related[load.key] = value.map((r) => typedRecord(target, r as Record<string, unknown>));
    else related[load.key] = value ? typedRecord(target, value as Record<string, unknown>) : null;
  }
  return related;
}
