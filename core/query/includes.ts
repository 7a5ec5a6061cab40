// Loads an include tree onto decoded records (rest-api.md §10): one query per relation per level
// with the distinct parent keys as a single list parameter, grouping in memory, never per row.
// Shapes (§10.3): to-many → array (`[]` when none), to-one → record or null.
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { Queryable, Row } from '../db/types.js';
import { pushRowFilterParams, rowFilterExcludesAll, type RowFilter } from './conditions.js';
import { parentKeyFieldName, type IncludeNode, type IncludeTree } from './include-tree.js';
import { childKeyField, INCLUDE_KEY_COLUMN, includeSql } from './include-sql.js';

type DbRecord = Record<string, unknown>;

export interface LoadIncludesOptions {
  /** Read row filter of an included entity (auth.md §8.3); undefined = unrestricted. */
  rowFilter?: (entityName: string) => RowFilter | undefined;
}

const identity = (v: unknown): unknown => v;
const SAME_TYPE = { parentKey: identity, childKey: identity };

/**
 * Grouping keys. Parent and child key fields usually share a type, and decoded values compare
 * directly. When they differ (e.g. a `string` FK referencing a `uuid` PK), the parent value is
 * parsed as the child field's type and both sides compare as text; unparseable values match nothing.
 */
function keyNormalisers(parent: CompiledField, child: CompiledField): { parentKey: (v: unknown) => unknown; childKey: (v: unknown) => unknown } {
  if (parent.type === child.type) return SAME_TYPE;
  return {
    parentKey: (v) => {
      const parsed = child.type.parseFilter(String(v), child.def);
      return parsed.ok ? String(parsed.value) : undefined;
    },
    childKey: String,
  };
}

function attachEmpty(records: readonly DbRecord[], node: IncludeNode): void {
  for (const r of records) r[node.key] = node.toMany ? [] : null;
}

/** Distinct non-null parent key values, in first-seen order. */
function distinctKeys(records: readonly DbRecord[], field: string): unknown[] {
  const seen = new Set<unknown>();
  for (const r of records) {
    const v = r[field];
    if (v !== null && v !== undefined) seen.add(v);
  }
  return Array.from(seen);
}

/**
 * Parent keys as values of the queried column's type, when the two key fields differ in type
 * (e.g. a `string` FK referencing a `uuid` PK): values that are not valid for the column match
 * nothing and are dropped, instead of failing the PostgreSQL array cast.
 */
function keysForColumn(keys: unknown[], from: CompiledField, to: CompiledField): unknown[] {
  if (from.type === to.type) return keys;
  const out: unknown[] = [];
  for (const k of keys) {
    const parsed = to.type.parseFilter(String(k), to.def);
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

async function loadNode(
  db: Queryable,
  parent: CompiledEntity,
  records: readonly DbRecord[],
  node: IncludeNode,
  opts: LoadIncludesOptions | undefined,
): Promise<void> {
  const parentKey = parent.fieldMap.get(parentKeyFieldName(parent, node.relation, node.direction))!;
  const entity = node.entity;
  const m2m = node.relation.type === 'many_to_many';
  const childKey = m2m ? parentKey : childKeyField(node);
  const keys = keysForColumn(distinctKeys(records, parentKey.name), parentKey, childKey);
  const rowFilter = opts?.rowFilter?.(entity.name);
  if (keys.length === 0 || rowFilterExcludesAll(rowFilter)) {
    attachEmpty(records, node);
    return;
  }
  const params: unknown[] = [childKey.encodeList(keys)];
  pushRowFilterParams(rowFilter, params);
  const rows = await db.query<Row>(includeSql(node, parentKey, rowFilter), params);

  const norm = keyNormalisers(parentKey, childKey);
  const children = new Array<DbRecord>(rows.length);
  const groups = new Map<unknown, DbRecord[] | DbRecord>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const child = entity.decodeRow(row);
    children[i] = child;
    const k = norm.childKey(m2m ? parentKey.decode(row[INCLUDE_KEY_COLUMN]) : child[childKey.name]);
    const existing = groups.get(k);
    if (node.toMany) {
      if (existing === undefined) groups.set(k, [child]);
      else (existing as DbRecord[]).push(child);
    } else if (existing === undefined) {
      groups.set(k, child); // one_to_one: the first live target in storage order
    }
  }
  for (const r of records) {
    const v = r[parentKey.name];
    const hit = v === null || v === undefined ? undefined : groups.get(norm.parentKey(v));
    r[node.key] = hit ?? (node.toMany ? [] : null);
  }
  if (node.children.length > 0 && children.length > 0) await loadLevel(db, entity, children, node.children, opts);
}

async function loadLevel(
  db: Queryable,
  parent: CompiledEntity,
  records: readonly DbRecord[],
  tree: IncludeTree,
  opts: LoadIncludesOptions | undefined,
): Promise<void> {
  // Sequential on purpose: keys are attached in tree (request) order, and a request never holds
  // more than one pooled connection at a time.
  for (const node of tree) await loadNode(db, parent, records, node, opts);
}

/**
 * Attaches `tree` to `records` (decoded records of `entity`), nested paths at each level. Merge
 * eager relations first with `withEagerIncludes` for list / get responses.
 */
export async function loadIncludes(
  db: Queryable,
  _registry: Registry,
  entity: CompiledEntity,
  records: DbRecord[],
  tree: IncludeTree,
  opts?: LoadIncludesOptions,
): Promise<void> {
  if (tree.length === 0 || records.length === 0) return;
  await loadLevel(db, entity, records, tree, opts);
}
