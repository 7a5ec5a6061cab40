#!/usr/bin/env node
// The bare baseline of `npm run bench`: a faithful port of the reference bare server
// (../shared/bench/bare/server.mjs), the practical upper bound for a server answering the benchmark
// workloads over the same tables. Minimal Fastify + postgres.js (every statement prepared),
// hand-written SQL, JWT verification on every data route (@fastify/jwt), Ajv body validation through
// route schemas (no coercion, no stripping), the Rocket envelopes ({"data": ...} /
// {"data": [...], "meta": {...}} / {"error": {...}}), no logging. Lists run the page query and the
// count in parallel; the include is one `order_id = ANY($1)` query; the nested create is one
// transaction. Plain JavaScript, run by plain `node` (no TypeScript loader in the measured process).
//
// Differences from the reference, none on the request path: it is given the full database URL
// (the harness owns the database and its tables: here Rocket's app database) instead of creating a
// database of its own, it has no /__bench route, and it stops on SIGTERM as the harness asks.
//
//   node bench/bare-server.mjs --url postgres://postgres@127.0.0.1:5432/rocket_x [--port 28090] [--pool 10] [--recycle 10]
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
import postgres from 'postgres';

const { values: a } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT || '28090' },
    host: { type: 'string', default: '127.0.0.1' },
    url: { type: 'string', default: process.env.BARE_PG_URL },
    pool: { type: 'string', default: process.env.BARE_POOL || '10' },
    secret: { type: 'string', default: process.env.BARE_JWT_SECRET || 'bench-bare-secret' },
    recycle: { type: 'string', default: process.env.BARE_RECYCLE_S || '10' },
  },
});
if (!a.url) throw new Error('bare-server: --url (or BARE_PG_URL) is required');

// postgres.js 3.4.x gets slower the longer a pool is under sustained load (its internal queues degrade:
// a fresh process serves ~9k get-by-id/s here, the same process after ~1 min of load ~5k, after 30 min
// ~2.5k). So that the baseline measures SQL + HTTP and not that, the pool is replaced every --recycle
// seconds (new connections + statement re-preparation: a few ms; in-flight queries finish on the old one).
const makePool = () => postgres(a.url, { max: Number(a.pool), prepare: true, onnotice: () => {} });
let sql = makePool();
const retired = new Set();
if (Number(a.recycle) > 0) {
  setInterval(() => {
    const old = sql;
    sql = makePool();
    retired.add(old);
    old.end({ timeout: 10 }).catch(() => {}).finally(() => retired.delete(old));
  }, Number(a.recycle) * 1000).unref();
}

const CUSTOMER_STATUSES = ['active', 'inactive', 'vip', 'banned'];
const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'cancelled'];
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}
const notFound = (entity, id) => new ApiError(404, 'NOT_FOUND', `${entity} with id ${id} not found`);

// Reject unknown keys and wrong types (as the engine does) instead of Fastify's default strip/coerce.
const app = Fastify({ logger: false, bodyLimit: 1048576, ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } } });
await app.register(fastifyJwt, { secret: a.secret });

app.setErrorHandler((err, req, reply) => {
  if (err instanceof ApiError) {
    const body = { error: { code: err.code, message: err.message } };
    if (err.details) body.error.details = err.details;
    return reply.code(err.status).send(body);
  }
  if (err.validation) {
    return reply.code(422).send({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Validation failed',
        details: err.validation.map((v) => ({ field: (v.instancePath || '').replace(/^\//, '') || v.params?.missingProperty, rule: v.keyword, message: v.message })),
      },
    });
  }
  if (err.code === '23505') return reply.code(409).send({ error: { code: 'CONFLICT', message: err.detail || 'A record with this value already exists' } });
  if (err.statusCode === 401 || String(err.code || '').startsWith('FST_JWT')) {
    return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'Invalid or expired token' } });
  }
  if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ error: { code: 'INVALID_PAYLOAD', message: err.message } });
  console.error(err);
  return reply.code(500).send({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error' } });
});

app.get('/health', async () => ({ status: 'ok' }));

// Login: fixed admin account (login is not part of the workloads, only how the harness gets a token).
app.post('/api/:app/auth/login', async (req) => {
  const { email, password } = req.body ?? {};
  if (email !== 'admin@localhost' || password !== 'changeme') throw new ApiError(401, 'UNAUTHORIZED', 'Invalid email or password');
  const access_token = app.jwt.sign({ sub: '00000000-0000-0000-0000-000000000001', roles: ['admin'] }, { expiresIn: '15m' });
  return { data: { access_token, refresh_token: 'n/a' } };
});

