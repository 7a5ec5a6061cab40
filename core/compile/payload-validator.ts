// The entity's create/update payload validator (rest-api.md §11), built once per metadata change
// from the field-type modules: key classification, defaults, type coercion, required and enum, with
// details in the documented order. (Ajv's error model cannot express that order, the messages or
// the normalisation, so the validator is a precompiled closure over the field codecs instead.)
import { textProblemMessage, type ErrorDetail } from '../errors.js';
import { removedKeys } from '../input.js';
import type { EntityDef, FieldDef, FieldType, RelationDef } from '../metadata/types.js';
import { MAX_ID_LENGTH } from '../limits.js';

export interface RelationWrite {
  key: string;
  relation: RelationDef;
  value: unknown;
}

export type ValidationOutcome =
  | { ok: true; values: Record<string, unknown>; relations: RelationWrite[] }
  /** `relations` is set when only field checks failed, so nested problems can be reported too. */
  | { ok: false; details: ErrorDetail[]; relations?: RelationWrite[] };

export interface PayloadValidator {
  /** Forward-relation keys the entity accepts (set when the registry compiles). */
  relationKeys: ReadonlyMap<string, RelationDef>;
  /**
   * Step 7 (write-pipeline.md §2.2): the initial state per state field of the entity's active state
   * machines (set when the registry compiles). On create it replaces an absent or null value, ahead
   * of the field's default.
   */
  initialStates: ReadonlyMap<string, string> | undefined;
  /**
   * `skip`: keys treated as absent — neither validated, required nor reported unknown (a nested
   * child row's FK to its parent and its `_delete` marker, write-pipeline.md §5.2).
   */
  validateCreate(body: Record<string, unknown>, prefix?: string, skip?: ReadonlySet<string>): ValidationOutcome;
  validateUpdate(body: Record<string, unknown>, prefix?: string, skip?: ReadonlySet<string>): ValidationOutcome;
}

interface FieldCheck {
  name: string;
  def: FieldDef;
  type: FieldType;
  requiredOnCreate: boolean;
  requiredOnUpdate: boolean;
  hasDefault: boolean;
  enumValues: Set<string> | undefined;
  enumMessage: string;
  typeMessage: string;
  /** The (non-generated) primary key: a string value is capped at MAX_ID_LENGTH so it stays addressable. */
  isPk: boolean;
}

export function buildPayloadValidator(def: EntityDef, fields: ReadonlyArray<{ name: string; def: FieldDef; type: FieldType }>): PayloadValidator {
  const pkName = def.primary_key.field;
  const slugExempt = def.slug?.source ? def.slug.field : undefined;
  const checks: FieldCheck[] = [];
  const checkByName = new Map<string, FieldCheck>();
  // Keys silently ignored (rest-api.md §11.1); the PK depends on the operation.
  const ignored = new Set<string>(['deleted_at']);
  for (const f of fields) {
    if (f.def.auto) {
      ignored.add(f.name);
      continue;
    }
    const required = Boolean(f.def.required) && !f.def.nullable;
    const isPk = f.name === pkName;
    if (isPk && def.primary_key.generated) continue; // ignored on create, handled below
    const check: FieldCheck = {
      name: f.name,
      def: f.def,
      type: f.type,
      requiredOnCreate: isPk ? true : required && f.name !== slugExempt,
      requiredOnUpdate: !isPk && required,
      hasDefault: f.def.default !== undefined && f.def.default !== null,
      enumValues: f.def.enum ? new Set(f.def.enum.map(String)) : undefined,
      enumMessage: `${f.name} must be one of: ${(f.def.enum ?? []).join(', ')}`,
      typeMessage: `${f.name} must be ${f.type.typeKind}`,
      isPk,
    };
    checks.push(check);
    checkByName.set(f.name, check);
  }

  const validator: PayloadValidator = {
    relationKeys: new Map(),
    initialStates: undefined,
    validateCreate: (body, prefix = '', skip) => validate(body, prefix, true, skip),
    validateUpdate: (body, prefix = '', skip) => validate(body, prefix, false, skip),
  };

  function validate(body: Record<string, unknown>, prefix: string, create: boolean, skip: ReadonlySet<string> | undefined): ValidationOutcome {
    const unknown: ErrorDetail[] = [];
    const relations: RelationWrite[] = [];
    for (const key of Object.keys(body)) {
      if (skip?.has(key)) continue;
      if (checkByName.has(key) && (create || key !== pkName)) continue;
      if (ignored.has(key) || key === pkName) continue;
      const relation = validator.relationKeys.get(key);
      if (relation) relations.push({ key, relation, value: body[key] });
      else unknown.push({ field: prefix + key, rule: 'unknown', message: `Unknown field or relation: ${key}` });
    }
    // `__proto__` / `constructor.prototype`, which the body parser took out of the object.
    const removed = removedKeys(body);
    if (removed) for (const key of removed) unknown.push({ field: prefix + key, rule: 'unknown', message: `Unknown field or relation: ${key}` });
    if (unknown.length > 0) return { ok: false, details: unknown };

    const values: Record<string, unknown> = {};
    const typeErrors: ErrorDetail[] = [];
    const requiredErrors: ErrorDetail[] = [];
    const enumErrors: ErrorDetail[] = [];
    for (const c of checks) {
      if (!create && c.name === pkName) continue;
      if (skip?.has(c.name)) continue;
      const present = Object.prototype.hasOwnProperty.call(body, c.name);
      let value = present ? body[c.name] : undefined;
      const initial = create && (value === undefined || value === null) ? validator.initialStates?.get(c.name) : undefined;
      if (initial !== undefined) value = initial;
      else if (create && !present && c.hasDefault) value = c.def.default;
      if (value === undefined) {
        if (create && c.requiredOnCreate) requiredErrors.push(required(prefix, c.name));
        continue;
      }
      if (value === null || value === '') {
        if (create ? c.requiredOnCreate : c.requiredOnUpdate) {
          requiredErrors.push(required(prefix, c.name));
          continue;
        }
        if (value === null) {
          values[c.name] = null;
          continue;
        }
      }
      const coerced = c.type.coerceInput(value, c.def);
      if (!coerced.ok) {
        // Text no database can store is reported with the type errors, in field order.
        typeErrors.push(coerced.problem
          ? { field: prefix + c.name, rule: 'invalid', message: textProblemMessage(c.name, coerced.problem) }
          : { field: prefix + c.name, rule: 'type', message: c.typeMessage });
        continue;
      }
      if (c.isPk && typeof coerced.value === 'string' && coerced.value.length > MAX_ID_LENGTH) {
        typeErrors.push({ field: prefix + c.name, rule: 'max_length', message: `${c.name} must be at most ${MAX_ID_LENGTH} characters` });
        continue;
      }
      if (c.enumValues && !c.enumValues.has(String(coerced.value))) {
        enumErrors.push({ field: prefix + c.name, rule: 'enum', message: c.enumMessage });
        continue;
      }
      values[c.name] = coerced.value;
    }
    const details = [...typeErrors, ...requiredErrors, ...enumErrors];
    if (details.length > 0) return { ok: false, details, relations };
    return { ok: true, values, relations };
  }

  return validator;
}

function required(prefix: string, name: string): ErrorDetail {
  return { field: prefix + name, rule: 'required', message: `${name} is required` };
}
