// The entity and relation admin operations of metadata.md §10–11: validate, check conflicts, write
// the metadata row and its DDL in one transaction, then rebuild and swap the app's registry and
// tell the other instances.
import { applyDdl, planEntityDdl, planRelationDdl, planRelationDrop } from '../db/schema-migrator.js';
import { tableColumns } from '../db/introspect.js';
import type { Queryable } from '../db/types.js';
import { compileRegistry, type Registry, type StoredEntity, type StoredRelation } from '../compile/registry.js';
import { errors } from '../errors.js';
import { objectBody } from '../input.js';
import type { Logger } from '../logger.js';
import type { EntityDef, Problem, RelationDef } from '../metadata/types.js';
import { validateEntity } from '../metadata/validate-entity.js';
import { validateRelation } from '../metadata/validate-relation.js';
import type { AppContext } from '../platform/app-context.js';
import { decodePermissionRow, permissionsSql } from '../permissions/stored-row.js';
import { decodeRuleRow, rulesSql } from '../rules/stored-row.js';
import { decodeStateMachineRow, stateMachinesSql } from '../state-machines/stored-row.js';
import { decodeWorkflowRow, workflowsSql } from '../workflows/stored-row.js';
import { decodeWebhookRow, webhooksSql } from '../webhooks/stored-row.js';
import { bumpMetadataVersion, readMetadataVersion } from './fresh-registry.js';

let versionCounter = 0;

type StoredRows = Registry['stored'];

/** Reads the stored metadata and permissions of an app and swaps in a freshly compiled registry. */
export async function reloadRegistry(ctx: AppContext, log: Logger): Promise<void> {
  // Versions are taken when a reload starts: of two overlapping reloads the one that started later
  // read data at least as new, so an earlier one finishing last must not swap in its older view.
  const version = ++versionCounter;
  const db = ctx.db;
  const d = db.dialect;
  // Read first: the metadata read below is at least as new as this version (fresh-registry.ts).
  const stored = await readMetadataVersion(db);
  const entityRows = await db.query<Record<string, unknown>>('SELECT * FROM _entities ORDER BY name');
  const relationRows = await db.query<Record<string, unknown>>('SELECT * FROM _relations ORDER BY name');
  const permissionRows = await db.query<Record<string, unknown>>(permissionsSql(d));
  const stamp = (r: Record<string, unknown>) => ({ created_at: d.decodeTimestamp(r.created_at)!, updated_at: d.decodeTimestamp(r.updated_at)! });
  const entities: StoredEntity[] = entityRows.map((r) => ({
    name: String(r.name), table_name: String(r.table_name), definition: d.decodeJson<EntityDef>(r.definition), ...stamp(r),
  }));
  const relations: StoredRelation[] = relationRows.map((r) => ({
    name: String(r.name), source: String(r.source), target: String(r.target), definition: d.decodeJson<RelationDef>(r.definition), ...stamp(r),
  }));
  const permissions = permissionRows.map((r) => decodePermissionRow(d, r));
  const rules = (await db.query<Record<string, unknown>>(rulesSql(d, false))).map((r) => decodeRuleRow(d, r));
  const stateMachines = (await db.query<Record<string, unknown>>(stateMachinesSql(d, false))).map((r) => decodeStateMachineRow(d, r));
  const webhooks = (await db.query<Record<string, unknown>>(webhooksSql(d))).map((r) => decodeWebhookRow(d, r));
  const workflows = (await db.query<Record<string, unknown>>(workflowsSql(d))).map((r) => decodeWorkflowRow(d, r));
  if (version < ctx.registry.version) return;
  ctx.registry = compileRegistry(d, { entities, relations, permissions, rules, stateMachines, webhooks, workflows }, version, log);
  ctx.metadataVersion = stored;
}

function failed(problems: Problem[]): never {
  throw errors.metadataInvalid(problems);
}

export class MetadataAdmin {
  constructor(
    private readonly ctx: AppContext,
    private readonly log: Logger,
    private readonly announce: (app: string) => Promise<void>,
  ) {}

  /**
   * Entities and relations this service created while reloads are deferred (`deferReloads`): the
   * registry does not have them yet, so `stored` and `joinTables` add them for the checks.
   */
  private pending: { entities: StoredEntity[]; relations: StoredRelation[] } | undefined;