// Everything else under /api/:app requires a valid bearer token.
app.register(async (api) => {
  api.addHook('onRequest', async (req) => {
    await req.jwtVerify();
  });

  // ---- list helpers: whitelisted filters/sorts, hand-written SQL, page + count -------------------
  const OPS = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
  function parseList(query, fields) {
    const where = ['deleted_at IS NULL'];
    const params = [];
    for (const [k, v] of Object.entries(query)) {
      const m = /^filter\[([a-z_]+)(?:\.([a-z]+))?\]$/.exec(k);
      if (!m) continue;
      const type = fields[m[1]];
      const op = OPS[m[2] || 'eq'];
      if (!type || !op) throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown filter field: ${m[1]}`);
      params.push(type === 'int' ? parseInt(v, 10) : type === 'num' ? parseFloat(v) : String(v));
      where.push(`${m[1]} ${op} $${params.length}`);
    }
    let order = '';
    if (query.sort) {
      const parts = String(query.sort).split(',').map((s) => {
        const desc = s.startsWith('-');
        const f = desc ? s.slice(1) : s;
        if (!fields[f]) throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown sort field: ${f}`);
        return `${f} ${desc ? 'DESC' : 'ASC'}`;
      });
      order = ` ORDER BY ${parts.join(', ')}`;
    }
    let page = parseInt(query.page, 10);
    if (!(page > 0)) page = 1;
    let perPage = parseInt(query.per_page, 10);
    perPage = perPage > 0 ? Math.min(perPage, 100) : 25;
    return { where: where.join(' AND '), params, order, page, perPage };
  }

  async function listPage(table, cols, q) {
    const n = q.params.length;
    const [rows, [{ total }]] = await Promise.all([
      sql.unsafe(`SELECT ${cols} FROM ${table} WHERE ${q.where}${q.order} LIMIT $${n + 1} OFFSET $${n + 2}`, [...q.params, q.perPage, (q.page - 1) * q.perPage], { prepare: true }),
      sql.unsafe(`SELECT count(*)::int AS total FROM ${table} WHERE ${q.where}`, q.params, { prepare: true }),
    ]);
    return { rows, total };
  }

  const CUSTOMER_COLS = 'id, name, email, status, score, created_at, deleted_at';
  const ORDER_COLS = 'id, customer_id, number, total, status, created_at, deleted_at';
  const CUSTOMER_FIELDS = { id: 'uuid', name: 'text', email: 'text', status: 'text', score: 'int', created_at: 'ts' };
  const ORDER_FIELDS = { id: 'uuid', customer_id: 'uuid', number: 'text', total: 'num', status: 'text', created_at: 'ts' };

  // ---- customer ----------------------------------------------------------------------------------
  api.get('/api/:app/customer', async (req) => {
    const q = parseList(req.query, CUSTOMER_FIELDS);
    const { rows, total } = await listPage('customers', CUSTOMER_COLS, q);
    return { data: rows, meta: { page: q.page, per_page: q.perPage, total } };
  });

  api.get('/api/:app/customer/:id', async (req) => {
    const id = req.params.id;
    if (!UUID_RE.test(id)) throw notFound('customer', id);
    const [row] = await sql`SELECT id, name, email, status, score, created_at, deleted_at FROM customers WHERE id = ${id} AND deleted_at IS NULL`;
    if (!row) throw notFound('customer', id);
    return { data: row };
  });

  const customerProps = {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', minLength: 1 },
    status: { type: 'string', enum: CUSTOMER_STATUSES },
    score: { type: 'integer' },
  };
  api.post(
    '/api/:app/customer',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['name', 'email'], properties: customerProps } } },
    async (req, reply) => {
      const b = req.body;
      const [row] = await sql`
        INSERT INTO customers (name, email, status, score, created_at)
        VALUES (${b.name}, ${b.email}, ${b.status ?? 'active'}, ${b.score ?? 0}, now())
        RETURNING id, name, email, status, score, created_at, deleted_at`;
      reply.code(201);
      return { data: row };
    },
  );

  api.put(
    '/api/:app/customer/:id',
    { schema: { body: { type: 'object', additionalProperties: false, properties: customerProps } } },
    async (req) => {
      const id = req.params.id;
      if (!UUID_RE.test(id)) throw notFound('customer', id);
      const b = req.body;
      // One statement; absent fields keep their value.
      const [row] = await sql`
        UPDATE customers SET
          name = coalesce(${b.name ?? null}::text, name),
          email = coalesce(${b.email ?? null}::text, email),
          status = coalesce(${b.status ?? null}::text, status),
          score = coalesce(${b.score ?? null}::int, score)
        WHERE id = ${id} AND deleted_at IS NULL
        RETURNING id, name, email, status, score, created_at, deleted_at`;
      if (!row) throw notFound('customer', id);
      return { data: row };
    },
  );

  // ---- order (+ nested order_lines / tags) --------------------------------------------------------
  const rowsOf = (props, required) => ({
    type: 'object',
    additionalProperties: false,
    required: ['data'],
    properties: {
      _write_mode: { type: 'string', enum: ['diff', 'replace', 'append'] },
      data: { type: 'array', maxItems: 1000, items: { type: 'object', additionalProperties: false, required, properties: props } },
    },
  });
  const orderSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['customer_id', 'number'],
    properties: {
      customer_id: { type: 'string', format: 'uuid' },
      number: { type: 'string', minLength: 1 },
      total: { type: 'number' },
      status: { type: 'string', enum: ORDER_STATUSES },
      order_lines: rowsOf({ product: { type: 'string', minLength: 1 }, qty: { type: 'integer' }, price: { type: 'number' } }, ['product', 'qty']),
      tags: rowsOf({ id: { type: 'string', format: 'uuid' } }, ['id']),
    },
  };

  api.post('/api/:app/order', { schema: { body: orderSchema } }, async (req, reply) => {
    const b = req.body;
    const order = await sql.begin(async (tx) => {
      const [o] = await tx`
        INSERT INTO orders (customer_id, number, total, status, created_at)
        VALUES (${b.customer_id}, ${b.number}, ${b.total ?? null}, ${b.status ?? 'pending'}, now())
        RETURNING id, customer_id, number, total, status, created_at, deleted_at`;
      const lines = b.order_lines?.data ?? [];
      const tagIds = (b.tags?.data ?? []).map((t) => t.id);
      const work = [];
      if (lines.length) {
        work.push(tx`
          INSERT INTO order_lines (order_id, product, qty, price)
          SELECT ${o.id}::uuid, l.product, l.qty, l.price
          FROM unnest(${lines.map((l) => l.product)}::text[], ${lines.map((l) => l.qty)}::int[], ${lines.map((l) => l.price ?? null)}::numeric[]) AS l(product, qty, price)`);
      }
      if (tagIds.length) {
        work.push(tx`INSERT INTO order_tags (order_id, tag_id) SELECT ${o.id}::uuid, t FROM unnest(${tagIds}::uuid[]) t ON CONFLICT DO NOTHING`);
      }
      await Promise.all(work);
      return o;
    });
    reply.code(201);
    return { data: order };
  });

  api.get('/api/:app/order', async (req) => {
    const q = parseList(req.query, ORDER_FIELDS);
    const include = req.query.include ? String(req.query.include).split(',') : [];
    for (const inc of include) if (inc !== 'order_lines') throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown include: ${inc}`);
    const { rows, total } = await listPage('orders', ORDER_COLS, q);
    if (include.length && rows.length) {
      const byOrder = new Map();
      for (const r of rows) byOrder.set(r.id, (r.order_lines = []));
      const lines = await sql`SELECT id, order_id, product, qty, price FROM order_lines WHERE order_id = ANY(${rows.map((r) => r.id)}::uuid[]) AND deleted_at IS NULL`;
      for (const l of lines) byOrder.get(l.order_id)?.push(l);
    }
    return { data: rows, meta: { page: q.page, per_page: q.perPage, total } };
  });
});

app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `Route ${req.method} ${req.url} not found` } }));

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  await Promise.all([sql, ...retired].map((s) => s.end({ timeout: 2 }).catch(() => {})));
  process.exit(0);
};
process.on('SIGINT', close);
process.on('SIGTERM', close);

await sql`SELECT 1`;
await app.listen({ port: Number(a.port), host: a.host });
console.log(`bare baseline on http://${a.host}:${a.port} (pool ${a.pool}, pool recycled every ${a.recycle}s)`);
