// Runs a validated list query: one round trip for the page and its total, decoded records out.
// A second (count-only) query runs only when a page past the end returns no rows.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Queryable, Row } from '../db/types.js';
import { pushWhereParams, rowFilterExcludesAll, type RowFilter } from './conditions.js';
import { countSql, listSql, TOTAL_COLUMN } from './list-sql.js';
import type { ListQuery } from './parse-list-query.js';

export interface ListResult {
  records: Record<string, unknown>[];
  /** Rows matching filters and row filter; undefined when the query asked for `total=false`. */
  total: number | undefined;
  page: number;
  perPage: number;
}

export interface RunListOptions {
  /** The caller's read row filter (auth.md §8.4); undefined = unrestricted. */
  rowFilter?: RowFilter;
}

export async function runList(db: Queryable, entity: CompiledEntity, query: ListQuery, opts?: RunListOptions): Promise<ListResult> {
  const { page, perPage } = query;
  const rowFilter = opts?.rowFilter;
  if (rowFilterExcludesAll(rowFilter)) {
    return { records: [], total: query.withTotal ? 0 : undefined, page, perPage };
  }
  const params: unknown[] = [];
  pushWhereParams(query.filters, rowFilter, params, query.anyOf);
  const whereCount = params.length;
  params.push(perPage, (page - 1) * perPage);
  const rows = await db.query<Row>(listSql(entity, query, rowFilter), params);
  const n = rows.length;
  const records = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) records[i] = entity.decodeRow(rows[i]);
  let total: number | undefined;
  if (query.withTotal) {
    if (n > 0) total = Number(rows[0][TOTAL_COLUMN]);
    else if (page > 1) {
      const counted = await db.query<Row>(countSql(entity, query, rowFilter), params.slice(0, whereCount));
      total = Number(counted[0]?.[TOTAL_COLUMN] ?? 0);
    } else total = 0;
  }
  return { records, total, page, perPage };
}
