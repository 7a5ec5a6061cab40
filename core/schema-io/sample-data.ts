// Step 11 of an import (schema-io.md §2.5): the document's `sample_data`, after every metadata
// section. Entity rows are inserted directly — no rules, state machines, slugs, file resolution,
// permissions, webhooks or workflows, so a document's data lands exactly as written (its ids, its
// states) — with each row converted to its field's storage, generated keys, auto timestamps and
// defaults filled in, and one audit entry per inserted row (source `import`) in the same
// transaction. Rows go in batches of one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`:
// what comes back is exactly what was inserted (a conflicting row is skipped silently and not
// counted). A batch that fails is retried row by row, so one bad row costs only its own entry.
import type { AuditActor } from '../audit/actor.js';
import { insertAuditEntries, type AuditEntry } from '../audit/capture.js';
import { entryData } from '../audit/diff.js';
import { entityPlan } from '../audit/plan.js';
import { UsersAdmin } from '../auth/users-admin.js';
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import { quoteIdent } from '../db/builder.js';
import type { Database, Queryable } from '../db/types.js';
import { AppError, errors, textProblemMessage } from '../errors.js';
import { isUuid, newId } from '../ids.js';
import type { Logger } from '../logger.js';
import { isPlainObject } from '../metadata/names.js';
import type { RelationDef } from '../metadata/types.js';
import type { SessionService } from '../auth/sessions.js';
import { describeError } from './outcomes.js';
import { checkedBody } from '../bodies/validate.js';
import { UserCreateBody } from '../bodies/access.js';

type Row = Record<string, unknown>;

/** Most rows per statement; fewer when the entity has many columns (the dialect's parameter cap). */
const BATCH_ROWS = 500;
const LOG_EVERY = 10_000;
/** Parameters of one audit entry in `insertAuditEntries`, plus its 4 shared ones. */
const AUDIT_PARAMS_PER_ROW = 10;

export interface SampleTarget {
  readonly db: Database;
  readonly registry: Registry;
  readonly sessions: SessionService;
  readonly actor: AuditActor;
  readonly log: Logger;
  /** The import's one timestamp: absent `auto` fields take it. */
  readonly now: Date;
}

/** What happened to one `sample_data` key. */
export interface SampleOutcome {
  key: string;
  /** `entity`, `join_table` or `_users`; absent for an unknown key. */
  target?: string;
  rows: number;
  inserted: number;
  /** Rows skipped as already present (a PK, unique value, join pair or user email). */
  skipped: number;
  errors: string[];
}

export interface SampleResult {
  records: number;
  outcomes: SampleOutcome[];
}

/**
 * §2.5's processing order: entities in the order of the document's `entities` (including ones that
 * existed before), each key's rows in array order; then join tables of the document's
 * many_to_many relations; then `_users`; then every key left over is unknown.
 */
export async function importSampleData(
  t: SampleTarget, docEntities: readonly unknown[], docRelations: readonly unknown[],
  sampleData: ReadonlyArray<readonly [string, readonly unknown[]]>,
): Promise<SampleResult> {
  const rowsByKey = new Map(sampleData);
  const left = new Set(rowsByKey.keys());
  const outcomes: SampleOutcome[] = [];
  const take = (key: string) => {
    left.delete(key);
    return { key, rows: rowsByKey.get(key)!.length, inserted: 0, skipped: 0, errors: [] as string[] };
  };

  for (const raw of docEntities) {
    if (!isPlainObject(raw) || typeof raw.name !== 'string') continue;
    const entity = t.registry.entity(raw.name);
    const table = entity?.table ?? (typeof raw.table === 'string' ? raw.table : undefined);
    // The entity name first; its table name only when no key has the entity's name (§2.5).
    const key = left.has(raw.name) ? raw.name : table !== undefined && left.has(table) ? table : undefined;
    if (key === undefined) continue;
    const outcome = { ...take(key), target: raw.name };
    if (!entity) outcome.errors.push(`record ${key}: ${errors.entityNotFound(raw.name).message}`);
    else await insertEntityRows(t, entity, key, rowsByKey.get(key)!, outcome);
    outcomes.push(outcome);
  }
  for (const raw of docRelations) {
    if (!isPlainObject(raw) || raw.type !== 'many_to_many' || typeof raw.join_table !== 'string' || !left.has(raw.join_table)) continue;
    const key = raw.join_table;
    const outcome = { ...take(key), target: key };
    const relation = t.registry.relations.find((r) => r.name === raw.name && r.type === 'many_to_many');
    if (!relation) outcome.errors.push(`record ${key}: ${errors.relationNotFound(String(raw.name)).message}`);
    else await insertJoinRows(t, relation, key, rowsByKey.get(key)!, outcome);
    outcomes.push(outcome);
  }
  if (left.has('_users')) {
    const outcome = { ...take('_users'), target: '_users' };
    await insertUsers(t, rowsByKey.get('_users')!, outcome);
    outcomes.push(outcome);
  }
  for (const key of left) {
    outcomes.push({ key, rows: rowsByKey.get(key)!.length, inserted: 0, skipped: 0, errors: [`record ${key}: ${errors.unknownSampleDataKey().message}`] });
  }
  return { records: outcomes.reduce((n, o) => n + o.inserted, 0), outcomes };
}

