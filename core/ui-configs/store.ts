// The `_ui_configs` table (migrations/app/010-ui-configs.ts): every statement on it and the one
// decoder, shared by the admin API, the public `/_ui` reads and the import/export of `ui_configs`
// (schema-io.md §1–§3), so all of them see the same representation on both dialects.
//
// Nothing is cached: UI configs are not compiled into the registry, and every read goes to the
// table, so a change is visible on every instance at once.
import type { Database, Queryable } from '../db/types.js';
import { isUuid, newId } from '../ids.js';
import { textProblem } from '../text.js';
import { DEFAULT_SCOPE, type UiConfigInput } from './validate.js';

/** A `_ui_configs` row as the API returns it (§3). */
export interface UiConfig extends UiConfigInput {
  id: string;
  created_at: string;
  updated_at: string;
}

type Row = Record<string, unknown>;

const COLUMNS = 'id, entity, scope, config, created_at, updated_at';

function decode(db: Database, r: Row): UiConfig {
  const d = db.dialect;
  return {
    id: String(r.id),
    entity: String(r.entity),
    scope: String(r.scope),
    config: d.decodeJson<Record<string, unknown>>(r.config),
    created_at: d.decodeTimestamp(r.created_at)!,
    updated_at: d.decodeTimestamp(r.updated_at)!,
  };
}

/**
 * Every config by entity, scope (the admin list and the export's order), or only those of one
 * scope by entity (`/_ui/configs` reads scope "default"). Byte order on every dialect.
 */
export async function listUiConfigs(db: Database, scope?: string): Promise<UiConfig[]> {
  const d = db.dialect;
  const rows = scope === undefined
    ? await db.query<Row>(`SELECT ${COLUMNS} FROM _ui_configs ORDER BY ${d.byteOrder('entity')}, ${d.byteOrder('scope')}`)
    : await db.query<Row>(`SELECT ${COLUMNS} FROM _ui_configs WHERE scope = $1 ORDER BY ${d.byteOrder('entity')}`, [scope]);
  return rows.map((r) => decode(db, r));
}

/** One config by id; undefined for an unknown id (also one that is no UUID, without a query). */
export async function readUiConfig(db: Database, id: string): Promise<UiConfig | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM _ui_configs WHERE id = $1`, [id.toLowerCase()]);
  return row ? decode(db, row) : undefined;
}

/** The config of (entity, scope), or undefined (also for text no row can hold, without a query). */
export async function findUiConfig(db: Database, entity: string, scope: string = DEFAULT_SCOPE): Promise<UiConfig | undefined> {
  if (textProblem(entity) || textProblem(scope)) return undefined;
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM _ui_configs WHERE entity = $1 AND scope = $2`, [entity, scope]);
  return row ? decode(db, row) : undefined;
}

/** Inserts a new config; a taken (entity, scope) throws the driver's unique violation. */
export async function insertUiConfig(db: Database, input: UiConfigInput): Promise<UiConfig> {
  const now = new Date().toISOString();
  const [row] = await db.query<Row>(
    `INSERT INTO _ui_configs (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
    [newId(), input.entity, input.scope, db.dialect.encodeJson(input.config), now],
  );
  return decode(db, row);
}

/** Replaces entity, scope and config of one config (created_at kept); undefined when the id is gone. */
export async function updateUiConfig(db: Database, id: string, input: UiConfigInput): Promise<UiConfig | undefined> {
  const [row] = await db.query<Row>(
    `UPDATE _ui_configs SET entity = $1, scope = $2, config = $3, updated_at = $4 WHERE id = $5 RETURNING ${COLUMNS}`,
    [input.entity, input.scope, db.dialect.encodeJson(input.config), new Date().toISOString(), id],
  );
  return row ? decode(db, row) : undefined;
}

/** Whether a config with this id existed (and is now deleted). */
export async function deleteUiConfig(db: Database, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query<Row>('DELETE FROM _ui_configs WHERE id = $1 RETURNING id', [id.toLowerCase()]);
  return rows.length > 0;
}

/**
 * Creates the config of (entity, scope) or replaces its `config` (id and created_at kept): the
 * import's `ui_configs` step (schema-io.md §2.2 step 9, §2.3). One statement, so concurrent
 * imports cannot both insert. `input` comes from validateUiConfig; `q` may be a transaction.
 */
export async function upsertUiConfig(db: Database, input: UiConfigInput, q: Queryable = db): Promise<UiConfig> {
  const now = new Date().toISOString();
  const [row] = await q.query<Row>(
    `INSERT INTO _ui_configs (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $5) ` +
      'ON CONFLICT (entity, scope) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at ' +
      `RETURNING ${COLUMNS}`,
    [newId(), input.entity, input.scope, db.dialect.encodeJson(input.config), now],
  );
  return decode(db, row);
}
