// The expression environment of a write (logic.md §2.7): rules, guards and transition templates
// all see the same `user`, `action` and `now` of the request; only `record`, `old` and `related`
// differ per use.
import type { ExprEnv } from '../expr/index.js';
import type { RecordWrite } from './steps/types.js';
import type { WriteContext } from './write-context.js';

type Values = Record<string, unknown>;

export function writeEnv(ctx: WriteContext, action: string, record: Values, old: Values | null, related: Readonly<Values>): ExprEnv {
  const caller = ctx.caller;
  return { record, old, related, action, now: ctx.now, user: { id: caller?.id ?? null, roles: caller ? [...caller.roles] : [] } };
}

/** The prospective record of write-pipeline.md §2.1: the payload, merged with `old` on update. */
export const prospective = (w: RecordWrite): Values => (w.kind === 'create' ? w.values : { ...w.old, ...w.values });
