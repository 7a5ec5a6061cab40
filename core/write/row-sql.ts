// The row statements of a record write (step 20 of §2.2, step 7 of §3): INSERT/UPDATE … RETURNING
// the stored record in the same round trip, multi-row INSERTs for batched siblings, and the soft or
// hard delete. SQL text is cached per entity and column set, so the request path never builds it twice.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import { quoteIdent } from '../db/builder.js';
import type { Queryable } from '../db/types.js';

/**
 * A second write that a step asks the row's statement to carry in the same round trip, as a
 * data-modifying CTE (only where `dialect.cteJson` says the database has them): the row's audit
 * entry (core/audit/cte.ts). The statement then names the written rows `r` (as RETURNING gives
 * them) and, on an update, the row before the change `o` (read and locked by the same statement).
 */
export interface RowCompanion {
  /** Tells SQL texts apart in the statement caches (with the entity and the column set). */
  readonly key: string;
  /** `name AS (…)` over `r` (and `o`) for these written columns; its placeholders start at `$first`. */
  cte(first: number, columns: readonly string[]): string;
  /** The CTE's parameters for a statement writing `rows` rows. */
  params(rows: number): unknown[];
}

const insertCache = new WeakMap<CompiledEntity, Map<string, string>>();
const updateCache = new WeakMap<CompiledEntity, Map<string, string>>();
const insertManyCache = new WeakMap<CompiledEntity, Map<string, string>>();

function cached(cache: WeakMap<CompiledEntity, Map<string, string>>, entity: CompiledEntity, key: string, build: () => string): string {
  let map = cache.get(entity);
  if (!map) cache.set(entity, (map = new Map()));
  let sql = map.get(key);
  if (sql === undefined) {
    sql = build();
    if (map.size < 512) map.set(key, sql);
  }
  return sql;
}

const companionKey = (columns: string[], companion: RowCompanion | undefined) =>
  companion ? `${companion.key}|${columns.join(',')}` : columns.join(',');
const withParams = (params: unknown[], companion: RowCompanion | undefined, rows = 1) => (companion ? [...params, ...companion.params(rows)] : params);

/** `INSERT … RETURNING <all columns>`, so the stored record comes back in the same round trip. */
export function insertSql(entity: CompiledEntity, columns: string[], companion?: RowCompanion): string {
  return cached(insertCache, entity, companionKey(columns, companion), () => {
    const cols = columns.map((c) => quoteIdent(c)).join(', ');
    const params = columns.map((_, i) => `$${i + 1}`).join(', ');
    const returning = entity.dialect.returning(entity.fields.map((f) => f.column).join(', '));
    const insert = columns.length === 0
      ? `INSERT INTO ${entity.quotedTable} DEFAULT VALUES${returning}`
      : `INSERT INTO ${entity.quotedTable} (${cols}) VALUES (${params})${returning}`;
    return companion ? `WITH r AS (${insert}), ${companion.cte(columns.length + 1, columns)} SELECT * FROM r` : insert;
  });
}

/**
 * `UPDATE … SET … WHERE pk = $n [AND live] RETURNING <all columns>`. With a companion, the same
 * statement first reads and locks the row as `o` and updates exactly that row as `r`.
 */
export function updateSql(entity: CompiledEntity, columns: string[], companion?: RowCompanion): string {
  return cached(updateCache, entity, companionKey(columns, companion), () => {
    const sets = columns.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(', ');
    const live = entity.sql.liveCondition ? ` AND ${entity.sql.liveCondition}` : '';
    const pkParam = `$${columns.length + 1}`;
    if (!companion) {
      const returning = entity.dialect.returning(entity.fields.map((f) => f.column).join(', '));
      return `UPDATE ${entity.quotedTable} SET ${sets} WHERE ${entity.pk.column} = ${pkParam}${live}${returning}`;
    }
    // `FROM o` makes the update wait for o's lock and see the row o read, which is the row the
    // change applies to (a concurrent writer has committed before either). The target is aliased,
    // so a table that happens to be called `o` or `r` cannot clash with the statement's names.
    const returning = entity.dialect.returning(entity.fields.map((f) => `t.${f.column}`).join(', '));
    const o = `o AS (${entity.sql.selectFrom} WHERE ${entity.pk.column} = ${pkParam}${live}${entity.dialect.rowLockSuffix})`;
    const r = `r AS (UPDATE ${entity.quotedTable} AS t SET ${sets} FROM o WHERE t.${entity.pk.column} = o.${entity.pk.column}${returning})`;
    return `WITH ${o}, ${r}, ${companion.cte(columns.length + 2, columns)} SELECT * FROM r`;
  });
}

