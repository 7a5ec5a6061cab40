// Entity definition validation and normalisation (metadata.md §10.4, §10.1). Runs checks 1–25 in
// the documented order and collects every independent problem; the 409 checks (duplicate name or
// table) belong to the caller, which has the registry.

import { canonicalTypeName, getFieldType } from './field-types/index.js';
import { RESERVED_ENTITY_NAMES, isPlainObject, isPresent, isReservedTableName, isValidIdentifier, show } from './names.js';
import { canonicalPkType, pkTypeForFieldType, pkTypeMatchesField } from './primary-key.js';
import { ProblemList, checkDefinitionText } from './problems.js';
import { describeTypeChange, typeChangeKind } from './type-change.js';
import type { EntityDef, FieldDef, PrimaryKeyDef, ValidationResult } from './types.js';
import { checkAudit } from './validate-audit.js';
import { checkFields } from './validate-fields.js';

export { typeChangeAllowed, typeChangeKind } from './type-change.js';
export type { TypeChangeKind } from './type-change.js';

export interface EntityValidationContext {
  /** PUT: the previously stored definition (enables checks 22–25). */
  existing?: EntityDef;
  /** PUT: the `:name` URL segment; replaces the body's `name`. */
  urlName?: string;
  /** Join tables of all many_to_many relations of the app (an entity table may not be one). */
  joinTables: ReadonlySet<string>;
  /** Field → referrer still using it, e.g. "relation chapters" / "state machine 3" (check 25). */
  referencedFields?: ReadonlyMap<string, string>;
}

type Input = Record<string, unknown>;

function checkName(name: unknown, problems: ProblemList): void {
  if (!isPresent(name)) return problems.add('name', 'required', 'entity name is required');
  if (!isValidIdentifier(name)) return problems.add('name', 'pattern', `invalid entity name: ${show(name)}`);
  if (RESERVED_ENTITY_NAMES.has(name)) problems.add('name', 'reserved', `entity name is reserved: ${name}`);
}

/** Checks 4–6; returns true when the table name itself is well-formed. */
function checkTable(table: unknown, joinTables: ReadonlySet<string>, problems: ProblemList): boolean {
  if (!isPresent(table)) {
    problems.add('table', 'required', 'table name is required');
    return false;
  }
  if (!isValidIdentifier(table)) {
    problems.add('table', 'pattern', `invalid table name: ${show(table)}`);
    return false;
  }
  if (isReservedTableName(table) || joinTables.has(table)) {
    problems.add('table', 'reserved', `table name is reserved: ${table}`);
  }
  return true;
}

/** Checks 15–17; returns the normalised primary key when all of them pass. */
function checkPrimaryKey(pkInput: unknown, fields: FieldDef[] | undefined, problems: ProblemList): PrimaryKeyDef | undefined {
  const pk = isPlainObject(pkInput) ? pkInput : undefined;
  if (!pk || typeof pk.field !== 'string' || pk.field === '') {
    problems.add('primary_key.field', 'required', 'primary key field is required');
    return undefined;
  }
  if (!fields) return undefined; // `fields` unusable: already reported by check 7
  const field = fields.find((f) => f.name === pk.field);
  if (!field) {
    problems.add('primary_key.field', 'not_found', `primary key field ${pk.field} not found in fields`);
    return undefined;
  }
  const declared = pk.type;
  const fieldTypeKnown = canonicalTypeName(field.type) !== undefined;
  let type;
  if (declared !== undefined && declared !== null) {
    type = canonicalPkType(declared);
    if (!type || (fieldTypeKnown && !pkTypeMatchesField(type, field.type))) {
      problems.add('primary_key.type', 'invalid', `invalid primary key type: ${show(declared)}`);
      return undefined;
    }
  } else {
    type = pkTypeForFieldType(field.type);
    if (!type) {
      // An unknown field type was already reported by check 10.
      if (fieldTypeKnown) problems.add('primary_key.type', 'invalid', `invalid primary key type: ${show(field.type)}`);
      return undefined;
    }
  }
  if (!fieldTypeKnown) return undefined;
  return { field: pk.field, type, generated: pk.generated === true };
}

