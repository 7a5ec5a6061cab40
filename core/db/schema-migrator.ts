// Auto-migration of business tables (metadata.md §9): pure planners that turn definitions plus the
// live column list into DDL, and `applyDdl`, which runs that DDL inside the caller's transaction.
import { AppError, errors } from '../errors.js';
import { getFieldType } from '../metadata/field-types/index.js';
import { STORAGE } from '../metadata/field-types/shared.js';
import {
  foreignKeyIndexName, joinTableIndexName, oneToOneIndexName, softDeleteIndexName, uniqueIndexName,
} from '../metadata/index-name.js';
import { primaryKeyColumn, primaryKeyStorage } from '../metadata/primary-key.js';
import { typeChangeKind } from '../metadata/type-change.js';
import type { EntityDef, FieldDef, RelationDef } from '../metadata/types.js';
import { quoteIdent } from './builder.js';
import {
  addColumnSql, createIndexSql, createTableSql, describeDdl, dropIndexSql,
  primaryKeyConstraint, type ColumnSql,
} from './ddl-sql.js';
import type { Dialect, Queryable, Storage } from './types.js';

const DELETED_AT = 'deleted_at';

function fieldStorage(field: FieldDef): Storage {
  const type = getFieldType(field.type);
  if (!type) throw new Error(`unknown field type for field ${field.name}: ${String(field.type)}`);
  return type.storage(field);
}

/** Column type of a field per metadata.md §7.2 (no constraints). */
export function fieldColumnType(dialect: Dialect, field: FieldDef): string {
  return dialect.columnType(fieldStorage(field));
}

/**
 * Storage type of a key column referenced from elsewhere (join tables). A generated key's storage
 * follows primary_key.type (§3.2), which validation keeps consistent with the field's type.
 */
export function keyColumnType(dialect: Dialect, entity: EntityDef, fieldName: string): string {
  const field = entity.fields.find((f) => f.name === fieldName);
  if (fieldName === entity.primary_key.field && entity.primary_key.generated) {
    return dialect.columnType(primaryKeyStorage(entity.primary_key, field!));
  }
  if (!field) throw new Error(`field ${fieldName} not found on entity ${entity.name}`);
  return fieldColumnType(dialect, field);
}

/** The engine's soft-delete marker is a timestamp column. */
function softDeleteColumnType(dialect: Dialect): string {
  return dialect.columnType(STORAGE.timestamp);
}

/** Column definitions of a new table, in field order, with `deleted_at` appended when implicit. */
function tableColumnsSql(dialect: Dialect, entity: EntityDef): ColumnSql[] {
  const pk = entity.primary_key;
  const columns = entity.fields.map((f) => ({
    name: f.name,
    definition: f.name === pk.field ? primaryKeyColumn(dialect, pk, f) : fieldColumnType(dialect, f),
  }));
  if (entity.soft_delete && !entity.fields.some((f) => f.name === DELETED_AT)) {
    columns.push({ name: DELETED_AT, definition: softDeleteColumnType(dialect) });
  }
  return columns;
}

/**
 * Columns to add to an existing table: every missing field, plus `deleted_at` for soft delete.
 * A missing PK column (adopting a foreign table) is added as a plain column of its storage type:
 * neither dialect can add a PRIMARY KEY column to a populated table in general.
 */
function missingColumnsSql(dialect: Dialect, entity: EntityDef, existing: Map<string, string>): string[] {
  const out: string[] = [];
  for (const f of entity.fields) {
    if (existing.has(f.name)) continue;
    const type = f.name === entity.primary_key.field ? keyColumnType(dialect, entity, f.name) : fieldColumnType(dialect, f);
    out.push(addColumnSql(entity.table, f.name, type));
  }
  if (entity.soft_delete && !existing.has(DELETED_AT) && !entity.fields.some((f) => f.name === DELETED_AT)) {
    out.push(addColumnSql(entity.table, DELETED_AT, softDeleteColumnType(dialect)));
  }
  return out;
}

