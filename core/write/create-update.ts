// Create and update of the addressed record (write-pipeline.md §2.2). The payload and the whole
// nested tree are checked before BEGIN (steps 4–9), then the check phase of the entity's steps
// runs. A write that no step needs the transaction for runs as one atomic INSERT/UPDATE …
// RETURNING (no BEGIN/COMMIT round trips); anything else runs in one transaction. Either way the
// record goes through `writeRecord`, which runs the steps of core/write/steps/ in order.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Queryable } from '../db/types.js';
import { errors } from '../errors.js';
import { objectBody } from '../input.js';
import { lockRow } from './lock.js';
import { checkLinkTargets } from './nested/links.js';
import { planTree, type TreePlan } from './nested/plan.js';
import { inTransaction, recordWrite, runAfterCommit, writeRecord, writeRun } from './record-write.js';
import { needsTransaction, runChecks } from './steps/run-phases.js';
import { authorizeRecord } from './steps/permission.js';
import type { RecordWrite, Values } from './steps/types.js';
import type { WriteContext } from './write-context.js';
import { SPANS, withSpan } from '../tracing/index.js';

/**
 * Steps 4–9: key classification, defaults, field validation, then the nested-write tree (structure,
 * child rows, many_to_many targets). One 422 lists every problem: field details first, then
 * relation details in payload-key order.
 */
async function checkPayload(ctx: WriteContext, entity: CompiledEntity, body: unknown, create: boolean): Promise<{ values: Values; tree?: TreePlan }> {
  const payload = objectBody(body);
  const outcome = create ? entity.validator.validateCreate(payload) : entity.validator.validateUpdate(payload);
  const relations = outcome.relations;
  if (relations === undefined || relations.length === 0) {
    if (!outcome.ok) throw errors.validationFailed(outcome.details);
    return { values: outcome.values };
  }
  const tree = planTree(ctx.registry, relations);
  // With problems already found, link targets are checked now so the one 422 lists theirs too;
  // otherwise the transaction checks (and locks) them first thing (`checkLinksInTransaction`).
  if (tree.links.length > 0 && (!outcome.ok || tree.details.length > 0)) await checkLinkTargets(ctx.db, tree);
  const details = outcome.ok ? tree.details : [...outcome.details, ...tree.details];
  if (details.length > 0) throw errors.validationFailed(details);
  return { values: (outcome as { values: Values }).values, tree };
}

/**
 * Step 9's many_to_many target check when it did not run before BEGIN: one query per target entity
 * for the whole tree, the targets locked FOR SHARE until COMMIT, the same 422 `not_found` details.
 */
async function checkLinksInTransaction(tx: Queryable, tree: TreePlan | undefined): Promise<void> {
  if (!tree || tree.links.length === 0) return;
  await checkLinkTargets(tx, tree, true);
  if (tree.details.length > 0) throw errors.validationFailed(tree.details);
}

/** The write plan's execution as its `nested_write.execute` span (observability-and-audit.md §A3). */
function execute(ctx: WriteContext, w: RecordWrite, reread: boolean, tree: TreePlan | undefined, precondition?: Precondition): Promise<void> {
  const enclosing = ctx.span;
  return withSpan(enclosing, SPANS.nestedWrite, w.entity.name, w.pk, async (span) => {
    span.set('operation', w.kind);
    ctx.span = span;
    try {
      await write(ctx, w, reread, tree, precondition);
    } finally {
      ctx.span = enclosing;
    }
    span.setRecordId(w.pk);
  });
}

/**
 * A check of the addressed record as it is inside the write's transaction, after it was locked and
 * the caller's permission on it confirmed (an If-Match: it throws to refuse the write).
 */
export type Precondition = (current: Values) => void;

/** Runs `w` on the pool as one statement when no step needs the transaction, else in one. */
async function write(ctx: WriteContext, w: RecordWrite, reread: boolean, tree: TreePlan | undefined, precondition?: Precondition): Promise<void> {
  if (!precondition && !w.relations && !needsTransaction(w, ctx) && (w.kind === 'create' || Object.keys(w.values).length > 0)) {
    const run = writeRun(ctx.db, ctx);
    await writeRecord(run, w);
    return runAfterCommit(run);
  }
  const run = await inTransaction(ctx, async (tx) => {
    const run = writeRun(tx, ctx);
    if (reread) {
      w.old = await lockRow(tx, w.entity, w.pk); // step 11
      if (!w.old) return run;
      if (precondition) {
        authorizeRecord(ctx, w.entity, 'update', w.old);
        precondition(w.old);
      }
    }
    try {
      await checkLinksInTransaction(tx, tree);
    } catch (err) {
      // As before BEGIN: a refused caller (403) answers before any payload error (§12.4). A create's
      // permission has already been checked (check phase).
      if (reread) authorizeRecord(ctx, w.entity, 'update', w.old);
      throw err;
    }
    await writeRecord(run, w);
    return run;
  });
  await runAfterCommit(run);
}

/**
 * Creates a record of `entity` from a client body. `trusted` (a workflow's create_record, logic.md
 * §4.5): no permission is checked, the workflow was authorised when it was defined.
 */
export async function createRecord(ctx: WriteContext, entity: CompiledEntity, body: unknown, trusted = false): Promise<Values> {
  let checked: { values: Values; tree?: TreePlan };
  try {
    checked = await checkPayload(ctx, entity, body, true);
  } catch (err) {
    // A refused caller (401/403) answers before any payload error (§2.2 step 3 precedes step 4).
    if (!trusted) authorizeRecord(ctx, entity, 'create', undefined);
    throw err;
  }
  const w = recordWrite('create', entity, { values: checked.values, relations: checked.tree?.relations, trusted });
  runChecks(w, ctx);
  await execute(ctx, w, false, checked.tree);
  return w.record!;
}

/**
 * Updates the record whose primary key is `pk`; `label` is the id as the client addressed it.
 * `precondition` runs on the locked row before anything is written.
 */
export async function updateRecord(
  ctx: WriteContext, entity: CompiledEntity, pk: unknown, body: unknown, label: string, precondition?: Precondition,
): Promise<Values> {
  const notFound = () => errors.recordNotFound(entity.name, label);
  let checked: { values: Values; tree?: TreePlan };
  try {
    checked = await checkPayload(ctx, entity, body, false);
  } catch (err) {
    // A missing record (404) and a refused one (403) answer before any payload error (§12.4).
    const [row] = await ctx.db.query<Values>(entity.sql.byPk, [entity.pk.encode(pk)]);
    if (!row) throw notFound();
    authorizeRecord(ctx, entity, 'update', entity.decodeRow(row));
    throw err;
  }
  const w = recordWrite('update', entity, { values: checked.values, pk, relations: checked.tree?.relations });
  runChecks(w, ctx);
  await execute(ctx, w, true, checked.tree, precondition);
  if (!w.record) throw notFound();
  return w.record;
}
