// The workflow engine (logic.md §4.6–§4.9): starting an instance, the advance loop, approvals and
// rejections, and timeouts. Every change of an instance is saved with `saveInstance`, a conditional
// UPDATE on the version it read (core/workflows/instances.ts): of two callers acting on one state
// (two approvals, an approval and the timeout scheduler, two scheduler instances) exactly one
// saves, and only that one advances. The loser re-reads and is answered from the new state
// (`422 INVALID_STATE` once the step was resolved). The instance row is saved after every step.
import { AsyncLocalStorage } from 'node:async_hooks';
import { auditActor } from '../audit/actor.js';
import type { Caller } from '../auth/tokens.js';
import { errors } from '../errors.js';
import { ExprRuntimeError, truthy } from '../expr/index.js';
import { AppError } from '../errors.js';
import type { TriggerEnv, WorkflowStarter, WorkflowStartPayload } from '../effects/types.js';
import { isAdmin } from '../permissions/authorize.js';
import { newId } from '../ids.js';
import { SPANS, withSpan, type Parent } from '../tracing/index.js';
import { ActionFailed, runAction } from './actions.js';
import { mayResolve } from './assignee.js';
import { eventWorkflows, type CompiledStep, type CompiledWorkflow } from './compile.js';
import { mapContext, workflowEnv } from './context.js';
import {
  insertInstance, readInstance, runningAtStep, saveInstance, type InstanceRow, type InstanceState,
} from './instances.js';
import type { WorkflowApp, WorkflowRun, WorkflowServices } from './run.js';
import { END, type HistoryEntry, type WorkflowInstance } from './types.js';

/** §4.6: more steps than this in one advance without pausing fail the instance (cycles). */
export const MAX_STEPS_PER_ADVANCE = 100;
/**
 * Beyond the spec: how deep workflows may start workflows (a create_record or send_event of one
 * triggering another, synchronously, before the response). Deeper starts are logged and skipped,
 * so a trigger cycle cannot hang a request.
 */
export const MAX_START_DEPTH = 8;

const startDepth = new AsyncLocalStorage<number>();

const stamp = () => new Date().toISOString();

function stateOf(i: WorkflowInstance): InstanceState {
  return { status: i.status, current_step: i.current_step || null, current_step_deadline: i.current_step_deadline, history: [...i.history] };
}

function fail(state: InstanceState, step: string, error: string): void {
  state.status = 'failed';
  state.current_step_deadline = null;
  state.history.push({ step, status: 'failed', error, at: stamp() });
}

/** When an approval step entered now times out (§4.9), or null without a timeout. */
function deadlineOf(step: CompiledStep | undefined): string | null {
  return step?.type === 'approval' && step.timeoutMs !== undefined ? new Date(Date.now() + step.timeoutMs).toISOString() : null;
}

/**
 * Follows a goto: `end` completes the instance, anything else becomes the current step. An
 * approval step gets its deadline here (and a first step in startInstance), in the same write that
 * moves the instance onto it, so no stored state (read by a client, or left by a crash before the
 * next save) sits at an approval without its timeout.
 */
function follow(wf: CompiledWorkflow, state: InstanceState, target: string): void {
  if (target === END) {
    state.status = 'completed';
    state.current_step = null;
    state.current_step_deadline = null;
  } else {
    state.current_step = target;
    state.current_step_deadline = deadlineOf(wf.steps.get(target));
  }
}

function errorText(err: unknown): string {
  return err instanceof ActionFailed || err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err);
}

export class WorkflowEngine implements WorkflowStarter {
  constructor(
    private readonly apps: { get(name: string): WorkflowApp | undefined },
    private readonly services: WorkflowServices,
  ) {}

  /** The effect a committed write recorded (core/effects/): starts the instance once. */
  async start(appName: string, instanceId: string, payload: WorkflowStartPayload, parent?: Parent): Promise<void> {
    const app = this.apps.get(appName);
    if (!app) throw new Error(`app ${appName} is not loaded`);
    const wf = app.registry.workflows.byId.get(payload.workflow_id);
    if (!wf) {
      this.services.log.warn({ app: appName, workflow: payload.workflow_id }, 'a triggered workflow was deleted before it started');
      return;
    }
    await this.startInstance(app, wf, instanceId, payload.trigger, parent);
  }

