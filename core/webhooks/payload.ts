// The delivery payload of webhooks-and-files.md §A6 and the condition environment of §A4, built
// from the record as written inside the transaction (what commits).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { ExprEnv } from '../expr/index.js';
import type { WebhookHook } from './types.js';

type Values = Record<string, unknown>;
export type WebhookAction = 'create' | 'update' | 'delete';

export interface PayloadInput {
  hook: WebhookHook;
  entity: CompiledEntity;
  action: WebhookAction;
  /** The stored record (create/update: as written; delete: as it was). */
  record: Values;
  /** The pre-write record of an update. */
  old: Values | undefined;
  user: { id: string; roles: readonly string[] } | undefined;
  now: Date;
}

/** A record in the API form (same shape as GET /:entity/:id, no includes). */
export const apiRecord = (entity: CompiledEntity, record: Values): Values => JSON.parse(entity.serializeOne(record)).data;

/** Values compared "by string form" (§A6): structures by their JSON text. */
const stringForm = (v: unknown): string => (v === null || v === undefined ? '\u0000null' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** §A6 `changes`: every key of `record` whose value differs from `old` (on create: every non-null key). */
export function changesOf(record: Values, old: Values | null): Record<string, { old: unknown; new: unknown }> {
  const out: Record<string, { old: unknown; new: unknown }> = {};
  for (const [key, value] of Object.entries(record)) {
    const before = old ? (old[key] ?? null) : null;
    if (old ? stringForm(before) !== stringForm(value) : value !== null && value !== undefined) out[key] = { old: before, new: value };
  }
  return out;
}

export interface BuiltPayload {
  /** Everything but `idempotency_key`, which is per delivery. */
  body: Values;
  /** The §A4 environment for conditions. */
  env: ExprEnv;
}

export function buildPayload(p: PayloadInput): BuiltPayload {
  const record = apiRecord(p.entity, p.record);
  const body: Values = { event: p.hook, entity: p.entity.name, action: p.action, record };
  let old: Values | null = null;
  let changes: Values = {};
  if (p.action !== 'delete') {
    old = p.action === 'update' && p.old ? apiRecord(p.entity, p.old) : null;
    changes = changesOf(record, old);
    body.old = old;
    body.changes = changes;
  }
  if (p.user) body.user = { id: p.user.id, roles: [...p.user.roles] };
  body.timestamp = p.now.toISOString();
  const env: ExprEnv = {
    record, old, changes, action: p.action, entity: p.entity.name, event: p.hook, now: p.now,
    user: { id: p.user?.id ?? null, roles: p.user ? [...p.user.roles] : [] },
  };
  return { body, env };
}
