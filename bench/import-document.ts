// A synthetic SchemaDocument of any size (schema-io.md §1.1, §2.5) for `npm run bench:import` and
// the import tests: `entities` entities `e0000…` with eight fields of different types (a generated
// UUID key, an auto timestamp, a default), a one_to_many chain e0000 → e0001 → … and one
// many_to_many between the first two, a field rule, a permission and a webhook per entity, and
// `rows` sample rows spread over the first `rowEntities` entities (every row with an explicit id,
// so links between rows can be written), plus join rows between e0000 and e0001.
type Item = Record<string, unknown>;

export interface SyntheticOptions {
  entities: number;
  rows?: number;
  /** How many entities the rows are spread over (default 1). */
  rowEntities?: number;
  joinRows?: number;
}

export const entityName = (i: number): string => `e${String(i).padStart(4, '0')}`;

/** The UUID of row `n` of entity `i`: readable and unique (entity in the 8th group, row in the last). */
export const rowId = (i: number, n: number): string =>
  `${String(i).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function syntheticDocument(opts: SyntheticOptions): Item {
  const { entities: count, rows = 0, rowEntities = 1, joinRows = 0 } = opts;
  const entities: Item[] = [];
  const relations: Item[] = [];
  const rules: Item[] = [];
  const permissions: Item[] = [];
  const webhooks: Item[] = [];
  for (let i = 0; i < count; i++) {
    const name = entityName(i);
    entities.push({
      name, table: `${name}_rows`, primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: false,
      fields: [
        { name: 'id', type: 'uuid', required: true },
        { name: 'title', type: 'string', required: true },
        { name: 'qty', type: 'int' },
        { name: 'price', type: 'decimal', precision: 2 },
        { name: 'active', type: 'boolean', default: true },
        { name: 'notes', type: 'text' },
        { name: 'meta', type: 'json' },
        { name: 'parent_id', type: 'uuid' },
        { name: 'created_at', type: 'timestamp', auto: 'create' },
      ],
    });
    if (i > 0) {
      relations.push({ name: `${name}_children`, type: 'one_to_many', source: entityName(i - 1), target: name, target_key: 'parent_id', on_delete: 'set_null' });
    }
    rules.push({ entity: name, hook: 'before_write', type: 'field', definition: { field: 'title', operator: 'min_length', value: 2, message: 'Title too short' } });
    permissions.push({ entity: name, action: 'read', roles: ['viewer'], conditions: [] });
    webhooks.push({ entity: name, url: `https://hooks.example.com/${name}`, headers: { 'X-Token': '{{env.HOOK_TOKEN}}' } });
  }
  if (count >= 2) {
    relations.push({
      name: 'e0000_links', type: 'many_to_many', source: entityName(0), target: entityName(1),
      join_table: 'e0000_links', source_join_key: 'e0000_id', target_join_key: 'e0001_id',
    });
  }
  const sample: Record<string, Item[]> = {};
  for (let n = 0; n < rows; n++) {
    const i = n % Math.max(1, Math.min(rowEntities, count));
    (sample[entityName(i)] ??= []).push({
      id: rowId(i, n), title: `Row ${n}`, qty: n % 1000, price: `${n % 500}.25`, notes: `notes of row ${n}`,
      meta: { n, tags: ['a', 'b'] }, ...(i > 0 ? { parent_id: rowId(i - 1, n - 1) } : {}),
    });
  }
  if (joinRows > 0 && count >= 2) {
    const sources = sample[entityName(0)] ?? [];
    const targets = sample[entityName(1)] ?? [];
    const links: Item[] = [];
    for (let k = 0; k < joinRows && sources.length > 0 && targets.length > 0; k++) {
      links.push({ e0000_id: sources[k % sources.length].id, e0001_id: targets[(k * 7) % targets.length].id });
    }
    sample.e0000_links = links;
  }
  return { version: 1, entities, relations, rules, permissions, webhooks, ...(rows > 0 || joinRows > 0 ? { sample_data: sample } : {}) };
}
