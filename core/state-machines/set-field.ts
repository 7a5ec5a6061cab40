// The value a `set_field` transition action writes (logic.md §3.5): the string "now" is the request
// timestamp in the field's own form (a timestamp, a `YYYY-MM-DD` date, ISO-8601 text), anything else
// a literal checked like a client value (type, enum, null only where allowed). One function for the
// admin check at save time and the registry, which stores the normalised literal once.
import type { CompiledField } from '../compile/compiled-entity.js';
import type { Coerced } from '../metadata/types.js';
import { computedValue } from '../rules/values.js';

export const NOW = 'now';

/** `"now"` at `now`, through the type's auto value or its expression-result conversion. */
export function nowValue(field: CompiledField, now: Date): Coerced {
  if (field.type.autoValue) return field.type.coerceInput(field.type.autoValue(now), field.def);
  return computedValue(field, now);
}

/** A literal `value` for `field`; for "now" use `nowValue` (types with no time form refuse it here too). */
export function literalValue(field: CompiledField, value: unknown): Coerced {
  // As the payload validator: null and "" are refused for a required, non-nullable field.
  const required = Boolean(field.def.required) && !field.def.nullable;
  if (value === null) return required ? { ok: false } : { ok: true, value: null };
  if (value === '' && required) return { ok: false };
  const coerced = field.type.coerceInput(value, field.def);
  if (!coerced.ok) return coerced;
  const members = field.def.enum;
  if (Array.isArray(members) && members.length > 0 && !members.some((m) => String(m) === String(coerced.value))) return { ok: false };
  return coerced;
}

/** Whether the action's value is valid for `field` (the save-time check of §3.8). */
export function validSetFieldValue(field: CompiledField, value: unknown): boolean {
  return value === NOW ? nowValue(field, new Date()).ok : literalValue(field, value).ok;
}
