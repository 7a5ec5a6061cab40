// The one function that runs a record write, for every path: the addressed record of a create,
// update or delete, every nested child (insert, update, delete) and every cascaded delete. It runs
// the entity's compiled steps (core/write/steps/) around the row's SQL and its nested writes; the
// callers only decide what is written and where (transaction or single statement).
import type { WriteContext } from './write-context.js';
import { mapWriteError } from './db-errors.js';
import { writeRelations } from './nested/execute.js';
import { applyDeletePolicies } from './on-delete.js';
import { insertRow, removeRow, updateRow } from './row-sql.js';
import type { RecordWrite, Values, WriteKind, WriteRun } from './steps/types.js';
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Queryable } from '../db/types.js';
import type { RelationPlan } from './nested/plan.js';

/**
 * Runs `fn` in one write transaction, then — committed or rolled back — the writes that must stay
 * outside it (`ctx.afterTransaction`: a synchronous webhook's log row survives its own veto).
 */
export async function inTransaction<T>(ctx: WriteContext, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(fn, { write: true });
  } finally {
    for (const write of ctx.afterTransaction.splice(0)) {
      try {
        await write();
      } catch (err) {
        ctx.log?.error({ err }, 'a write outside the transaction failed');
      }
    }
  }
}

export function writeRun(q: Queryable, ctx: WriteContext): WriteRun {
  return { q, ctx, deleted: new Set(), afterCommit: [], committed: ctx.events?.bus.has('records.committed') ? [] : undefined };
}

export function recordWrite(
  kind: WriteKind, entity: CompiledEntity, fields: {
    values?: Values; old?: Values; pk?: unknown; path?: string; nested?: boolean; trusted?: boolean; relations?: readonly RelationPlan[];
  },
): RecordWrite {
  return {
    kind, entity, nested: fields.nested ?? false, trusted: fields.trusted, path: fields.path ?? '', pk: fields.pk, values: fields.values ?? {},
    old: fields.old, record: undefined, relations: fields.relations && fields.relations.length > 0 ? fields.relations : undefined,
  };
}

/**
 * beforeWrite steps → the row (INSERT/UPDATE, or on_delete policies and the delete) → nested
 * relation writes → afterWrite steps → afterCommit queued. Returns false when a delete found
 * nothing to delete (already removed by this request, or gone), true otherwise.
 */
export async function writeRecord(run: WriteRun, w: RecordWrite): Promise<boolean> {
  const steps = w.entity.steps[w.kind];
  if (w.kind === 'delete' || w.kind === 'cascade') {
    const key = `${w.entity.name}:${String(w.pk)}`;
    if (run.deleted.has(key)) return false;
    run.deleted.add(key);
  }
  // Listed before its children and cascades, so `records.committed` names the parent first.
  run.committed?.push(w);
  if (steps.beforeWrite) for (const fn of steps.beforeWrite) await fn(w, run);
  if (w.kind === 'create' || w.kind === 'update') {
    await writeRow(run, w);
    if (w.relations && w.record) await writeRelations(run, w.entity, w.record, w.relations, w.kind === 'create');
  } else {
    await applyDeletePolicies(run, w.entity, w.old!);
    if ((await removeRow(run.q, run.ctx.registry, w.entity, w.pk, run.ctx.now)) === 0) {
      run.committed?.splice(run.committed.indexOf(w), 1);
      return false;
    }
  }
  if (steps.afterWrite) for (const fn of steps.afterWrite) await fn(w, run);
  if (steps.afterCommit) for (const fn of steps.afterCommit) run.afterCommit.push({ fn, w });
  return true;
}

async function rowStatement(q: Queryable, w: RecordWrite): Promise<void> {
  if (w.kind === 'create') {
    w.record = await insertRow(q, w.entity, w.values, w.companion);
    w.pk = w.record[w.entity.pk.name];
  } else {
    w.record = (await updateRow(q, w.entity, w.pk, w.values, w.companion)) ?? w.old;
  }
}

/** Enough for a few dozen concurrent writers of one slug; past it the violation answers 409. */
const MAX_ROW_RETRIES = 50;

/**
 * The row's statement, retried while a step resolves its unique violations (`onUniqueViolation`).
 * Each try runs under a savepoint, so a failed one leaves the rest of the transaction intact.
 */
async function retriedStatement(run: WriteRun, w: RecordWrite): Promise<void> {
  const savepoint = run.q.savepoint;
  if (!savepoint) return rowStatement(run.q, w);
  for (let attempt = 1; ; attempt++) {
    try {
      await savepoint.call(run.q, (q) => rowStatement(q, w));
      return;
    } catch (err) {
      const retry = attempt < MAX_ROW_RETRIES && run.ctx.db.dialect.isUniqueViolation(err) && (await w.onUniqueViolation!(err, run));
      if (!retry) throw err;
    }
  }
}

async function writeRow(run: WriteRun, w: RecordWrite): Promise<void> {
  try {
    await (w.onUniqueViolation ? retriedStatement(run, w) : rowStatement(run.q, w));
  } catch (err) {
    // A unique violation names the record's own path, e.g. `chapters[0].footnotes[1].ref` (§5.6).
    throw mapWriteError(err, w.entity, run.ctx.db.dialect, w.path);
  }
}

/**
 * Step 30: the queued afterCommit phases, in order, then one `records.committed` event per entity
 * and operation of the request. A failure is logged and never changes the response.
 */
export async function runAfterCommit(run: WriteRun): Promise<void> {
  for (const { fn, w } of run.afterCommit) {
    try {
      await fn(w, run.ctx);
    } catch (err) {
      run.ctx.log?.error({ err, entity: w.entity.name, kind: w.kind }, 'post-commit effect failed');
    }
  }
  if (run.committed && run.committed.length > 0) await announceCommitted(run, run.committed);
}

async function announceCommitted(run: WriteRun, writes: readonly RecordWrite[]): Promise<void> {
  const { bus, app } = run.ctx.events!;
  const groups = new Map<string, { entity: string; op: 'create' | 'update' | 'delete'; ids: Array<string | number> }>();
  for (const w of writes) {
    const op = w.kind === 'cascade' ? 'delete' : w.kind;
    const key = `${w.entity.name}\u0000${op}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { entity: w.entity.name, op, ids: [] }));
    group.ids.push(w.pk as string | number);
  }
  for (const group of groups.values()) await bus.emit('records.committed', { app, ...group });
}
