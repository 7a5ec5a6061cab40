// The baseline: bare Fastify + postgres.js + @fastify/jwt serving the same workloads on the same
// tables with hand-written prepared SQL. It is what a careful hand-written service would do, so
// rocket/bare shows what the engine's generality costs. Deliberately independent of Rocket's code.
// Child entry: `node --import tsx bench/bare-server.ts`, configured by BARE_* env variables; it
// reports {type:'ready', port} over IPC once listening.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import jwt from '@fastify/jwt';
import postgres from 'postgres';
import { columns, CUSTOMER_STATUSES, ENTITIES, ORDER_STATUSES } from './schema.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`bare-server: ${name} is required`);
  return v;
};
const APP = env('BARE_APP');
const POOL = Number(env('BARE_POOL'));
const sql = postgres(env('BARE_PG_URL'), { max: POOL, prepare: true, onnotice: () => {} });

// FIFO admission gate sized to the pool (shared/measurements/postgresjs-gated.mjs): postgres.js
// slows down without bound when more queries are in flight than it has connections.
let free = POOL;
let head = 0;
const waiters: Array<(() => void) | undefined> = [];
const acquire = (): Promise<void> | void => (free > 0 ? void free-- : new Promise<void>((r) => waiters.push(r)));
function release(): void {
  if (head === waiters.length) return void free++;
  const next = waiters[head];
  waiters[head++] = undefined;
  if (head > 1024 && head * 2 > waiters.length) {
    waiters.splice(0, head); // compact now and then, keeping the queue O(1) amortised
    head = 0;
  }
  next!();
}

type Row = Record<string, unknown>;
type Q = (text: string, params?: unknown[]) => Promise<Row[]>;
const run = (s: postgres.Sql | postgres.TransactionSql): Q => async (text, params = []) =>
  (await s.unsafe(text, params as any[], { prepare: true })) as unknown as Row[];
const pooled = run(sql);
const query: Q = async (text, params) => {
  const wait = acquire(); // no await (and no extra microtask) on the fast path, as in Rocket's gate
  if (wait) await wait;
  try {
    return await pooled(text, params);
  } finally {
    release();
  }
};
/** A transaction holds one permit for its whole duration (it owns one connection). */
async function transaction<T>(fn: (q: Q) => Promise<T>): Promise<T> {
  const wait = acquire();
  if (wait) await wait;
  try {
    return (await sql.begin((tx) => fn(run(tx)))) as T;
  } finally {
    release();
  }
}

// SQL text is built once at start-up; column lists follow the entity definitions' field order.
const C = columns('customer');
const O = columns('order');
const L = columns('order_line');
const SQL = {
  getCustomer: `SELECT ${C} FROM "customers" WHERE "id" = $1`,
  listCustomers: `SELECT ${C} FROM "customers" WHERE "status" = $1 AND "score" >= $2 ORDER BY "score" DESC, "id" ASC LIMIT $3 OFFSET $4`,
  countCustomers: 'SELECT count(*)::int AS total FROM "customers" WHERE "status" = $1 AND "score" >= $2',
  insertCustomer: `INSERT INTO "customers" ("name", "email", "status", "score", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${C}`,
  // Partial update: absent keys arrive as NULL and keep the stored value (hand-written shortcut).
  updateCustomer: `UPDATE "customers" SET "name" = COALESCE($2, "name"), "email" = COALESCE($3, "email"),
    "status" = COALESCE($4, "status"), "score" = COALESCE($5, "score"), "updated_at" = $6 WHERE "id" = $1 RETURNING ${C}`,
  listOrders: `SELECT ${O} FROM "orders" LIMIT $1 OFFSET $2`,
  countOrders: 'SELECT count(*)::int AS total FROM "orders"',
  linesOf: `SELECT ${L} FROM "order_lines" WHERE "order_id" = ANY($1::uuid[])`,
  liveTags: 'SELECT "id" FROM "tags" WHERE "id" = ANY($1::uuid[])',
  insertOrder: `INSERT INTO "orders" ("customer_id", "status", "total", "note", "created_at") VALUES ($1, $2, $3, $4, $5) RETURNING ${O}`,
  insertLine: 'INSERT INTO "order_lines" ("order_id", "product", "quantity", "unit_price") VALUES ($1, $2, $3, $4)',
  linkTag: 'INSERT INTO "order_tags" ("order_id", "tag_id") VALUES ($1, $2) ON CONFLICT DO NOTHING',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fail = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.code(status).send({ error: { code, message } });

/** rest-api.md §5.6: invalid values fall back to the default, per_page is clamped to 100. */
function paging(q: Record<string, string | undefined>): { page: number; per_page: number } {
  const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : d);
  return { page: int(q.page, 1), per_page: Math.min(int(q.per_page, 25), 100) };
}

