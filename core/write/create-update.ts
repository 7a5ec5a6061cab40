// Create and update of one record through the ordered steps of write-pipeline.md §2.2. Everything
// checkable is checked before BEGIN; a write that needs no other statement runs as one atomic
// INSERT/UPDATE … RETURNING (no BEGIN/COMMIT round trips), anything else in one transaction.
// Named extension points mark where later stages (rules, state machines, nested writes, audit,
// webhooks, workflows) plug in; none of them pretends to run yet.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Queryable } from '../db/types.js';
import { errors } from '../errors.js';
import { objectBody } from '../input.js';
import { assertCreate, assertRecordAction, isAdmin } from '../permissions/authorize.js';
import { mapWriteError } from './db-errors.js';
import { lockRow } from './lock.js';
import { checkLinkTargets } from './nested/links.js';
import { nestedRun, writeRelations } from './nested/execute.js';
import { planTree, type TreePlan } from './nested/plan.js';
import {
  applyAutoFields, applySlug, assignGeneratedPk, insertRow, needsPreparation, resolveFiles, updateRow,
} from './record-steps.js';
import type { WriteContext } from './write-context.js';

type Values = Record<string, unknown>;

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
    if (!outcome.ok) throw errors.validation('Validation failed', outcome.details);
    return { values: outcome.values };
  }
  const tree = planTree(ctx.registry, relations);
  if (tree.links.length > 0) await checkLinkTargets(ctx.db, ctx.db.dialect.name, tree);
  const details = outcome.ok ? tree.details : [...outcome.details, ...tree.details];
  if (details.length > 0) throw errors.validation('Validation failed', details);
  return { values: (outcome as { values: Values }).values, tree };
}

export async function createRecord(ctx: WriteContext, entity: CompiledEntity, body: unknown): Promise<Values> {
  if (!isAdmin(ctx.caller)) assertCreate(ctx.registry, ctx.caller, entity.name); // step 3
  const { values, tree } = await checkPayload(ctx, entity, body, true);
  assignGeneratedPk(entity, values);
  applyAutoFields(entity, values, ctx.now, true);
  try {
    if (!tree && !needsPreparation(entity, values, true)) return await insertRow(ctx.db, entity, values);
    const created = await ctx.db.transaction(async (tx) => {
      // Extension points, in order: related data, field/expression rules, computed fields,
      // state machines (steps 12–16).
      await applySlug(tx, entity, values, undefined, undefined);
      await resolveFiles(tx, entity, values);
      const record = await insertRow(tx, entity, values);
      if (tree) await writeRelations(nestedRun(tx, ctx), entity, record, tree.relations, true); // steps 21–23
      // Extension points: transition actions, after_write rules, synchronous webhooks, audit
      // (steps 24–27).
      return record;
    }, { write: true });
    // Extension point: post-commit effects (step 30), as for updates below.
    return created;
  } catch (err) {
    throw mapWriteError(err, entity, ctx.db.dialect);
  }
}

/**
 * Updates the record whose primary key is `pk`. An admin's plain update runs as one statement; a
 * non-admin's is checked against the current record, re-read with a lock inside the transaction.
 */
export async function updateRecord(
  ctx: WriteContext, entity: CompiledEntity, pk: unknown, body: unknown, label: string,
): Promise<Values> {
  const notFound = () => errors.notFound(`${entity.name} with id ${label} not found`);
  const guarded = !isAdmin(ctx.caller);
  const authorize = (current: Values) => {
    if (guarded) assertRecordAction(ctx.registry, ctx.caller, entity.name, 'update', current);
  };
  let checked: { values: Values; tree?: TreePlan };
  try {
    checked = await checkPayload(ctx, entity, body, false);
  } catch (err) {
    // A missing record (404) and a refused one (403) answer before any payload error (§12.4).
    const [row] = await ctx.db.query<Values>(entity.sql.byPk, [entity.pk.encode(pk)]);
    if (!row) throw notFound();
    authorize(entity.decodeRow(row));
    throw err;
  }
  const { values, tree } = checked;
  applyAutoFields(entity, values, ctx.now, false);
  try {
    if (!guarded && !tree && !needsPreparation(entity, values, false) && Object.keys(values).length > 0) {
      const record = await updateRow(ctx.db, entity, pk, values);
      if (!record) throw notFound();
      return record;
    }
    const updated = await ctx.db.transaction(async (tx: Queryable) => {
      const old = await lockRow(tx, entity, pk); // step 11
      if (!old) throw notFound();
      authorize(old);
      // Extension points, in order: related data, field/expression rules against payload and the
      // merged record, computed fields, state-machine transitions (steps 12–16).
      await applySlug(tx, entity, values, old, pk);
      await resolveFiles(tx, entity, values);
      const record = (await updateRow(tx, entity, pk, values)) ?? old;
      if (tree) await writeRelations(nestedRun(tx, ctx), entity, record, tree.relations, false); // steps 21–23
      // Extension points: transition actions, after_write rules, synchronous webhooks, audit
      // (steps 24–27).
      return record;
    }, { write: true });
    // Extension point: post-commit effects (step 30) — transition webhooks, events, workflow
    // triggers, asynchronous webhooks — run here, after COMMIT and before the response.
    return updated;
  } catch (err) {
    throw mapWriteError(err, entity, ctx.db.dialect);
  }
}
