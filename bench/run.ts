// `npm run bench`: Rocket vs a bare Fastify + postgres.js + @fastify/jwt server on the same tables.
// Per workload: fresh logins, a one-request probe on each server (status and JSON shape), a short
// warm-up, then BENCH_ROUNDS interleaved rounds (rocket, bare, rocket, bare…) so drift (table growth,
// autovacuum, thermal) hits both alike. autocannon runs here, each server in its own child process.
// Exits non-zero, loudly, if any request of either server failed.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, login, brief } from './http.js';
import { startChild } from './proc.js';
import { emptyStats, renderTable, type Row, type Stats } from './report.js';
import { APP_LOGIN, CrudUnavailable, READER_LOGIN, seedAndLoad, setupBareOnly, setupReader, setupRocket, type OnCleanup } from './setup.js';
import { selectWorkloads, type Workload, type WorkloadData } from './workloads.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return Number(raw);
}

const opts = {
  duration: intEnv('BENCH_DURATION', 10),
  connections: intEnv('BENCH_CONNECTIONS', 50),
  rounds: intEnv('BENCH_ROUNDS', 2),
  warmup: intEnv('BENCH_WARMUP', 2),
  // Both servers get the same pool size (Rocket: app_pool_size).
  pool: intEnv('BENCH_POOL', 10),
  pgUrl: process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  bareOnly: process.env.BENCH_BARE_ONLY === '1',
  sizes: { customers: intEnv('BENCH_CUSTOMERS', 10_000), orders: intEnv('BENCH_ORDERS', 2_000), tags: 20 },
};

interface Target { name: 'rocket' | 'bare'; base: string; loginPath: string; token?: string }

