// Read permission on included data (rest-api.md §10.6): every entity an include tree loads needs
// `read` (else 403 for the whole request), and its rows load through that entity's row filter.
import type { Parent } from '../tracing/index.js';
import type { Caller } from '../auth/tokens.js';
import type { Registry } from '../compile/registry.js';
import type { RowFilter } from '../query/conditions.js';
import { includedEntityNames, type IncludeTree } from '../query/include-tree.js';
import type { LoadIncludesOptions } from '../query/includes.js';
import { isAdmin, readFilter } from './authorize.js';

// Trees are immutable and cached per registry snapshot, so their entity names can be too.
const namesCache = new WeakMap<IncludeTree, readonly string[]>();

function namesOf(tree: IncludeTree): readonly string[] {
  let names = namesCache.get(tree);
  if (names === undefined) {
    names = Object.freeze([...includedEntityNames(tree)]);
    namesCache.set(tree, names);
  }
  return names;
}

/**
 * Checks `read` on every entity `tree` loads (the first one denied throws its 401/403, in tree
 * order) and returns the `loadIncludes` options carrying their row filters, or undefined when no
 * included entity is restricted (always for admins).
 */
export function includeReadFilters(registry: Registry, caller: Caller | undefined, tree: IncludeTree, parent?: Parent): LoadIncludesOptions | undefined {
  if (tree.length === 0 || isAdmin(caller)) return undefined;
  let filters: Map<string, RowFilter> | undefined;
  for (const name of namesOf(tree)) {
    const filter = readFilter(registry, caller, name, parent);
    if (filter !== undefined) (filters ??= new Map()).set(name, filter);
  }
  if (filters === undefined) return undefined;
  const byName = filters;
  return { rowFilter: (entityName) => byName.get(entityName) };
}
