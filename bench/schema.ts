// The benchmark data model, ported from the reference harness (../shared/bench/lib/schema.mjs and
// db.mjs) so that W1..W7 here mean what they mean there: the Rocket entity/relation definitions
// (metadata.md §2, §8), the equivalent hand-written DDL (only for BENCH_BARE_ONLY, when Rocket does
// not create the tables), the shared bench indexes, and set-based seeding straight into the database.
import type postgres from 'postgres';

export const CUSTOMER_STATUSES = ['active', 'inactive', 'vip', 'banned'];
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'cancelled'];

const uuidPk = { field: 'id', type: 'uuid', generated: true };

export const ENTITIES = [
  {
    name: 'customer', table: 'customers', primary_key: uuidPk, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'email', type: 'string', required: true, unique: true },
      { name: 'status', type: 'string', default: 'active', enum: CUSTOMER_STATUSES },
      { name: 'score', type: 'int', default: 0 },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
    ],
  },
  {
    name: 'order', table: 'orders', primary_key: uuidPk, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'customer_id', type: 'uuid', required: true },
      { name: 'number', type: 'string', required: true },
      { name: 'total', type: 'decimal', precision: 2 },
      { name: 'status', type: 'string', default: 'pending', enum: ORDER_STATUSES },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
    ],
  },
  {
    name: 'order_line', table: 'order_lines', primary_key: uuidPk, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'order_id', type: 'uuid', required: true },
      { name: 'product', type: 'string', required: true },
      { name: 'qty', type: 'int', required: true },
      { name: 'price', type: 'decimal', precision: 2 },
    ],
  },
  {
    name: 'tag', table: 'tags', primary_key: uuidPk, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'name', type: 'string', required: true, unique: true },
    ],
  },
];

export const RELATIONS = [
  {
    name: 'order_lines', type: 'one_to_many', source: 'order', target: 'order_line', source_key: 'id', target_key: 'order_id',
    ownership: 'source', on_delete: 'cascade', fetch: 'lazy', write_mode: 'diff',
  },
  {
    name: 'tags', type: 'many_to_many', source: 'order', target: 'tag', source_key: 'id',
    join_table: 'order_tags', source_join_key: 'order_id', target_join_key: 'tag_id', ownership: 'none', on_delete: 'detach', write_mode: 'diff',
  },
];

/** Children first, so TRUNCATE and DROP never trip over a reference. */
export const TABLES = ['order_tags', 'order_lines', 'orders', 'tags', 'customers'];

/**
 * What a metadata engine derives from the definitions above (the reference's DDL): uuid PK with
 * gen_random_uuid(), NOT NULL for required fields, defaults, unique indexes, partial deleted_at
 * indexes, composite PK on the join table. Only used for BENCH_BARE_ONLY.
 */
export const BARE_ONLY_DDL = `
CREATE TABLE customers (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, email text NOT NULL,
  status text DEFAULT 'active', score integer DEFAULT 0, created_at timestamptz, deleted_at timestamptz);
CREATE UNIQUE INDEX idx_customers_email ON customers (email);
CREATE INDEX idx_customers_deleted_at ON customers (deleted_at) WHERE deleted_at IS NULL;
CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), customer_id uuid NOT NULL, number text NOT NULL,
  total numeric(18,2), status text DEFAULT 'pending', created_at timestamptz, deleted_at timestamptz);
CREATE INDEX idx_orders_deleted_at ON orders (deleted_at) WHERE deleted_at IS NULL;
CREATE TABLE order_lines (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), order_id uuid NOT NULL, product text NOT NULL,
  qty integer NOT NULL, price numeric(18,2), deleted_at timestamptz);
CREATE INDEX idx_order_lines_deleted_at ON order_lines (deleted_at) WHERE deleted_at IS NULL;
CREATE TABLE tags (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, deleted_at timestamptz);
CREATE UNIQUE INDEX idx_tags_name ON tags (name);
CREATE INDEX idx_tags_deleted_at ON tags (deleted_at) WHERE deleted_at IS NULL;
CREATE TABLE order_tags (order_id uuid NOT NULL, tag_id uuid NOT NULL, PRIMARY KEY (order_id, tag_id));
`;

/**
 * The reference's extra indexes, so no server is dominated by sequential scans. Both servers read
 * the same tables, so they serve both alike: the comparison is about server overhead.
 */
