// Relation definition validation and normalisation (metadata.md §11.2 checks 2–14, §8.1
// defaults). Check 1 (body is an object → 400) and the 409/404 name checks belong to the caller.

import { isPlainObject, isPresent, isReservedTableName, isValidIdentifier, show } from './names.js';
import { ProblemList, checkDefinitionText } from './problems.js';
import type { EntityDef, RelationDef, RelationType, ValidationResult } from './types.js';

export interface RelationValidationContext {
  /** Every entity of the app by name. */
  entities: ReadonlyMap<string, EntityDef>;
  /** PUT: the `:name` URL segment; replaces the body's `name`. */
  urlName?: string;
  /** Tables of all entities of the app (a join table may not be one). */
  entityTables: ReadonlySet<string>;
}

const RELATION_TYPES: readonly RelationType[] = ['one_to_one', 'one_to_many', 'many_to_many'];

/** Check 13, in this order. */
const ENUMERATED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['ownership', ['source', 'target', 'none']],
  ['on_delete', ['cascade', 'set_null', 'restrict', 'detach']],
  ['fetch', ['lazy', 'eager']],
  ['write_mode', ['diff', 'replace', 'append']],
];

/** Stored key order: the documented properties first (as in the §11.1 example), then extras. */
const KEY_ORDER = [
  'name', 'type', 'source', 'target', 'source_key', 'target_key', 'join_table', 'source_join_key',
  'target_join_key', 'ownership', 'on_delete', 'fetch', 'write_mode',
];

type Input = Record<string, unknown>;

function hasField(entity: EntityDef, name: unknown): boolean {
  return Array.isArray(entity.fields) && entity.fields.some((f) => f.name === name);
}

function checkManyToMany(input: Input, ctx: RelationValidationContext, problems: ProblemList): void {
  const joinTable = input.join_table;
  if (!isPresent(joinTable)) problems.add('join_table', 'required', 'join_table is required for many_to_many relations');
  const sk = input.source_join_key;
  const tk = input.target_join_key;
  if (!isValidIdentifier(sk) || !isValidIdentifier(tk) || sk === tk) {
    const field = !isValidIdentifier(sk) ? 'source_join_key' : 'target_join_key';
    problems.add(field, isPresent(sk) && isPresent(tk) ? 'invalid' : 'required',
      'source_join_key and target_join_key are required for many_to_many relations');
  }
  if (isPresent(joinTable) &&
    (!isValidIdentifier(joinTable) || ctx.entityTables.has(joinTable) || isReservedTableName(joinTable))) {
    problems.add('join_table', 'invalid', `invalid join_table: ${show(joinTable)}`);
  }
}

/**
 * Validates a relation definition and returns the stored form with defaults filled in:
 * source_key = source PK field, ownership 'source' ('none' for many_to_many), fetch 'lazy',
 * write_mode 'diff'; on_delete stays absent when absent; unknown properties kept.
 */
export function validateRelation(input: unknown, ctx: RelationValidationContext): ValidationResult<RelationDef> {
  const problems = new ProblemList();
  if (!isPlainObject(input)) {
    problems.add('', 'invalid', 'Invalid JSON body');
    return { ok: false, problems: problems.items };
  }
  // 2–3
  const name = ctx.urlName ?? input.name;
  const nameOk = isValidIdentifier(name);
  if (!isPresent(name)) problems.add('name', 'required', 'relation name is required');
  else if (!nameOk) problems.add('name', 'pattern', `invalid relation name: ${show(name)}`);
  // 4–6
  const { source: sourceName, target: targetName } = input;
  let source: EntityDef | undefined;
  let target: EntityDef | undefined;
  if (!isPresent(sourceName) || !isPresent(targetName)) {
    problems.add(isPresent(sourceName) ? 'target' : 'source', 'required', 'source and target are required');
  } else {
    source = typeof sourceName === 'string' ? ctx.entities.get(sourceName) : undefined;
    target = typeof targetName === 'string' ? ctx.entities.get(targetName) : undefined;
    if (!source) problems.add('source', 'not_found', `source entity not found: ${show(sourceName)}`);
    if (!target) problems.add('target', 'not_found', `target entity not found: ${show(targetName)}`);
  }
  // 7
  const type = RELATION_TYPES.find((t) => t === input.type);
  if (!type) problems.add('type', 'invalid', `invalid relation type: ${show(input.type)}`);
  // 8–10
  if (type === 'many_to_many') checkManyToMany(input, ctx, problems);
  // 11
  const sourceKey = input.source_key ?? source?.primary_key?.field;
  if (source && !hasField(source, sourceKey)) {
    problems.add('source_key', 'not_found', `source_key ${show(sourceKey)} not found on entity ${source.name}`);
  }
  // 12
  if (target && type && type !== 'many_to_many' && !hasField(target, input.target_key)) {
    problems.add('target_key', isPresent(input.target_key) ? 'not_found' : 'required',
      `target_key ${show(input.target_key)} not found on entity ${target.name}`);
  }
  // 13 (null counts as absent, so the default applies)
  for (const [prop, allowed] of ENUMERATED) {
    const value = input[prop];
    if (value !== undefined && value !== null && !allowed.includes(value as string)) {
      problems.add(prop, 'invalid', `invalid ${prop}: ${show(value)}`);
    }
  }
  // 14
  if (source && nameOk && hasField(source, name)) {
    problems.add('name', 'conflict', `relation name ${name} conflicts with a field of ${source.name}`);
  }
  checkDefinitionText(input, problems);
  if (!problems.empty || !type) return { ok: false, problems: problems.items };

  const filled: Input = {
    ...input,
    name,
    source_key: sourceKey,
    ownership: input.ownership ?? (type === 'many_to_many' ? 'none' : 'source'),
    fetch: input.fetch ?? 'lazy',
    write_mode: input.write_mode ?? 'diff',
  };
  if (filled.on_delete === null) delete filled.on_delete;
  const definition: Input = {};
  for (const key of KEY_ORDER) if (filled[key] !== undefined) definition[key] = filled[key];
  for (const [key, value] of Object.entries(filled)) if (!(key in definition)) definition[key] = value;
  return { ok: true, definition: definition as RelationDef };
}