// Cleanup steps run in reverse order of registration, each on its own (one failing does not stop
// the rest), exactly once, on success, failure and Ctrl-C alike.
const cleanups: Array<{ name: string; fn: () => Promise<void> }> = [];
const onCleanup: OnCleanup = (name, fn) => void cleanups.push({ name, fn });
let cleaning: Promise<void> | undefined;
const cleanup = (): Promise<void> => (cleaning ??= (async () => {
  for (const { name, fn } of cleanups.reverse()) {
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup: ${name} failed: ${(err as Error).message}${(err as Error).cause ? ` (${(err as Error).cause})` : ''}`);
    }
  }
})());
// Ctrl-C reaches the whole process group; npm/tsx may follow up with SIGTERM. Either way: clean up.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!cleaning) console.error(`\n${signal}: cleaning up…`);
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

const rows: Row[] = [];
const failures: string[] = [];

interface Measured { rps: number; p50: number; p99: number; failures: number; samples: string[] }

/** One autocannon run. Every response whose status differs from the expected one is a failure. */
async function measure(t: Target, w: Workload, data: WorkloadData, seconds: number): Promise<Measured> {
  const next = w.requests(data);
  const auth = { authorization: `Bearer ${t.token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  let wrong = 0;
  const samples: string[] = [];
  const result = await autocannon({
    url: t.base,
    connections: opts.connections,
    duration: seconds,
    requests: [{
      setupRequest: (req) => {
        const r = next();
        return { ...req, method: r.method, path: r.path, body: r.body ?? '', headers: r.body ? json : auth };
      },
      onResponse: (status, body) => {
        if (status === w.expect) return;
        wrong++;
        if (samples.length < 3) samples.push(`${status} ${brief(body, 300)}`);
      },
    }],
  });
  let failed = wrong + result.errors;
  if (result.requests.total === 0 && failed === 0) {
    failed = 1; // nothing answered at all: treat as a failure, never as "0 errors"
    samples.push('no responses');
  }
  if (result.errors) samples.push(`${result.errors} socket error(s), ${result.timeouts} timeout(s)`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: failed, samples };
}

function recordFailures(w: Workload, t: Target, phase: string, m: Measured, stats: Stats): void {
  stats.failures += m.failures;
  if (m.failures) failures.push(`${w.name} [${t.name}, ${phase}]: ${m.failures} failed — ${m.samples.join(' | ')}`);
}

/** Keys of the record (or first list item) and of meta, and of nested record arrays (includes). */
function shape(body: any): string {
  const rec = Array.isArray(body?.data) ? body.data[0] : body?.data;
  if (!rec || typeof rec !== 'object') return String(rec);
  const keys = Object.keys(rec).map((k) => (Array.isArray(rec[k]) && rec[k][0] && typeof rec[k][0] === 'object' ? `${k}[${Object.keys(rec[k][0])}]` : k));
  return `data{${keys}}${body.meta ? ` meta{${Object.keys(body.meta)}}` : ''}`;
}

/** A reader workload must answer exactly what the admin gets on Rocket (the policy hides no row). */
async function probeAsAdmin(w: Workload, targets: Target[], data: WorkloadData): Promise<void> {
  const rocket = targets.find((t) => t.name === 'rocket');
  if (!rocket) return;
  const adminToken = await login(rocket.base, rocket.loginPath, APP_LOGIN.email, APP_LOGIN.password);
  const r = w.requests(data)();
  const [asReader, asAdmin] = [await call(rocket.base, r.method, r.path, { token: rocket.token, body: r.body }),
    await call(rocket.base, r.method, r.path, { token: adminToken, body: r.body })];
  const same = asReader.status === asAdmin.status && JSON.stringify(asReader.body) === JSON.stringify(asAdmin.body);
  if (same) console.log('   probe: the reader gets exactly the admin response from Rocket');
  else console.log(`   WARNING: reader and admin answers differ:\n     reader: ${brief(asReader.body, 600)}\n     admin:  ${brief(asAdmin.body, 600)}`);
}

async function runWorkload(w: Workload, targets: Target[], data: WorkloadData): Promise<void> {
  const row: Row = { workload: w.name, baseline: w.baseline };
  rows.push(row);
  console.log(`\n== ${w.name}${w.caller === 'reader' ? ' (Rocket called as the non-admin reader)' : ''}`);
  for (const t of targets) {
    const who = t.name === 'rocket' && w.caller === 'reader' ? READER_LOGIN : APP_LOGIN;
    t.token = await login(t.base, t.loginPath, who.email, who.password); // tokens live 15 min
  }
  if (w.caller === 'reader') await probeAsAdmin(w, targets, data);

  // Probe: one request each. Reads address the same rows on both servers, so their bodies must be
  // identical; writes differ in ids and timestamps, so only their JSON shapes are compared.
  const bodies: unknown[] = [];
  let method = '';
  for (const t of targets) {
    const r = w.requests(data)();
    method = r.method;
    const res = await call(t.base, r.method, r.path, { token: t.token, body: r.body });
    if (res.status === w.expect) {
      bodies.push(res.body);
      continue;
    }
    const what = `${r.method} ${r.path.split('?')[0]} answered ${res.status}: ${brief(res.body, 300)}`;
    if (t.name === 'rocket' && res.status === 404) throw new CrudUnavailable(what);
    if (t.name === 'rocket' && w.optional) {
      row.note = `SKIPPED: ${w.optional} (warm-up probe: ${what})`;
      console.log(`   ${row.note}`);
      return;
    }
    row[t.name] = { ...emptyStats(), failures: 1 };
    row.note = `probe failed on ${t.name}: ${what}`;
    failures.push(`${w.name} [${t.name}, probe]: ${what}`);
    return;
  }
  if (bodies.length === 2) {
    const [a, b] = method === 'GET' ? bodies.map((x) => JSON.stringify(x)) : bodies.map(shape);
    if (a === b) console.log(`   probe: ${method === 'GET' ? 'identical responses' : 'same JSON shape'} from both servers`);
    else {
      console.log(`   WARNING: the servers answer differently:\n     rocket: ${brief(a, 600)}\n     bare:   ${brief(b, 600)}`);
      row.note = 'responses differ between the servers (see the log above)';
    }
  }

  for (const t of targets) {
    const stats = (row[t.name] = emptyStats());
    recordFailures(w, t, 'warm-up', await measure(t, w, data, opts.warmup), stats);
  }
  for (let round = 1; round <= opts.rounds; round++) {
    for (const t of targets) {
      await sleep(500); // let the previous run's connections close before measuring the next server
      const m = await measure(t, w, data, opts.duration);
      const stats = row[t.name]!;
      stats.rps.push(m.rps);
      stats.p50.push(m.p50);
      stats.p99.push(m.p99);
      recordFailures(w, t, `round ${round}`, m, stats);
      console.log(`   round ${round} ${t.name.padEnd(6)} ${Math.round(m.rps).toString().padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.failures}`);
    }
  }
}

async function main(): Promise<void> {
  const workloads = selectWorkloads(process.env.BENCH_ONLY);
  console.log(`Rocket bench: ${opts.duration}s x ${opts.rounds} round(s) per server and workload, ${opts.connections} connections, ` +
    `pool ${opts.pool}, warm-up ${opts.warmup}s, ${cpus().length} CPU(s), Node ${process.version}${opts.bareOnly ? ', BARE ONLY' : ''}`);
  // Other work on the machine skews both servers' numbers; interleaving evens it out only partly.
  const load = loadavg()[0];
  if (load > cpus().length / 2) console.log(`warning: load average ${load.toFixed(1)} on ${cpus().length} CPU(s) before starting; expect noisy numbers`);

  const targets: Target[] = [];
  let app: string;
  let appDbUrl: string;
  if (opts.bareOnly) {
    ({ app, appDbUrl } = await setupBareOnly(opts.pgUrl, onCleanup));
  } else {
    const rocket = await setupRocket(opts.pgUrl, opts.pool, onCleanup);
    ({ app, appDbUrl } = rocket);
    targets.push({ name: 'rocket', base: rocket.base, loginPath: `/api/${app}/auth/login` });
  }
  console.log(`seeding ${opts.sizes.customers} customers, ${opts.sizes.orders} orders x 5 lines, ${opts.sizes.tags} tags…`);
  const data = await seedAndLoad(appDbUrl, app, opts.sizes);
  const rocketTarget = targets.find((t) => t.name === 'rocket');
  if (rocketTarget && workloads.some((w) => w.caller === 'reader')) await setupReader(rocketTarget.base, app, appDbUrl);

  const bare = await startChild('bare', './bare-server.ts', {
    BARE_PG_URL: appDbUrl, BARE_APP: app, BARE_POOL: String(opts.pool), BARE_JWT_SECRET: randomBytes(32).toString('hex'),
  });
  onCleanup('stop the bare server', () => bare.stop());
  targets.push({ name: 'bare', base: `http://127.0.0.1:${bare.port}`, loginPath: `/api/${app}/auth/login` });

  for (const w of workloads) await runWorkload(w, targets, data);
}

const loud = (text: string): void => console.error(`\n${'!'.repeat(78)}\n${text}\n${'!'.repeat(78)}`);

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = 1;
  if (err instanceof CrudUnavailable) loud(`Rocket CRUD endpoints not available: ${err.message}`);
  else loud(`BENCHMARK FAILED: ${(err as Error).stack ?? err}`);
} finally {
  await cleanup();
}
if (rows.length) console.log(`\n${renderTable(rows)}`);
if (failures.length) {
  exitCode = 1;
  loud('BENCHMARK FAILED: requests errored (unexpected status or socket errors); the numbers above are not valid:\n' +
    failures.map((f) => `  - ${f}`).join('\n'));
}
process.exit(exitCode);