/** Checks 18–21. */
function checkSlug(slug: unknown, fields: FieldDef[] | undefined, problems: ProblemList): void {
  if (slug === undefined || slug === null || !fields) return;
  const cfg = isPlainObject(slug) ? slug : {};
  const field = fields.find((f) => f.name === cfg.field);
  if (!field) {
    problems.add('slug.field', 'not_found', `slug field "${show(cfg.field)}" not found in fields`);
  } else {
    if (getFieldType(field.type)?.holdsSlug !== true) {
      problems.add('slug.field', 'type', `slug field "${field.name}" must be of type string or text`);
    }
    if (field.unique !== true) problems.add('slug.field', 'unique', `slug field "${field.name}" must have unique: true`);
  }
  if (cfg.source !== undefined && cfg.source !== null && !fields.some((f) => f.name === cfg.source)) {
    problems.add('slug.source', 'not_found', `slug source field "${show(cfg.source)}" not found in fields`);
  }
}

/** Checks 22–24 (PUT). */
function checkAgainstExisting(input: Input, tableOk: boolean, pk: PrimaryKeyDef | undefined, fields: FieldDef[] | undefined,
  existing: EntityDef, problems: ProblemList): void {
  if (tableOk && input.table !== existing.table) problems.add('table', 'immutable', 'table cannot be changed');
  const old = existing.primary_key;
  if (pk && (pk.field !== old.field || pk.type !== canonicalPkType(old.type) || pk.generated !== (old.generated === true))) {
    problems.add('primary_key', 'immutable', 'primary key cannot be changed');
  }
  if (!fields) return;
  const raw = input.fields as unknown[];
  for (const field of fields) {
    const before = existing.fields.find((f) => f.name === field.name);
    if (!before || canonicalTypeName(field.type) === undefined || canonicalTypeName(before.type) === undefined) continue;
    if (typeChangeKind(before, field) === 'forbidden') {
      problems.add(`fields[${raw.indexOf(field)}].type`, 'unsafe_type_change',
        `unsafe type change for field ${field.name}: ${describeTypeChange(before, field)}`);
    }
  }
}

/** Check 25: fields still used by relations / state machines must stay in the definition. */
function checkReferences(fields: FieldDef[] | undefined, refs: ReadonlyMap<string, string>, problems: ProblemList): void {
  if (!fields) return;
  const names = new Set(fields.map((f) => f.name));
  for (const [field, referrer] of refs) {
    if (!names.has(field)) problems.add('fields', 'referenced', `field ${field} is referenced by ${referrer}`);
  }
}

/**
 * Validates an entity definition (POST body, or PUT body with ctx.existing/urlName) and returns
 * the stored form: name forced to urlName, soft_delete defaulted to false, primary_key.type
 * (canonical: 'integer' is stored as 'int') and generated filled in; everything else as sent.
 */
export function validateEntity(input: unknown, ctx: EntityValidationContext): ValidationResult<EntityDef> {
  const problems = new ProblemList();
  if (!isPlainObject(input)) {
    problems.add('', 'invalid', 'Invalid JSON body');
    return { ok: false, problems: problems.items };
  }
  const name = ctx.urlName ?? input.name;
  checkName(name, problems);
  const tableOk = checkTable(input.table, ctx.joinTables, problems);
  const fields = checkFields(input.fields, problems);
  const pk = checkPrimaryKey(input.primary_key, fields, problems);
  checkSlug(input.slug, fields, problems);
  if (ctx.existing) checkAgainstExisting(input, tableOk, pk, fields, ctx.existing, problems);
  if (ctx.referencedFields) checkReferences(fields, ctx.referencedFields, problems);

  // Beyond §10.4 (so never ahead of a documented message): flags must really be booleans.
  const pkInput = input.primary_key;
  if (isPlainObject(pkInput) && pkInput.generated !== undefined && typeof pkInput.generated !== 'boolean') {
    problems.add('primary_key.generated', 'invalid', `invalid primary key generated: ${show(pkInput.generated)}`);
  }
  if (input.soft_delete !== undefined && input.soft_delete !== null && typeof input.soft_delete !== 'boolean') {
    problems.add('soft_delete', 'invalid', `invalid soft_delete: ${show(input.soft_delete)}`);
  }
  checkAudit(input.audit, fields, input.soft_delete === true, problems);
  checkDefinitionText(input, problems);

  if (!problems.empty || !pk) return { ok: false, problems: problems.items };
  const { name: _ignored, table, primary_key: _pk, soft_delete, ...rest } = input;
  const definition: EntityDef = {
    name: name as string,
    table: table as string,
    primary_key: { ...(pkInput as Input), ...pk },
    soft_delete: soft_delete === true,
    ...rest,
  } as EntityDef;
  return { ok: true, definition };
}
