// The state-machine model of logic.md §3: the stored row, its normalised definition and the
// transition actions of §3.5.
export const ACTION_TYPES = ['set_field', 'create_record', 'send_event', 'webhook'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const WEBHOOK_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

export interface SetFieldAction {
  type: 'set_field';
  field: string;
  /** A literal valid for the field's type, or `"now"` (the request timestamp). */
  value: unknown;
}

export interface CreateRecordAction {
  type: 'create_record';
  entity: string;
  /** Field values; a string `{{ … }}` is an expression in the guard environment (§3.6). */
  data: Record<string, unknown>;
}

export interface SendEventAction {
  type: 'send_event';
  event: string;
  data?: Record<string, unknown>;
}

export interface WebhookAction {
  type: 'webhook';
  url: string;
  method: WebhookMethod;
  /** String values; `{{env.NAME}}` is resolved at send time. */
  headers: Record<string, string>;
}

export type TransitionAction = SetFieldAction | CreateRecordAction | SendEventAction | WebhookAction;

/** A transition as stored: `from` always an array, `roles` and `actions` always arrays, `guard` string or null. */
export interface TransitionDef {
  from: string[];
  to: string;
  roles: string[];
  guard: string | null;
  actions: TransitionAction[];
}

export interface MachineDefinition {
  initial?: string;
  transitions: TransitionDef[];
}

/** A validated admin payload (§3.8), normalised. */
export interface StateMachineInput {
  entity: string;
  field: string;
  definition: MachineDefinition;
  active: boolean;
}

/** A `_state_machines` row as the admin API returns it (§3.1). */
export interface StoredStateMachine extends StateMachineInput {
  id: string;
  created_at: string;
  updated_at: string;
}