// ---- entity rows -------------------------------------------------------------------------------

/** A field's value for the column, or the message of why it has none; `name` is the column's (a join key's). */
function columnValue(field: CompiledField, value: unknown, name = field.name): { value: unknown } | { error: string } {
  if (value === null) return { value: null };
  const coerced = field.type.coerceInput(value, field.def);
  if (!coerced.ok) {
    return { error: coerced.problem ? textProblemMessage(name, coerced.problem) : `${name} must be ${field.type.typeKind}` };
  }
  // A file id is kept as sent: sample data resolves no files (§2.5), it is stored as JSON.
  return { value: field.type.needsResolution?.(coerced.value) ? value : coerced.value };
}

/**
 * The row's values by column: keys that are fields of the entity (others ignored), converted to
 * the field's storage; an absent generated UUID/string key generated (an integer one left to the
 * database), absent `auto` fields the import timestamp, absent fields with a default the default.
 * A required field left without a value is refused here rather than by the database's NOT NULL.
 */
function rowValues(entity: CompiledEntity, raw: Row, now: Date): { values: Row } | { error: string } {
  const values: Row = {};
  const slugExempt = entity.def.slug?.source ? entity.def.slug.field : undefined;
  for (const field of entity.fields) {
    const given = Object.prototype.hasOwnProperty.call(raw, field.name) ? raw[field.name] : undefined;
    let value: unknown;
    // A generated key sent as null is generated like an absent one.
    if (given !== undefined && !(given === null && field.isPk && entity.pkGenerated)) {
      const converted = columnValue(field, given);
      if ('error' in converted) return converted;
      value = converted.value;
    } else if (field.isPk && entity.pkGenerated) {
      if (entity.pkType === 'uuid' || entity.pkType === 'string') value = newId();
      else continue;
    } else if (field.auto && field.type.autoValue) {
      value = field.type.autoValue(now);
    } else if (field.def.default !== undefined && field.def.default !== null) {
      const converted = columnValue(field, field.def.default);
      if ('error' in converted) return converted;
      value = converted.value;
    } else {
      continue;
    }
    if (value === null && field.def.required && !field.def.nullable && field.name !== slugExempt) return { error: `${field.name} is required` };
    values[field.name] = value;
  }
  for (const field of entity.fields) {
    if (values[field.name] !== undefined || !field.def.required || field.def.nullable || field.name === slugExempt) continue;
    if (field.isPk && entity.pkGenerated) continue;
    return { error: `${field.name} is required` };
  }
  return { values };
}

const insertCache = new WeakMap<CompiledEntity, Map<string, string>>();

/** `INSERT … VALUES (…), … ON CONFLICT DO NOTHING RETURNING <every field column>` for `count` rows. */
function insertSql(entity: CompiledEntity, columns: readonly string[], count: number): string {
  let cache = insertCache.get(entity);
  if (!cache) insertCache.set(entity, (cache = new Map()));
  const cacheKey = `${count}:${columns.join(',')}`;
  let sql = cache.get(cacheKey);
  if (sql === undefined) {
    const returning = entity.dialect.returning(entity.fields.map((f) => f.column).join(', '));
    if (columns.length === 0) {
      sql = `INSERT INTO ${entity.quotedTable} DEFAULT VALUES${returning}`;
    } else {
      const tuples: string[] = [];
      for (let r = 0, n = 0; r < count; r++) tuples.push(`(${columns.map(() => `$${++n}`).join(', ')})`);
      sql = `INSERT INTO ${entity.quotedTable} (${columns.map((c) => quoteIdent(c)).join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING${returning}`;
    }
    if (cache.size < 64) cache.set(cacheKey, sql);
  }
  return sql;
}

