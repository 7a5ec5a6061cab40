// Step 16 of write-pipeline.md §2.2 (logic.md §3.2–§3.3): the entity's active state machines.
// On create, the initial-state check (step 7 already put `initial` in place of an absent or null
// state, in the payload validator). On update, only for machines whose state field the payload
// carries: the transition is selected, its roles and guard checked, its set_field actions applied
// to the payload; its other actions are left on the write for the transition-actions step. An
// update that does not touch a state field keeps its plain path (no transaction is needed for it).
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import { errors, type ErrorDetail } from '../../errors.js';
import { ExprRuntimeError, truthy } from '../../expr/index.js';
import { isAdmin } from '../../permissions/authorize.js';
import { typedRecord } from '../../rules/values.js';
import type { CompiledMachine, CompiledTransition } from '../../state-machines/compile.js';
import { nowValue } from '../../state-machines/set-field.js';
import { prospective, writeEnv } from '../expression-env.js';
import type { WriteContext } from '../write-context.js';
import type { RecordWrite, WriteStep } from './types.js';
import { SPANS, errorCount, withSpan, type ActiveSpan, type Parent } from '../../tracing/index.js';

const NO_RELATED: Readonly<Record<string, unknown>> = Object.freeze({});
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** §3.3 step 1: a state as text, `""` for none. */
const stateText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function detail(w: RecordWrite, m: CompiledMachine, message: string): ErrorDetail {
  return { field: w.path + m.field.name, rule: 'state_machine', message };
}

/** §3.2: a client-supplied state other than `initial` is refused. */
function checkInitial(w: RecordWrite, machines: readonly CompiledMachine[]): void {
  const details: ErrorDetail[] = [];
  for (const m of machines) {
    const value = w.values[m.field.name];
    if (m.initial === undefined || value === undefined || value === null || String(value) === m.initial) continue;
    details.push(detail(w, m, `Initial state must be '${m.initial}', got '${String(value)}'`));
  }
  if (details.length > 0) throw errors.validationFailed(details);
}

function callerHasRole(ctx: WriteContext, roles: readonly string[]): boolean {
  const caller = ctx.caller;
  if (!caller) return false;
  if (isAdmin(caller)) return true;
  return caller.roles.some((r) => roles.includes(r.toLowerCase()));
}

/** §3.3 step 6: the guard over the prospective record (with the new state); a message when it refuses. */
function guardRefusal(w: RecordWrite, ctx: WriteContext, t: CompiledTransition, from: string, to: string): string | undefined {
  if (!t.guard) return undefined;
  const env = writeEnv(ctx, 'update', typedRecord(w.entity, prospective(w)), typedRecord(w.entity, w.old!), NO_RELATED);
  try {
    return truthy(t.guard.evaluate(env)) ? undefined : `Transition from '${from}' to '${to}' blocked by guard`;
  } catch (err) {
    if (err instanceof ExprRuntimeError) return `Guard evaluation error: ${err.reason}`;
    throw err;
  }
}

/** "now" for a field the admin check accepted it for. */
function nowOf(field: CompiledMachine['field'], now: Date): unknown {
  const v = nowValue(field, now);
  return v.ok ? v.value : null;
}

/** §3.3 for every machine whose field the payload carries; one 422 for all, a 403 at once. */
function enforceTransitions(w: RecordWrite, ctx: WriteContext, machines: readonly CompiledMachine[]): void {
  const details: ErrorDetail[] = [];
  for (const m of machines) {
    if (!hasOwn(w.values, m.field.name)) continue;
    const from = stateText(w.old![m.field.name]);
    const to = stateText(w.values[m.field.name]);
    if (from === to) continue; // 2
    const invalid = `Invalid transition from '${from}' to '${to}'`;
    if (from === '') { // 3: a record without a state may only enter the initial one (no actions)
      if (to !== m.initial) details.push(detail(w, m, invalid));
      continue;
    }
    const t = m.transitions.find((c) => c.to === to && c.from.has(from)); // 4
    if (!t) {
      details.push(detail(w, m, invalid));
      continue;
    }
    if (t.roles.length > 0 && !callerHasRole(ctx, t.roles)) throw errors.transitionRoleForbidden(from, to); // 5
    const refusal = t.broken ? `Transition from '${from}' to '${to}' cannot be taken: ${t.broken}` : guardRefusal(w, ctx, t, from, to); // 6
    if (refusal) {
      details.push(detail(w, m, refusal));
      continue;
    }
    for (const s of t.setFields) w.values[s.field.name] = s.now ? nowOf(s.field, ctx.now) : s.value; // 7
    if (t.creates.length + t.events.length + t.webhooks.length > 0) (w.transitions ??= []).push({ machine: m, transition: t, from, to });
  }
  if (details.length > 0) throw errors.validationFailed(details);
}

const countErrors = (span: ActiveSpan, err: unknown) => span.set('error_count', errorCount(err));

/** The machines' evaluation as a `state.transition` span (observability-and-audit.md §A3):
 * `machine_count`, `error_count` (the 422's details; 1 for a refused role). */
function evaluated(w: RecordWrite, parent: Parent, machines: readonly CompiledMachine[], fn: () => void): void {
  withSpan(parent, SPANS.stateTransition, w.entity.name, w.pk, (span) => {
    span.set('machine_count', machines.length).set('error_count', 0);
    fn();
  }, countErrors);
}

/** Whether the payload carries the state field of one of `machines`. */
export function touchesState(w: RecordWrite, machines: readonly CompiledMachine[]): boolean {
  for (const m of machines) if (hasOwn(w.values, m.field.name)) return true;
  return false;
}

export function machinesOf(entity: CompiledEntity, registry: { stateMachines: ReadonlyMap<string, readonly CompiledMachine[]> }) {
  const machines = registry.stateMachines.get(entity.name);
  return machines && machines.length > 0 ? machines : undefined;
}

export const stateMachineStep: WriteStep = {
  name: 'state machines',
  compile(entity, kind, registry) {
    const machines = machinesOf(entity, registry);
    if (!machines) return null;
    if (kind === 'create') {
      // No database work: the check phase, so a create keeps its single statement.
      return machines.some((m) => m.initial !== undefined) ? { check: (w, ctx) => evaluated(w, ctx.span, machines, () => checkInitial(w, machines)) } : null;
    }
    if (kind !== 'update') return null;
    return {
      // Only a payload with a state field is evaluated (and traced); enforceTransitions skips the others.
      beforeWrite: (w, run) => (touchesState(w, machines) ? evaluated(w, run.ctx.span, machines, () => enforceTransitions(w, run.ctx, machines)) : undefined),
      needsTransaction: (w) => touchesState(w, machines),
    };
  },
};