export const BENCH_INDEXES = [
  'CREATE INDEX IF NOT EXISTS bench_customers_status_score ON customers (status, score) WHERE deleted_at IS NULL',
  'CREATE INDEX IF NOT EXISTS bench_orders_status_created ON orders (status, created_at) WHERE deleted_at IS NULL',
  'CREATE INDEX IF NOT EXISTS bench_order_lines_order_id ON order_lines (order_id)',
];

export interface SeedSizes { customers: number; orders: number; linesPerOrder: number; tags: number }

/**
 * The reference's seed (db.mjs), rows deterministic functions of their index: customer status 70%
 * active / 20% inactive / 9% vip / 1% banned, score 0..999; order status round-robin over the four
 * statuses; every order gets `linesPerOrder` lines and 2 tags.
 */
export async function seed(sql: postgres.Sql, n: SeedSizes): Promise<void> {
  if (n.orders > n.customers) throw new Error('BENCH_ORDERS must be <= BENCH_CUSTOMERS');
  if (n.tags < 8) throw new Error('need at least 8 tags');
  const stride = Math.max(1, Math.floor(n.customers / n.orders));
  await sql.begin(async (tx) => {
    await tx.unsafe(`
      INSERT INTO customers (name, email, status, score, created_at)
      SELECT 'Customer ' || g, 'c' || g || '@seed.bench',
             CASE WHEN g % 100 < 70 THEN 'active' WHEN g % 100 < 90 THEN 'inactive' WHEN g % 100 < 99 THEN 'vip' ELSE 'banned' END,
             (g::bigint * 7919) % 1000, now() - g * interval '1 second'
      FROM generate_series(0, $1::int - 1) g`, [n.customers]);
    await tx.unsafe(`INSERT INTO tags (name) SELECT 'tag-' || g FROM generate_series(0, $1::int - 1) g`, [n.tags]);
    await tx.unsafe(`
      INSERT INTO orders (customer_id, number, total, status, created_at)
      SELECT c.id, 'ORD-' || lpad((c.rn / $1::bigint)::text, 7, '0'), ((c.rn * 37) % 100000) / 100.0,
             (ARRAY['pending','paid','shipped','cancelled'])[((c.rn / $1::bigint) % 4) + 1], now() - (c.rn / $1::bigint) * interval '1 minute'
      FROM (SELECT id, (row_number() OVER (ORDER BY email)) - 1 AS rn FROM customers) c
      WHERE c.rn % $1::bigint = 0 AND c.rn / $1::bigint < $2::bigint`, [stride, n.orders]);
    await tx.unsafe(`
      INSERT INTO order_lines (order_id, product, qty, price)
      SELECT o.id, 'Product ' || ((o.n * $1::int + k) % 500), k, ((k * 1999 + o.n) % 10000) / 100.0
      FROM (SELECT id, row_number() OVER (ORDER BY number) AS n FROM orders) o CROSS JOIN generate_series(1, $1::int) k`, [n.linesPerOrder]);
    await tx.unsafe(`
      INSERT INTO order_tags (order_id, tag_id)
      SELECT o.id, t.id
      FROM (SELECT id, row_number() OVER (ORDER BY number) AS n FROM orders) o
      JOIN (SELECT id, (row_number() OVER (ORDER BY name)) - 1 AS rn FROM tags) t ON t.rn = o.n % $1::int OR t.rn = (o.n + 7) % $1::int`, [n.tags]);
  });
}

/** Back to the freshly seeded state (TRUNCATE keeps table OIDs: prepared statements stay valid). */
export async function reseed(sql: postgres.Sql, n: SeedSizes): Promise<void> {
  await sql.unsafe(`TRUNCATE ${TABLES.join(', ')}`);
  await seed(sql, n);
  for (const t of TABLES) await sql.unsafe(`VACUUM ANALYZE ${t}`);
}

export async function addBenchIndexes(sql: postgres.Sql): Promise<void> {
  for (const statement of BENCH_INDEXES) await sql.unsafe(statement);
}

/** What the workloads draw from: ids in random order, so consecutive picks spread over the table. */
export interface Ids { customers: string[]; tags: string[] }

export async function sampleIds(sql: postgres.Sql, size: number): Promise<Ids> {
  const pick = async (table: string) =>
    (await sql.unsafe(`SELECT id FROM ${table} WHERE deleted_at IS NULL ORDER BY random() LIMIT ${Number(size)}`)).map((r) => String(r.id));
  return { customers: await pick('customers'), tags: await pick('tags') };
}
