// Recording effects inside the business transaction: one multi-row INSERT into `_effects`, each row
// due only after the recovery delay, so while the writer is alive the effects job leaves it alone.
// `max_attempts` is 1: a transition webhook is not retried (write-pipeline.md §6), and a business
// event insert that fails is a database failure the recovery pass repeats only after a crash.
import { runDeferred, type Dialect, type Queryable } from '../db/types.js';
import type { Effect } from './types.js';

const COLUMNS = 'id, kind, payload, status, attempt, max_attempts, next_retry_at, created_at, updated_at';

/** Inserts `effects`; returns the due value written (the writer's lease, and its fencing token). */
export async function recordEffects(q: Queryable, dialect: Dialect, effects: readonly Effect[], now: Date, recoveryDelayMs: number): Promise<string> {
  const leaseUntil = new Date(now.getTime() + recoveryDelayMs).toISOString();
  const stamp = now.toISOString();
  const params: unknown[] = [leaseUntil, stamp];
  const rows = effects.map((e) => {
    params.push(e.id, e.kind, dialect.encodeJson(e.payload));
    const n = params.length;
    return `($${n - 2}, $${n - 1}, $${n}, 'pending', 0, 1, $1, $2, $2)`;
  });
  await runDeferred(q, `INSERT INTO _effects (${COLUMNS}) VALUES ${rows.join(', ')}`, params);
  return leaseUntil;
}
