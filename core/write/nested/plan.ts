// Nested-write planning before BEGIN (write-pipeline.md §5.2, §5.6, §5.7): checks the structure of
// every relation write at every depth, validates each child row with its entity's precompiled
// validator (path-prefixed details), parses PKs and link ids, and returns the tree of plans the
// executor runs inside the transaction. Nothing here touches the database.
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import type { RelationWrite } from '../../compile/payload-validator.js';
import type { Registry } from '../../compile/registry.js';
import type { ErrorDetail } from '../../errors.js';
import type { RelationDef } from '../../metadata/types.js';
import { WRITE_MODES, type WriteMode } from './diff.js';

type Values = Record<string, unknown>;

/** Relation levels allowed below the addressed record (§5.2). */
export const MAX_NESTING_DEPTH = 5;
/** Rows allowed in one relation write (roadmap.md, payload hardening). */
export const MAX_CHILD_ROWS = 10_000;

export interface ChildRow {
  readonly index: number;
  /** Detail path of the row, e.g. `chapters[2]`. */
  readonly path: string;
  readonly delete: boolean;
  /** Parsed PK value, when the row carries one. */
  readonly pk: unknown;
  readonly pkKey: string | undefined;
  /** The row as sent, for rows whose operation is only decided in the transaction (§2.3 step 2). */
  readonly body: Values;
  /** Validated values: create values for rows without PK, update values for rows with one. */
  readonly values: Values;
  /** The row's own nested writes (depth-first, with the row as parent). */
  readonly relations: RelationPlan[];
}

export interface LinkRow {
  readonly index: number;
  readonly path: string;
  readonly delete: boolean;
  readonly id: unknown;
  readonly idKey: string;
}

interface PlanBase {
  readonly key: string;
  /** Detail path of the relation key, e.g. `chapters[0].footnotes`. */
  readonly path: string;
  readonly relation: RelationDef;
  readonly target: CompiledEntity;
  readonly mode: WriteMode;
}

export interface ChildrenPlan extends PlanBase {
  readonly kind: 'children';
  readonly rows: ChildRow[];
  /** Keys the validator skips in this relation's rows: the FK to the parent and `_delete`. */
  readonly skip: ReadonlySet<string>;
}

export interface LinksPlan extends PlanBase {
  readonly kind: 'links';
  readonly rows: LinkRow[];
  /** Where this relation's `not_found` details go in the detail list (payload-key order). */
  detailIndex: number;
}

export type RelationPlan = ChildrenPlan | LinksPlan;

/** The outcome of planning a whole tree: its plans, the problems found, every link plan. */
export interface TreePlan {
  relations: RelationPlan[];
  details: ErrorDetail[];
  links: LinksPlan[];
}

const isObject = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Values, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function planTree(registry: Registry, relations: RelationWrite[], prefix = ''): TreePlan {
  const tree: TreePlan = { relations: [], details: [], links: [] };
  tree.relations = planRelations(registry, relations, prefix, 1, tree);
  return tree;
}

function planRelations(registry: Registry, writes: RelationWrite[], prefix: string, depth: number, tree: TreePlan): RelationPlan[] {
  const plans: RelationPlan[] = [];
  for (const write of writes) {
    const plan = planRelation(registry, write, prefix + write.key, depth, tree);
    if (plan) plans.push(plan);
  }
  return plans;
}

