// Runs a planned nested-write tree inside the write transaction (write-pipeline.md §5.3–5.8, §2.3):
// per relation, the parent's existing children (or linked ids) are read once, the pure diff decides
// the operations, and every child is written through `writeRecord` with its own entity's steps,
// depth-first. Sibling inserts that no step needs the transaction for share multi-row INSERTs where
// the dialect gains from it.
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import { quoteIdent } from '../../db/builder.js';
import { errors } from '../../errors.js';
import { recordWrite, writeRecord } from '../record-write.js';
import { insertRow, insertRows, type RowCompanion } from '../row-sql.js';
import { needsTransaction, runChecks } from '../steps/run-phases.js';
import type { RecordWrite, WriteRun } from '../steps/types.js';
import { childrenAfter, diffChildren, diffLinks } from './diff.js';
import { linkedTargets, linkTargets, unlinkTargets } from './links.js';
import type { ChildRow, ChildrenPlan, LinksPlan, RelationPlan } from './plan.js';

type Values = Record<string, unknown>;

/** Steps 21–23 for one written record: child writes, then join writes, in payload-key order. */
export async function writeRelations(run: WriteRun, entity: CompiledEntity, parent: Values, plans: readonly RelationPlan[], created: boolean): Promise<void> {
  for (const plan of plans) if (plan.kind === 'children') await writeChildren(run, parent, plan, created);
  for (const plan of plans) if (plan.kind === 'links') await writeLinks(run, entity, parent, plan, created);
}

const childrenSqlCache = new WeakMap<CompiledEntity, Map<string, string>>();

function childrenSql(target: CompiledEntity, targetKey: string): string {
  let map = childrenSqlCache.get(target);
  if (!map) childrenSqlCache.set(target, (map = new Map()));
  let sql = map.get(targetKey);
  if (!sql) {
    const live = target.sql.liveCondition ? ` AND ${target.sql.liveCondition}` : '';
    // Locked: a concurrent delete of a child (or of what it cascades from) waits for this write,
    // or, having committed first, leaves the child out, so nothing is written under a deleted row.
    sql = `${target.sql.selectFrom} WHERE ${quoteIdent(targetKey)} = $1${live} ORDER BY ${target.pk.column}${target.dialect.rowLockSuffix}`;
    map.set(targetKey, sql);
  }
  return sql;
}

/** §5.3: the parent's live children, by PK key, locked until COMMIT. */
async function existingChildren(run: WriteRun, plan: ChildrenPlan, parentKey: unknown): Promise<Map<string, Values>> {
  const { target } = plan;
  const key = plan.relation.target_key!;
  const rows = await run.q.query<Values>(childrenSql(target, key), [target.fieldMap.get(key)!.encode(parentKey)]);
  const out = new Map<string, Values>();
  for (const row of rows) {
    const record = target.decodeRow(row);
    out.set(String(record[target.pk.name]), record);
  }
  return out;
}

/**
 * Whether a child insert can share a multi-row INSERT with its siblings: the dialect gains from it,
 * no step has work for it in the transaction, it has no children of its own, and a violation
 * could still be attributed to one row (no unique field) with the PK known up front.
 */
function canBatch(run: WriteRun, w: RecordWrite): boolean {
  const { entity } = w;
  const steps = entity.steps.create;
  // A `records.committed` listener needs every child's id, which a multi-row INSERT does not return.
  return run.ctx.db.dialect.batchInserts && entity.pkGenerated && !w.relations && !steps.afterWrite && !steps.afterCommit && !run.committed &&
    !entity.fields.some((f) => f.def.unique === true && !f.isPk) && !needsTransaction(w, run.ctx);
}

