// The benchmarked requests. Both servers expose the same paths and payloads (the bare server mirrors
// Rocket's URL scheme), so one definition drives both; only the base URL and token differ.
import { CUSTOMER_STATUSES } from './schema.js';

/** Data the workloads draw from, read from the seeded database. */
export interface WorkloadData {
  app: string;
  customerIds: string[];
  tagIds: string[];
}

export interface BenchRequest { method: 'GET' | 'POST' | 'PUT'; path: string; body?: string }

export interface Workload {
  name: string;
  /** Status every request must answer with; anything else counts as an error. */
  expect: number;
  /** Optional workloads are skipped (not failed) when Rocket rejects the warm-up probe. */
  optional?: string;
  /**
   * Who Rocket is called as: the app admin (default) or the non-admin bench reader, whose `read`
   * policy has a row-level condition (setup.ts). The bare server always takes its admin token.
   */
  caller?: 'admin' | 'reader';
  /** A workload whose Rocket req/s this one is also compared to (same run), e.g. admin vs reader. */
  baseline?: string;
  /** Returns a generator of successive requests; each call of it yields the next one. */
  requests(data: WorkloadData): () => BenchRequest;
}

// Unique per process and per request: create/update must never hit the unique index on email
// (a 409 would count as an error). The stamp keeps reruns against a kept database apart too.
const stamp = Date.now().toString(36);
let seq = 0;
const uniqueEmail = (): string => `b${stamp}-${++seq}@bench.test`;

/** Cycles through a list so concurrent updates rarely touch the same row. */
function cycle<T>(items: T[]): () => T {
  if (items.length === 0) throw new Error('workload data is empty (was the database seeded?)');
  let i = 0;
  return () => items[i++ % items.length];
}

export const WORKLOADS: Workload[] = [
  {
    name: 'get_by_id',
    expect: 200,
    requests: ({ app, customerIds }) => {
      const next = cycle(customerIds);
      return () => ({ method: 'GET', path: `/api/${app}/customer/${next()}` });
    },
  },
  {
    name: 'list_filtered',
    expect: 200,
    requests: ({ app }) => () => ({
      method: 'GET',
      path: `/api/${app}/customer?filter[status]=active&filter[score.gte]=50&sort=-score&per_page=20`,
    }),
  },
  {
    // The same list as a non-admin user under a row-level read permission whose condition every
    // seeded row satisfies: identical responses, so the difference is the permission machinery
    // (policy lookup, the extra SQL condition). Target: >= 0.90 of `list_filtered`'s Rocket req/s.
    name: 'list_filtered_user',
    expect: 200,
    caller: 'reader',
    baseline: 'list_filtered',
    requests: ({ app }) => () => ({
      method: 'GET',
      path: `/api/${app}/customer?filter[status]=active&filter[score.gte]=50&sort=-score&per_page=20`,
    }),
  },
  {
    name: 'create',
    expect: 201,
    requests: ({ app }) => {
      let n = 0;
      return () => {
        n++;
        const body = { name: `Bench ${n}`, email: uniqueEmail(), status: CUSTOMER_STATUSES[n % 3], score: n % 101 };
        return { method: 'POST', path: `/api/${app}/customer`, body: JSON.stringify(body) };
      };
    },
  },
  {
    name: 'update',
    expect: 200,
    requests: ({ app, customerIds }) => {
      const next = cycle(customerIds);
      let n = 0;
      return () => {
        const body = { name: `Updated ${++n}`, email: uniqueEmail(), score: n % 101 };
        return { method: 'PUT', path: `/api/${app}/customer/${next()}`, body: JSON.stringify(body) };
      };
    },
  },
  {
    name: 'list_include',
    expect: 200,
    requests: ({ app }) => () => ({ method: 'GET', path: `/api/${app}/order?per_page=20&include=lines` }),
  },
  {
    // Nested write (write-pipeline.md §5): an order, 5 lines (one_to_many) and 2 tag links
    // (many_to_many) in one request; the bare server does the same inserts in one transaction.
    name: 'nested_create',
    expect: 201,
    requests: ({ app, customerIds, tagIds }) => {
      const customer = cycle(customerIds);
      let n = 0;
      return () => {
        n++;
        const lines = Array.from({ length: 5 }, (_, k) => ({ product: `Product ${k + 1}`, quantity: k + 1, unit_price: 2.5 * (k + 1) }));
        const tags = [tagIds[n % tagIds.length], tagIds[(n + 7) % tagIds.length]].map((tagId) => ({ id: tagId }));
        const body = {
          customer_id: customer(), status: 'new', total: 37.5, note: `bench order ${n}`,
          lines: { data: lines }, tags: { data: tags },
        };
        return { method: 'POST', path: `/api/${app}/order`, body: JSON.stringify(body) };
      };
    },
  },
];

/** BENCH_ONLY=a,b selects workloads by name; unknown names are an error, not silently ignored. */
export function selectWorkloads(only: string | undefined): Workload[] {
  if (!only) return WORKLOADS;
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !WORKLOADS.some((w) => w.name === n));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown workload(s) ${unknown.join(', ')}; known: ${WORKLOADS.map((w) => w.name).join(', ')}`);
  return WORKLOADS.filter((w) => names.includes(w.name));
}
