// Steps 12–15 and 25 of write-pipeline.md §2.2 and step 5 of §3 (logic.md §1): the entity's
// before_write rules (related data, field rules, expression rules, computed fields), its
// after_write rules over the persisted record and its children, and its before_delete rules.
// A create whose before_write rules load no related data needs nothing from the database, so they
// run in the check phase and the write keeps its single statement; everything else runs in the
// transaction. Cascaded deletes run no rules (§3).
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import type { Registry } from '../../compile/registry.js';
import { errors } from '../../errors.js';
import type { HookRules } from '../../rules/compile.js';
import { evaluateChecks, evaluateComputed, type FieldSource } from '../../rules/evaluate.js';
import { loadRelated } from '../../rules/related.js';
import { typedRecord } from '../../rules/values.js';
import { prospective, writeEnv as env } from '../expression-env.js';
import type { WriteContext } from '../write-context.js';
import type { RecordWrite, StepPhases, Values, WriteRun, WriteStep } from './types.js';
import { SPANS, errorCount, withSpan, type ActiveSpan, type Parent } from '../../tracing/index.js';

const NO_RELATED: Readonly<Record<string, unknown>> = Object.freeze({});

const countErrors = (span: ActiveSpan, err: unknown) => span.set('error_count', errorCount(err));

/**
 * One hook's evaluation (its related loads included) as a `rules.evaluate` span
 * (observability-and-audit.md §A3): `hook`, `rule_count`, `error_count` (the 422's details).
 */
function evaluated<T>(w: RecordWrite, parent: Parent, hook: string, rules: HookRules, fn: () => T): T {
  return withSpan(parent, SPANS.rulesEvaluate, w.entity.name, null, (span) => {
    span.set('hook', hook).set('rule_count', rules.field.length + rules.expression.length + rules.computed.length).set('error_count', 0);
    return fn();
  }, countErrors);
}

/** Step 12: the hook's `related_load` relations of `record`, in the write's transaction. */
async function related(run: WriteRun, registry: Registry, entity: CompiledEntity, rules: HookRules, record: Values) {
  return rules.loads.length > 0 ? loadRelated(run.q, registry, entity, record, rules.loads) : NO_RELATED;
}

/** Steps 13–15 over the prospective record: checks, then computed fields. */
function beforeWrite(w: RecordWrite, ctx: WriteContext, rules: HookRules, merged: Values, relatedData: Readonly<Record<string, unknown>>): void {
  const create = w.kind === 'create';
  const record = typedRecord(w.entity, merged);
  const e = env(ctx, w.kind, record, create || !w.old ? null : typedRecord(w.entity, w.old), relatedData);
  const source: FieldSource = { kind: 'payload', values: w.values, create };
  const checked = evaluateChecks(rules, e, source, w.path);
  if (checked.details.length > 0) throw errors.validationFailed(checked.details);
  if (rules.computed.length === 0) return;
  const details = evaluateComputed(rules, e, record, w.values, w.path);
  if (details.length > 0) throw errors.validationFailed(details);
}

/** Step 25 (after_write) and §3 step 5 (before_delete): checks over a stored record. */
function storedChecks(w: RecordWrite, ctx: WriteContext, rules: HookRules, stored: Values, relatedData: Readonly<Record<string, unknown>>): void {
  const record = typedRecord(w.entity, stored);
  const old = w.kind === 'delete' ? record : w.old ? typedRecord(w.entity, w.old) : null;
  const checked = evaluateChecks(rules, env(ctx, w.kind, record, old, relatedData), { kind: 'stored', record: stored }, w.path);
  if (checked.details.length > 0) throw errors.validationFailed(checked.details);
}

export const rulesStep: WriteStep = {
  name: 'rules',
  compile(entity, kind, registry) {
    const rules = registry.rules.get(entity.name);
    if (!rules || kind === 'cascade') return null;
    const phases: StepPhases = {};
    if (kind === 'delete') {
      const hook = rules.before_delete;
      if (!hook) return null;
      phases.beforeWrite = (w, run) => evaluated(w, run.ctx.span, 'before_delete', hook,
        async () => storedChecks(w, run.ctx, hook, w.old!, await related(run, registry, entity, hook, w.old!)));
      return phases;
    }
    const before = rules.before_write;
    if (before) {
      if (kind === 'create' && before.loads.length === 0) {
        phases.check = (w, ctx) => evaluated(w, ctx.span, 'before_write', before, () => beforeWrite(w, ctx, before, w.values, NO_RELATED));
      } else {
        phases.beforeWrite = (w, run) => evaluated(w, run.ctx.span, 'before_write', before, async () => {
          const merged = prospective(w);
          beforeWrite(w, run.ctx, before, merged, await related(run, registry, entity, before, merged)); // step 12 first
        });
      }
    }
    const after = rules.after_write;
    if (after) {
      phases.afterWrite = (w, run) => evaluated(w, run.ctx.span, 'after_write', after,
        async () => storedChecks(w, run.ctx, after, w.record!, await related(run, registry, entity, after, w.record!)));
    }
    return phases.check || phases.beforeWrite || phases.afterWrite ? phases : null;
  },
};