interface PreparedRow {
  index: number;
  values: Row;
}

/** Inserts rows sharing one column list, with their audit entries, in one transaction; returns how many went in. */
async function insertBatch(t: SampleTarget, entity: CompiledEntity, columns: readonly string[], rows: readonly PreparedRow[]): Promise<number> {
  const params: unknown[] = [];
  for (const row of rows) for (const c of columns) params.push(entity.fieldMap.get(c)!.encode(row.values[c]));
  const plan = entityPlan(entity, t.actor.settings);
  return t.db.transaction(async (tx) => {
    const inserted = (await tx.query<Row>(insertSql(entity, columns, columns.length === 0 ? 1 : rows.length), params)).map((r) => entity.decodeRow(r));
    if (plan && inserted.length > 0) {
      const entries: AuditEntry[] = [];
      for (const record of inserted) {
        const data = entryData(plan, 'create', undefined, record);
        if (data) entries.push({ entity: plan.entity, record_id: String(record[entity.pk.name]), action: 'create', source: 'import', ...data });
      }
      await insertAuditEntries(tx, t.db.dialect, t.actor, entries, t.now);
    }
    return inserted.length;
  }, { write: true });
}

async function insertEntityRows(t: SampleTarget, entity: CompiledEntity, key: string, rows: readonly unknown[], outcome: SampleOutcome): Promise<void> {
  const perRow = Math.max(entity.fields.length, AUDIT_PARAMS_PER_ROW);
  const batchRows = Math.max(1, Math.min(BATCH_ROWS, Math.floor((t.db.dialect.maxParams - 4) / perRow)));
  const started = Date.now();
  const generatedInt = entity.pkGenerated && (entity.pkType === 'int' || entity.pkType === 'bigint');
  const resync = generatedInt ? t.db.dialect.identityResyncSql : undefined;
  let logged = 0;
  let batch: PreparedRow[] = [];
  let columns: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rowsNow = batch;
    batch = [];
    // A row without columns (every value from the database) goes alone: DEFAULT VALUES is one row.
    const groups = columns.length === 0 ? rowsNow.map((r) => [r]) : [rowsNow];
    for (const group of groups) {
      try {
        const n = await insertBatch(t, entity, columns, group);
        outcome.inserted += n;
        outcome.skipped += group.length - n;
      } catch (err) {
        if (group.length === 1) {
          outcome.errors.push(`record ${key}: ${rowFailure(t, err, group[0].index)}`);
          continue;
        }
        // Find the rows at fault: each on its own, the others still go in.
        for (const row of group) {
          try {
            const n = await insertBatch(t, entity, columns, [row]);
            outcome.inserted += n;
            outcome.skipped += 1 - n;
          } catch (rowErr) {
            outcome.errors.push(`record ${key}: ${rowFailure(t, rowErr, row.index)}`);
          }
        }
      }
    }
    // Integer keys the rows brought along: the key generator must not hand them out again (to a
    // later row without a key, or to the API).
    if (resync && columns.includes(entity.pk.name)) await t.db.query(resync(entity.quotedTable, entity.pk.column), [entity.quotedTable, entity.pk.name]);
    // Progress of a large key in the log, about every LOG_EVERY rows.
    const done = outcome.inserted + outcome.skipped + outcome.errors.length;
    if (rows.length > batchRows && (done - logged >= LOG_EVERY || done === rows.length)) {
      logged = done;
      t.log.info({ key, done, total: rows.length, inserted: outcome.inserted, ms: Date.now() - started }, 'import: sample rows');
    }
  };
  for (let index = 0; index < rows.length; index++) {
    const raw = rows[index];
    if (!isPlainObject(raw)) {
      outcome.errors.push(`record ${key}: ${errors.sampleRowNotObject(index).message}`);
      continue;
    }
    const prepared = rowValues(entity, raw, t.now);
    if ('error' in prepared) {
      outcome.errors.push(`record ${key}: ${errors.sampleRowInvalid(index, prepared.error).message}`);
      continue;
    }
    const rowColumns = Object.keys(prepared.values);
    if (batch.length >= batchRows || rowColumns.join(',') !== columns.join(',')) {
      await flush();
      columns = rowColumns;
    }
    batch.push({ index, values: prepared.values });
  }
  await flush();
}

