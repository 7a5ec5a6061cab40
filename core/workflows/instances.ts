// `_workflow_instances` (logic.md §4.7): reading, inserting and saving rows. Every save is a
// conditional UPDATE on the row's `version`, which it bumps: whoever changes an instance must have
// read its latest state, so two approvals, an approval and a timeout, or two scheduler instances
// can never both advance it from the same step. Nothing holds a transaction across an advance,
// whose actions run transactions of their own (on SQLite, one writer at a time).
import type { Database, Dialect } from '../db/types.js';
import { isUuid } from '../ids.js';
import { DEFAULT_PAGE, DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, parsePositive } from '../query/parse-list-query.js';
import { textProblem } from '../text.js';
import type { HistoryEntry, InstanceStatus, WorkflowInstance } from './types.js';

const COLUMNS = 'id, workflow_id, workflow_name, status, current_step, current_step_deadline, context, history, version, created_at, updated_at';

/** An instance as read, with the version a save must match. */
export interface InstanceRow {
  instance: WorkflowInstance;
  version: number;
}

/** The mutable part of an instance, as one step of an advance leaves it. */
export interface InstanceState {
  status: InstanceStatus;
  current_step: string | null;
  current_step_deadline: string | null;
  history: HistoryEntry[];
}

function decode(d: Dialect, r: Record<string, unknown>): InstanceRow {
  return {
    instance: {
      id: String(r.id),
      workflow_id: String(r.workflow_id),
      workflow_name: String(r.workflow_name),
      status: String(r.status) as InstanceStatus,
      current_step: r.current_step == null ? '' : String(r.current_step),
      current_step_deadline: d.decodeTimestamp(r.current_step_deadline) ?? null,
      context: d.decodeJson<Record<string, unknown>>(r.context),
      history: d.decodeJson<HistoryEntry[]>(r.history),
      created_at: d.decodeTimestamp(r.created_at)!,
      updated_at: d.decodeTimestamp(r.updated_at)!,
    },
    version: Number(r.version),
  };
}

/** The instance `id`, or undefined for an unknown or malformed id. */
export async function readInstance(db: Database, id: string): Promise<InstanceRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM _workflow_instances WHERE id = $1`, [id.toLowerCase()]);
  return row ? decode(db.dialect, row) : undefined;
}

/** Inserts a new running instance; false when `id` exists already (this start happened before). */
export async function insertInstance(
  db: Database, id: string, wf: { id: string; name: string }, step: string, deadline: string | null, context: Record<string, unknown>,
  recordId: string | null, now: Date,
): Promise<boolean> {
  const d = db.dialect;
  const rows = await db.query(
    `INSERT INTO _workflow_instances (id, workflow_id, workflow_name, status, current_step, current_step_deadline, context, history, record_id, version, created_at, updated_at) ` +
      `VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, $8, 0, $9, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, wf.id, wf.name, step, deadline, d.encodeJson(context), d.encodeJson([]), recordId, now.toISOString()],
  );
  return rows.length > 0;
}

/** Saves `state` if the row is still at `version`; answers whether it was (and bumps the version). */
export async function saveInstance(db: Database, id: string, version: number, state: InstanceState, now: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE _workflow_instances SET status = $1, current_step = $2, current_step_deadline = $3, history = $4, ' +
      'version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7 RETURNING id',
    [state.status, state.current_step, state.current_step_deadline, db.dialect.encodeJson(state.history), now.toISOString(), id, version],
  );
  return rows.length > 0;
}

export async function deleteInstance(db: Database, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query('DELETE FROM _workflow_instances WHERE id = $1 RETURNING id', [id.toLowerCase()]);
  return rows.length > 0;
}

/** §4.8 pending: running instances at a step, newest first (the caller filters by assignee). */
export async function runningAtStep(db: Database): Promise<WorkflowInstance[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM _workflow_instances WHERE status = 'running' AND current_step IS NOT NULL ORDER BY created_at DESC, id DESC`,
  );
  return rows.map((r) => decode(db.dialect, r).instance);
}

/** §4.9: running instances whose deadline has passed, oldest deadline first. */
export async function expiredInstances(db: Database, now: Date, limit: number): Promise<InstanceRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM _workflow_instances WHERE status = 'running' AND current_step_deadline IS NOT NULL ` +
      'AND current_step_deadline < $1 ORDER BY current_step_deadline, id LIMIT $2',
    [now.toISOString(), limit],
  );
  return rows.map((r) => decode(db.dialect, r));
}

export interface InstancePage {
  data: WorkflowInstance[];
  meta: { page: number; per_page: number; total: number };
}

const first = (v: unknown): string | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' && x !== '' ? x : undefined;
};

/** A filter no row can match: text the databases cannot even compare (core/text.ts). */
const unmatchable = (v: string | undefined): boolean => v !== undefined && textProblem(v) !== undefined;

/**
 * `GET /_workflows` (beyond the spec, for admins): instances by workflow (id or name), status and
 * the triggering record's id, newest first, paginated like entity lists.
 */
export async function listInstances(db: Database, query: Record<string, unknown>): Promise<InstancePage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const page = parsePositive(first(query.page), DEFAULT_PAGE, MAX_PAGE);
  const perPage = parsePositive(first(query.per_page), DEFAULT_PER_PAGE, MAX_PER_PAGE);
  if ([query.workflow, query.status, query.record_id].some((v) => unmatchable(first(v)))) {
    return { data: [], meta: { page, per_page: perPage, total: 0 } };
  }
  const workflow = first(query.workflow);
  if (workflow !== undefined) {
    params.push(workflow);
    where.push(isUuid(workflow) ? `workflow_id = $${params.length}` : `workflow_name = $${params.length}`);
    if (isUuid(workflow)) params[params.length - 1] = workflow.toLowerCase();
  }
  for (const key of ['status', 'record_id'] as const) {
    const v = first(query[key]);
    if (v === undefined) continue;
    params.push(v);
    where.push(`${key} = $${params.length}`);
  }
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM _workflow_instances${filter}`, params);
  const total = Number(count?.n ?? 0);
  const meta = { page, per_page: perPage, total };
  if (total === 0 || (page - 1) * perPage >= total) return { data: [], meta };
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM _workflow_instances${filter} ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, perPage, (page - 1) * perPage],
  );
  return { data: rows.map((r) => decode(db.dialect, r).instance), meta };
}
