// The permissions admin operations of auth.md §8.5: CRUD on `_permissions`, then — after every
// successful write — a rebuilt registry (so the change applies to the next request) and a notice
// to the other instances, exactly like metadata changes.
import { errors } from '../errors.js';
import { isUuid, newId } from '../ids.js';
import { validatePolicy, type PolicyInput, type StoredPermission } from '../permissions/policy.js';
import { decodePermissionRow, permissionsSql } from '../permissions/stored-row.js';
import { captureSystemChange, PERMISSIONS } from '../audit/system.js';
import type { Queryable } from '../db/types.js';
import { AdminService } from './admin-service.js';

const COLUMNS = 'id, entity, action, roles, conditions, created_at, updated_at';

export class PermissionsAdmin extends AdminService {
  private notFound(id: string): never {
    throw errors.permissionNotFound(id);
  }

  private decode(row: Record<string, unknown> | undefined, id: string): StoredPermission {
    if (!row) this.notFound(id);
    return decodePermissionRow(this.db.dialect, row);
  }

  private params(input: PolicyInput): unknown[] {
    const d = this.db.dialect;
    return [input.entity, input.action, d.encodeTextArray(input.roles), d.encodeJson(input.conditions)];
  }

  async list(): Promise<StoredPermission[]> {
    const rows = await this.db.query<Record<string, unknown>>(permissionsSql(this.db.dialect));
    return rows.map((r) => decodePermissionRow(this.db.dialect, r));
  }

  async get(id: string): Promise<StoredPermission> {
    // Ids that are not UUIDs are "not found" without a query (auth.md §0).
    if (!isUuid(id)) this.notFound(id);
    const [row] = await this.db.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM _permissions WHERE id = $1`, [id.toLowerCase()]);
    return this.decode(row, id);
  }

  /** The row before a change, locked until the change's transaction ends; 404 when gone. */
  private async locked(tx: Queryable, id: string): Promise<StoredPermission> {
    const [row] = await tx.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM _permissions WHERE id = $1${this.db.dialect.rowLockSuffix}`, [id.toLowerCase()]);
    return this.decode(row, id);
  }

  /** Runs a change and its `_permissions` audit entry in one transaction (observability-and-audit.md §B2). */
  private async audited<T>(fn: (tx: Queryable, capture: (change: Parameters<typeof captureSystemChange>[4]) => Promise<void>) => Promise<T>): Promise<T> {
    const actor = await this.audit?.();
    return this.db.transaction((tx) => fn(tx, (change) => captureSystemChange(tx, this.db.dialect, actor, PERMISSIONS, change)), { write: true });
  }

  async create(body: unknown): Promise<StoredPermission> {
    const input = validatePolicy(body);
    const now = new Date().toISOString();
    const created = await this.audited(async (tx, capture) => {
      const [row] = await tx.query<Record<string, unknown>>(
        `INSERT INTO _permissions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${COLUMNS}`,
        [newId(), ...this.params(input), now],
      );
      const permission = this.decode(row, '');
      await capture({ action: 'create', id: permission.id, after: { ...permission } });
      return permission;
    });
    await this.changed();
    return created;
  }

  /** Full replacement; an unknown id is 404 before the body is looked at. */
  async update(id: string, body: unknown): Promise<StoredPermission> {
    await this.get(id);
    const input = validatePolicy(body);
    const updated = await this.audited(async (tx, capture) => {
      const before = await this.locked(tx, id); // deleted concurrently → 404
      const [row] = await tx.query<Record<string, unknown>>(
        `UPDATE _permissions SET entity = $1, action = $2, roles = $3, conditions = $4, updated_at = $5 WHERE id = $6 RETURNING ${COLUMNS}`,
        [...this.params(input), new Date().toISOString(), before.id],
      );
      const permission = this.decode(row, id);
      await capture({ action: 'update', id: permission.id, before: { ...before }, after: { ...permission } });
      return permission;
    });
    await this.changed();
    return updated;
  }

  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (!isUuid(id)) this.notFound(id);
    const deleted = await this.audited(async (tx, capture) => {
      const before = await this.locked(tx, id);
      await tx.run('DELETE FROM _permissions WHERE id = $1', [before.id]);
      await capture({ action: 'delete', id: before.id, before: { ...before } });
      return before.id;
    });
    await this.changed();
    return { id: deleted, deleted: true };
  }
}
