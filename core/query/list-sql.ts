// SQL text of a list query (rest-api.md §5), built once per query shape and cached per entity.
// Parameters: the WHERE parameters (filters, then row filter), then LIMIT, then OFFSET.
//
// Rows and total come back in one round trip: the total is an uncorrelated scalar subquery
// `(SELECT COUNT(*) …)`, which the database plans on its own (an InitPlan on PostgreSQL), so the
// count can be an index-only scan while the page stops after LIMIT rows of an index that serves the
// ORDER BY. Measured on the shared benchmark's tables (20,000 customers, its (status, score) index,
// 900 matching rows): 0.68 ms for the page with the subquery against 2.65 ms with `COUNT(*) OVER()`,
// which reads and counts every matching row before the LIMIT (905 buffers against 147). Without a
// usable index the subquery scans twice where a window would scan once (~1.3x); that worst case is
// bounded, the window's grows with the number of matching rows.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Dialect } from '../db/types.js';
import { rowFilterShape, whereSql, type RowFilter } from './conditions.js';
import type { ListQuery, SortItem } from './parse-list-query.js';
import { cachedSql, storeSql } from './sql-cache.js';

/** Column alias carrying the total; field names cannot start with `_`, so it never collides. */
export const TOTAL_COLUMN = '__total';

/** `a, b, c` — every field column, in definition order (`alias.` prefixed when given). */
export function columnList(entity: CompiledEntity, alias?: string): string {
  const prefix = alias ? `${alias}.` : '';
  let out = '';
  for (let i = 0; i < entity.fields.length; i++) out += (i > 0 ? ', ' : '') + prefix + entity.fields[i].column;
  return out;
}

/**
 * NULLs sort as the greatest value on both drivers (§5.5); the PK (ascending) is appended as the
 * tie-breaker unless the client already sorts by it. No sort → no ORDER BY (storage order).
 */
export function orderBySql(dialect: Dialect, entity: CompiledEntity, sort: readonly SortItem[]): string {
  if (sort.length === 0) return '';
  const terms: string[] = [];
  for (const s of sort) {
    const col = s.field.column;
    // The PK is never NULL: a plain term keeps its index usable.
    if (s.field.isPk) terms.push(`${col} ${s.desc ? 'DESC' : 'ASC'}`);
    else terms.push(dialect.orderTerm(col, s.desc));
  }
  if (!sort.some((s) => s.field.isPk)) terms.push(`${entity.pk.column} ASC`);
  return ` ORDER BY ${terms.join(', ')}`;
}

function buildListSql(entity: CompiledEntity, query: ListQuery, rowFilter: RowFilter | undefined): string {
  const dialect = entity.dialect;
  const counter = { n: 0 };
  const where = whereSql(dialect, entity.sql.liveCondition, query.filters, rowFilter, counter, undefined, query.anyOf);
  const whereClause = where ? ` WHERE ${where}` : '';
  // The subquery repeats the WHERE text with the same placeholders: parameters are shared.
  const total = query.withTotal ? `, (SELECT COUNT(*) FROM ${entity.quotedTable}${whereClause}) AS "${TOTAL_COLUMN}"` : '';
  const limit = ++counter.n;
  const offset = ++counter.n;
  return `SELECT ${columnList(entity)}${total} FROM ${entity.quotedTable}${whereClause}` +
    `${orderBySql(dialect, entity, query.sort)} LIMIT $${limit} OFFSET $${offset}`;
}

function buildCountSql(entity: CompiledEntity, query: ListQuery, rowFilter: RowFilter | undefined): string {
  const where = whereSql(entity.dialect, entity.sql.liveCondition, query.filters, rowFilter, { n: 0 }, undefined, query.anyOf);
  return `SELECT COUNT(*) AS "${TOTAL_COLUMN}" FROM ${entity.quotedTable}${where ? ` WHERE ${where}` : ''}`;
}

/** The page query (rows, plus `__total` on each row when `query.withTotal`). */
export function listSql(entity: CompiledEntity, query: ListQuery, rowFilter?: RowFilter): string {
  const rf = rowFilterShape(rowFilter);
  const key = rf === '' ? query.shape : `${query.shape}#${rf}`;
  return cachedSql(entity, key) ?? storeSql(entity, key, buildListSql(entity, query, rowFilter));
}

/** The stand-alone count, for a page past the end (no row carries the total). */
export function countSql(entity: CompiledEntity, query: ListQuery, rowFilter?: RowFilter): string {
  const rf = rowFilterShape(rowFilter);
  const key = `count:${query.shape}#${rf}`;
  return cachedSql(entity, key) ?? storeSql(entity, key, buildCountSql(entity, query, rowFilter));
}
