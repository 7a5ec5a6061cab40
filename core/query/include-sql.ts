// SQL text of one include level (rest-api.md §10.2): the included entity's rows whose key is in
// the parent keys ($1, a list parameter), live rows only, plus the included entity's row filter
// ($2…). Many-to-many joins through the join table and returns the parent key as `__key`.
// Cached per included entity by the node's shape and the row-filter shape.
import type { CompiledField } from '../compile/compiled-entity.js';
import { quoteIdent } from '../db/builder.js';
import { rowFilterShape, whereSql, type RowFilter } from './conditions.js';
import type { IncludeNode } from './include-tree.js';
import { columnList } from './list-sql.js';
import { cachedSql, storeSql } from './sql-cache.js';

/** Column alias of the parent key in many-to-many include rows (never a field name). */
export const INCLUDE_KEY_COLUMN = '__key';

/** The field of the included entity matched against parent keys (one_to_one / one_to_many). */
export function childKeyField(node: IncludeNode): CompiledField {
  const r = node.relation;
  const name = node.direction === 'forward' ? r.target_key! : r.source_key || node.entity.pk.name;
  const field = node.entity.fieldMap.get(name);
  if (!field) throw new Error(`relation ${r.name}: key field ${name} not found on ${node.entity.name}`);
  return field;
}

function directSql(node: IncludeNode, rowFilter: RowFilter | undefined): string {
  const entity = node.entity;
  const key = childKeyField(node);
  const counter = { n: 1 };
  const rest = whereSql(entity.dialect, entity.sql.liveCondition, [], rowFilter, counter);
  return `SELECT ${columnList(entity)} FROM ${entity.quotedTable} WHERE ` +
    `${entity.dialect.inList(key.column, key.storage.kind, 1)}${rest ? ` AND ${rest}` : ''}`;
}

/**
 * Forward: join rows with `source_join_key` in the parent keys → targets by PK.
 * Reverse: join rows with `target_join_key` in the parent keys → sources by `source_key`.
 */
function joinSql(node: IncludeNode, parentKey: CompiledField, rowFilter: RowFilter | undefined): string {
  const entity = node.entity;
  const r = node.relation;
  const forward = node.direction === 'forward';
  const byParent = quoteIdent(forward ? r.source_join_key! : r.target_join_key!);
  const toChild = quoteIdent(forward ? r.target_join_key! : r.source_join_key!);
  const childKey = forward ? entity.pk : entity.fieldMap.get(r.source_key || entity.pk.name);
  if (!childKey) throw new Error(`relation ${r.name}: source key not found on ${entity.name}`);
  const counter = { n: 1 };
  const rest = whereSql(entity.dialect, entity.sql.liveCondition, [], rowFilter, counter, 't');
  return `SELECT j.${byParent} AS "${INCLUDE_KEY_COLUMN}", ${columnList(entity, 't')} ` +
    `FROM ${quoteIdent(r.join_table!)} j JOIN ${entity.quotedTable} t ON t.${childKey.column} = j.${toChild} ` +
    `WHERE ${entity.dialect.inList(`j.${byParent}`, parentKey.storage.kind, 1)}${rest ? ` AND ${rest}` : ''}`;
}

/** SQL of one include level; `parentKey` is the parent-side key field (its type casts `$1`). */
export function includeSql(node: IncludeNode, parentKey: CompiledField, rowFilter: RowFilter | undefined): string {
  const rf = rowFilterShape(rowFilter);
  const key = rf === '' ? node.sqlKey : `${node.sqlKey}#${rf}`;
  const hit = cachedSql(node.entity, key);
  if (hit !== undefined) return hit;
  const sql = node.relation.type === 'many_to_many' ? joinSql(node, parentKey, rowFilter) : directSql(node, rowFilter);
  return storeSql(node.entity, key, sql);
}
