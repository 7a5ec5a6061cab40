// Seeded administrators (platform-and-apps.md §3.2, §4.4): configured password, else `changeme`
// with a loud warning in development, else (production) a random password printed once.
import type { RocketConfig } from '../../config/schema.js';
import type { Database } from '../db/types.js';
import { newId, normaliseEmail } from '../ids.js';
import type { Logger } from '../logger.js';
import { hashPassword, randomPassword, verifyPassword } from './../auth/passwords.js';

const DEV_PASSWORD = 'changeme';

function choosePassword(configured: string | undefined, config: RocketConfig): { password: string; generated: boolean } {
  if (configured) return { password: configured, generated: false };
  if (config.env === 'production') return { password: randomPassword(), generated: true };
  return { password: DEV_PASSWORD, generated: false };
}

/**
 * Inserts the administrator if the table is empty, under a lock so two instances starting (or
 * loading the app) at the same moment cannot both insert (the second sees the first's row); ON
 * CONFLICT covers an existing user with that email. Returns whether this call inserted it.
 */
async function seedIfEmpty(db: Database, table: string, lockKey: string, email: string, password: string, roles: string[]): Promise<boolean> {
  if (!(await isEmpty(db, table))) return false;
  const hash = await hashPassword(password); // outside the transaction: bcrypt takes a while
  const d = db.dialect;
  return db.transaction(async (tx) => {
    if (d.migration.lockSql) await tx.query(d.migration.lockSql, [lockKey]);
    if ((await tx.query(`SELECT 1 FROM ${table} LIMIT 1`)).length > 0) return false;
    const now = new Date().toISOString();
    const inserted = await tx.run(
      `INSERT INTO ${table} (id, email, password_hash, roles, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (email) DO NOTHING`,
      [newId(), normaliseEmail(email), hash, d.encodeTextArray(roles), d.encodeBool(true), now],
    );
    return inserted > 0;
  }, { write: true });
}

async function isEmpty(db: Database, table: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM ${table} LIMIT 1`)).length === 0;
}

export async function seedAppAdmin(
  db: Database, app: string, request: { email?: string; password?: string }, config: RocketConfig, log: Logger,
): Promise<void> {
  if (!(await isEmpty(db, '_users'))) return;
  const email = request.email || config.app_admin.email;
  const { password, generated } = choosePassword(request.password || config.app_admin.password, config);
  if (!(await seedIfEmpty(db, '_users', 'rocket:seed:app-admin', email, password, ['admin']))) return;
  if (generated) {
    // Printed exactly once, at seeding time, so the operator can log in.
    log.warn({ app, email, generated_password: password }, `app "${app}" administrator created with a generated password (shown only now)`);
  } else if (password === DEV_PASSWORD) {
    log.warn({ app, email }, `app "${app}" administrator uses the default password "changeme": change it`);
  }
}

export async function seedPlatformAdmin(db: Database, config: RocketConfig, log: Logger): Promise<void> {
  const email = normaliseEmail(config.platform_admin.email);
  if (await isEmpty(db, '_platform_users')) {
    const { password, generated } = choosePassword(config.platform_admin.password, config);
    const inserted = await seedIfEmpty(db, '_platform_users', 'rocket:seed:platform-admin', email, password, ['platform_admin']);
    if (inserted && generated) {
      log.warn({ email, generated_password: password }, 'platform administrator created with a generated password (shown only now)');
    }
  }
  if (!config.platform_admin.password && config.env !== 'production') {
    const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM _platform_users WHERE email = $1', [email]);
    if (row && (await verifyPassword(DEV_PASSWORD, row.password_hash))) {
      log.warn({ email }, 'PLATFORM ADMIN USES THE DEFAULT PASSWORD "changeme": change it with POST /api/_platform/auth/change-password');
    }
  }
}
