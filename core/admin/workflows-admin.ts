// The workflow admin operations of logic.md §4.10: CRUD on `_workflows`, then — after every
// successful write — a rebuilt registry and a notice to the other instances (AdminService), exactly
// like state machines and rules.
//
// Names are unique per app: a query answers the 409 in the common case, and the unique index on
// `name` answers it for writes racing past that query, so concurrent POSTs of one name give exactly
// one 201. The 409 is the last check (§4.10): every validation failure wins over it. A deleted
// workflow's instances go by the foreign key's ON DELETE CASCADE (migrations/app/008-workflows.ts).
import { errors } from '../errors.js';
import { isUuid, newId } from '../ids.js';
import { decodeWorkflowRow, WORKFLOW_COLUMNS, workflowsSql } from '../workflows/stored-row.js';
import type { StoredWorkflow, WorkflowInput } from '../workflows/types.js';
import { validateWorkflow } from '../workflows/validate.js';
import { AdminService } from './admin-service.js';

type Row = Record<string, unknown>;

export class WorkflowsAdmin extends AdminService {
  private decode(row: Row | undefined, id: string): StoredWorkflow {
    if (!row) throw errors.workflowNotFound(id);
    return decodeWorkflowRow(this.db.dialect, row);
  }

  private params(input: WorkflowInput): unknown[] {
    const d = this.db.dialect;
    return [input.name, d.encodeJson(input.trigger), d.encodeJson(input.context), d.encodeJson(input.steps), d.encodeBool(input.active)];
  }

  /** 409 when another workflow (not `exceptId`) already has the input's name. */
  private async checkNameFree(input: WorkflowInput, exceptId?: string): Promise<void> {
    const rows = await this.db.query<{ id: unknown }>('SELECT id FROM _workflows WHERE name = $1', [input.name]);
    if (rows.some((r) => String(r.id) !== exceptId)) throw errors.workflowExists(input.name);
  }

  /** Runs a write; a unique violation (a concurrent write took the name) becomes the same 409. */
  private guardUnique(input: WorkflowInput, write: () => Promise<Row[]>): Promise<Row[]> {
    return this.unlessTaken(() => errors.workflowExists(input.name), write);
  }

  /** Every workflow, by name. */
  async list(): Promise<StoredWorkflow[]> {
    const rows = await this.db.query<Row>(workflowsSql(this.db.dialect));
    return rows.map((r) => decodeWorkflowRow(this.db.dialect, r));
  }

  async get(id: string): Promise<StoredWorkflow> {
    // Ids that are not UUIDs are "not found" without a query.
    if (!isUuid(id)) throw errors.workflowNotFound(id);
    const [row] = await this.db.query<Row>(`SELECT ${WORKFLOW_COLUMNS} FROM _workflows WHERE id = $1`, [id.toLowerCase()]);
    return this.decode(row, id);
  }

  async create(body: unknown): Promise<StoredWorkflow> {
    const input = validateWorkflow(body);
    await this.checkNameFree(input);
    const now = new Date().toISOString();
    const [row] = await this.guardUnique(input, () => this.db.query<Row>(
      `INSERT INTO _workflows (${WORKFLOW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${WORKFLOW_COLUMNS}`,
      [newId(), ...this.params(input), now],
    ));
    await this.changed();
    return this.decode(row, '');
  }

  /** Full replacement (the name may change, created_at is kept); an unknown id is 404 before the body is looked at. */
  async update(id: string, body: unknown): Promise<StoredWorkflow> {
    const current = await this.get(id);
    const input = validateWorkflow(body);
    await this.checkNameFree(input, current.id);
    const [row] = await this.guardUnique(input, () => this.db.query<Row>(
      `UPDATE _workflows SET name = $1, trigger = $2, context = $3, steps = $4, active = $5, updated_at = $6 ` +
        `WHERE id = $7 RETURNING ${WORKFLOW_COLUMNS}`,
      [...this.params(input), new Date().toISOString(), current.id],
    ));
    const updated = this.decode(row, id); // deleted concurrently → 404
    await this.changed();
    return updated;
  }

  /** Its instances go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (!isUuid(id)) throw errors.workflowNotFound(id);
    const rows = await this.db.query<Row>('DELETE FROM _workflows WHERE id = $1 RETURNING id', [id.toLowerCase()]);
    if (rows.length === 0) throw errors.workflowNotFound(id);
    await this.changed();
    return { id: String(rows[0].id), deleted: true };
  }
}