  /** §4.6: inserts the instance (unless `instanceId` exists: it started before) and advances it. */
  async startInstance(app: WorkflowApp, wf: CompiledWorkflow, instanceId: string, trigger: TriggerEnv, parent?: Parent): Promise<void> {
    const depth = startDepth.getStore() ?? 0;
    if (depth >= MAX_START_DEPTH) {
      this.services.log.warn({ app: app.name, workflow: wf.name }, `workflows started workflows ${MAX_START_DEPTH} deep; this start is skipped`);
      return;
    }
    const context = mapContext(wf.context, trigger);
    const state: InstanceState = { status: 'running', current_step: wf.first, current_step_deadline: deadlineOf(wf.steps.get(wf.first)), history: [] };
    if (!(await insertInstance(app.db, instanceId, wf, wf.first, state.current_step_deadline, context, trigger.record_id, new Date()))) return;
    await startDepth.run(depth + 1, () => this.advance(app, wf, instanceId, context, state, 0, undefined, parent));
  }

  private runOf(app: WorkflowApp, wf: CompiledWorkflow, instanceId: string, context: Record<string, unknown>, caller: Caller | undefined, span: Parent): WorkflowRun {
    return {
      app, services: this.services, workflow: wf, instanceId, context, span,
      audit: auditActor(this.services.audit, { caller, source: 'workflow' }),
      startEventWorkflows: (event, entity, recordId, data) => this.startEventWorkflows(app, event, entity, recordId, data, span),
    };
  }

  /** §3.7 / §4.2 for an event a workflow emitted: `record` is null, `record_id` the context's. */
  private async startEventWorkflows(
    app: WorkflowApp, event: string, entity: string | null, recordId: string | null, data: Record<string, unknown>, parent: Parent,
  ): Promise<void> {
    for (const wf of eventWorkflows(app.registry.workflows.byEvent.get(event), entity)) {
      const trigger: TriggerEnv = { record_id: recordId, record: null, entity, field: null, from: null, to: null, event, data };
      await this.startInstance(app, wf, newId(), trigger, parent);
    }
  }

  /**
   * The advance loop of §4.6 from `state` (saved at `version`), until the instance pauses at an
   * approval or finishes. Action and condition failures fail the instance; only a database failure
   * saving it is thrown.
   */
  private advance(
    app: WorkflowApp, wf: CompiledWorkflow, instanceId: string, context: Record<string, unknown>, state: InstanceState, version: number,
    caller: Caller | undefined, parent: Parent,
  ): Promise<void> {
    // observability-and-audit.md §A3: each advance loop is a `workflow.advance` span; `result` is
    // `paused` or `completed`, and beyond the spec `failed`, or `stopped` when someone else took
    // the instance over.
    return withSpan(parent, SPANS.workflowAdvance, null, null, async (span) => {
      span.set('instance_id', instanceId).set('workflow_name', wf.name);
      const result = await this.advanceLoop(app, wf, instanceId, context, state, version, caller, span);
      span.set('result', result);
    });
  }

  private async advanceLoop(
    app: WorkflowApp, wf: CompiledWorkflow, instanceId: string, context: Record<string, unknown>, state: InstanceState, version: number,
    caller: Caller | undefined, span: Parent,
  ): Promise<'paused' | 'completed' | 'failed' | 'stopped'> {
    const run = this.runOf(app, wf, instanceId, context, caller, span);
    let steps = 0;
    while (state.status === 'running') {
      const id = state.current_step!;
      const step = wf.steps.get(id);
      let pause = false;
      if (!step) fail(state, id, 'step not found');
      else if (step.type === 'approval') pause = true; // its deadline was set on entering it (follow, start)
      else if (++steps > MAX_STEPS_PER_ADVANCE) fail(state, id, 'step limit exceeded');
      else await this.runStep(run, step, state);
      if (!(await saveInstance(app.db, instanceId, version, state, new Date()))) {
        // Deleted (DELETE /_workflows/:id) or changed by someone else: it is theirs now.
        this.services.log.warn({ app: app.name, instance: instanceId }, 'workflow instance changed during its advance; stopped');
        return 'stopped';
      }
      version++;
      if (pause) return 'paused';
    }
    return state.status === 'completed' ? 'completed' : 'failed';
  }

