// Values a workflow reads (logic.md §4.3, §4.5, §2.7): the context mapping resolved once at start,
// paths into the context, action templates, and the expression environment of conditions and
// templates (`context`, `now`, and a `user` with no caller).
import type { ExprEnv } from '../expr/index.js';
import { jsonValue, type TemplateValue } from '../state-machines/templates.js';
import type { TriggerEnv } from '../effects/types.js';
import type { CompiledData, RecordIdSource } from './compile.js';

type Json = Record<string, unknown>;

/** Walks `segments` from `root`; a missing segment yields null. */
export function walk(root: unknown, segments: readonly string[]): unknown {
  let v: unknown = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, s)) return null;
    v = (v as Json)[s];
  }
  return v === undefined ? null : v;
}

/** §4.3: `record`, `record_id`, `trigger.…` and `record.…` strings are paths; everything else a literal. */
function isPath(v: string): boolean {
  return v === 'record' || v === 'record_id' || v.startsWith('trigger.') || v.startsWith('record.');
}

export function mapContext(mapping: Readonly<Json>, trigger: TriggerEnv): Json {
  const env = { trigger, record: trigger.record, record_id: trigger.record_id };
  const out: Json = {};
  for (const [key, value] of Object.entries(mapping)) {
    out[key] = typeof value === 'string' && isPath(value) ? walk(env, value.split('.')) : value;
  }
  return out;
}

/** §2.7: the workflow environment. */
export function workflowEnv(context: Json, now: Date): ExprEnv {
  return { context, now, user: { id: null, roles: [] } };
}

/** A template's value in `env` (throws ExprRuntimeError). */
export function templateValue(t: TemplateValue, env: ExprEnv): unknown {
  return 'literal' in t ? t.literal : jsonValue(t.expression.evaluate(env));
}

export function evaluateData(data: CompiledData, env: ExprEnv): Json {
  const out: Json = {};
  for (const [key, t] of data) out[key] = templateValue(t, env);
  return out;
}

/** §4.5: a set_field `record_id`; null when it resolves to nothing. */
export function resolveRecordId(source: RecordIdSource, env: ExprEnv): unknown {
  const v = 'path' in source ? walk(env.context, source.path) : templateValue(source, env);
  return v === undefined ? null : v;
}
