// The active state machines of every entity, compiled once per registry (logic.md §3): per machine
// its state field, initial state and transitions with guards, templates and set_field values
// already compiled, so enforcement parses nothing. A stored machine whose field no longer exists is
// logged and skipped (there is nothing to enforce); a transition whose guard or action no longer
// compiles is kept as broken, and taking it fails with its reason.
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { CompiledExpr } from '../expr/index.js';
import { compileExpression } from '../expr/index.js';
import type { Logger } from '../logger.js';
import { literalValue, NOW } from './set-field.js';
import { compileTemplate, type TemplateValue } from './templates.js';
import type { StoredStateMachine, TransitionDef, WebhookMethod } from './types.js';

export interface CompiledSetField {
  readonly field: CompiledField;
  /** True for "now"; otherwise `value` is the normalised literal. */
  readonly now: boolean;
  readonly value: unknown;
}

export type CompiledData = ReadonlyArray<readonly [key: string, value: TemplateValue]>;

export interface CompiledCreateRecord {
  readonly entity: CompiledEntity;
  readonly data: CompiledData;
}

export interface CompiledSendEvent {
  readonly event: string;
  readonly data: CompiledData | undefined;
}

export interface CompiledWebhook {
  readonly url: string;
  readonly method: WebhookMethod;
  readonly headers: Readonly<Record<string, string>>;
}

export interface CompiledTransition {
  readonly from: ReadonlySet<string>;
  readonly to: string;
  /** Lower-cased; empty = any caller. */
  readonly roles: readonly string[];
  readonly guard: CompiledExpr | undefined;
  readonly setFields: readonly CompiledSetField[];
  /** Step 24, in the transaction. */
  readonly creates: readonly CompiledCreateRecord[];
  /** After commit, through `_effects`. */
  readonly events: readonly CompiledSendEvent[];
  readonly webhooks: readonly CompiledWebhook[];
  /** Why the stored transition no longer compiles; taking it fails with this reason. */
  readonly broken?: string;
}

export interface CompiledMachine {
  readonly id: string;
  readonly field: CompiledField;
  readonly initial: string | undefined;
  readonly transitions: readonly CompiledTransition[];
  /** Whether any transition has work after the row is written (create_record, send_event, webhook). */
  readonly hasAfterWriteActions: boolean;
}

function compileData(data: unknown): CompiledData {
  if (!data || typeof data !== 'object') return [];
  return Object.entries(data as Record<string, unknown>).map(([key, value]) => [key, compileTemplate(value)] as const);
}

function compileTransition(def: TransitionDef, entity: CompiledEntity, registry: Registry): CompiledTransition {
  const setFields: CompiledSetField[] = [];
  const creates: CompiledCreateRecord[] = [];
  const events: CompiledSendEvent[] = [];
  const webhooks: CompiledWebhook[] = [];
  for (const action of def.actions ?? []) {
    switch (action.type) {
      case 'set_field': {
        const field = entity.fieldMap.get(action.field);
        if (!field) throw new Error(`set_field: field ${action.field} not found on entity ${entity.name}`);
        if (action.value === NOW) setFields.push({ field, now: true, value: undefined });
        else {
          const literal = literalValue(field, action.value);
          if (!literal.ok) throw new Error(`set_field: value is not valid for ${action.field}`);
          setFields.push({ field, now: false, value: literal.value });
        }
        break;
      }
      case 'create_record': {
        const target = registry.entity(action.entity);
        if (!target) throw new Error(`create_record: entity not found: ${action.entity}`);
        for (const key of Object.keys(action.data ?? {})) {
          if (!target.fieldMap.has(key)) throw new Error(`create_record: field ${key} not found on entity ${action.entity}`);
        }
        creates.push({ entity: target, data: compileData(action.data) });
        break;
      }
      case 'send_event':
        events.push({ event: action.event, data: action.data ? compileData(action.data) : undefined });
        break;
      case 'webhook':
        webhooks.push({ url: action.url, method: action.method ?? 'POST', headers: action.headers ?? {} });
        break;
      default:
        throw new Error(`invalid action type: ${String((action as { type: unknown }).type)}`);
    }
  }
  return {
    from: new Set((Array.isArray(def.from) ? def.from : [def.from]).map(String)),
    to: String(def.to),
    roles: (def.roles ?? []).map((r) => String(r).toLowerCase()),
    guard: typeof def.guard === 'string' && def.guard !== '' ? compileExpression(def.guard) : undefined,
    setFields, creates, events, webhooks,
  };
}

function compileMachine(row: StoredStateMachine, entity: CompiledEntity, field: CompiledField, registry: Registry, log: Logger): CompiledMachine {
  const transitions = (row.definition.transitions ?? []).map((def): CompiledTransition => {
    try {
      return compileTransition(def, entity, registry);
    } catch (err) {
      const reason = (err as Error).message;
      log.error({ stateMachine: row.id, entity: entity.name, reason }, 'stored state-machine transition does not compile; taking it fails');
      return {
        from: new Set((Array.isArray(def.from) ? def.from : [def.from]).map(String)), to: String(def.to), roles: [],
        guard: undefined, setFields: [], creates: [], events: [], webhooks: [], broken: reason,
      };
    }
  });
  const initial = row.definition.initial;
  return {
    id: row.id, field, initial: typeof initial === 'string' ? initial : undefined, transitions,
    hasAfterWriteActions: transitions.some((t) => t.creates.length + t.events.length + t.webhooks.length > 0),
  };
}

/** The active machines per entity, in creation order (the rows come ordered by entity, created_at). */
export function compileStateMachines(rows: readonly StoredStateMachine[], registry: Registry, log: Logger): ReadonlyMap<string, readonly CompiledMachine[]> {
  const out = new Map<string, CompiledMachine[]>();
  for (const row of rows) {
    if (!row.active) continue;
    const entity = registry.entity(row.entity);
    const field = entity?.fieldMap.get(row.field);
    if (!entity || !field) {
      log.error({ stateMachine: row.id, entity: row.entity, field: row.field }, 'stored state machine names an unknown entity or field; skipped');
      continue;
    }
    let list = out.get(row.entity);
    if (!list) out.set(row.entity, (list = []));
    list.push(compileMachine(row, entity, field, registry, log));
  }
  return out;
}

/** The initial state per state field of an entity's active machines, for step 7 of the payload validator. */
export function initialStates(machines: readonly CompiledMachine[] | undefined): ReadonlyMap<string, string> | undefined {
  if (!machines) return undefined;
  const out = new Map<string, string>();
  for (const m of machines) if (m.initial !== undefined) out.set(m.field.name, m.initial);
  return out.size > 0 ? out : undefined;
}
