// The workflow model of logic.md §4: the stored definition (gotos always in object form) and the
// `_workflow_instances` row as the API returns it (§4.7).

export const STEP_TYPES = ['action', 'condition', 'approval'] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const WORKFLOW_ACTION_TYPES = ['set_field', 'webhook', 'create_record', 'send_event'] as const;
export type WorkflowActionType = (typeof WORKFLOW_ACTION_TYPES)[number];

/** A goto as stored and returned (§4.4): `{"goto": "end"}` or `{"goto": "<step id>"}`. */
export interface Goto {
  goto: string;
}

export const END = 'end';

export type Trigger =
  | { type: 'state_change'; entity: string; field: string; to: string }
  | { type: 'event'; event: string; entity?: string };

export type Assignee =
  | { type: 'role'; role: string }
  | { type: 'fixed'; user: string }
  | { type: 'relation'; path: string };

export interface WorkflowSetField {
  type: 'set_field';
  entity: string;
  /** A path rooted at `context` (`context.claim_id`), a `{{ … }}` template, or a literal id (§4.5). */
  record_id: unknown;
  field: string;
  /** A literal, `"now"`, or a `{{ … }}` template. */
  value: unknown;
}

export interface WorkflowWebhook {
  type: 'webhook';
  url: string;
  method: string;
  headers: Record<string, string>;
}

export interface WorkflowCreateRecord {
  type: 'create_record';
  entity: string;
  data: Record<string, unknown>;
}

export interface WorkflowSendEvent {
  type: 'send_event';
  event: string;
  data?: Record<string, unknown>;
}

export type WorkflowAction = WorkflowSetField | WorkflowWebhook | WorkflowCreateRecord | WorkflowSendEvent;

export interface ActionStep {
  id: string;
  type: 'action';
  actions: WorkflowAction[];
  then: Goto;
}

export interface ConditionStep {
  id: string;
  type: 'condition';
  expression: string;
  on_true: Goto;
  on_false: Goto;
}

export interface ApprovalStep {
  id: string;
  type: 'approval';
  assignee?: Assignee;
  /** `^\d+(s|m|h|d)$`. */
  timeout?: string;
  on_approve: Goto;
  on_reject: Goto;
  /** Absent means the instance fails on timeout (§4.9). */
  on_timeout?: Goto;
}

export type WorkflowStep = ActionStep | ConditionStep | ApprovalStep;

/** A validated admin payload (§4.10), normalised. */
export interface WorkflowInput {
  name: string;
  trigger: Trigger;
  context: Record<string, unknown>;
  steps: WorkflowStep[];
  active: boolean;
}

/** A `_workflows` row as the admin API returns it. */
export interface StoredWorkflow extends WorkflowInput {
  id: string;
  created_at: string;
  updated_at: string;
}

export type InstanceStatus = 'running' | 'completed' | 'failed';

export interface HistoryEntry {
  step: string;
  status: 'completed' | 'on_true' | 'on_false' | 'approved' | 'rejected' | 'timed_out' | 'failed';
  at: string;
  by?: string;
  error?: string;
}

/** A `_workflow_instances` row as the API returns it (§4.7). */
export interface WorkflowInstance {
  id: string;
  workflow_id: string;
  workflow_name: string;
  status: InstanceStatus;
  /** `""` when null. */
  current_step: string;
  current_step_deadline: string | null;
  context: Record<string, unknown>;
  history: HistoryEntry[];
  created_at: string;
  updated_at: string;
}
