// Login, refresh-token rotation, logout and password change over a users table and its refresh
// token table. The platform (_platform_users) and every app (_users) use the same logic.
import { AppError, errors } from '../errors.js';
import { isUuid, newId, normaliseEmail } from '../ids.js';
import type { Database, Queryable } from '../db/types.js';
import { textProblem } from '../text.js';
import { hashPassword, MAX_PASSWORD_BYTES, passwordTooLong, verifyPassword } from './passwords.js';
import { REFRESH_TOKEN_TTL_S, type TokenIssuer } from './tokens.js';
import type { ChangePasswordInput, LoginInput, RefreshInput } from '../bodies/access.js';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

export interface SessionTables {
  users: '_users' | '_platform_users';
  tokens: '_refresh_tokens' | '_platform_refresh_tokens';
}

interface UserRow {
  id: string;
  password_hash: string;
  roles: unknown;
  active: unknown;
}

export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly tables: SessionTables,
    private readonly issuer: TokenIssuer,
  ) {}

  /** The bodies come checked by their route schemas (core/bodies/access.ts). */
  async login({ email, password }: LoginInput): Promise<TokenPair> {
    // No stored email holds text that is not storable (core/text.ts): such an email matches no user,
    // and takes the same time to be refused as any unknown one.
    const [user] = textProblem(email) !== undefined ? [] : await this.db.query<UserRow>(
      `SELECT id, password_hash, roles, active FROM ${this.tables.users} WHERE email = $1`,
      [normaliseEmail(email)],
    );
    const passwordOk = await verifyPassword(password, user?.password_hash);
    if (!user) throw errors.invalidCredentials();
    if (!this.db.dialect.decodeBool(user.active)) throw errors.accountDisabled();
    if (!passwordOk) throw errors.invalidCredentials();
    return this.issue(this.db, user);
  }

  /** Rotation is one DELETE … RETURNING, so of two concurrent refreshes exactly one wins. */
  async refresh({ refresh_token: token }: RefreshInput): Promise<TokenPair> {
    if (!isUuid(token)) throw errors.invalidRefreshToken();
    // The token row stays deleted even when the refresh is refused (expired, disabled account),
    // so failures are returned out of the transaction and thrown after COMMIT.
    const outcome = await this.db.transaction<TokenPair | AppError>(async (tx) => {
      const [row] = await tx.query<{ user_id: string; expires_at: unknown }>(
        `DELETE FROM ${this.tables.tokens} WHERE token = $1 RETURNING user_id, expires_at`,
        [token.toLowerCase()],
      );
      if (!row) throw errors.invalidRefreshToken();
      if (Date.parse(this.db.dialect.decodeTimestamp(row.expires_at) ?? '') <= Date.now()) {
        return errors.refreshTokenExpired();
      }
      const [user] = await tx.query<UserRow>(
        `SELECT id, password_hash, roles, active FROM ${this.tables.users} WHERE id = $1`,
        [row.user_id],
      );
      if (!user) throw errors.invalidRefreshToken();
      if (!this.db.dialect.decodeBool(user.active)) return errors.accountDisabled();
      return this.issue(tx, user);
    });
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  async logout({ refresh_token: token }: RefreshInput): Promise<void> {
    if (isUuid(token)) await this.db.run(`DELETE FROM ${this.tables.tokens} WHERE token = $1`, [token.toLowerCase()]);
  }

  async changePassword(userId: string, { current_password: current, new_password: next }: ChangePasswordInput): Promise<void> {
    const [user] = await this.db.query<UserRow>(
      `SELECT id, password_hash, roles, active FROM ${this.tables.users} WHERE id = $1`,
      [userId],
    );
    if (!user || !(await verifyPassword(current, user.password_hash))) {
      throw errors.invalidCurrentPassword();
    }
    if (passwordTooLong(next)) throw errors.passwordTooLong('new_password', MAX_PASSWORD_BYTES);
    const hash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx.run(`UPDATE ${this.tables.users} SET password_hash = $1, updated_at = $2 WHERE id = $3`, [
        hash, new Date().toISOString(), userId,
      ]);
      await this.revokeAll(tx, userId);
    });
  }

  /** Deletes every refresh token of a user (password change, deactivation). */
  async revokeAll(q: Queryable, userId: string): Promise<void> {
    await q.run(`DELETE FROM ${this.tables.tokens} WHERE user_id = $1`, [userId]);
  }

  async issue(q: Queryable, user: { id: string; roles: unknown }): Promise<TokenPair> {
    const refresh = newId();
    await q.run(
      `INSERT INTO ${this.tables.tokens} (id, user_id, token, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [newId(), user.id, refresh, new Date(Date.now() + REFRESH_TOKEN_TTL_S * 1000).toISOString(), new Date().toISOString()],
    );
    return { access_token: this.issuer.sign(user.id, this.db.dialect.decodeTextArray(user.roles)), refresh_token: refresh };
  }
}
