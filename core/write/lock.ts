// Re-reading the addressed row inside the write transaction, locked where the dialect needs it
// (write-pipeline.md §1 Isolation: `FOR UPDATE` on PostgreSQL; SQLite writers are already
// serialised by BEGIN IMMEDIATE).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Queryable } from '../db/types.js';

export async function lockRow(q: Queryable, entity: CompiledEntity, pk: unknown): Promise<Record<string, unknown> | undefined> {
  const [row] = await q.query<Record<string, unknown>>(entity.sql.byPkForUpdate, [entity.pk.encode(pk)]);
  return row ? entity.decodeRow(row) : undefined;
}