function planRelation(registry: Registry, write: RelationWrite, path: string, depth: number, tree: TreePlan): RelationPlan | undefined {
  const { details } = tree;
  const invalid = (message: string) => details.push({ field: path, rule: 'invalid', message });
  if (depth > MAX_NESTING_DEPTH) return void invalid(`nesting depth exceeds ${MAX_NESTING_DEPTH}`);
  const value = write.value;
  if (!isObject(value) || !Array.isArray(value.data)) return void invalid(`${write.key} must be an object with a data array`);
  const requested = value._write_mode;
  if (requested !== undefined && (typeof requested !== 'string' || !WRITE_MODES.has(requested))) {
    return void invalid(`invalid _write_mode: ${typeof requested === 'string' ? requested : JSON.stringify(requested)}`);
  }
  if (value.data.length > MAX_CHILD_ROWS) return void invalid('Too many child records');
  const relation = write.relation;
  const target = registry.entity(relation.target)!;
  const base = { key: write.key, path, relation, target, mode: (requested ?? relation.write_mode ?? 'diff') as WriteMode };
  const data = value.data as unknown[];
  if (relation.type === 'many_to_many') {
    const plan: LinksPlan = { ...base, kind: 'links', rows: planLinkRows(target, data, path, details), detailIndex: details.length };
    tree.links.push(plan);
    return plan;
  }
  const skip = new Set(['_delete', relation.target_key!]);
  const rows: ChildRow[] = [];
  for (let i = 0; i < data.length; i++) {
    const row = planChildRow(registry, target, data[i], `${path}[${i}]`, i, skip, depth, tree);
    if (row) rows.push(row);
  }
  return { ...base, kind: 'children', rows, skip };
}

/** `_delete` must be a boolean when present; returns its value, or undefined after a detail. */
function deleteFlag(row: Values, path: string, details: ErrorDetail[]): boolean | undefined {
  if (!has(row, '_delete')) return false;
  if (typeof row._delete === 'boolean') return row._delete;
  details.push({ field: `${path}._delete`, rule: 'type', message: '_delete must be a boolean' });
  return undefined;
}

function planChildRow(
  registry: Registry, target: CompiledEntity, item: unknown, path: string, index: number,
  skip: ReadonlySet<string>, depth: number, tree: TreePlan,
): ChildRow | undefined {
  const { details } = tree;
  if (!isObject(item)) return void details.push({ field: path, rule: 'invalid', message: 'each item in data must be an object' });
  const del = deleteFlag(item, path, details);
  if (del === undefined) return undefined;
  const pkName = target.pk.name;
  const rawPk = item[pkName];
  let pk: unknown;
  if (rawPk !== undefined && rawPk !== null) {
    const parsed = target.pk.type.coerceInput(rawPk, target.pk.def);
    if (!parsed.ok) return void details.push({ field: `${path}.${pkName}`, rule: 'type', message: `${pkName} must be ${target.pk.type.typeKind}` });
    pk = parsed.value;
  }
  const pkKey = pk === undefined ? undefined : String(pk);
  // Rows marked for deletion are only checked for structure and PK type (§5.6).
  if (del) return { index, path, delete: true, pk, pkKey, body: item, values: {}, relations: [] };
  const prefix = `${path}.`;
  const outcome = pk === undefined ? target.validator.validateCreate(item, prefix, skip) : target.validator.validateUpdate(item, prefix, skip);
  if (!outcome.ok) {
    details.push(...outcome.details);
    // Still walk the row's nested writes, so one response lists every problem of the tree.
    if (outcome.relations) planRelations(registry, outcome.relations, prefix, depth + 1, tree);
    return undefined;
  }
  const relations = planRelations(registry, outcome.relations, prefix, depth + 1, tree);
  return { index, path, delete: false, pk, pkKey, body: item, values: outcome.values, relations };
}

/** §5.7: ids by the target PK field (or `id`), typed, de-duplicated (first occurrence wins). */
function planLinkRows(target: CompiledEntity, data: unknown[], path: string, details: ErrorDetail[]): LinkRow[] {
  const pkName = target.pk.name;
  const seen = new Set<string>();
  const rows: LinkRow[] = [];
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    const rowPath = `${path}[${i}]`;
    if (!isObject(item)) {
      details.push({ field: rowPath, rule: 'invalid', message: 'each item in data must be an object' });
      continue;
    }
    const del = deleteFlag(item, rowPath, details);
    if (del === undefined) continue;
    const raw = item[pkName] ?? item.id;
    if (raw === undefined || raw === null) continue;
    const parsed = target.pk.type.coerceInput(raw, target.pk.def);
    if (!parsed.ok) {
      details.push({ field: `${rowPath}.id`, rule: 'type', message: `id must be ${target.pk.type.typeKind}` });
      continue;
    }
    const idKey = String(parsed.value);
    if (seen.has(idKey)) continue;
    seen.add(idKey);
    rows.push({ index: i, path: rowPath, delete: del, id: parsed.value, idKey });
  }
  return rows;
}
