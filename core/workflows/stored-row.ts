// Reading `_workflows` rows (logic.md §4.10): one query and one decoder shared by the registry
// loader and the admin API, so both see the same representation on both dialects.
import type { Dialect } from '../db/types.js';
import type { StoredWorkflow, Trigger, WorkflowStep } from './types.js';

export const WORKFLOW_COLUMNS = 'id, name, trigger, context, steps, active, created_at, updated_at';

/** Every workflow, ordered by name (§4.10; byte order on every dialect). */
export function workflowsSql(dialect: Dialect): string {
  return `SELECT ${WORKFLOW_COLUMNS} FROM _workflows ORDER BY ${dialect.byteOrder('name')}`;
}

export function decodeWorkflowRow(d: Dialect, r: Record<string, unknown>): StoredWorkflow {
  return {
    id: String(r.id),
    name: String(r.name),
    trigger: d.decodeJson<Trigger>(r.trigger),
    context: d.decodeJson<Record<string, unknown>>(r.context),
    steps: d.decodeJson<WorkflowStep[]>(r.steps),
    active: d.decodeBool(r.active),
    created_at: d.decodeTimestamp(r.created_at)!,
    updated_at: d.decodeTimestamp(r.updated_at)!,
  };
}