const str = { type: 'string' } as const;
const customerBody = {
  type: 'object',
  properties: { name: str, email: str, status: { enum: CUSTOMER_STATUSES }, score: { type: 'integer' } },
} as const;
const orderBody = {
  type: 'object',
  required: ['customer_id'],
  properties: {
    customer_id: { type: 'string', format: 'uuid' }, status: { enum: ORDER_STATUSES }, total: { type: 'number' }, note: str,
    lines: {
      type: 'object', required: ['data'],
      properties: {
        data: {
          type: 'array',
          items: { type: 'object', required: ['product', 'quantity'], properties: { product: str, quantity: { type: 'integer' }, unit_price: { type: 'number' } } },
        },
      },
    },
    tags: {
      type: 'object', required: ['data'],
      properties: { data: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } } },
    },
  },
} as const;

// Response schemas, so Fastify serialises with fast-json-stringify as a tuned Fastify service would
// (Rocket precompiles its serializers too). Derived from the entity definitions: same keys, same
// order, same output formats (decimal as string, timestamp as ISO string).
const OUT: Record<string, object> = { uuid: { type: 'string' }, string: { type: 'string' }, int: { type: 'integer' }, decimal: { type: 'string' }, timestamp: { type: 'string', format: 'date-time' } };
function recordSchema(entity: string, extra: Record<string, object> = {}): object {
  const fields = ENTITIES.find((e) => e.name === entity)!.fields;
  const properties = Object.fromEntries(fields.map((f) => [f.name, { ...OUT[f.type], nullable: f.name !== 'id' }]));
  return { type: 'object', properties: { ...properties, ...extra } };
}
const one = (record: object) => ({ type: 'object', properties: { data: record } });
const list = (record: object) => ({
  type: 'object',
  properties: {
    data: { type: 'array', items: record },
    meta: { type: 'object', properties: { page: { type: 'integer' }, per_page: { type: 'integer' }, total: { type: 'integer' } } },
  },
});
const customerOut = recordSchema('customer');
const orderOut = recordSchema('order');
const orderWithLinesOut = recordSchema('order', { lines: { type: 'array', items: recordSchema('order_line') } });

interface Claims { sub: string; app: string; roles: string[] }
interface CustomerIn { name?: string; email?: string; status?: string; score?: number }
interface OrderIn {
  customer_id: string; status?: string; total?: number; note?: string;
  lines?: { data: Array<{ product: string; quantity: number; unit_price?: number }> };
  tags?: { data: Array<{ id: string }> };
}

const app = Fastify({ logger: false });
// Verified tokens are cached like Rocket's verifier does (fast-jwt cache of 1000).
await app.register(jwt, { secret: env('BARE_JWT_SECRET'), sign: { expiresIn: '15m' }, verify: { cache: 1000 } });

let loggedErrors = 0;
app.setErrorHandler((err: Error & { validation?: unknown; code?: string; statusCode?: number }, _req, reply) => {
  if (err.validation) return fail(reply, 422, 'VALIDATION_FAILED', err.message);
  if (err.code === '23505') return fail(reply, 409, 'CONFLICT', 'A record with this value already exists');
  if (err.statusCode && err.statusCode < 500) return fail(reply, err.statusCode, 'INVALID_PAYLOAD', err.message);
  if (loggedErrors++ < 5) console.error('bare-server: 500:', err);
  return fail(reply, 500, 'INTERNAL_ERROR', 'Internal server error');
});

const base = `/api/${APP}`;

// Fixed credentials: login is not benchmarked, it only hands out a token like Rocket's login does.
app.post(`${base}/auth/login`, async (req, reply) => {
  const body = (req.body ?? {}) as { email?: string; password?: string };
  if (body.email !== 'admin@localhost' || body.password !== 'changeme') return fail(reply, 401, 'UNAUTHORIZED', 'Invalid credentials');
  const claims: Claims = { sub: 'admin', app: APP, roles: ['admin'] };
  return { data: { access_token: app.jwt.sign(claims), token_type: 'Bearer', expires_in: 900 } };
});

// Everything else lives in a child context whose hook demands a bearer JWT for this app with role
// admin, the check Rocket makes for these admin-token requests.
await app.register(async (api) => {
  api.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      await req.jwtVerify();
    } catch {
      return fail(reply, 401, 'UNAUTHORIZED', 'Invalid or expired token');
    }
    const claims = req.user as Claims;
    if (claims.app !== APP || !claims.roles?.includes('admin')) return fail(reply, 403, 'FORBIDDEN', 'Admin role required');
  });
  routes(api);
});