async function writeChildren(run: WriteRun, parent: Values, plan: ChildrenPlan, created: boolean): Promise<void> {
  const { relation, target } = plan;
  const parentKey = parent[relation.source_key];
  const existing = created || parentKey === null || parentKey === undefined ? new Map<string, Values>() : await existingChildren(run, plan, parentKey);
  const diff = diffChildren(plan.mode, plan.rows, [...existing.keys()], target.pkGenerated);
  if (relation.type === 'one_to_one' && childrenAfter(existing.size, diff) > 1) {
    throw errors.validationFailed([{ field: plan.path, rule: 'one_to_one', message: `${plan.key} allows at most one record` }]);
  }
  // Deletes run first, so a replace that swaps a one_to_one child (or reuses a unique value) can
  // insert the newcomer without colliding with the row it replaces.
  for (const key of diff.deletes) {
    const old = existing.get(key)!;
    await writeRecord(run, recordWrite('delete', target, { old, pk: old[target.pk.name], nested: true }));
  }
  let batch: Values[] = [];
  let batchColumns = '';
  // The same for every sibling (one entity, one request): their audit entries ride in the INSERT.
  let batchCompanion: RowCompanion | undefined;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await insertBatch(run, target, rows, batchCompanion);
  };
  for (const op of diff.writes) {
    const row = op.row;
    if (op.op === 'update') {
      await flush();
      const old = existing.get(row.pkKey!)!;
      const w = childWrite('update', plan, row, row.values, old);
      runChecks(w, run.ctx);
      await writeRecord(run, w);
      continue;
    }
    const w = childWrite('create', plan, row, insertValues(plan, row, parentKey), undefined);
    runChecks(w, run.ctx);
    if (canBatch(run, w)) {
      const columns = Object.keys(w.values).join(',');
      if (batch.length > 0 && columns !== batchColumns) await flush();
      batchColumns = columns;
      batchCompanion = w.companion;
      batch.push(w.values);
      continue;
    }
    await flush();
    await writeRecord(run, w);
  }
  await flush();
}

function childWrite(kind: 'create' | 'update', plan: ChildrenPlan, row: ChildRow, values: Values, old: Values | undefined): RecordWrite {
  return recordWrite(kind, plan.target, { values, old, pk: row.pk, path: `${row.path}.`, nested: true, relations: row.relations });
}

/** Chunks that stay below half the dialect's placeholder limit (statement text stays modest too). */
async function insertBatch(run: WriteRun, target: CompiledEntity, rows: Values[], companion: RowCompanion | undefined): Promise<void> {
  const columns = Object.keys(rows[0]);
  const budget = Math.floor(target.dialect.maxParams / 2);
  const perStatement = Math.max(1, Math.floor(budget / Math.max(1, columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    if (chunk.length === 1) await insertRow(run.q, target, chunk[0], companion);
    else await insertRows(run.q, target, columns, chunk, companion);
  }
}

/** §2.3 step 2 for an insert, and its FK, which always comes from the parent (§5.2, §5.5). */
function insertValues(plan: ChildrenPlan, row: ChildRow, parentKey: unknown): Values {
  const { target } = plan;
  let values = row.values;
  if (row.pk !== undefined) {
    // A PK row of a non-generated-PK child that turned out new: validated as an insert now.
    const outcome = target.validator.validateCreate(row.body, `${row.path}.`, plan.skip);
    if (!outcome.ok) throw errors.validationFailed(outcome.details);
    values = outcome.values;
  }
  values[plan.relation.target_key!] = parentKey;
  return values;
}

async function writeLinks(run: WriteRun, entity: CompiledEntity, parent: Values, plan: LinksPlan, created: boolean): Promise<void> {
  const { relation, target } = plan;
  const parentKey = parent[relation.source_key];
  if (parentKey === null || parentKey === undefined) return;
  const encodedParent = entity.fieldMap.get(relation.source_key)!.encode(parentKey);
  const linked = created ? new Map<string, unknown>() : await linkedTargets(run.q, relation, target, encodedParent);
  const diff = diffLinks(plan.mode, plan.rows, [...linked.keys()]);
  await unlinkTargets(run.q, relation, target, encodedParent, diff.unlink.map((key) => linked.get(key)));
  await linkTargets(run.q, relation, target, encodedParent, diff.link.map((row) => row.id));
}
