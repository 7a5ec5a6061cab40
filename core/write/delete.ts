// Delete of one record (write-pipeline.md §3, rest-api.md §9): in one transaction, the `on_delete`
// policies of every relation whose source is the record's entity (recursive cascade, set_null,
// restrict, detach), then the soft or hard delete of the record itself.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import { quoteIdent } from '../db/builder.js';
import type { Queryable } from '../db/types.js';
import { errors } from '../errors.js';
import type { RelationDef } from '../metadata/types.js';
import { assertRecordAction, isAdmin } from '../permissions/authorize.js';
import { lockRow } from './lock.js';
import type { WriteContext } from './write-context.js';

type Values = Record<string, unknown>;

export interface DeleteRun {
  tx: Queryable;
  registry: Registry;
  now: string;
  /** entity:pk of records already processed (a record reached twice is processed once). */
  seen: Set<string>;
}

const byName = (a: RelationDef, b: RelationDef) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function applyPolicies(run: DeleteRun, entity: CompiledEntity, record: Values): Promise<void> {
  const relations = run.registry.relations.filter((r) => r.source === entity.name && r.on_delete).sort(byName);
  for (const relation of relations) {
    const key = record[relation.source_key];
    if (key === null || key === undefined) continue;
    const encodedKey = entity.fieldMap.get(relation.source_key)!.encode(key);
    if (relation.type === 'many_to_many') await manyToMany(run, relation, encodedKey);
    else await toOneOrMany(run, relation, encodedKey);
  }
}

async function manyToMany(run: DeleteRun, relation: RelationDef, key: unknown): Promise<void> {
  const join = quoteIdent(relation.join_table!);
  const sourceKey = quoteIdent(relation.source_join_key!);
  if (relation.on_delete === 'restrict') {
    const [row] = await run.tx.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${join} WHERE ${sourceKey} = $1`, [key]);
    if (Number(row.n) > 0) throw errors.conflict(`Cannot delete: ${Number(row.n)} related ${relation.target} records exist`);
    return;
  }
  // cascade, detach and set_null all remove the join rows of the source (targets untouched).
  await run.tx.run(`DELETE FROM ${join} WHERE ${sourceKey} = $1`, [key]);
}

async function toOneOrMany(run: DeleteRun, relation: RelationDef, key: unknown): Promise<void> {
  const target = run.registry.entity(relation.target)!;
  const targetKey = quoteIdent(relation.target_key!);
  const live = target.sql.liveCondition ? ` AND ${target.sql.liveCondition}` : '';
  switch (relation.on_delete) {
    case 'restrict': {
      const [row] = await run.tx.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${target.quotedTable} WHERE ${targetKey} = $1${live}`, [key]);
      if (Number(row.n) > 0) throw errors.conflict(`Cannot delete: ${Number(row.n)} related ${relation.target} records exist`);
      return;
    }
    case 'set_null':
    case 'detach':
      await run.tx.run(`UPDATE ${target.quotedTable} SET ${targetKey} = NULL WHERE ${targetKey} = $1`, [key]);
      return;
    case 'cascade': {
      const rows = await run.tx.query<Values>(`${target.sql.selectFrom} WHERE ${targetKey} = $1${live}`, [key]);
      for (const row of rows) await deleteTree(run, target, target.decodeRow(row));
      return;
    }
  }
}

export function deleteRun(tx: Queryable, registry: Registry, now: Date): DeleteRun {
  return { tx, registry, now: now.toISOString(), seen: new Set() };
}

/**
 * Policies first (children before parent), then the record itself. Also how nested writes delete
 * a child (write-pipeline.md §5.4: soft or hard, with the child's own on_delete policies).
 */
export async function deleteTree(run: DeleteRun, entity: CompiledEntity, record: Values): Promise<void> {
  const id = `${entity.name}:${String(record[entity.pk.name])}`;
  if (run.seen.has(id)) return;
  run.seen.add(id);
  await applyPolicies(run, entity, record);
  await removeRow(run, entity, record[entity.pk.name]);
}

async function removeRow(run: DeleteRun, entity: CompiledEntity, pk: unknown): Promise<number> {
  const encoded = entity.pk.encode(pk);
  if (entity.softDelete) {
    return run.tx.run(
      `UPDATE ${entity.quotedTable} SET ${entity.deletedAtColumn} = $1 WHERE ${entity.pk.column} = $2 AND ${entity.deletedAtColumn} IS NULL`,
      [run.now, encoded],
    );
  }
  // A hard delete also removes join rows that point at the record as a many_to_many target.
  for (const r of run.registry.relations) {
    if (r.type === 'many_to_many' && r.target === entity.name) {
      await run.tx.run(`DELETE FROM ${quoteIdent(r.join_table!)} WHERE ${quoteIdent(r.target_join_key!)} = $1`, [encoded]);
    }
  }
  return run.tx.run(`DELETE FROM ${entity.quotedTable} WHERE ${entity.pk.column} = $1`, [encoded]);
}

/** Deletes the record with primary key `pk`; returns the PK in its output format. */
export async function deleteRecord(ctx: WriteContext, entity: CompiledEntity, pk: unknown, label: string): Promise<unknown> {
  const notFound = () => errors.notFound(`${entity.name} with id ${label} not found`);
  return ctx.db.transaction(async (tx) => {
    const record = await lockRow(tx, entity, pk);
    if (!record) throw notFound();
    if (!isAdmin(ctx.caller)) assertRecordAction(ctx.registry, ctx.caller, entity.name, 'delete', record); // step 3
    const run = deleteRun(tx, ctx.registry, ctx.now);
    run.seen.add(`${entity.name}:${String(record[entity.pk.name])}`);
    // Extension point: before_delete rules (write-pipeline.md §3 step 5).
    await applyPolicies(run, entity, record);
    if ((await removeRow(run, entity, record[entity.pk.name])) === 0) throw notFound();
    // Extension points: synchronous webhooks, audit (steps 8–9).
    return record[entity.pk.name];
  }, { write: true });
}
