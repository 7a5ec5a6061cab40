// Invites of one app (auth.md §7, §4.4): create (single and bulk, skip & report), list with a
// computed status, revoke, and accept — which creates the user and logs them in. Bodies come
// checked by their schemas (core/bodies/access.ts).
import { randomUUID } from 'node:crypto';
import { AppError, errors } from '../errors.js';
import { isUuid, newId, normaliseEmail, isEmail } from '../ids.js';
import type { Database, Queryable } from '../db/types.js';
import { hashPassword } from './passwords.js';
import type { SessionService, TokenPair } from './sessions.js';
import type { AcceptInviteInput, InviteBulkInput, InviteCreateInput } from '../bodies/access.js';
import type { AuditActor } from '../audit/actor.js';
import { captureSystemChange, INVITES, USERS } from '../audit/system.js';

export const INVITE_TTL_MS = 72 * 3600 * 1000;

export type InviteStatus = 'pending' | 'accepted' | 'expired';

export interface InviteView {
  id: string;
  email: string;
  roles: string[];
  token: string;
  expires_at: string;
  accepted_at: string | null;
  invited_by: string | null;
  created_at: string;
  status: InviteStatus;
}

export interface BulkResult {
  created: Array<Pick<InviteView, 'id' | 'email' | 'token' | 'expires_at'>>;
  skipped: Array<{ email: string; reason: string }>;
  summary: { total: number; created: number; skipped: number };
}

export interface AcceptResult extends TokenPair {
  user: { id: string; email: string; roles: string[] };
}

interface InviteRow {
  id: string;
  email: string;
  roles: unknown;
  token: string;
  expires_at: unknown;
  accepted_at: unknown;
  invited_by: string | null;
  created_at: unknown;
}

const INVITE_COLUMNS = 'id, email, roles, token, expires_at, accepted_at, invited_by, created_at';
// Bulk skip reasons in the wording of the single-invite 409s.
const USER_EXISTS = errors.userExists().message;
const PENDING_EXISTS = errors.pendingInviteExists().message;

/** An invite as its audit entries show it: the row, without the computed status. */
function auditView(invite: InviteView): Record<string, unknown> {
  const { status: _status, ...row } = invite;
  return row;
}

