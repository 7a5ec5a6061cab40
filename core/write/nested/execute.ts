// Runs a planned nested-write tree inside the write transaction (write-pipeline.md §5.3–5.8, §2.3):
// per relation, the parent's existing children (or linked ids) are read once, the pure diff decides
// the operations, and every child goes through the per-record steps (permission, validation of
// rows only now known to be inserts, FK, generated PK, auto fields, slug, files), depth-first.
// Sibling inserts with nothing else to do are batched into multi-row INSERTs on PostgreSQL.
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import { quoteIdent } from '../../db/builder.js';
import type { Queryable } from '../../db/types.js';
import { errors } from '../../errors.js';
import { assertCreate, assertRecordAction, isAdmin } from '../../permissions/authorize.js';
import { mapWriteError } from '../db-errors.js';
import { deleteRun, deleteTree, type DeleteRun } from '../delete.js';
import {
  applyAutoFields, applySlug, assignGeneratedPk, insertRow, insertRows, needsPreparation, resolveFiles, updateRow,
} from '../record-steps.js';
import type { WriteContext } from '../write-context.js';
import { childrenAfter, diffChildren, diffLinks } from './diff.js';
import { linkedTargets, linkTargets, unlinkTargets } from './links.js';
import type { ChildRow, ChildrenPlan, LinksPlan, RelationPlan } from './plan.js';

type Values = Record<string, unknown>;

export interface NestedRun {
  readonly tx: Queryable;
  readonly ctx: WriteContext;
  readonly deletes: DeleteRun;
  /** Non-admin caller: every child operation is permission-checked (§2.3 step 1). */
  readonly guarded: boolean;
}

export function nestedRun(tx: Queryable, ctx: WriteContext): NestedRun {
  return { tx, ctx, deletes: deleteRun(tx, ctx.registry, ctx.now), guarded: !isAdmin(ctx.caller) };
}

/** Steps 21–23 for one written record: child writes, then join writes, in payload-key order. */
export async function writeRelations(run: NestedRun, entity: CompiledEntity, parent: Values, plans: readonly RelationPlan[], created: boolean): Promise<void> {
  for (const plan of plans) if (plan.kind === 'children') await writeChildren(run, parent, plan, created);
  for (const plan of plans) if (plan.kind === 'links') await writeLinks(run, entity, parent, plan, created);
}

/** A unique violation of a child names the child's path (§5.6). */
async function mapped<T>(run: NestedRun, target: CompiledEntity, row: ChildRow, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw mapWriteError(err, target, run.ctx.db.dialect, `${row.path}.`);
  }
}

const childrenSqlCache = new WeakMap<CompiledEntity, Map<string, string>>();

function childrenSql(target: CompiledEntity, targetKey: string): string {
  let map = childrenSqlCache.get(target);
  if (!map) childrenSqlCache.set(target, (map = new Map()));
  let sql = map.get(targetKey);
  if (!sql) {
    const live = target.sql.liveCondition ? ` AND ${target.sql.liveCondition}` : '';
    sql = `${target.sql.selectFrom} WHERE ${quoteIdent(targetKey)} = $1${live} ORDER BY ${target.pk.column}`;
    map.set(targetKey, sql);
  }
  return sql;
}

/** §5.3: the parent's live children, by PK key. */
async function existingChildren(run: NestedRun, plan: ChildrenPlan, parentKey: unknown): Promise<Map<string, Values>> {
  const { target } = plan;
  const key = plan.relation.target_key!;
  const rows = await run.tx.query<Values>(childrenSql(target, key), [target.fieldMap.get(key)!.encode(parentKey)]);
  const out = new Map<string, Values>();
  for (const row of rows) {
    const record = target.decodeRow(row);
    out.set(String(record[target.pk.name]), record);
  }
  return out;
}

/** Siblings whose insert needs nothing but the INSERT itself share multi-row statements. */
function canBatch(run: NestedRun, target: CompiledEntity): boolean {
  // Unique fields would make a violation impossible to attribute to one row; SQLite runs in-process,
  // so it gains nothing from batching.
  return run.ctx.db.dialect.name === 'postgres' && target.pkGenerated && !target.fields.some((f) => f.def.unique === true && !f.isPk);
}