/**
 * Adopting an existing table (create over a table that exists, §9.1): its columns are used as they
 * are, so each must fit its field (`Dialect.columnFits`), or the first unfit one is refused with
 * 422 naming it — rather than every later filter on it failing with a database error.
 */
function assertColumnsFit(dialect: Dialect, entity: EntityDef, existing: Map<string, string>): void {
  const check = (column: string, storage: Storage, holder: string) => {
    const declared = existing.get(column);
    if (declared !== undefined && !dialect.columnFits(declared, storage)) {
      throw errors.adoptedColumnMismatch(entity.table, column, declared, holder, dialect.columnType(storage));
    }
  };
  for (const f of entity.fields) {
    const storage = f.name === entity.primary_key.field ? primaryKeyStorage(entity.primary_key, f) : fieldStorage(f);
    check(f.name, storage, `field ${f.name} (${f.type})`);
  }
  if (entity.soft_delete && !entity.fields.some((f) => f.name === DELETED_AT)) check(DELETED_AT, STORAGE.timestamp, 'soft delete');
}

/**
 * Guarded type changes (§9.5), decided from previous vs next definition only. Only columns that
 * already exist are altered: a re-added field's column keeps its storage (§9.3), and a column
 * added by this plan already has the new type. The dialect writes the conversion (SQLite's
 * dynamically typed columns need none).
 */
function typeChangesSql(dialect: Dialect, previous: EntityDef, next: EntityDef, existing: Map<string, string>): string[] {
  const before = new Map(previous.fields.map((f) => [f.name, f]));
  const out: string[] = [];
  for (const f of next.fields) {
    const old = before.get(f.name);
    if (!old || !existing.has(f.name)) continue;
    if (typeChangeKind(old, f) !== 'alter') continue;
    out.push(...dialect.changeColumnType(next.table, f.name, fieldStorage(old), fieldStorage(f)));
  }
  return out;
}

/**
 * DDL that brings `next.table` in line with `next` (§9.2–9.5, §5). `existingColumns` is the live
 * column list (empty: the table does not exist); `previous` is the stored definition on update and
 * undefined on create, in which case an existing table is adopted without touching its columns
 * (each must fit its field, else 422).
 * Unique indexes are engine-managed both ways: `unique` removed, or the whole field removed,
 * drops idx_<table>_<field> (a stale index on a hidden column would block a later re-add).
 */
export function planEntityDdl(
  dialect: Dialect,
  previous: EntityDef | undefined,
  next: EntityDef,
  existingColumns: Map<string, string>,
): string[] {
  const table = next.table;
  const out: string[] = [];
  if (existingColumns.size === 0) {
    out.push(createTableSql(table, tableColumnsSql(dialect, next)));
  } else {
    if (!previous) assertColumnsFit(dialect, next, existingColumns);
    out.push(...missingColumnsSql(dialect, next, existingColumns));
    if (previous) out.push(...typeChangesSql(dialect, previous, next, existingColumns));
  }
  if (previous) {
    const stillUnique = new Set(next.fields.filter((f) => f.unique === true).map((f) => f.name));
    for (const f of previous.fields) {
      if (f.unique === true && !stillUnique.has(f.name)) out.push(dropIndexSql(uniqueIndexName(previous.table, f.name)));
    }
  }
  for (const f of next.fields) {
    if (f.unique === true) out.push(createIndexSql({ name: uniqueIndexName(table, f.name), table, columns: [f.name], unique: true }));
  }
  if (next.soft_delete) {
    out.push(createIndexSql({
      name: softDeleteIndexName(table), table, columns: [DELETED_AT], where: `"${DELETED_AT}" IS NULL`,
    }));
  }
  return out;
}

function relationEntities(relation: RelationDef, entities: Map<string, EntityDef>): { source: EntityDef; target: EntityDef } {
  const source = entities.get(relation.source);
  const target = entities.get(relation.target);
  if (!source) throw new Error(`relation ${relation.name}: source entity not found: ${relation.source}`);
  if (!target) throw new Error(`relation ${relation.name}: target entity not found: ${relation.target}`);
  return { source, target };
}

