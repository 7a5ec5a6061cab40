// Running the check phase and asking whether a write needs a transaction, kept apart from the step
// list (./index.ts) so that a step may run another record's checks (create_record) without an
// import cycle.
import type { WriteContext } from '../write-context.js';
import type { RecordWrite } from './types.js';

/** Runs the check phase of a write (before BEGIN, or as soon as a child's operation is known). */
export function runChecks(w: RecordWrite, ctx: WriteContext): void {
  const check = w.entity.steps[w.kind].check;
  if (check) for (const fn of check) fn(w, ctx);
}

/** Whether any step has transactional work for this write (otherwise one statement will do). */
export function needsTransaction(w: RecordWrite, ctx: WriteContext): boolean {
  const transactional = w.entity.steps[w.kind].transactional;
  if (!transactional) return false;
  for (const probe of transactional) if (probe === true || probe(w, ctx)) return true;
  return false;
}
