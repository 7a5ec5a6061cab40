// Step 6 of §3 (rest-api.md §9.3): the `on_delete` policies of every relation whose source is the
// deleted record's entity — restrict, set_null/detach, and a recursive cascade whose records go
// through `writeRecord` as `cascade` writes (children before parent).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import { quoteIdent } from '../db/builder.js';
import { errors } from '../errors.js';
import type { RelationDef } from '../metadata/types.js';
import { recordWrite, writeRecord } from './record-write.js';
import type { WriteRun } from './steps/types.js';

type Values = Record<string, unknown>;

const byName = (a: RelationDef, b: RelationDef) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const restricted = (count: number, relation: RelationDef) =>
  errors.deleteRestricted(count, relation.target);

export async function applyDeletePolicies(run: WriteRun, entity: CompiledEntity, record: Values): Promise<void> {
  const relations = run.ctx.registry.relations.filter((r) => r.source === entity.name && r.on_delete).sort(byName);
  for (const relation of relations) {
    const key = record[relation.source_key];
    if (key === null || key === undefined) continue;
    const encodedKey = entity.fieldMap.get(relation.source_key)!.encode(key);
    if (relation.type === 'many_to_many') await manyToMany(run, relation, encodedKey);
    else await toOneOrMany(run, relation, encodedKey);
  }
}

async function manyToMany(run: WriteRun, relation: RelationDef, key: unknown): Promise<void> {
  const join = quoteIdent(relation.join_table!);
  const sourceKey = quoteIdent(relation.source_join_key!);
  if (relation.on_delete === 'restrict') {
    const [row] = await run.q.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${join} WHERE ${sourceKey} = $1`, [key]);
    if (Number(row.n) > 0) throw restricted(Number(row.n), relation);
    return;
  }
  // cascade, detach and set_null all remove the join rows of the source (targets untouched).
  await run.q.run(`DELETE FROM ${join} WHERE ${sourceKey} = $1`, [key]);
}

async function toOneOrMany(run: WriteRun, relation: RelationDef, key: unknown): Promise<void> {
  const target = run.ctx.registry.entity(relation.target)!;
  const targetKey = quoteIdent(relation.target_key!);
  const live = target.sql.liveCondition ? ` AND ${target.sql.liveCondition}` : '';
  switch (relation.on_delete) {
    case 'restrict': {
      const [row] = await run.q.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${target.quotedTable} WHERE ${targetKey} = $1${live}`, [key]);
      if (Number(row.n) > 0) throw restricted(Number(row.n), relation);
      return;
    }
    case 'set_null':
    case 'detach':
      await run.q.run(`UPDATE ${target.quotedTable} SET ${targetKey} = NULL WHERE ${targetKey} = $1`, [key]);
      return;
    case 'cascade': {
      // Locked, so a concurrent nested write under one of these records finishes first (and its
      // new children are cascaded too) or sees it gone.
      const rows = await run.q.query<Values>(`${target.sql.selectFrom} WHERE ${targetKey} = $1${live}${target.dialect.rowLockSuffix}`, [key]);
      for (const row of rows) {
        const old = target.decodeRow(row);
        await writeRecord(run, recordWrite('cascade', target, { old, pk: old[target.pk.name], nested: true }));
      }
      return;
    }
  }
}