function requireKey(relation: RelationDef, key: keyof RelationDef): string {
  const value = relation[key];
  if (typeof value !== 'string' || value === '') throw new Error(`relation ${relation.name}: ${String(key)} is required`);
  return value;
}

/**
 * Relation DDL (§9.6). one_to_many: FK index on the target; one_to_one: unique index on the target
 * (partial when the target is soft-delete, so a soft-deleted child frees its parent); many_to_many:
 * the join table, only when `existingJoinColumns` is empty (an existing table is left unchanged).
 */
export function planRelationDdl(
  dialect: Dialect,
  relation: RelationDef,
  entities: Map<string, EntityDef>,
  existingJoinColumns: Map<string, string>,
): string[] {
  const { source, target } = relationEntities(relation, entities);
  switch (relation.type) {
    case 'one_to_many': {
      const key = requireKey(relation, 'target_key');
      return [createIndexSql({ name: foreignKeyIndexName(target.table, key), table: target.table, columns: [key] })];
    }
    case 'one_to_one': {
      const key = requireKey(relation, 'target_key');
      return [createIndexSql({
        name: oneToOneIndexName(target.table, key), table: target.table, columns: [key], unique: true,
        where: target.soft_delete ? `"${DELETED_AT}" IS NULL` : undefined,
      })];
    }
    case 'many_to_many': {
      if (existingJoinColumns.size > 0) return [];
      const joinTable = requireKey(relation, 'join_table');
      const sourceJoinKey = requireKey(relation, 'source_join_key');
      const targetJoinKey = requireKey(relation, 'target_join_key');
      const sourceKey = relation.source_key || source.primary_key.field;
      const columns: ColumnSql[] = [
        { name: sourceJoinKey, definition: `${keyColumnType(dialect, source, sourceKey)} NOT NULL` },
        { name: targetJoinKey, definition: `${keyColumnType(dialect, target, target.primary_key.field)} NOT NULL` },
      ];
      return [
        createTableSql(joinTable, columns, [primaryKeyConstraint([sourceJoinKey, targetJoinKey])]),
        createIndexSql({ name: joinTableIndexName(joinTable, targetJoinKey), table: joinTable, columns: [targetJoinKey] }),
      ];
    }
    default:
      throw new Error(`relation ${relation.name}: unknown relation type ${String(relation.type)}`);
  }
}

/**
 * DDL when a relation goes away (deleted, its type/keys changed, or an entity delete removed it):
 * only the one-to-one unique index is dropped; FK indexes and join tables are kept (§9.1, §9.6).
 * `entities` must still contain the target entity; without it there is no table name, so nothing.
 */
export function planRelationDrop(_dialect: Dialect, relation: RelationDef, entities: Map<string, EntityDef>): string[] {
  if (relation.type !== 'one_to_one' || typeof relation.target_key !== 'string') return [];
  const target = entities.get(relation.target);
  return target ? [dropIndexSql(oneToOneIndexName(target.table, relation.target_key))] : [];
}

function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown };
  return e.code === '23505' || (typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed'));
}

/**
 * Runs the statements in order on `tx` only (the caller's transaction also holds the metadata
 * write, so a failure rolls both back). A failure becomes 422 VALIDATION_FAILED naming the
 * operation, e.g. `migration failed: cannot create unique index on books.isbn: duplicate values exist`.
 */
export async function applyDdl(tx: Queryable, statements: string[]): Promise<void> {
  for (const statement of statements) {
    try {
      await tx.run(statement);
    } catch (err) {
      if (err instanceof AppError) throw err;
      const reason = isUniqueViolation(err) ? 'duplicate values exist' : err instanceof Error ? err.message : String(err);
      throw errors.migrationFailed(describeDdl(statement), reason);
    }
  }
}