function routes(api: FastifyInstance): void {
  api.get<{ Params: { id: string } }>(`${base}/customer/:id`, { schema: { response: { 200: one(customerOut) } } }, async (req, reply) => {
    const [row] = UUID.test(req.params.id) ? await query(SQL.getCustomer, [req.params.id]) : [];
    return row ? { data: row } : fail(reply, 404, 'NOT_FOUND', `customer with id ${req.params.id} not found`);
  });

  // Hand-written for exactly the benchmarked query shape: status equality, score lower bound, -score.
  api.get<{ Querystring: Record<string, string | undefined> }>(`${base}/customer`, { schema: { response: { 200: list(customerOut) } } }, async (req, reply) => {
    const q = req.query;
    const status = q['filter[status]'];
    const minScore = q['filter[score.gte]'];
    if (!status || !minScore || !/^-?\d+$/.test(minScore) || q.sort !== '-score') {
      return fail(reply, 400, 'INVALID_PAYLOAD', 'bare server supports only filter[status], filter[score.gte], sort=-score');
    }
    const { page, per_page } = paging(q);
    const where = [status, Number(minScore)];
    const [rows, [count]] = await Promise.all([
      query(SQL.listCustomers, [...where, per_page, (page - 1) * per_page]),
      query(SQL.countCustomers, where),
    ]);
    return { data: rows, meta: { page, per_page, total: count.total } };
  });

  api.post<{ Body: CustomerIn }>(`${base}/customer`, { schema: { body: { ...customerBody, required: ['name', 'email'] }, response: { 201: one(customerOut) } } }, async (req, reply) => {
    const b = req.body;
    const [row] = await query(SQL.insertCustomer, [b.name, b.email, b.status ?? 'active', b.score ?? 0, new Date()]);
    return reply.code(201).send({ data: row });
  });

  api.put<{ Params: { id: string }; Body: CustomerIn }>(`${base}/customer/:id`, { schema: { body: customerBody, response: { 200: one(customerOut) } } }, async (req, reply) => {
    const b = req.body ?? {};
    const [row] = UUID.test(req.params.id)
      ? await query(SQL.updateCustomer, [req.params.id, b.name ?? null, b.email ?? null, b.status ?? null, b.score ?? null, new Date()])
      : [];
    return row ? { data: row } : fail(reply, 404, 'NOT_FOUND', `customer with id ${req.params.id} not found`);
  });

  // One extra query for the include, never a JOIN on the main query (rest-api.md §10.2).
  api.get<{ Querystring: Record<string, string | undefined> }>(`${base}/order`, { schema: { response: { 200: list(orderWithLinesOut) } } }, async (req, reply) => {
    if (req.query.include !== 'lines') return fail(reply, 400, 'INVALID_PAYLOAD', 'bare server supports only include=lines');
    const { page, per_page } = paging(req.query);
    const [orders, [count]] = await Promise.all([
      query(SQL.listOrders, [per_page, (page - 1) * per_page]),
      query(SQL.countOrders),
    ]);
    const byOrder = new Map<unknown, Row[]>();
    for (const o of orders) byOrder.set(o.id, (o.lines = []) as Row[]);
    if (orders.length) for (const line of await query(SQL.linesOf, [orders.map((o) => o.id)])) byOrder.get(line.order_id)?.push(line);
    return { data: orders, meta: { page, per_page, total: count.total } };
  });

  // Nested create: the order, each line and each tag link in one transaction, one statement per row.
  api.post<{ Body: OrderIn }>(`${base}/order`, { schema: { body: orderBody, response: { 201: one(orderOut) } } }, async (req, reply) => {
    const b = req.body;
    const tagIds = [...new Set((b.tags?.data ?? []).map((t) => t.id.toLowerCase()))];
    if (tagIds.length) {
      const live = await query(SQL.liveTags, [tagIds]);
      if (live.length !== tagIds.length) return fail(reply, 422, 'VALIDATION_FAILED', 'tag not found');
    }
    const order = await transaction(async (q) => {
      const [row] = await q(SQL.insertOrder, [b.customer_id, b.status ?? 'new', b.total ?? null, b.note ?? null, new Date()]);
      for (const l of b.lines?.data ?? []) await q(SQL.insertLine, [row.id, l.product, l.quantity, l.unit_price ?? null]);
      for (const tagId of tagIds) await q(SQL.linkTag, [row.id, tagId]);
      return row;
    });
    return reply.code(201).send({ data: order });
  });
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });

// autocannon drops its sockets when a run ends, but requests already queued at the gate still run;
// let them finish (briefly) so closing the pool does not fail them.
let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await app.close().catch(() => {});
  for (let i = 0; i < 50 && (free < POOL || head < waiters.length); i++) await new Promise((r) => setTimeout(r, 100));
  await sql.end({ timeout: 2 }).catch(() => {});
  process.exit(0);
}
process.once('SIGTERM', shutdown);
// Ctrl-C hits the whole process group: ignore it here, the parent cleans up (it still needs this
// server, e.g. to delete the bench app) and then stops it with SIGTERM.
process.on('SIGINT', () => {});
process.once('disconnect', shutdown); // the parent died: do not linger
