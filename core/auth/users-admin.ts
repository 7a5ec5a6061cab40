// User administration of one app (auth.md §6): list, read, create, update, hard delete over `_users`.
// Bodies come checked by their schemas (core/bodies/access.ts). `password_hash` never leaves this module.
import { errors } from '../errors.js';
import { isUuid, newId, normaliseEmail } from '../ids.js';
import type { UserCreateInput, UserUpdateInput } from '../bodies/access.js';
import type { Database, Queryable } from '../db/types.js';
import type { AuditActor } from '../audit/actor.js';
import { captureSystemChange, USERS } from '../audit/system.js';
import { hashPassword } from './passwords.js';
import type { SessionService } from './sessions.js';

export interface UserView {
  id: string;
  email: string;
  roles: string[];
  active: boolean;
  created_at: string;
  updated_at: string;
}

interface UserRow {
  id: string;
  email: string;
  roles: unknown;
  active: unknown;
  created_at: unknown;
  updated_at: unknown;
}

// Never `SELECT *`: the hash must not be read into anything that could be returned or logged.
const USER_COLUMNS = 'id, email, roles, active, created_at, updated_at';

export class UsersAdmin {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    /** Who changes users, for the audit log (`_users` entries, observability-and-audit.md §B2). */
    private readonly audit?: () => Promise<AuditActor>,
  ) {}

  private view(row: UserRow): UserView {
    const d = this.db.dialect;
    return {
      id: row.id,
      email: row.email,
      roles: d.decodeTextArray(row.roles),
      active: d.decodeBool(row.active),
      created_at: d.decodeTimestamp(row.created_at)!,
      updated_at: d.decodeTimestamp(row.updated_at)!,
    };
  }

  /** `lock`: inside a write transaction, keep the row from changing until it ends. */
  private async find(q: Queryable, id: string, lock = false): Promise<UserRow | undefined> {
    if (!isUuid(id)) return undefined;
    const suffix = lock ? this.db.dialect.rowLockSuffix : '';
    const [row] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM _users WHERE id = $1${suffix}`, [id.toLowerCase()]);
    return row;
  }

  /** The row as the API shows it, read on `q` (the write's transaction). */
  private async current(q: Queryable, id: string): Promise<UserView> {
    return this.view((await this.find(q, id))!);
  }

  private async emailTaken(email: string, exceptId?: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM _users WHERE email = $1', [email]);
    return rows.some((r) => r.id !== exceptId);
  }

  /** Runs a write; a unique violation on email (a concurrent create) becomes the same 409. */
  private async guardUnique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (this.db.dialect.isUniqueViolation(err)) throw errors.userExists();
      throw err;
    }
  }

  async list(): Promise<UserView[]> {
    const rows = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM _users`);
    // Sorted here by code units so the order is the same on both dialects whatever the collation.
    return rows.map((r) => this.view(r)).sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }

  /** Throws the 404 of an unknown id. */
  async exists(id: string): Promise<void> {
    if (!(await this.find(this.db, id))) throw errors.userNotFound(id);
  }

  async get(id: string): Promise<UserView> {
    const row = await this.find(this.db, id);
    if (!row) throw errors.userNotFound(id);
    return this.view(row);
  }

  /** `id`: a caller-chosen UUID (an import's `_users` sample row keeps its id, schema-io.md §2.5). */
  async create(input: UserCreateInput, id: string = newId()): Promise<UserView> {
    const email = normaliseEmail(input.email);
    const { password } = input;
    const roles = input.roles ?? [];
    const active = input.active ?? true;
    if (await this.emailTaken(email)) throw errors.userExists();
    const d = this.db.dialect;
    const now = new Date().toISOString();
    const hash = await hashPassword(password);
    const actor = await this.audit?.();
    return this.guardUnique(() => this.db.transaction(async (tx) => {
      await tx.run(
        'INSERT INTO _users (id, email, password_hash, roles, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
        [id, email, hash, d.encodeTextArray(roles), d.encodeBool(active), now],
      );
      const user = await this.current(tx, id);
      await captureSystemChange(tx, d, actor, USERS, { action: 'create', id, after: { ...user } });
      return user;
    }, { write: true }));
  }

  /** §6.4; the route has answered an unknown id with 404 (`exists`) before it checked the body. */
  async update(id: string, input: UserUpdateInput): Promise<UserView> {
    const current = await this.find(this.db, id);
    if (!current) throw errors.userNotFound(id);
    const email = normaliseEmail(input.email);
    // An empty password means "unchanged" on update (auth.md §6.4).
    const password = input.password === undefined || input.password === null || input.password === '' ? undefined : input.password;
    const { roles, active } = input;
    if (await this.emailTaken(email, current.id)) throw errors.userExists();

    const d = this.db.dialect;
    const sets = ['email = $2', 'updated_at = $3'];
    const params: unknown[] = [current.id, email, new Date().toISOString()];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (password !== undefined) set('password_hash', await hashPassword(password));
    if (roles !== undefined) set('roles', d.encodeTextArray(roles));
    if (active !== undefined) set('active', d.encodeBool(active));
    const revoke = password !== undefined || active === false;
    const actor = await this.audit?.();
    return this.guardUnique(() => this.db.transaction(async (tx) => {
      const before = await this.find(tx, current.id, true);
      if (!before) throw errors.userNotFound(id);
      await tx.run(`UPDATE _users SET ${sets.join(', ')} WHERE id = $1`, params);
      // A new password or a deactivation ends every session within one access-token lifetime.
      if (revoke) await this.sessions.revokeAll(tx, current.id);
      const user = await this.current(tx, current.id);
      // A password change alone changes no audited field (the hash is never recorded): no entry.
      await captureSystemChange(tx, d, actor, USERS, { action: 'update', id: current.id, before: { ...this.view(before) }, after: { ...user } });
      return user;
    }, { write: true }));
  }

  /** Hard delete; refresh tokens go with the row (ON DELETE CASCADE). */
  async delete(id: string): Promise<{ id: string; deleted: true }> {
    if (!isUuid(id)) throw errors.userNotFound(id);
    const actor = await this.audit?.();
    await this.db.transaction(async (tx) => {
      const before = await this.find(tx, id, true);
      if (!before || (await tx.run('DELETE FROM _users WHERE id = $1', [before.id])) === 0) throw errors.userNotFound(id);
      await captureSystemChange(tx, this.db.dialect, actor, USERS, { action: 'delete', id: before.id, before: { ...this.view(before) } });
    }, { write: true });
    return { id: id.toLowerCase(), deleted: true };
  }
}
