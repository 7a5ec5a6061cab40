// The benchmarked requests: W1..W7 exactly as the reference harness defines them
// (../shared/bench/lib/workloads.mjs: same paths, bodies, pages, id draws and checks), plus W8, the
// W2 list as a non-admin user under a row-level read policy. Both servers expose the same paths and
// payloads (the bare server speaks Rocket's URL scheme and envelopes), so one definition drives both.
import { randomUUID } from 'node:crypto';
import type { Ids } from './schema.js';

export interface BenchRequest { method: 'GET' | 'POST' | 'PUT'; path: string; body?: Record<string, unknown> }

/** What a workload draws from: the app prefix, the sampled ids, and a database check for W4. */
export interface Fixture {
  prefix: string;
  ids: Ids;
  /** Throws unless the order really has its 5 lines and 2 tags in the database. */
  countChildren(orderId: string): Promise<string>;
}

/** How the smoke check compares the two servers' answers to the same first request. */
export type Compare = 'identical' | 'list' | 'shape' | 'error';

export interface Workload {
  id: string;
  /** The old `npm run bench` name, still accepted by BENCH_ONLY. */
  name: string;
  title: string;
  /** The only status that counts; anything else is an error. */
  expect: number;
  write: boolean;
  compare: Compare;
  /** Who Rocket is called as (setup.ts); the bare server always gets its admin token. */
  caller?: 'admin' | 'reader';
  /** A workload of the same rep whose Rocket req/s this one is also compared to. */
  baseline?: string;
  make(fx: Fixture, rnd: () => number, tag: string): () => BenchRequest;
  /** Smoke check of one answer: right envelope, right content. Throws on a problem. */
  check(json: any, req: BenchRequest): void;
  verify?(fx: Fixture, json: any): Promise<string>;
}