  /**
   * From now on, creates skip the registry rebuild and the notice to other instances (an import
   * of hundreds of entities would otherwise compile the whole registry once per entity) and
   * `flush()` does both once; the checks of a create still see every earlier create of this
   * service. Updates and deletes are unaffected.
   */
  deferReloads(): this {
    this.pending ??= { entities: [], relations: [] };
    return this;
  }

  /** One registry rebuild for everything created since the last (reloads stay deferred). */
  async flush(opts: { announce?: boolean } = {}): Promise<void> {
    const pending = this.pending;
    if (!pending || (pending.entities.length === 0 && pending.relations.length === 0)) return;
    this.pending = { entities: [], relations: [] };
    await reloadRegistry(this.ctx, this.log);
    if (opts.announce !== false) await this.announce(this.ctx.name);
  }

  private get stored(): StoredRows {
    const base = this.ctx.registry.stored;
    const pending = this.pending;
    if (!pending || (pending.entities.length === 0 && pending.relations.length === 0)) return base;
    // A reload by someone else may already hold some of them.
    const entityNames = new Set(base.entities.map((e) => e.name));
    const relationNames = new Set(base.relations.map((r) => r.name));
    return {
      entities: [...base.entities, ...pending.entities.filter((e) => !entityNames.has(e.name))],
      relations: [...base.relations, ...pending.relations.filter((r) => !relationNames.has(r.name))],
    };
  }

  private joinTables(): Set<string> {
    const tables = this.ctx.registry.joinTables();
    for (const r of this.pending?.relations ?? []) if (r.definition.type === 'many_to_many') tables.add(r.definition.join_table!);
    return tables;
  }

  private definitions(): Map<string, EntityDef> {
    return new Map(this.stored.entities.map((e) => [e.name, e.definition]));
  }

  listEntities(): readonly StoredEntity[] {
    return this.stored.entities;
  }

  getEntity(name: string): StoredEntity {
    const row = this.stored.entities.find((e) => e.name === name);
    if (!row) throw errors.entityNotFound(name);
    return row;
  }

  listRelations(): readonly StoredRelation[] {
    return this.stored.relations;
  }

  getRelation(name: string): StoredRelation {
    const row = this.stored.relations.find((r) => r.name === name);
    if (!row) throw errors.relationNotFound(name);
    return row;
  }

  /** The stored form of a new entity's definition (metadata.md §10.4), or its 422; writes nothing. */
  validEntity(body: unknown): EntityDef {
    const result = validateEntity(objectBody(body), { joinTables: this.joinTables() });
    if (!result.ok) failed(result.problems);
    return result.definition;
  }

