// The read facade: the one way to read records as a caller may see them (rest-api.md §5, §6,
// auth.md §8.3–8.4). It owns the order permission → parse → include permission → run → includes,
// so no reader (the REST routes today; export, webhook payloads, audit and workflows later) can
// skip the row filter or an include's own read permission.
import type { Parent } from '../tracing/index.js';
import type { Caller } from '../auth/tokens.js';
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { Queryable } from '../db/types.js';
import { readFilter } from '../permissions/authorize.js';
import { includeReadFilters } from '../permissions/include-filters.js';
import { findRecord } from './get-one.js';
import { loadIncludes } from './includes.js';
import { withEagerIncludes } from './include-tree.js';
import { parseIncludes, parseListQuery, type QueryInput } from './parse-list-query.js';
import { runList } from './run-list.js';

type Values = Record<string, unknown>;

/** Who reads, and on which snapshot. */
export interface ReadContext {
  readonly db: Queryable;
  readonly registry: Registry;
  readonly caller: Caller | undefined;
  /** The span the read runs as (`record.list`, `record.get`): its permission checks nest under it. */
  readonly span?: Parent;
}

export interface RecordPage {
  records: Values[];
  /** `meta` of the list envelope: page, per_page and, unless `total=false`, total. */
  meta: { page: number; per_page: number; total?: number };
}

/**
 * A page of records (rest-api.md §5.1): read permission (401/403), the query (400), include
 * permission (403), then the page, its total and its includes.
 */
export async function listRecords(ctx: ReadContext, entity: CompiledEntity, input: QueryInput): Promise<RecordPage> {
  const rowFilter = readFilter(ctx.registry, ctx.caller, entity.name, ctx.span);
  const query = parseListQuery(entity, ctx.registry, input);
  const include = withEagerIncludes(ctx.registry, entity, query.include);
  const includeOpts = includeReadFilters(ctx.registry, ctx.caller, include, ctx.span);
  const result = await runList(ctx.db, entity, query, rowFilter && { rowFilter });
  if (include.length > 0) await loadIncludes(ctx.db, ctx.registry, entity, result.records, include, includeOpts);
  const meta: RecordPage['meta'] = { page: result.page, per_page: result.perPage };
  if (result.total !== undefined) meta.total = result.total;
  return { records: result.records, meta };
}

/**
 * One record by `{id}` (rest-api.md §6, §12.4): read permission (401/403), includes (400), the
 * record through the row filter (undefined: not found, also when outside the filter), include
 * permission (403), then its includes.
 */
export async function getRecord(
  ctx: ReadContext, entity: CompiledEntity, id: string, includeText?: string | readonly string[],
): Promise<Values | undefined> {
  const rowFilter = readFilter(ctx.registry, ctx.caller, entity.name, ctx.span);
  const include = withEagerIncludes(ctx.registry, entity, parseIncludes(entity, ctx.registry, includeText));
  const record = await findRecord(ctx.db, entity, id, rowFilter && { rowFilter });
  if (!record) return undefined;
  if (include.length > 0) {
    await loadIncludes(ctx.db, ctx.registry, entity, [record], include, includeReadFilters(ctx.registry, ctx.caller, include, ctx.span));
  }
  return record;
}
