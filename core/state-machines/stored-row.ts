// Reading `_state_machines` rows (logic.md §3.1, §3.8): one query and one decoder shared by the
// registry loader and the admin API, so both see the same representation on both dialects.
import type { Dialect } from '../db/types.js';
import type { MachineDefinition, StoredStateMachine } from './types.js';

export const STATE_MACHINE_COLUMNS = 'id, entity, field, definition, active, created_at, updated_at';

/** All rows, or one entity's, ordered by entity, created_at (§3.8), then id; byte order on every dialect. */
export function stateMachinesSql(dialect: Dialect, byEntity: boolean): string {
  return `SELECT ${STATE_MACHINE_COLUMNS} FROM _state_machines${byEntity ? ' WHERE entity = $1' : ''} ` +
    `ORDER BY ${dialect.byteOrder('entity')}, created_at, id`;
}

export function decodeStateMachineRow(d: Dialect, r: Record<string, unknown>): StoredStateMachine {
  return {
    id: String(r.id),
    entity: String(r.entity),
    field: String(r.field),
    definition: d.decodeJson<MachineDefinition>(r.definition),
    active: d.decodeBool(r.active),
    created_at: d.decodeTimestamp(r.created_at)!,
    updated_at: d.decodeTimestamp(r.updated_at)!,
  };
}
