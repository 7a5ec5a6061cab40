// many_to_many link rows of nested writes (write-pipeline.md §5.7): the `not_found` check of link
// targets (one query per target entity for the whole tree), and the join-table statements run
// inside the transaction (read linked ids, unlink a list, link a list). The check runs once: before
// BEGIN when the payload already has problems (so the one 422 lists them all), otherwise first thing
// in the transaction, where it also locks the targets FOR SHARE until COMMIT (a concurrent delete
// waits, or has committed and the link answers 422 `not_found`).
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import { quoteIdent } from '../../db/builder.js';
import { runDeferred, type Queryable } from '../../db/types.js';
import type { ErrorDetail } from '../../errors.js';
import type { RelationDef } from '../../metadata/types.js';
import type { LinkRow, LinksPlan, TreePlan } from './plan.js';

const notFoundDetail = (target: CompiledEntity, row: LinkRow): ErrorDetail =>
  ({ field: `${row.path}.id`, rule: 'not_found', message: `${target.name} ${row.idKey} not found` });

/** Keys of the live targets among `ids`; `lock` is appended to the SELECT. */
async function liveTargets(q: Queryable, target: CompiledEntity, ids: unknown[], lock: string): Promise<Set<string>> {
  const live = target.sql.liveCondition ? ` AND ${target.sql.liveCondition}` : '';
  const inList = target.dialect.inList(target.pk.column, target.pk.storage.kind, 1);
  const sql = `SELECT ${target.pk.column} AS id FROM ${target.quotedTable} WHERE ${inList}${live}${lock}`;
  const rows = await q.query<{ id: unknown }>(sql, [target.pk.encodeList(ids)]);
  return new Set(rows.map((r) => String(target.pk.decode(r.id))));
}

/**
 * Adds a `not_found` detail for every link id (not marked `_delete`) naming no live target; with
 * `lock` (inside the transaction) the live ones stay so until COMMIT.
 */
export async function checkLinkTargets(q: Queryable, tree: TreePlan, lock = false): Promise<void> {
  const byTarget = new Map<CompiledEntity, LinksPlan[]>();
  for (const plan of tree.links) {
    if (!plan.rows.some((r) => !r.delete)) continue;
    const list = byTarget.get(plan.target) ?? [];
    list.push(plan);
    byTarget.set(plan.target, list);
  }
  const inserts: Array<{ at: number; details: ErrorDetail[] }> = [];
  for (const [target, plans] of byTarget) {
    const ids = new Map<string, unknown>();
    for (const plan of plans) for (const row of plan.rows) if (!row.delete) ids.set(row.idKey, row.id);
    const found = await liveTargets(q, target, [...ids.values()], lock ? target.dialect.shareLockSuffix : '');
    for (const plan of plans) {
      const missing = plan.rows.filter((r) => !r.delete && !found.has(r.idKey)).map((r) => notFoundDetail(target, r));
      if (missing.length > 0) inserts.push({ at: plan.detailIndex, details: missing });
    }
  }
  // Each relation's details go where the relation stands in payload order; insert from the back
  // (stable for equal positions) so earlier positions stay valid.
  inserts.sort((a, b) => a.at - b.at);
  for (let i = inserts.length - 1; i >= 0; i--) tree.details.splice(inserts[i].at, 0, ...inserts[i].details);
}

interface JoinSql {
  linked: string;
  unlink: string;
  link: Map<number, string>;
}

const joinSqlCache = new WeakMap<RelationDef, JoinSql>();

function joinSql(relation: RelationDef, target: CompiledEntity): JoinSql {
  let sql = joinSqlCache.get(relation);
  if (!sql) {
    const join = quoteIdent(relation.join_table!);
    const source = quoteIdent(relation.source_join_key!);
    const targetCol = quoteIdent(relation.target_join_key!);
    sql = {
      linked: `SELECT ${targetCol} AS id FROM ${join} WHERE ${source} = $1`,
      unlink: `DELETE FROM ${join} WHERE ${source} = $1 AND ${target.dialect.inList(targetCol, target.pk.storage.kind, 2)}`,
      link: new Map(),
    };
    joinSqlCache.set(relation, sql);
  }
  return sql;
}

/** Linked target ids of one parent, as key → typed value. */
export async function linkedTargets(q: Queryable, relation: RelationDef, target: CompiledEntity, parentKey: unknown): Promise<Map<string, unknown>> {
  const rows = await q.query<{ id: unknown }>(joinSql(relation, target).linked, [parentKey]);
  const out = new Map<string, unknown>();
  for (const row of rows) {
    const id = target.pk.decode(row.id);
    out.set(String(id), id);
  }
  return out;
}

export async function unlinkTargets(q: Queryable, relation: RelationDef, target: CompiledEntity, parentKey: unknown, ids: unknown[]): Promise<void> {
  if (ids.length === 0) return;
  await q.run(joinSql(relation, target).unlink, [parentKey, target.pk.encodeList(ids)]);
}

/** Multi-row INSERT of join rows; an existing pair is left alone (`append` never fails on one). */
export async function linkTargets(q: Queryable, relation: RelationDef, target: CompiledEntity, parentKey: unknown, ids: unknown[]): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const params: unknown[] = [parentKey];
    for (const id of chunk) params.push(target.pk.encode(id));
    await runDeferred(q, linkSql(relation, target, chunk.length), params); // nothing reads it back
  }
}

function linkSql(relation: RelationDef, target: CompiledEntity, count: number): string {
  const cache = joinSql(relation, target).link;
  let sql = cache.get(count);
  if (sql === undefined) {
    const tuples: string[] = [];
    for (let i = 0; i < count; i++) tuples.push(`($1, $${i + 2})`);
    sql = `INSERT INTO ${quoteIdent(relation.join_table!)} (${quoteIdent(relation.source_join_key!)}, ${quoteIdent(relation.target_join_key!)}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`;
    if (cache.size < 64) cache.set(count, sql);
  }
  return sql;
}