  async createEntity(body: unknown): Promise<EntityDef> {
    const def = this.validEntity(body);
    if (this.stored.entities.some((e) => e.name === def.name)) throw errors.entityExists(def.name);
    this.assertTableFree(def.table, def.name);
    const now = new Date().toISOString();
    await this.write(async (tx) => {
      await tx.run('INSERT INTO _entities (name, table_name, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [
        def.name, def.table, this.ctx.db.dialect.encodeJson(def), now,
      ]);
      const columns = await tableColumns(tx, this.ctx.db.dialect, def.table);
      await applyDdl(tx, planEntityDdl(this.ctx.db.dialect, undefined, def, columns));
    }, true);
    this.pending?.entities.push({ name: def.name, table_name: def.table, definition: def, created_at: now, updated_at: now });
    return def;
  }

  async updateEntity(name: string, body: unknown): Promise<EntityDef> {
    const input = objectBody(body);
    const existing = this.getEntity(name).definition;
    const result = validateEntity(input, {
      existing,
      urlName: name,
      joinTables: this.joinTables(),
      referencedFields: this.referencedFields(name),
    });
    if (!result.ok) failed(result.problems);
    const def = result.definition;
    await this.write(async (tx) => {
      await tx.run('UPDATE _entities SET definition = $1, updated_at = $2 WHERE name = $3', [
        this.ctx.db.dialect.encodeJson(def), new Date().toISOString(), name,
      ]);
      const columns = await tableColumns(tx, this.ctx.db.dialect, def.table);
      await applyDdl(tx, planEntityDdl(this.ctx.db.dialect, existing, def, columns));
    });
    return def;
  }

  async deleteEntity(name: string): Promise<{ name: string; deleted: true }> {
    this.getEntity(name);
    const entities = this.definitions();
    const touching = this.stored.relations.filter((r) => r.source === name || r.target === name);
    await this.write(async (tx) => {
      for (const r of touching) await applyDdl(tx, planRelationDrop(this.ctx.db.dialect, r.definition, entities));
      await tx.run('DELETE FROM _relations WHERE source = $1 OR target = $1', [name]);
      await tx.run('DELETE FROM _entities WHERE name = $1', [name]);
    });
    return { name, deleted: true };
  }

  async createRelation(body: unknown): Promise<RelationDef> {
    const input = objectBody(body);
    const def = this.validRelation(input);
    if (this.stored.relations.some((r) => r.name === def.name)) throw errors.relationExists(def.name);
    const now = new Date().toISOString();
    await this.write(async (tx) => {
      await tx.run('INSERT INTO _relations (name, source, target, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)', [
        def.name, def.source, def.target, this.ctx.db.dialect.encodeJson(def), now,
      ]);
      await this.relationDdl(tx, def);
    }, true);
    this.pending?.relations.push({ name: def.name, source: def.source, target: def.target, definition: def, created_at: now, updated_at: now });
    return def;
  }

  async updateRelation(name: string, body: unknown): Promise<RelationDef> {
    const input = objectBody(body);
    const previous = this.getRelation(name).definition;
    const def = this.validRelation(input, name);
    await this.write(async (tx) => {
      await applyDdl(tx, planRelationDrop(this.ctx.db.dialect, previous, this.definitions()));
      await tx.run('UPDATE _relations SET source = $1, target = $2, definition = $3, updated_at = $4 WHERE name = $5', [
        def.source, def.target, this.ctx.db.dialect.encodeJson(def), new Date().toISOString(), name,
      ]);
      await this.relationDdl(tx, def);
    });
    return def;
  }

  async deleteRelation(name: string): Promise<{ name: string; deleted: true }> {
    const previous = this.getRelation(name).definition;
    await this.write(async (tx) => {
      await applyDdl(tx, planRelationDrop(this.ctx.db.dialect, previous, this.definitions()));
      await tx.run('DELETE FROM _relations WHERE name = $1', [name]);
    });
    return { name, deleted: true };
  }

  /** The stored form of a relation definition (metadata.md §11.2), or its 422; writes nothing. */
  validRelation(input: Record<string, unknown>, urlName?: string): RelationDef {
    const entityTables = new Set(this.stored.entities.map((e) => e.table_name));
    const result = validateRelation(input, { entities: this.definitions(), urlName, entityTables });
    if (!result.ok) failed(result.problems);
    return result.definition;
  }

  private async relationDdl(tx: Queryable, def: RelationDef): Promise<void> {
    const dialect = this.ctx.db.dialect;
    const joinColumns = def.type === 'many_to_many' ? await tableColumns(tx, dialect, def.join_table!) : new Map<string, string>();
    await applyDdl(tx, planRelationDdl(dialect, def, this.definitions(), joinColumns));
  }

  private assertTableFree(table: string, entity: string): void {
    const owner = this.stored.entities.find((e) => e.table_name === table && e.name !== entity);
    if (owner) throw errors.tableInUse(table);
  }

  /** Fields of `entity` that relations still use (metadata.md §10.4 check 25). */
  private referencedFields(entity: string): Map<string, string> {
    const refs = new Map<string, string>();
    for (const { definition: r } of this.stored.relations) {
      if (r.source === entity && !refs.has(r.source_key)) refs.set(r.source_key, `relation ${r.name}`);
      if (r.target === entity && r.type !== 'many_to_many' && r.target_key && !refs.has(r.target_key)) {
        refs.set(r.target_key, `relation ${r.name}`);
      }
    }
    return refs;
  }

  /**
   * Metadata row + DDL in one transaction, then the new registry, then the other instances; a
   * `deferrable` write (a create) leaves those two to `flush()` while reloads are deferred.
   */
  private async write(fn: (tx: Queryable) => Promise<void>, deferrable = false): Promise<void> {
    try {
      await this.ctx.db.transaction(async (tx) => {
        await fn(tx);
        await bumpMetadataVersion(tx);
      });
    } catch (err) {
      if (this.ctx.db.dialect.isUniqueViolation(err)) {
        // Lost a race with a concurrent admin write of the same name or table.
        throw errors.metadataChangedConcurrently();
      }
      throw err;
    }
    if (deferrable && this.pending) return;
    await reloadRegistry(this.ctx, this.log);
    await this.announce(this.ctx.name);
  }
}