async function writeChildren(run: NestedRun, parent: Values, plan: ChildrenPlan, created: boolean): Promise<void> {
  const { relation, target } = plan;
  const parentKey = parent[relation.source_key];
  const existing = created || parentKey === null || parentKey === undefined ? new Map<string, Values>() : await existingChildren(run, plan, parentKey);
  const diff = diffChildren(plan.mode, plan.rows, [...existing.keys()], target.pkGenerated);
  if (relation.type === 'one_to_one' && childrenAfter(existing.size, diff) > 1) {
    throw errors.validation('Validation failed', [{ field: plan.path, rule: 'one_to_one', message: `${plan.key} allows at most one record` }]);
  }
  // Deletes run first, so a replace that swaps a one_to_one child (or reuses a unique value) can
  // insert the newcomer without colliding with the row it replaces.
  for (const key of diff.deletes) await deleteChild(run, target, existing.get(key)!);
  const batchable = canBatch(run, target);
  let batch: Values[] = [];
  let batchColumns = '';
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await insertBatch(run, target, rows);
  };
  for (const write of diff.writes) {
    const row = write.row;
    if (write.op === 'update') {
      await flush();
      await updateChild(run, target, row, existing.get(row.pkKey!)!);
      continue;
    }
    const values = prepareInsert(run, plan, row, parentKey);
    if (batchable && row.relations.length === 0 && !needsPreparation(target, values, true)) {
      const columns = Object.keys(values).join(',');
      if (batch.length > 0 && columns !== batchColumns) await flush();
      batchColumns = columns;
      batch.push(values);
      continue;
    }
    await flush();
    // Extension points (the child's own steps 12–16: rules, computed fields, state machines) run
    // here and in updateChild; a child that has any of them is not batched.
    await applySlug(run.tx, target, values, undefined, undefined);
    await resolveFiles(run.tx, target, values);
    const record = await mapped(run, target, row, () => insertRow(run.tx, target, values));
    await writeRelations(run, target, record, row.relations, true);
    // Extension point: audit entry of the child (§2.3 step 5).
  }
  await flush();
}

/** At most ~30 000 parameters per statement (PostgreSQL allows 65 535). */
async function insertBatch(run: NestedRun, target: CompiledEntity, rows: Values[]): Promise<void> {
  const columns = Object.keys(rows[0]);
  const perStatement = Math.max(1, Math.floor(30_000 / Math.max(1, columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    if (chunk.length === 1) await insertRow(run.tx, target, chunk[0]);
    else await insertRows(run.tx, target, columns, chunk);
  }
}

/** §2.3 steps 1–2 and 19 for an insert; the FK always comes from the parent (§5.2, §5.5). */
function prepareInsert(run: NestedRun, plan: ChildrenPlan, row: ChildRow, parentKey: unknown): Values {
  const { target } = plan;
  let values = row.values;
  if (row.pk !== undefined) {
    // A PK row of a non-generated-PK child that turned out new: validated as an insert now.
    const outcome = target.validator.validateCreate(row.body, `${row.path}.`, plan.skip);
    if (!outcome.ok) throw errors.validation('Validation failed', outcome.details);
    values = outcome.values;
  }
  if (run.guarded) assertCreate(run.ctx.registry, run.ctx.caller, target.name);
  values[plan.relation.target_key!] = parentKey;
  assignGeneratedPk(target, values);
  applyAutoFields(target, values, run.ctx.now, true);
  return values;
}

async function updateChild(run: NestedRun, target: CompiledEntity, row: ChildRow, old: Values): Promise<void> {
  if (run.guarded) assertRecordAction(run.ctx.registry, run.ctx.caller, target.name, 'update', old);
  const values = row.values;
  applyAutoFields(target, values, run.ctx.now, false);
  await applySlug(run.tx, target, values, old, row.pk);
  await resolveFiles(run.tx, target, values);
  const record = (await mapped(run, target, row, () => updateRow(run.tx, target, row.pk, values))) ?? old;
  await writeRelations(run, target, record, row.relations, false);
}

async function deleteChild(run: NestedRun, target: CompiledEntity, old: Values): Promise<void> {
  if (run.guarded) assertRecordAction(run.ctx.registry, run.ctx.caller, target.name, 'delete', old);
  // Extension points: before_delete rules and audit of the child (§2.3 step 3, 5).
  await deleteTree(run.deletes, target, old);
}

async function writeLinks(run: NestedRun, entity: CompiledEntity, parent: Values, plan: LinksPlan, created: boolean): Promise<void> {
  const { relation, target } = plan;
  const parentKey = parent[relation.source_key];
  if (parentKey === null || parentKey === undefined) return;
  const encodedParent = entity.fieldMap.get(relation.source_key)!.encode(parentKey);
  const linked = created ? new Map<string, unknown>() : await linkedTargets(run.tx, relation, target, encodedParent);
  const diff = diffLinks(plan.mode, plan.rows, [...linked.keys()]);
  await unlinkTargets(run.tx, relation, target, encodedParent, diff.unlink.map((key) => linked.get(key)));
  await linkTargets(run.tx, relation, target, encodedParent, diff.link.map((row) => row.id));
}
