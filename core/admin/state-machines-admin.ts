// The state-machine admin operations of logic.md §3.8: CRUD on `_state_machines`, validated
// against the app's current registry, then — after every successful write — a rebuilt registry and
// a notice to the other instances (AdminService), exactly like rules and metadata changes.
//
// One machine per (entity, field): a query answers the 409 in the common case, and the unique
// index answers it for writes racing past that query, so concurrent POSTs of one pair give
// exactly one 201. The 409 is the last check (§3.8): every other validation failure wins over it.
import { errors } from '../errors.js';
import { isUuid, newId } from '../ids.js';
import { textProblem } from '../text.js';
import { decodeStateMachineRow, STATE_MACHINE_COLUMNS, stateMachinesSql } from '../state-machines/stored-row.js';
import type { StateMachineInput, StoredStateMachine } from '../state-machines/types.js';
import { validateStateMachine } from '../state-machines/validate.js';
import { AdminService } from './admin-service.js';

type Row = Record<string, unknown>;

export class StateMachinesAdmin extends AdminService {
  private decode(row: Row | undefined, id: string): StoredStateMachine {
    if (!row) throw errors.stateMachineNotFound(id);
    return decodeStateMachineRow(this.db.dialect, row);
  }

  private params(input: StateMachineInput): unknown[] {
    const d = this.db.dialect;
    return [input.entity, input.field, d.encodeJson(input.definition), d.encodeBool(input.active)];
  }

  /** 409 when another machine (not `exceptId`) already holds the input's (entity, field). */
  private async checkPairFree(input: StateMachineInput, exceptId?: string): Promise<void> {
    const rows = await this.db.query<{ id: unknown }>(
      'SELECT id FROM _state_machines WHERE entity = $1 AND field = $2', [input.entity, input.field],
    );
    if (rows.some((r) => String(r.id) !== exceptId)) throw errors.stateMachineExists(input.entity, input.field);
  }

  /** Runs a write; a unique violation (a concurrent write took the pair) becomes the same 409. */
  private guardUnique(input: StateMachineInput, write: () => Promise<Row[]>): Promise<Row[]> {
    return this.unlessTaken(() => errors.stateMachineExists(input.entity, input.field), write);
  }

  /** Every machine, or one entity's (`?entity=`), by entity, created_at. */
  async list(entity?: unknown): Promise<StoredStateMachine[]> {
    const byEntity = typeof entity === 'string';
    // No entity name holds text the database cannot take (core/text.ts): nothing to list.
    if (byEntity && textProblem(entity)) return [];
    const rows = await this.db.query<Row>(stateMachinesSql(this.db.dialect, byEntity), byEntity ? [entity] : []);
    return rows.map((r) => decodeStateMachineRow(this.db.dialect, r));
  }

  async get(id: string): Promise<StoredStateMachine> {
    // Ids that are not UUIDs are "not found" without a query.
    if (!isUuid(id)) throw errors.stateMachineNotFound(id);
    const [row] = await this.db.query<Row>(`SELECT ${STATE_MACHINE_COLUMNS} FROM _state_machines WHERE id = $1`, [id.toLowerCase()]);
    return this.decode(row, id);
  }

  async create(body: unknown): Promise<StoredStateMachine> {
    const input = validateStateMachine(body, this.ctx.registry);
    await this.checkPairFree(input);
    const now = new Date().toISOString();
    const [row] = await this.guardUnique(input, () => this.db.query<Row>(
      `INSERT INTO _state_machines (${STATE_MACHINE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${STATE_MACHINE_COLUMNS}`,
      [newId(), ...this.params(input), now],
    ));
    await this.changed();
    return this.decode(row, '');
  }

  /** Full replacement (created_at kept); an unknown id is 404 before the body is looked at. */
  async update(id: string, body: unknown): Promise<StoredStateMachine> {
    const current = await this.get(id);
    const input = validateStateMachine(body, this.ctx.registry);
    await this.checkPairFree(input, current.id);
    const [row] = await this.guardUnique(input, () => this.db.query<Row>(
      `UPDATE _state_machines SET entity = $1, field = $2, definition = $3, active = $4, updated_at = $5 ` +
        `WHERE id = $6 RETURNING ${STATE_MACHINE_COLUMNS}`,
      [...this.params(input), new Date().toISOString(), current.id],
    ));
    const updated = this.decode(row, id); // deleted concurrently → 404
    await this.changed();
    return updated;
  }

  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (!isUuid(id)) throw errors.stateMachineNotFound(id);
    const rows = await this.db.query<Row>('DELETE FROM _state_machines WHERE id = $1 RETURNING id', [id.toLowerCase()]);
    if (rows.length === 0) throw errors.stateMachineNotFound(id);
    await this.changed();
    return { id: String(rows[0].id), deleted: true };
  }
}