function rowFailure(t: SampleTarget, err: unknown, index: number): string {
  if (err instanceof AppError) return errors.sampleRowInvalid(index, describeError(err)).message;
  t.log.warn({ err, row: index }, 'import: a sample row failed');
  return errors.sampleRowFailed(index, err instanceof Error ? err.message : String(err)).message;
}

// ---- join rows ---------------------------------------------------------------------------------

/** Join rows of a many_to_many relation: only its two join keys, typed like the keys they hold. */
async function insertJoinRows(t: SampleTarget, relation: RelationDef, key: string, rows: readonly unknown[], outcome: SampleOutcome): Promise<void> {
  const source = t.registry.entity(relation.source)!;
  const target = t.registry.entity(relation.target)!;
  const sourceField = source.fieldMap.get(relation.source_key || source.pk.name) ?? source.pk;
  const sk = relation.source_join_key!;
  const tk = relation.target_join_key!;
  const pairs: Array<{ index: number; params: [unknown, unknown] }> = [];
  for (let index = 0; index < rows.length; index++) {
    const raw = rows[index];
    if (!isPlainObject(raw)) {
      outcome.errors.push(`record ${key}: ${errors.sampleRowNotObject(index).message}`);
      continue;
    }
    const s = raw[sk] === undefined || raw[sk] === null ? { error: `${sk} is required` } : columnValue(sourceField, raw[sk], sk);
    const d = raw[tk] === undefined || raw[tk] === null ? { error: `${tk} is required` } : columnValue(target.pk, raw[tk], tk);
    const problem = 'error' in s ? s.error : 'error' in d ? d.error : undefined;
    if (problem !== undefined) {
      outcome.errors.push(`record ${key}: ${errors.sampleRowInvalid(index, problem).message}`);
      continue;
    }
    pairs.push({ index, params: [sourceField.encode((s as { value: unknown }).value), target.pk.encode((d as { value: unknown }).value)] });
  }
  const insert = (q: Queryable, chunk: typeof pairs) => {
    const tuples = chunk.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    const sql = `INSERT INTO ${quoteIdent(relation.join_table!)} (${quoteIdent(sk)}, ${quoteIdent(tk)}) VALUES ${tuples} ON CONFLICT DO NOTHING`;
    return q.run(sql, chunk.flatMap((p) => p.params));
  };
  for (let start = 0; start < pairs.length; start += BATCH_ROWS) {
    const chunk = pairs.slice(start, start + BATCH_ROWS);
    try {
      const n = await t.db.transaction((tx) => insert(tx, chunk), { write: true });
      outcome.inserted += n;
      outcome.skipped += chunk.length - n;
    } catch {
      for (const pair of chunk) {
        try {
          const n = await t.db.transaction((tx) => insert(tx, [pair]), { write: true });
          outcome.inserted += n;
          outcome.skipped += 1 - n;
        } catch (err) {
          outcome.errors.push(`record ${key}: ${rowFailure(t, err, pair.index)}`);
        }
      }
    }
  }
}

// ---- users -------------------------------------------------------------------------------------

/**
 * `_users` rows through the users admin service (hashing, checks and the `_users` audit entry of
 * `POST /_admin/users`), keeping the row's `id` when it is a UUID. An email (or id) already taken
 * is skipped silently; `role` stands for `roles: [role]`; other keys (`name`) are ignored.
 */
async function insertUsers(t: SampleTarget, rows: readonly unknown[], outcome: SampleOutcome): Promise<void> {
  const users = new UsersAdmin(t.db, t.sessions, async () => t.actor);
  for (let index = 0; index < rows.length; index++) {
    const raw = rows[index];
    if (!isPlainObject(raw)) {
      outcome.errors.push(`record _users: ${errors.sampleRowNotObject(index).message}`);
      continue;
    }
    if (raw.id !== undefined && raw.id !== null && !isUuid(raw.id)) {
      outcome.errors.push(`record _users: ${errors.sampleRowInvalid(index, 'id must be a UUID').message}`);
      continue;
    }
    const roles = raw.roles !== undefined ? raw.roles : typeof raw.role === 'string' ? [raw.role] : [];
    try {
      const input = checkedBody(UserCreateBody, { email: raw.email, password: raw.password, roles, active: raw.active });
      await users.create(input, isUuid(raw.id) ? raw.id.toLowerCase() : undefined);
      outcome.inserted++;
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') outcome.skipped++;
      else outcome.errors.push(`record _users: ${rowFailure(t, err, index)}`);
    }
  }
}
