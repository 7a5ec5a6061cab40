// Addressing one record by `{id}` (rest-api.md §3): PK or slug resolution by PK type, live rows
// only, through the caller's read row filter. A malformed PK is "not found" without a query.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import { quoteIdent } from '../db/builder.js';
import type { Queryable, Row } from '../db/types.js';
import { parsePkValue } from '../metadata/primary-key.js';
import { textProblem } from '../text.js';
import { pushRowFilterParams, rowFilterExcludesAll, rowFilterShape, whereSql, type RowFilter } from './conditions.js';
import { columnList } from './list-sql.js';
import { cachedSql, storeSql } from './sql-cache.js';

export interface FindRecordOptions {
  /** The caller's read row filter (auth.md §8.3): a record outside it is not found. */
  rowFilter?: RowFilter;
}

function lookupSql(entity: CompiledEntity, by: 'pk' | 'slug', rowFilter: RowFilter | undefined): string {
  const rf = rowFilterShape(rowFilter);
  // Without a row filter the entity's precompiled statements are exactly this query.
  if (rf === '') return by === 'pk' ? entity.sql.byPk : entity.sql.bySlug!;
  const key = `one:${by}#${rf}`;
  const hit = cachedSql(entity, key);
  if (hit !== undefined) return hit;
  const col = by === 'pk' ? entity.pk.column : quoteIdent(entity.slug!.field);
  const rest = whereSql(entity.dialect, entity.sql.liveCondition, [], rowFilter, { n: 1 });
  return storeSql(entity, key,
    `SELECT ${columnList(entity)} FROM ${entity.quotedTable} WHERE ${col} = $1${rest ? ` AND ${rest}` : ''} LIMIT 1`);
}

async function lookup(db: Queryable, entity: CompiledEntity, by: 'pk' | 'slug', value: unknown, rowFilter: RowFilter | undefined): Promise<Row | undefined> {
  const params: unknown[] = [value];
  pushRowFilterParams(rowFilter, params);
  const rows = await db.query<Row>(lookupSql(entity, by, rowFilter), params);
  return rows[0];
}

/**
 * The raw row addressed by `idText` (the percent-decoded `{id}` segment), or undefined. `row[pk]`
 * is the driver's PK value, usable as a parameter by PUT/DELETE.
 *   - no slug: PK lookup; a value that is not a valid PK → undefined without querying;
 *   - slug, PK uuid/int/bigint: a valid PK value → PK lookup only, else slug lookup;
 *   - slug, PK string: slug lookup first, then PK lookup.
 */
export async function findRecordRow(db: Queryable, entity: CompiledEntity, idText: string, opts?: FindRecordOptions): Promise<Row | undefined> {
  const rowFilter = opts?.rowFilter;
  if (rowFilterExcludesAll(rowFilter)) return undefined;
  // No PK or slug holds text that is not storable (core/text.ts); PostgreSQL would refuse the parameter.
  if (textProblem(idText) !== undefined) return undefined;
  const parsed = parsePkValue(entity.pkType, idText);
  if (!entity.slug) {
    return parsed.ok ? lookup(db, entity, 'pk', entity.pk.encode(parsed.value), rowFilter) : undefined;
  }
  if (entity.pkType !== 'string') {
    return parsed.ok
      ? lookup(db, entity, 'pk', entity.pk.encode(parsed.value), rowFilter)
      : lookup(db, entity, 'slug', idText, rowFilter);
  }
  return (await lookup(db, entity, 'slug', idText, rowFilter)) ?? lookup(db, entity, 'pk', idText, rowFilter);
}

/** The decoded record addressed by `idText` (rest-api.md §3), or undefined when not found. */
export async function findRecord(db: Queryable, entity: CompiledEntity, idText: string, opts?: FindRecordOptions): Promise<Record<string, unknown> | undefined> {
  const row = await findRecordRow(db, entity, idText, opts);
  return row === undefined ? undefined : entity.decodeRow(row);
}