  private async runStep(run: WorkflowRun, step: Exclude<CompiledStep, { type: 'approval' }>, state: InstanceState): Promise<void> {
    const env = workflowEnv(run.context, new Date());
    if (step.type === 'condition') {
      let result: boolean;
      try {
        result = truthy(step.expression.evaluate(env));
      } catch (err) {
        if (!(err instanceof ExprRuntimeError)) throw err;
        return fail(state, step.id, `expression error: ${err.reason}`);
      }
      state.history.push({ step: step.id, status: result ? 'on_true' : 'on_false', at: stamp() });
      return follow(run.workflow, state, result ? step.onTrue : step.onFalse);
    }
    for (const action of step.actions) {
      try {
        await runAction(run, action, env, step.id);
      } catch (err) {
        if (!(err instanceof ActionFailed || err instanceof AppError)) {
          this.services.log.error({ err, app: run.app.name, instance: run.instanceId, step: step.id }, 'workflow action failed');
        }
        return fail(state, step.id, errorText(err));
      }
    }
    state.history.push({ step: step.id, status: 'completed', at: stamp() });
    follow(run.workflow, state, step.then);
  }

  /**
   * §4.8 approve / reject: resolves the current approval step as `decision` by `by`, then advances.
   * Answers the instance as re-read afterwards.
   */
  async resolve(app: WorkflowApp, id: string, caller: Caller, by: string, decision: 'approved' | 'rejected', parent?: Parent): Promise<WorkflowInstance> {
    for (;;) {
      const row = await readInstance(app.db, id);
      if (!row) throw errors.workflowInstanceNotFound(id);
      const { instance } = row;
      if (instance.status !== 'running') throw errors.workflowNotRunning(instance.status);
      const wf = app.registry.workflows.byId.get(instance.workflow_id);
      const step = wf?.steps.get(instance.current_step);
      if (!wf || !step || step.type !== 'approval') throw errors.workflowNotAtApproval();
      if (!mayResolve(caller, step.assignee, instance.context)) throw errors.notAnAssignee();
      const state = stateOf(instance);
      const entry: HistoryEntry = { step: step.id, status: decision, by, at: stamp() };
      state.history.push(entry);
      follow(wf, state, decision === 'approved' ? step.onApprove : step.onReject);
      // Someone else changed it since it was read: decide again on what it is now.
      if (!(await saveInstance(app.db, instance.id, row.version, state, new Date()))) continue;
      if (state.status === 'running') await this.advance(app, wf, instance.id, instance.context, state, row.version + 1, caller, parent);
      const after = await readInstance(app.db, instance.id);
      if (!after) throw errors.workflowInstanceNotFound(id);
      return after.instance;
    }
  }

  /**
   * §4.9 for one expired instance: `timed_out`, then `on_timeout` (missing: failed; `end`:
   * completed; a step: advance). False when another caller changed the instance first.
   */
  async timeout(app: WorkflowApp, row: InstanceRow, parent?: Parent): Promise<boolean> {
    const { instance } = row;
    const wf = app.registry.workflows.byId.get(instance.workflow_id);
    const step = wf?.steps.get(instance.current_step);
    const state = stateOf(instance);
    state.current_step_deadline = null;
    if (!wf || !step || step.type !== 'approval') return saveInstance(app.db, instance.id, row.version, state, new Date());
    state.history.push({ step: step.id, status: 'timed_out', at: stamp() });
    if (step.onTimeout === undefined) {
      state.status = 'failed';
      state.current_step = null;
    } else {
      follow(wf, state, step.onTimeout);
    }
    if (!(await saveInstance(app.db, instance.id, row.version, state, new Date()))) return false;
    if (state.status === 'running') await this.advance(app, wf, instance.id, instance.context, state, row.version + 1, undefined, parent);
    return true;
  }

  /** §4.8 pending: every running instance at a step for admins; others only those they may resolve. */
  async pending(app: WorkflowApp, caller: Caller): Promise<WorkflowInstance[]> {
    const all = await runningAtStep(app.db);
    if (isAdmin(caller)) return all;
    return all.filter((i) => {
      const step = app.registry.workflows.byId.get(i.workflow_id)?.steps.get(i.current_step);
      return step?.type === 'approval' && mayResolve(caller, step.assignee, i.context);
    });
  }
}
