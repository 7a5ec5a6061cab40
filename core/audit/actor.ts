// Who changes data and from where (observability-and-audit.md §B6): one AuditActor per request (or
// scheduler item), carried by the write context to every entry the request captures.
import type { Caller } from '../auth/tokens.js';
import type { Queryable } from '../db/types.js';
import { isUuid } from '../ids.js';
import type { AuditSettings } from './settings.js';

/** §B1 `source`. */
export type AuditSource = 'api' | 'nested' | 'action' | 'workflow' | 'import' | 'bulk' | 'admin' | 'system';

/** §B6: who changed the data and from where, the same for every entry of one request. */
export interface AuditActor {
  readonly settings: AuditSettings;
  /** The caller's id when it is a UUID (the column's type); null for scheduler and system work. */
  readonly userId: string | null;
  /** Known up front (a platform user's); otherwise looked up in the app's `_users` by the insert. */
  readonly email: string | null;
  readonly ip: string | null;
  readonly traceId: string | null;
  /** `source` of the records the request addresses; nested children and create_record records get their own. */
  readonly source: AuditSource;
}

export interface ActorInput {
  caller?: Caller;
  ip?: string | null;
  traceId?: string | null;
  /** The platform user's email, for a platform token (app users are looked up at capture time). */
  email?: string | null;
  source?: AuditSource;
}

export function auditActor(settings: AuditSettings, input: ActorInput = {}): AuditActor {
  const id = input.caller?.id;
  return {
    settings,
    userId: isUuid(id) ? id.toLowerCase() : null,
    email: input.email ?? null,
    ip: input.ip ?? null,
    traceId: isUuid(input.traceId) ? input.traceId.toLowerCase() : null,
    source: input.source ?? 'api',
  };
}

/**
 * The actor of a request: for a platform token the platform user's email comes from the management
 * database now (app users' emails are looked up in the app's `_users` by the insert itself).
 */
export async function requestActor(settings: AuditSettings, management: Queryable, input: ActorInput): Promise<AuditActor> {
  const caller = input.caller;
  if (!caller?.platform || input.email !== undefined || !isUuid(caller.id)) return auditActor(settings, input);
  const [row] = await management.query<{ email: string }>('SELECT email FROM _platform_users WHERE id = $1', [caller.id.toLowerCase()]);
  return auditActor(settings, { ...input, email: row?.email ?? null });
}
