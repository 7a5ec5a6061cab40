// The four workflow actions (logic.md §4.5). A failing action throws ActionFailed with the text the
// instance's history records; the engine marks the instance `failed`.
//   set_field      a direct update of one live record in its own transaction: the field and the
//                  entity's `auto: "update"` fields; no rules, machines, permissions, webhooks or
//                  triggers; one audit entry with source `workflow`.
//   webhook        sent asynchronously with the context as its body; never fails the step.
//   create_record  the full create pipeline in its own transaction (no permission check).
//   send_event     a business event, then the workflows it triggers.
import { captureChange } from '../audit/capture.js';
import { entityPlan } from '../audit/plan.js';
import type { CompiledEntity } from '../compile/compiled-entity.js';
import { AppError } from '../errors.js';
import { ExprRuntimeError, type ExprEnv } from '../expr/index.js';
import { insertBusinessEvent } from '../effects/perform.js';
import { deliveryHeaders, resolveHeaderTemplates } from '../outbound/header-templates.js';
import { parsePkValue } from '../metadata/primary-key.js';
import { literalValue, nowValue, NOW } from '../state-machines/set-field.js';
import { newId } from '../ids.js';
import { spanRef } from '../tracing/index.js';
import { createRecord } from '../write/create-update.js';
import { lockRow } from '../write/lock.js';
import { updateRow } from '../write/row-sql.js';
import { writeContext } from '../write/write-context.js';
import type { CompiledWorkflowAction } from './compile.js';
import { evaluateData, resolveRecordId, templateValue } from './context.js';
import type { WorkflowRun } from './run.js';

/** A failed action; `message` goes into the history entry (§4.6). */
export class ActionFailed extends Error {}

const WEBHOOK_TIMEOUT_MS = 30_000;

/** Evaluates templates, turning a runtime error into the action's failure. */
function evaluated<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ExprRuntimeError) throw new ActionFailed(`template evaluation error: ${err.reason}`);
    throw err;
  }
}

/** An AppError's message with its details, e.g. `Validation failed: amount: amount is required`. */
function appErrorText(err: AppError): string {
  const details = err.details?.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)) ?? [];
  return details.length > 0 ? `${err.message}: ${details.join('; ')}` : err.message;
}

function entityOf(run: WorkflowRun, name: string): CompiledEntity {
  const entity = run.app.registry.entity(name);
  if (!entity) throw new ActionFailed(`unknown entity: ${name}`);
  return entity;
}

async function setField(run: WorkflowRun, a: Extract<CompiledWorkflowAction, { type: 'set_field' }>, env: ExprEnv): Promise<void> {
  const entity = entityOf(run, a.entity);
  const field = entity.fieldMap.get(a.field);
  if (!field) throw new ActionFailed(`unknown field: ${a.field} on entity ${a.entity}`);
  const id = evaluated(() => resolveRecordId(a.recordId, env));
  if (id === null) throw new ActionFailed('record_id resolved to null');
  const pk = parsePkValue(entity.pkType, String(id));
  if (!pk.ok) throw new ActionFailed(`${a.entity} record not found: ${String(id)}`);
  const raw = evaluated(() => templateValue(a.value, env));
  const now = new Date();
  const coerced = raw === NOW ? nowValue(field, now) : literalValue(field, raw);
  if (!coerced.ok) throw new ActionFailed(`invalid value for ${a.entity}.${a.field}`);
  const values: Record<string, unknown> = { [field.name]: coerced.value };
  for (const f of entity.fields) if (f.auto === 'update') values[f.name] = f.type.autoValue!(now);
  const { db } = run.app;
  await db.transaction(async (tx) => {
    const old = await lockRow(tx, entity, pk.value);
    if (!old) throw new ActionFailed(`${a.entity} record not found: ${String(id)}`);
    const record = await updateRow(tx, entity, pk.value, values);
    await captureChange(tx, db.dialect, run.audit, entityPlan(entity, run.audit.settings), {
      action: 'update', recordId: String(pk.value), before: old, after: record, now,
    });
  }, { write: true });
}

function sendWebhook(run: WorkflowRun, a: Extract<CompiledWorkflowAction, { type: 'webhook' }>, stepId: string): void {
  const { effects, log } = run.services;
  const headers = deliveryHeaders(resolveHeaderTemplates({ ...a.headers }), {
    'Content-Type': 'application/json', 'User-Agent': 'Rocket-Workflows/1', 'Idempotency-Key': `wf_${run.instanceId}_${stepId}_${newId()}`,
  });
  const body = a.method === 'GET' ? undefined : JSON.stringify(run.context);
  const sending = effects.sender.send({ url: a.url, method: a.method, headers, body, timeoutMs: WEBHOOK_TIMEOUT_MS })
    .then((res) => {
      if (res.status < 200 || res.status >= 300) log.warn({ app: run.app.name, instance: run.instanceId, step: stepId, status: res.status }, 'workflow webhook answered with an error');
    })
    .catch((err: unknown) => {
      log.warn({ app: run.app.name, instance: run.instanceId, step: stepId, error: err instanceof Error ? err.message : String(err) }, 'workflow webhook failed');
    })
    .finally(() => effects.inflight.delete(sending));
  effects.inflight.add(sending);
}

async function createRecordAction(run: WorkflowRun, a: Extract<CompiledWorkflowAction, { type: 'create_record' }>, env: ExprEnv): Promise<void> {
  const entity = entityOf(run, a.entity);
  const data = evaluated(() => evaluateData(a.data, env));
  const { app, services } = run;
  const ctx = writeContext(app.db, app.registry, undefined, services.log, services.bus && { bus: services.bus, app: app.name },
    services.effects, services.webhooks, run.audit, run.span);
  try {
    await createRecord(ctx, entity, data, true);
  } catch (err) {
    if (err instanceof AppError) throw new ActionFailed(appErrorText(err));
    throw err;
  }
}

async function sendEvent(run: WorkflowRun, a: Extract<CompiledWorkflowAction, { type: 'send_event' }>, env: ExprEnv): Promise<void> {
  const data = a.data ? evaluated(() => evaluateData(a.data!, env)) : {};
  const recordId = run.context.record_id;
  const event = {
    action: a.event, entity: run.workflow.trigger.entity ?? null,
    record_id: recordId === undefined || recordId === null ? null : String(recordId),
    user_id: null, metadata: { source: 'workflow', workflow: run.workflow.name, instance_id: run.instanceId, data },
    created_at: new Date().toISOString(),
    ...spanRef(run.span),
  };
  await insertBusinessEvent(run.app.db, newId(), event);
  await run.startEventWorkflows(a.event, event.entity, event.record_id, data);
}

/** Runs one action; throws ActionFailed (or a database error) when it fails. */
export async function runAction(run: WorkflowRun, action: CompiledWorkflowAction, env: ExprEnv, stepId: string): Promise<void> {
  switch (action.type) {
    case 'set_field': return setField(run, action, env);
    case 'webhook': return sendWebhook(run, action, stepId);
    case 'create_record': return createRecordAction(run, action, env);
    case 'send_event': return sendEvent(run, action, env);
  }
}
