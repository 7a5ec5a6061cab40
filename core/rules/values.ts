// Record values as expressions see them (logic.md §2.7), and computed results back to field values
// (§1.5). Both are driven by the field types' capabilities: no type name is tested here.
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Coerced } from '../metadata/types.js';

const numericFields = new WeakMap<CompiledEntity, readonly CompiledField[]>();

function numericFieldsOf(entity: CompiledEntity): readonly CompiledField[] {
  let list = numericFields.get(entity);
  if (!list) numericFields.set(entity, (list = entity.fields.filter((f) => f.type.numeric !== undefined)));
  return list;
}

/**
 * The typed view of a record: numeric fields carried as text (decimal, bigint) become numbers,
 * except integers beyond ±2^53, which stay text; everything else is the API value (timestamps and
 * dates as ISO text, json as its value, file as its object). A copy: expressions never see the
 * objects the write goes on with. Fields the record lacks are null.
 */
export function typedRecord(entity: CompiledEntity, record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of entity.fields) {
    const v = record[f.name];
    out[f.name] = v === undefined ? null : v;
  }
  for (const f of numericFieldsOf(entity)) out[f.name] = typedValue(f, out[f.name]);
  return out;
}

/** One field's value in the typed view (see `typedRecord`). */
export function typedValue(field: CompiledField, v: unknown): unknown {
  if (typeof v !== 'string' || !field.type.numeric) return v;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) return v;
  return field.type.numeric.integerRange && !Number.isSafeInteger(n) ? v : n;
}

/** A computed rule's result as the field's normalised value, or a failure (§1.5 table). */
export function computedValue(field: CompiledField, result: unknown): Coerced {
  if (result === null || result === undefined) return { ok: true, value: null };
  // An invalid Date has no text form (toISOString throws): it converts to nothing.
  if (result instanceof Date && Number.isNaN(result.getTime())) return { ok: false };
  let input: unknown;
  if (field.type.fromExpression) input = field.type.fromExpression(result, field.def);
  else input = result instanceof Date ? result.toISOString() : result;
  const coerced = field.type.coerceInput(input, field.def);
  if (!coerced.ok) return coerced;
  // An enum constrains computed values like client values (metadata.md §7.1).
  const members = field.def.enum;
  if (Array.isArray(members) && members.length > 0 && !members.some((m) => String(m) === String(coerced.value))) {
    return { ok: false };
  }
  return coerced;
}