/** Step 20 of a create: INSERT … RETURNING, decoded to the stored record. */
export async function insertRow(
  q: Queryable, entity: CompiledEntity, values: Record<string, unknown>, companion?: RowCompanion,
): Promise<Record<string, unknown>> {
  const columns = Object.keys(values);
  const [row] = await q.query<Record<string, unknown>>(insertSql(entity, columns, companion), withParams(encodeValues(entity, values, columns), companion));
  return entity.decodeRow(row);
}

/** Step 20 of an update; undefined when there is nothing to set or the row is gone. */
export async function updateRow(
  q: Queryable, entity: CompiledEntity, pk: unknown, values: Record<string, unknown>, companion?: RowCompanion,
): Promise<Record<string, unknown> | undefined> {
  const columns = Object.keys(values);
  if (columns.length === 0) return undefined;
  const params = [...encodeValues(entity, values, columns), entity.pk.encode(pk)];
  const [row] = await q.query<Record<string, unknown>>(updateSql(entity, columns, companion), withParams(params, companion));
  return row ? entity.decodeRow(row) : undefined;
}

/** One multi-row INSERT (no RETURNING unless a companion reads the rows) of rows that share `columns`. */
export async function insertRows(
  q: Queryable, entity: CompiledEntity, columns: string[], rows: Record<string, unknown>[], companion?: RowCompanion,
): Promise<void> {
  const params: unknown[] = [];
  for (const values of rows) for (const c of columns) params.push(entity.fieldMap.get(c)!.encode(values[c]));
  await q.run(insertManySql(entity, columns, rows.length, companion), withParams(params, companion, rows.length));
}

function insertManySql(entity: CompiledEntity, columns: string[], count: number, companion: RowCompanion | undefined): string {
  return cached(insertManyCache, entity, `${count}:${companionKey(columns, companion)}`, () => {
    const tuples: string[] = [];
    for (let r = 0, n = 0; r < count; r++) tuples.push(`(${columns.map(() => `$${++n}`).join(', ')})`);
    const insert = `INSERT INTO ${entity.quotedTable} (${columns.map((c) => quoteIdent(c)).join(', ')}) VALUES ${tuples.join(', ')}`;
    if (!companion) return insert;
    const returning = entity.dialect.returning(entity.fields.map((f) => f.column).join(', '));
    return `WITH r AS (${insert}${returning}), ${companion.cte(count * columns.length + 1, columns)} SELECT 1 WHERE false`;
  });
}

/** Encoded parameters for the given columns. */
export function encodeValues(entity: CompiledEntity, values: Record<string, unknown>, columns: string[]): unknown[] {
  return columns.map((c) => entity.fieldMap.get(c)!.encode(values[c]));
}

/**
 * Step 7 of §3: the soft delete (`deleted_at` = the request timestamp) or hard delete of one row;
 * a hard delete also removes join rows that point at the record as a many_to_many target. Returns
 * the number of rows affected (0: already gone).
 */
export async function removeRow(q: Queryable, registry: Registry, entity: CompiledEntity, pk: unknown, now: Date): Promise<number> {
  const encoded = entity.pk.encode(pk);
  if (entity.softDelete) {
    return q.run(
      `UPDATE ${entity.quotedTable} SET ${entity.deletedAtColumn} = $1 WHERE ${entity.pk.column} = $2 AND ${entity.deletedAtColumn} IS NULL`,
      [now.toISOString(), encoded],
    );
  }
  for (const r of registry.relations) {
    if (r.type === 'many_to_many' && r.target === entity.name) {
      await q.run(`DELETE FROM ${quoteIdent(r.join_table!)} WHERE ${quoteIdent(r.target_join_key!)} = $1`, [encoded]);
    }
  }
  return q.run(`DELETE FROM ${entity.quotedTable} WHERE ${entity.pk.column} = $1`, [encoded]);
}