/** The reference's PRNG, so id and page draws are reproducible per seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const qs = (params: Record<string, string | number>): string =>
  Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const fail = (msg: string): never => {
  throw new Error(msg);
};
function expectRecord(json: any, keys: string[]): Record<string, any> {
  if (!isObj(json) || !isObj(json.data)) fail('expected {"data": {...}}');
  for (const k of keys) if (!(k in json.data)) fail(`record lacks field "${k}"`);
  return json.data;
}
function expectPage(json: any, perPage: number): any[] {
  if (!isObj(json) || !Array.isArray(json.data)) fail('expected {"data": [...]}');
  if (!isObj(json.meta)) fail('expected "meta" with page/per_page/total');
  for (const k of ['page', 'per_page', 'total']) if (typeof json.meta[k] !== 'number') fail(`meta.${k} must be a number`);
  if (json.data.length === 0) fail('page is empty (seed data not visible?)');
  if (json.data.length > perPage) fail(`page has ${json.data.length} rows > per_page ${perPage}`);
  return json.data;
}

// The reference's knobs.
const W2_PAGES = 20; // vip customers with score >= 500: ~900 rows at 20k customers -> 36 pages
const W5_PAGES = 40; // paid orders: 1k rows at 4k orders -> 40 pages
const PER_PAGE = 25;

const customerList = (prefix: string, page: number): string =>
  `${prefix}/customer?${qs({ 'filter[status]': 'vip', 'filter[score.gte]': 500, sort: '-score', page, per_page: PER_PAGE })}`;

function checkW2(json: any): void {
  const rows = expectPage(json, PER_PAGE);
  if (json.meta.total < rows.length) fail('meta.total smaller than the page');
  for (const r of rows) if (r.status !== 'vip' || !(Number(r.score) >= 500)) fail('filter not applied');
  for (let i = 1; i < rows.length; i++) if (Number(rows[i - 1].score) < Number(rows[i].score)) fail('sort not applied');
}

export const WORKLOADS: Workload[] = [
  {
    id: 'W1', name: 'get_by_id', title: 'get by id', expect: 200, write: false, compare: 'identical',
    make(fx, rnd) {
      const ids = fx.ids.customers;
      return () => ({ method: 'GET', path: `${fx.prefix}/customer/${ids[(rnd() * ids.length) | 0]}` });
    },
    check(json, req) {
      const r = expectRecord(json, ['id', 'name', 'email', 'status', 'score', 'created_at']);
      if (!req.path.includes(r.id)) fail('returned a different record');
    },
  },
  {
    id: 'W2', name: 'list_filtered', title: 'filter + sort + page + total', expect: 200, write: false, compare: 'list',
    make: (fx, rnd) => () => ({ method: 'GET', path: customerList(fx.prefix, 1 + ((rnd() * W2_PAGES) | 0)) }),
    check: checkW2,
  },
  {
    // W2 as the non-admin reader, whose `read` policy on customer has a row-level condition every
    // row satisfies (setup.ts): identical answers, so the difference is the permission machinery.
    id: 'W8', name: 'list_filtered_user', title: 'W2 as a row-filtered user', expect: 200, write: false, compare: 'list',
    caller: 'reader', baseline: 'W2',
    make: (fx, rnd) => () => ({ method: 'GET', path: customerList(fx.prefix, 1 + ((rnd() * W2_PAGES) | 0)) }),
    check: checkW2,
  },
  {
    id: 'W3', name: 'create', title: 'create', expect: 201, write: true, compare: 'shape',
    make(fx, rnd, tag) {
      let n = 0;
      return () => {
        n++;
        return {
          method: 'POST', path: `${fx.prefix}/customer`,
          body: { name: `Bench ${tag} ${n}`, email: `w3-${tag}-${n}@bench.test`, status: 'active', score: (rnd() * 1000) | 0 },
        };
      };
    },
    check(json, req) {
      const r = expectRecord(json, ['id', 'email']);
      if (r.email !== req.body!.email) fail('created record does not echo the email');
    },
  },
  {
    id: 'W4', name: 'nested_create', title: 'nested create (order + 5 lines + 2 tags)', expect: 201, write: true, compare: 'shape',
    make(fx, rnd, tag) {
      const cust = fx.ids.customers;
      const tags = fx.ids.tags;
      let n = 0;
      return () => {
        n++;
        const t1 = (rnd() * tags.length) | 0;
        const t2 = (t1 + 1 + ((rnd() * (tags.length - 1)) | 0)) % tags.length;
        const lines = [];
        for (let i = 0; i < 5; i++) lines.push({ product: `P-${(rnd() * 500) | 0}`, qty: 1 + i, price: ((rnd() * 10000) | 0) / 100 });
        return {
          method: 'POST', path: `${fx.prefix}/order`,
          body: {
            customer_id: cust[(rnd() * cust.length) | 0], number: `W4-${tag}-${n}`, total: ((rnd() * 100000) | 0) / 100, status: 'pending',
            order_lines: { _write_mode: 'diff', data: lines },
            tags: { _write_mode: 'diff', data: [{ id: tags[t1] }, { id: tags[t2] }] },
          },
        };
      };
    },
    check(json, req) {
      const r = expectRecord(json, ['id', 'number', 'customer_id']);
      if (r.number !== req.body!.number) fail('created order does not echo its number');
    },
    verify: (fx, json) => fx.countChildren(json.data.id),
  },
  {
    id: 'W5', name: 'list_include', title: 'list with include', expect: 200, write: false, compare: 'list',
    make: (fx, rnd) => () => ({
      method: 'GET',
      path: `${fx.prefix}/order?${qs({ 'filter[status]': 'paid', sort: '-created_at', page: 1 + ((rnd() * W5_PAGES) | 0), per_page: PER_PAGE, include: 'order_lines' })}`,
    }),
    check(json) {
      for (const r of expectPage(json, PER_PAGE)) {
        if (r.status !== 'paid') fail('filter not applied');
        if (!Array.isArray(r.order_lines)) fail('order_lines not included');
        if (r.order_lines.length !== 5) fail(`expected 5 order_lines, got ${r.order_lines.length}`);
        for (const l of r.order_lines) if (l.order_id !== r.id) fail('order_lines attached to the wrong order');
      }
    },
  },
  {
    id: 'W6', name: 'update', title: 'update', expect: 200, write: true, compare: 'shape',
    make(fx, rnd) {
      const ids = fx.ids.customers;
      let n = 0;
      return () => {
        n++;
        return { method: 'PUT', path: `${fx.prefix}/customer/${ids[(rnd() * ids.length) | 0]}`, body: { score: (rnd() * 1000) | 0, name: `Updated ${n}` } };
      };
    },
    check(json, req) {
      const r = expectRecord(json, ['id', 'score', 'name']);
      if (Number(r.score) !== req.body!.score || r.name !== req.body!.name) fail('update not reflected in the response');
    },
  },
  {
    id: 'W7', name: 'not_found', title: 'not found', expect: 404, write: false, compare: 'error',
    make(fx) {
      // Well-formed ids that do not exist, so both servers take their "look up, miss, 404" path.
      const ghosts = Array.from({ length: 1024 }, () => randomUUID());
      let i = 0;
      return () => ({ method: 'GET', path: `${fx.prefix}/customer/${ghosts[i++ & 1023]}` });
    },
    check(json) {
      if (!isObj(json) || !isObj(json.error) || typeof json.error.code !== 'string') fail('expected {"error": {"code": ...}}');
    },
  },
];

/** Inside a rep: the reads first (on the freshly reseeded, vacuumed tables), then the writes. */
export const EXEC_ORDER = ['W1', 'W2', 'W8', 'W5', 'W7', 'W3', 'W4', 'W6'];
/** Report order. */
export const REPORT_ORDER = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'];

/** BENCH_ONLY=W1,W8 (or the old names, e.g. get_by_id); unknown names are an error, not ignored. */
export function selectWorkloads(only: string | undefined): Workload[] {
  const byOrder = (order: string[]) => (a: Workload, b: Workload) => order.indexOf(a.id) - order.indexOf(b.id);
  if (!only || only === 'all') return [...WORKLOADS].sort(byOrder(REPORT_ORDER));
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const find = (n: string) => WORKLOADS.find((w) => w.id === n.toUpperCase() || w.name === n);
  const unknown = names.filter((n) => !find(n));
  if (unknown.length) {
    throw new Error(`BENCH_ONLY: unknown workload(s) ${unknown.join(', ')}; known: ${WORKLOADS.map((w) => `${w.id} (${w.name})`).join(', ')}`);
  }
  return [...new Set(names.map((n) => find(n)!))].sort(byOrder(REPORT_ORDER));
}
