// Query string of `GET /{entity}` → a validated ListQuery (rest-api.md §5.2–§5.6, §10.1). Every
// field, operator, sort key and include is checked against metadata here, so nothing a client
// writes in a key reaches SQL text; values only ever become parameters.
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import { type AppError, errors } from '../errors.js';
import type { FilterOp } from '../metadata/types.js';
import { conditionShape, type Condition } from './conditions.js';
import { parseIncludes, type IncludeTree } from './include-tree.js';

export { parseIncludes } from './include-tree.js';

export const DEFAULT_PAGE = 1;
export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;
/** Larger pages are clamped so the OFFSET stays an exact integer on both drivers (spec silent). */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PER_PAGE);

export type QueryInput = Record<string, string | string[] | undefined>;

export interface SortItem {
  readonly field: CompiledField;
  readonly desc: boolean;
}

export interface ListQuery {
  /** ANDed filters, in query-key order. */
  readonly filters: readonly Condition[];
  /**
   * Beyond the spec: `filter[or][<n>][<field>.<op>]` alternatives, ORed (each one's conditions
   * ANDed), ANDed with `filters`; undefined without any.
   */
  readonly anyOf: readonly (readonly Condition[])[] | undefined;
  readonly sort: readonly SortItem[];
  readonly page: number;
  readonly perPage: number;
  /**
   * false when the client sent `total=false` (or `total=0`): an extension the spec leaves to us —
   * the count is skipped and `meta.total` is omitted from the response.
   */
  readonly withTotal: boolean;
  /** Requested includes only; merge eager relations with `withEagerIncludes`. */
  readonly include: IncludeTree;
  /** Everything the list SQL text depends on (filters' fields/ops, sort, total); its cache key. */
  readonly shape: string;
}

/** `filter[or][<n>][<field>]` / `filter[or][<n>][<field>.<op>]`: alternative n's condition. */
const OR_KEY_RE = /^filter\[or\]\[(\d{1,4})\]\[([^\]]+)\]$/;
/** Alternatives one query may have (each is a term of the SQL OR). */
export const MAX_OR_GROUPS = 20;

const OPERATORS: ReadonlySet<string> = new Set<FilterOp>([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'like', 'ilike', 'is_null',
]);

function joined(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(',');
}

function invalidValue(field: string, text: string): AppError {
  return errors.invalidFilterValue(field, text);
}

function parseOne(field: CompiledField, text: string): unknown {
  const parsed = field.type.parseFilter(text, field.def);
  if (!parsed.ok) throw invalidValue(field.name, text);
  return parsed.value;
}

function parseIsNull(field: CompiledField, text: string): boolean {
  const t = text.toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw invalidValue(field.name, text);
}

/** `filter[<field>]` / `filter[<field>.<op>]` with its raw value → a Condition (§5.2–§5.4). */
export function parseFilter(entity: CompiledEntity, inner: string, raw: string): Condition {
  const dot = inner.indexOf('.');
  const name = dot < 0 ? inner : inner.slice(0, dot);
  const field = entity.fieldMap.get(name);
  if (!field) throw errors.unknownFilterField(name);
  const op = (dot < 0 ? 'eq' : inner.slice(dot + 1)) as FilterOp;
  if (!OPERATORS.has(op)) throw errors.unknownFilterOperator(op);
  if (op !== 'is_null' && !field.type.operators.has(op)) {
    throw errors.unsupportedFilterOperator(op, name);
  }
  switch (op) {
    case 'is_null':
      return { field, op, value: parseIsNull(field, raw) };
    case 'like':
    case 'ilike':
      // The pattern is used as sent, once the type has accepted it as text (no NUL: core/text.ts).
      parseOne(field, raw);
      return { field, op, value: raw };
    case 'in':
    case 'not_in': {
      const items = raw.split(',');
      const values = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) values[i] = parseOne(field, items[i].trim());
      return { field, op, value: values };
    }
    default:
      return { field, op, value: parseOne(field, raw) };
  }
}

/** `sort=-a,b` → sort items (§5.5); a repeated field keeps its first direction. */
export function parseSort(entity: CompiledEntity, text: string | undefined): SortItem[] {
  const sort: SortItem[] = [];
  if (!text) return sort;
  for (const item of text.split(',')) {
    const spec = item.trim();
    if (spec === '') continue;
    const desc = spec.charCodeAt(0) === 45; // '-'
    const name = desc ? spec.slice(1) : spec;
    const field = entity.fieldMap.get(name);
    if (!field) throw errors.unknownSortField(name);
    if (!sort.some((s) => s.field === field)) sort.push({ field, desc });
  }
  return sort;
}

const DIGITS_RE = /^\d+$/;

/** `^\d+$` and ≥ 1, else the default (§5.6); then clamped to `max`. */
export function parsePositive(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || !DIGITS_RE.test(text)) return fallback;
  const n = Number(text);
  if (n < 1) return fallback;
  return n > max ? max : n;
}

function parseWithTotal(text: string | undefined): boolean {
  if (text === undefined) return true;
  const t = text.toLowerCase();
  return !(t === 'false' || t === '0');
}

/**
 * Validates a list query string. Repeated keys arrive as arrays and are joined with `,`. Checked in
 * this order: filters (in key order), sort, include; the first problem is thrown as the 400 of
 * rest-api.md §5 / §10. Unknown parameters are ignored.
 */
export function parseListQuery(entity: CompiledEntity, registry: Registry, query: QueryInput): ListQuery {
  const filters: Condition[] = [];
  const alternatives = new Map<number, Condition[]>();
  let shape = '';
  for (const key of Object.keys(query)) {
    if (!key.startsWith('filter[') || !key.endsWith(']') || key.length < 8) continue;
    const raw = joined(query[key]);
    if (raw === undefined) continue;
    const or = OR_KEY_RE.exec(key);
    if (or) {
      const n = Number(or[1]);
      let group = alternatives.get(n);
      if (!group) {
        if (alternatives.size >= MAX_OR_GROUPS) throw errors.tooManyOrGroups(MAX_OR_GROUPS);
        alternatives.set(n, (group = []));
      }
      group.push(parseFilter(entity, or[2], raw));
      continue;
    }
    const c = parseFilter(entity, key.slice(7, -1), raw);
    filters.push(c);
    shape += conditionShape(c) + ',';
  }
  let anyOf: Condition[][] | undefined;
  if (alternatives.size > 0) {
    // In index order, so the SQL text (and its cache entry) depends on the query, not key order.
    anyOf = [...alternatives.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
    shape += `|or:${anyOf.map((g) => g.map(conditionShape).join(',')).join(';')}`;
  }
  const sort = parseSort(entity, joined(query.sort));
  const page = parsePositive(joined(query.page), DEFAULT_PAGE, MAX_PAGE);
  const perPage = parsePositive(joined(query.per_page), DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const withTotal = parseWithTotal(joined(query.total));
  const include = parseIncludes(entity, registry, query.include);
  shape += '|';
  for (const s of sort) shape += (s.desc ? '-' : '') + s.field.name + ',';
  if (withTotal) shape += '|t';
  return { filters, anyOf, sort, page, perPage, withTotal, include, shape };
}
