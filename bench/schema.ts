// The benchmark data model: Rocket entity/relation definitions (metadata.md §2, §8), the equivalent
// hand-written DDL (used only for a bare-only dry run, when Rocket does not create the tables), and
// bulk seeding with set-based SQL straight into the app database (far faster than the API).
import type postgres from 'postgres';

type Field = { name: string; type: string; [k: string]: unknown };
export interface EntityDef { name: string; table: string; primary_key: object; fields: Field[] }

const id: Field = { name: 'id', type: 'uuid', required: true };
const pk = { field: 'id', type: 'uuid', generated: true };

export const CUSTOMER_STATUSES = ['active', 'inactive', 'pending'];
export const ORDER_STATUSES = ['new', 'paid', 'shipped'];

export const ENTITIES: EntityDef[] = [
  {
    name: 'customer', table: 'customers', primary_key: pk,
    fields: [
      id,
      { name: 'name', type: 'string', required: true },
      { name: 'email', type: 'string', required: true, unique: true },
      { name: 'status', type: 'string', enum: CUSTOMER_STATUSES, default: 'active' },
      { name: 'score', type: 'int', default: 0 },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
      { name: 'updated_at', type: 'timestamp', auto: 'update' },
    ],
  },
  {
    name: 'order', table: 'orders', primary_key: pk,
    fields: [
      id,
      { name: 'customer_id', type: 'uuid', required: true },
      { name: 'status', type: 'string', enum: ORDER_STATUSES, default: 'new' },
      { name: 'total', type: 'decimal', precision: 2 },
      { name: 'note', type: 'string' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
    ],
  },
  {
    name: 'order_line', table: 'order_lines', primary_key: pk,
    fields: [
      id,
      { name: 'order_id', type: 'uuid' },
      { name: 'product', type: 'string', required: true },
      { name: 'quantity', type: 'int', required: true },
      { name: 'unit_price', type: 'decimal', precision: 2 },
    ],
  },
  {
    name: 'tag', table: 'tags', primary_key: pk,
    fields: [id, { name: 'name', type: 'string', required: true, unique: true }],
  },
];

export const RELATIONS = [
  { name: 'lines', type: 'one_to_many', source: 'order', target: 'order_line', target_key: 'order_id', on_delete: 'cascade' },
  {
    name: 'tags', type: 'many_to_many', source: 'order', target: 'tag',
    join_table: 'order_tags', source_join_key: 'order_id', target_join_key: 'tag_id', on_delete: 'detach',
  },
];

/** Quoted column list in definition order: the bare server returns fields in the order Rocket does. */
export function columns(entity: string): string {
  const def = ENTITIES.find((e) => e.name === entity);
  if (!def) throw new Error(`no entity ${entity}`);
  return def.fields.map((f) => `"${f.name}"`).join(', ');
}

/**
 * What Rocket's migrator creates for the definitions above (metadata.md §9.2, §9.4, §9.6): nullable
 * columns without defaults except the PK, engine-named unique/FK indexes, the m2m join table.
 * Only used for BENCH_BARE_ONLY, so the bare server can be checked without a working Rocket.
 */
export const BARE_ONLY_DDL = `
CREATE TABLE "customers" ("id" UUID PRIMARY KEY DEFAULT gen_random_uuid(), "name" TEXT, "email" TEXT,
  "status" TEXT, "score" INTEGER, "created_at" TIMESTAMPTZ, "updated_at" TIMESTAMPTZ);
CREATE UNIQUE INDEX "idx_customers_email" ON "customers" ("email");
CREATE TABLE "orders" ("id" UUID PRIMARY KEY DEFAULT gen_random_uuid(), "customer_id" UUID, "status" TEXT,
  "total" NUMERIC(18,2), "note" TEXT, "created_at" TIMESTAMPTZ);
CREATE TABLE "order_lines" ("id" UUID PRIMARY KEY DEFAULT gen_random_uuid(), "order_id" UUID, "product" TEXT,
  "quantity" INTEGER, "unit_price" NUMERIC(18,2));
CREATE INDEX "fk_order_lines_order_id" ON "order_lines" ("order_id");
CREATE TABLE "tags" ("id" UUID PRIMARY KEY DEFAULT gen_random_uuid(), "name" TEXT);
CREATE UNIQUE INDEX "idx_tags_name" ON "tags" ("name");
CREATE TABLE "order_tags" ("order_id" UUID NOT NULL, "tag_id" UUID NOT NULL, PRIMARY KEY ("order_id", "tag_id"));
CREATE INDEX "idx_order_tags_tag_id" ON "order_tags" ("tag_id");
`;

export interface SeedSizes { customers: number; orders: number; tags: number }

/** Set-based inserts; ids are generated explicitly so seeding does not depend on column defaults. */
export async function seed(sql: postgres.Sql, n: SeedSizes): Promise<void> {
  await sql.unsafe(`
    INSERT INTO "customers" ("id", "name", "email", "status", "score", "created_at", "updated_at")
    SELECT gen_random_uuid(), 'Customer ' || g, 'seed-' || g || '@bench.test',
           (ARRAY['active','inactive','pending'])[1 + g % 3], (g * 37) % 101,
           now() - g * interval '1 minute', now() - g * interval '1 minute'
    FROM generate_series(1, ${n.customers}) g`);
  await sql.unsafe(`
    INSERT INTO "tags" ("id", "name") SELECT gen_random_uuid(), 'tag-' || g FROM generate_series(1, ${n.tags}) g`);
  await sql.unsafe(`
    INSERT INTO "orders" ("id", "customer_id", "status", "total", "note", "created_at")
    SELECT gen_random_uuid(), c.id, (ARRAY['new','paid','shipped'])[1 + c.rn % 3], 50 + c.rn % 500,
           'seeded order ' || c.rn, now() - c.rn * interval '1 minute'
    FROM (SELECT "id", row_number() OVER () AS rn FROM "customers" LIMIT ${n.orders}) c`);
  await sql.unsafe(`
    INSERT INTO "order_lines" ("id", "order_id", "product", "quantity", "unit_price")
    SELECT gen_random_uuid(), o.id, 'Product ' || k, k, k * 2.5 FROM "orders" o CROSS JOIN generate_series(1, 5) k`);
  // Two deterministic, distinct tags per order.
  await sql.unsafe(`
    WITH o AS (SELECT "id", row_number() OVER () AS rn FROM "orders"),
         t AS (SELECT "id", row_number() OVER (ORDER BY "name") - 1 AS k FROM "tags")
    INSERT INTO "order_tags" ("order_id", "tag_id")
    SELECT o.id, t.id FROM o JOIN t ON t.k IN (o.rn % ${n.tags}, (o.rn + 7) % ${n.tags})`);
  await sql.unsafe('ANALYZE');
}
