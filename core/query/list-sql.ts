// SQL text of a list query (rest-api.md §5), built once per query shape and cached per entity.
// Parameters: the WHERE parameters (filters, then row filter), then LIMIT, then OFFSET.
//
// Rows and total come back in one round trip, in one of two forms chosen by shape (measured on
// PostgreSQL with the benchmark's tables, see totalByWindow):
//   - `COUNT(*) OVER()` when the ORDER BY needs a full sort anyway: one scan feeds both;
//   - an uncorrelated scalar subquery `(SELECT COUNT(*) …)` otherwise: the page can stop after
//     LIMIT rows, which a window count would prevent (it buffers every matching row first).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Dialect } from '../db/types.js';
import { rowFilterShape, whereSql, type Condition, type RowFilter } from './conditions.js';
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

/**
 * True when the first sort key is neither the PK nor a unique (indexed) field: the database must
 * then read and sort every matching row, and a window count over that same scan is cheapest
 * (~1.3x the throughput of a second scan for the count). Without such a sort the LIMIT can stop
 * early and a separate scalar count is ~1.6x faster than the window.
 */
export function totalByWindow(sort: readonly SortItem[]): boolean {
  if (sort.length === 0) return false;
  const first = sort[0].field;
  return !first.isPk && first.def.unique !== true;
}

function buildListSql(entity: CompiledEntity, query: ListQuery, rowFilter: RowFilter | undefined): string {
  const dialect = entity.dialect;
  const counter = { n: 0 };
  const where = whereSql(dialect, entity.sql.liveCondition, query.filters, rowFilter, counter);
  const whereClause = where ? ` WHERE ${where}` : '';
  // The subquery repeats the WHERE text with the same placeholders: parameters are shared.
  const total = !query.withTotal ? ''
    : totalByWindow(query.sort) ? `, COUNT(*) OVER() AS "${TOTAL_COLUMN}"`
      : `, (SELECT COUNT(*) FROM ${entity.quotedTable}${whereClause}) AS "${TOTAL_COLUMN}"`;
  const limit = ++counter.n;
  const offset = ++counter.n;
  return `SELECT ${columnList(entity)}${total} FROM ${entity.quotedTable}${whereClause}` +
    `${orderBySql(dialect, entity, query.sort)} LIMIT $${limit} OFFSET $${offset}`;
}

function buildCountSql(entity: CompiledEntity, filters: readonly Condition[], rowFilter: RowFilter | undefined): string {
  const where = whereSql(entity.dialect, entity.sql.liveCondition, filters, rowFilter, { n: 0 });
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
  return cachedSql(entity, key) ?? storeSql(entity, key, buildCountSql(entity, query.filters, rowFilter));
}