export class InviteService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    /** Who changes invites (and, accepting one, creates a user), for the audit log (§B2). */
    private readonly audit?: () => Promise<AuditActor>,
  ) {}

  private view(row: InviteRow, now = Date.now()): InviteView {
    const d = this.db.dialect;
    const expiresAt = d.decodeTimestamp(row.expires_at)!;
    const acceptedAt = d.decodeTimestamp(row.accepted_at);
    const status: InviteStatus = acceptedAt ? 'accepted' : now > Date.parse(expiresAt) ? 'expired' : 'pending';
    return {
      id: row.id,
      email: row.email,
      roles: d.decodeTextArray(row.roles),
      token: row.token,
      expires_at: expiresAt,
      accepted_at: acceptedAt,
      invited_by: row.invited_by ?? null,
      created_at: d.decodeTimestamp(row.created_at)!,
      status,
    };
  }

  /** Which of these emails already belong to a user, and which have a pending invite. */
  private async blocked(q: Queryable, emails: string[]): Promise<{ users: Set<string>; pending: Set<string> }> {
    // One statement per check whatever the number of emails: the list goes in as one parameter.
    const d = this.db.dialect;
    const inList = d.inList('email', 'text', 1);
    const list = d.encodeList(emails, 'text');
    const users = await q.query<{ email: string }>(`SELECT email FROM _users WHERE ${inList}`, [list]);
    const pending = await q.query<{ email: string }>(
      `SELECT email FROM _invites WHERE ${inList} AND accepted_at IS NULL AND expires_at > $2`,
      [list, new Date().toISOString()],
    );
    return { users: new Set(users.map((r) => r.email)), pending: new Set(pending.map((r) => r.email)) };
  }

  /**
   * Checks and inserts one invite under a per-email lock, so of concurrent invites for one email
   * exactly one is created (auth.md §7.1: at most one pending invite per email). No constraint can
   * say "pending", since expiry depends on the clock; SQLite's BEGIN IMMEDIATE serialises anyway.
   */
  private async createOne(email: string, roles: string[], invitedBy: string | null, createdAt: number, expiresAt: number): Promise<InviteView> {
    const actor = await this.audit?.();
    return this.db.transaction(async (tx) => {
      const lock = this.db.dialect.namedLockSql;
      if (lock) await tx.query(lock, [`rocket:invite:${email}`]);
      const { users, pending } = await this.blocked(tx, [email]);
      if (users.has(email)) throw errors.userExists();
      if (pending.has(email)) throw errors.pendingInviteExists();
      const invite = await this.insert(tx, email, roles, invitedBy, createdAt, expiresAt);
      await captureSystemChange(tx, this.db.dialect, actor, INVITES, { action: 'create', id: invite.id, after: auditView(invite) });
      return invite;
    }, { write: true });
  }

  private async insert(q: Queryable, email: string, roles: string[], invitedBy: string | null, createdAt: number, expiresAt: number): Promise<InviteView> {
    const row: InviteRow = {
      id: newId(),
      email,
      roles,
      token: randomUUID(),
      expires_at: new Date(expiresAt).toISOString(),
      accepted_at: null,
      invited_by: invitedBy,
      created_at: new Date(createdAt).toISOString(),
    };
    await q.run(
      `INSERT INTO _invites (${INVITE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.email, this.db.dialect.encodeTextArray(roles), row.token, row.expires_at, null, row.invited_by, row.created_at],
    );
    return this.view(row, createdAt);
  }

  async list(): Promise<InviteView[]> {
    const rows = await this.db.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM _invites ORDER BY created_at DESC, id`);
    const now = Date.now();
    return rows.map((r) => this.view(r, now));
  }

  async create(input: InviteCreateInput, invitedBy: string | null): Promise<InviteView> {
    const email = normaliseEmail(input.email);
    const roles = input.roles ?? [];
    const now = Date.now();
    return this.createOne(email, roles, invitedBy, now, now + INVITE_TTL_MS);
  }

  /** Skip & report: every unique email is handled on its own; the request fails only on its shape. */
  async bulk(input: InviteBulkInput, invitedBy: string | null): Promise<BulkResult> {
    const roles = input.roles ?? [];
    const emails = [...new Set(input.emails.map(normaliseEmail))];

    const valid = emails.filter(isEmail);
    // One look for the whole list skips the obvious cases; each creation re-checks under its lock.
    const { users, pending } = valid.length > 0 ? await this.blocked(this.db, valid) : { users: new Set<string>(), pending: new Set<string>() };
    const now = Date.now();
    const expiresAt = now + INVITE_TTL_MS;
    const result: BulkResult = { created: [], skipped: [], summary: { total: emails.length, created: 0, skipped: 0 } };
    for (const email of emails) {
      const reason = !isEmail(email) ? 'Invalid email address'
        : users.has(email) ? USER_EXISTS
          : pending.has(email) ? PENDING_EXISTS
            : undefined;
      if (reason) {
        result.skipped.push({ email, reason });
        continue;
      }
      try {
        const invite = await this.createOne(email, roles, invitedBy, now, expiresAt);
        result.created.push({ id: invite.id, email: invite.email, token: invite.token, expires_at: invite.expires_at });
      } catch (err) {
        // Lost to a concurrent invite or signup since the first look: reported like the others.
        const reason = err instanceof AppError && (err.message === USER_EXISTS || err.message === PENDING_EXISTS) ? err.message : 'Could not create invite';
        result.skipped.push({ email, reason });
      }
    }
    result.summary.created = result.created.length;
    result.summary.skipped = result.skipped.length;
    return result;
  }

  async revoke(id: string): Promise<{ id: string; deleted: true }> {
    if (!isUuid(id)) throw errors.inviteNotFound(id);
    const actor = await this.audit?.();
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM _invites WHERE id = $1${this.db.dialect.rowLockSuffix}`, [id.toLowerCase()]);
      if (!row || (await tx.run('DELETE FROM _invites WHERE id = $1', [row.id])) === 0) throw errors.inviteNotFound(id);
      await captureSystemChange(tx, this.db.dialect, actor, INVITES, { action: 'delete', id: row.id, before: auditView(this.view(row)) });
    }, { write: true });
    return { id: id.toLowerCase(), deleted: true };
  }

  /** Creates the user and marks the invite accepted in one transaction, then issues a token pair. */
  async accept(input: AcceptInviteInput): Promise<AcceptResult> {
    const token = input.token.trim();
    const { password } = input;
    // Tokens are generated as lowercase UUIDs, so anything else (a NUL byte included) names none.
    if (!isUuid(token)) throw errors.invalidInviteToken();
    const [row] = await this.db.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM _invites WHERE token = $1`, [token.toLowerCase()]);
    if (!row) throw errors.invalidInviteToken();
    const invite = this.view(row);
    if (invite.status === 'accepted') throw errors.inviteAlreadyAccepted();
    if (invite.status === 'expired') throw errors.inviteExpired();
    const [existing] = await this.db.query('SELECT id FROM _users WHERE email = $1', [invite.email]);
    if (existing) throw errors.userExists();

    const hash = await hashPassword(password);
    const d = this.db.dialect;
    const user = { id: newId(), email: invite.email, roles: invite.roles };
    const actor = await this.audit?.();
    try {
      const tokens = await this.db.transaction(async (tx) => {
        const now = new Date().toISOString();
        // The conditional update is the arbiter: of two concurrent accepts only one changes the row.
        const claimed = await tx.run('UPDATE _invites SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL', [now, invite.id]);
        if (claimed === 0) throw errors.inviteAlreadyAccepted();
        await tx.run(
          'INSERT INTO _users (id, email, password_hash, roles, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
          [user.id, user.email, hash, d.encodeTextArray(user.roles), d.encodeBool(true), now],
        );
        const before = auditView(invite);
        await captureSystemChange(tx, d, actor, INVITES, { action: 'update', id: invite.id, before, after: { ...before, accepted_at: now } });
        const created = { ...user, active: true, created_at: now, updated_at: now };
        await captureSystemChange(tx, d, actor, USERS, { action: 'create', id: user.id, after: created });
        return this.sessions.issue(tx, user);
      }, { write: true });
      return { ...tokens, user };
    } catch (err) {
      if (d.isUniqueViolation(err)) throw errors.userExists();
      throw err;
    }
  }
}
