// Re-reading the addressed row inside the write transaction, locked on PostgreSQL
// (write-pipeline.md §1 Isolation; SQLite writers are already serialised by BEGIN IMMEDIATE).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Queryable } from '../db/types.js';

const lockedSql = new WeakMap<CompiledEntity, string>();

export async function lockRow(q: Queryable, entity: CompiledEntity, pk: unknown): Promise<Record<string, unknown> | undefined> {
  let sql = lockedSql.get(entity);
  if (!sql) {
    sql = entity.dialect === 'postgres' ? entity.sql.byPk.replace(/ LIMIT 1$/, ' FOR UPDATE') : entity.sql.byPk;
    lockedSql.set(entity, sql);
  }
  const [row] = await q.query<Record<string, unknown>>(sql, [entity.pk.encode(pk)]);
  return row ? entity.decodeRow(row) : undefined;
}
