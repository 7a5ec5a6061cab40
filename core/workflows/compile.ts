// The workflows of one app, compiled once per registry (logic.md §4): condition expressions and
// `{{ … }}` templates compiled, gotos reduced to their target, timeouts in milliseconds, and the
// active workflows indexed by what triggers them (state changes per entity, events per name), in
// name order (write-pipeline.md §7). Inactive workflows stay in `byId`: their running instances
// keep running (§4.1). A stored workflow that no longer compiles is logged and skipped.
import { compileExpression, type CompiledExpr } from '../expr/index.js';
import type { Logger } from '../logger.js';
import { compileTemplate, templateSource, type TemplateValue } from '../state-machines/templates.js';
import { parseDuration } from './duration.js';
import type { Assignee, Goto, StoredWorkflow, Trigger, WorkflowAction, WorkflowStep } from './types.js';

/** A `record_id` of a workflow action (§4.5): a context path, a template, or a literal id. */
export type RecordIdSource = { path: readonly string[] } | TemplateValue;

export type CompiledData = ReadonlyArray<readonly [key: string, value: TemplateValue]>;

export type CompiledWorkflowAction =
  | { type: 'set_field'; entity: string; recordId: RecordIdSource; field: string; value: TemplateValue }
  | { type: 'webhook'; url: string; method: string; headers: Readonly<Record<string, string>> }
  | { type: 'create_record'; entity: string; data: CompiledData }
  | { type: 'send_event'; event: string; data: CompiledData | undefined };

export type CompiledStep =
  | { type: 'action'; id: string; actions: readonly CompiledWorkflowAction[]; then: string }
  | { type: 'condition'; id: string; expression: CompiledExpr; onTrue: string; onFalse: string }
  | {
    type: 'approval'; id: string; assignee: Assignee | undefined; timeoutMs: number | undefined;
    onApprove: string; onReject: string; onTimeout: string | undefined;
  };

export interface CompiledWorkflow {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly trigger: Trigger;
  readonly context: Readonly<Record<string, unknown>>;
  readonly first: string;
  readonly steps: ReadonlyMap<string, CompiledStep>;
}

export interface AppWorkflows {
  /** Every workflow by id, active or not (an instance looks its definition up by id, §4.7). */
  readonly byId: ReadonlyMap<string, CompiledWorkflow>;
  /** Active `state_change` workflows per trigger entity, in name order. */
  readonly byStateChange: ReadonlyMap<string, readonly CompiledWorkflow[]>;
  /** Active `event` workflows per event name, in name order. */
  readonly byEvent: ReadonlyMap<string, readonly CompiledWorkflow[]>;
}

export const NO_WORKFLOWS: AppWorkflows = { byId: new Map(), byStateChange: new Map(), byEvent: new Map() };

const target = (g: Goto | undefined): string => g?.goto ?? 'end';

function compileData(data: Record<string, unknown> | undefined): CompiledData | undefined {
  return data ? Object.entries(data).map(([k, v]) => [k, compileTemplate(v)] as const) : undefined;
}

/** §4.5: `context.x.y` is a path, a `{{ … }}` string a template, anything else a literal id. */
export function recordIdSource(value: unknown): RecordIdSource {
  if (typeof value === 'string' && value.startsWith('context.') && templateSource(value) === undefined) {
    return { path: value.split('.').slice(1) };
  }
  return compileTemplate(value);
}

function compileAction(a: WorkflowAction): CompiledWorkflowAction {
  switch (a.type) {
    case 'set_field':
      return { type: 'set_field', entity: a.entity, recordId: recordIdSource(a.record_id), field: a.field, value: compileTemplate(a.value) };
    case 'webhook':
      return { type: 'webhook', url: a.url, method: a.method, headers: { ...a.headers } };
    case 'create_record':
      return { type: 'create_record', entity: a.entity, data: compileData(a.data)! };
    case 'send_event':
      return { type: 'send_event', event: a.event, data: compileData(a.data) };
  }
}

function compileStep(s: WorkflowStep): CompiledStep {
  switch (s.type) {
    case 'action':
      return { type: 'action', id: s.id, actions: s.actions.map(compileAction), then: target(s.then) };
    case 'condition':
      return { type: 'condition', id: s.id, expression: compileExpression(s.expression), onTrue: target(s.on_true), onFalse: target(s.on_false) };
    case 'approval':
      return {
        type: 'approval', id: s.id, assignee: s.assignee, timeoutMs: s.timeout === undefined ? undefined : parseDuration(s.timeout),
        onApprove: target(s.on_approve), onReject: target(s.on_reject), onTimeout: s.on_timeout ? s.on_timeout.goto : undefined,
      };
  }
}

export function compileWorkflow(row: StoredWorkflow): CompiledWorkflow {
  const steps = new Map(row.steps.map((s) => [s.id, compileStep(s)] as const));
  return { id: row.id, name: row.name, active: row.active, trigger: row.trigger, context: row.context, first: row.steps[0].id, steps };
}

function push<K>(map: Map<K, CompiledWorkflow[]>, key: K, wf: CompiledWorkflow): void {
  const list = map.get(key);
  if (list) list.push(wf);
  else map.set(key, [wf]);
}

/** `rows` ordered by name (as `workflowsSql` reads them). */
export function compileWorkflows(rows: readonly StoredWorkflow[], log: Logger): AppWorkflows {
  if (rows.length === 0) return NO_WORKFLOWS;
  const byId = new Map<string, CompiledWorkflow>();
  const byStateChange = new Map<string, CompiledWorkflow[]>();
  const byEvent = new Map<string, CompiledWorkflow[]>();
  for (const row of rows) {
    let wf: CompiledWorkflow;
    try {
      wf = compileWorkflow(row);
    } catch (err) {
      log.error({ err, workflow: row.name }, 'stored workflow no longer compiles; skipped');
      continue;
    }
    byId.set(wf.id, wf);
    if (!wf.active) continue;
    if (wf.trigger.type === 'state_change') push(byStateChange, wf.trigger.entity, wf);
    else push(byEvent, wf.trigger.event, wf);
  }
  return { byId, byStateChange, byEvent };
}

/** The event workflows a `send_event` of `entity` starts: those naming no entity or this one (§4.2). */
export function eventWorkflows(list: readonly CompiledWorkflow[] | undefined, entity: string | null): CompiledWorkflow[] {
  if (!list) return [];
  return list.filter((wf) => wf.trigger.type === 'event' && (wf.trigger.entity == null || wf.trigger.entity === entity));
}
