// The measuring machinery shared by `npm run bench` (run.ts) and `npm run bench:rules` (rules.ts):
// settings from the environment, the cleanup registry (run on success, failure and Ctrl-C), Rocket
// built and started as deployed, seeding an app and its fixture, the autocannon runner, the rep loop
// (reseed, then every workload with each target back to back, the order alternating between reps)
// and the main wrapper that prints the report and sets the exit status.
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { login } from './http.js';
import { monitor, postgresRoot } from './procmon.js';
import type { Server } from './proc.js';
import type { Run } from './report.js';
import { reseed, sampleIds, type SeedSizes } from './schema.js';
import { APP_LOGIN, CrudUnavailable, READER_LOGIN, parseExtraEnv, seedFirst, startRocket, type BenchApp, type OnCleanup } from './setup.js';
import { EXEC_ORDER, mulberry32, type Fixture, type Workload } from './workloads.js';

export function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  return Number(raw);
}
export function listEnv(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const xs = raw.split(',').map((s) => s.trim());
  if (!xs.every((x) => /^\d+$/.test(x) && Number(x) >= 1)) throw new Error(`${name} must be a comma list of positive integers (got "${raw}")`);
  return xs.map(Number);
}

export const CHECKOUT = fileURLToPath(new URL('..', import.meta.url));

/** The settings every measurement script reads (README "Settings"). */
export interface CommonOptions {
  duration: number;
  levels: number[];
  reps: number;
  warmup: number;
  pause: number;
  pgUrl: string;
  build: boolean;
  extraEnv: Record<string, string>;
  sample: number;
  sizes: SeedSizes;
}

export function commonOptions(defaults: { reps: number; levels: number[] }): CommonOptions {
  return {
    duration: intEnv('BENCH_DURATION', 10),
    levels: listEnv('BENCH_CONNECTIONS', defaults.levels),
    reps: intEnv('BENCH_ROUNDS', defaults.reps),
    warmup: intEnv('BENCH_WARMUP', 2, 0),
    pause: intEnv('BENCH_PAUSE', 1, 0),
    pgUrl: process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    build: process.env.BENCH_BUILD !== '0',
    extraEnv: parseExtraEnv(process.env.ROCKET_EXTRA_ENV),
    sample: intEnv('BENCH_SAMPLE', 20_000),
    sizes: { customers: intEnv('BENCH_CUSTOMERS', 20_000), orders: intEnv('BENCH_ORDERS', 4_000), linesPerOrder: 5, tags: intEnv('BENCH_TAGS', 50, 8) },
  };
}

/** One measured server (or, in rules.ts, one app of the same server) and what its requests draw from. */
export interface Target {
  name: string;
  kind: 'rocket' | 'bare';
  server: Server;
  tokens: Map<string, { token: string; at: number }>;
  fx: Fixture;
}

// Cleanup steps run in reverse order of registration, each on its own (one failing does not stop
// the rest), exactly once, on success, failure and Ctrl-C alike.
const cleanups: Array<{ name: string; fn: () => Promise<void> }> = [];
export const onCleanup: OnCleanup = (name, fn) => void cleanups.push({ name, fn });
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

/** Every measured run, the runs that errored, and remarks for the report, per workload. */
export const runs: Run[] = [];
export const failures: string[] = [];
export const notes: Record<string, string[]> = {};
export const note = (wl: string, text: string) => (notes[wl] ??= []).push(text);
let exitCode = 0;

const TOKEN_MAX_AGE_MS = 5 * 60_000; // tokens live 15 min: renew well before that

export async function tokenFor(t: Target, w: Pick<Workload, 'caller'>): Promise<string> {
  const who = t.kind === 'rocket' && w.caller === 'reader' ? READER_LOGIN : APP_LOGIN;
  const have = t.tokens.get(who.email);
  if (have && Date.now() - have.at < TOKEN_MAX_AGE_MS) return have.token;
  const token = await login(t.server.base, `${t.fx.prefix}/auth/login`, who.email, who.password);
  t.tokens.set(who.email, { token, at: Date.now() });
  return token;
}

interface Measured { rps: number; p50: number; p99: number; responses: number; errors: number; problem?: string }

/** One autocannon run. Only responses with the expected status count as throughput. */
const RATE = intEnv('BENCH_RATE', 0, 0);

async function cannon(t: Target, w: Workload, token: string, seconds: number, level: number, seed: number, tag: string): Promise<Measured> {
  const next = w.make(t.fx, mulberry32(seed), tag);
  const auth = `Bearer ${token}`;
  const res = await autocannon({
    url: t.server.base,
    connections: level,
    duration: seconds,
    timeout: 10,
    // BENCH_RATE: a fixed offered load (requests/s over all connections) instead of as fast as the
    // server answers; CPU µs/req then compares servers at the same load, which is far steadier on
    // a shared machine than saturated throughput.
    ...(RATE > 0 ? { overallRate: RATE } : {}),
    requests: [{
      setupRequest(req) {
        const r = next();
        req.method = r.method;
        req.path = r.path;
        if (r.body !== undefined) {
          req.body = JSON.stringify(r.body);
          req.headers = { authorization: auth, 'content-type': 'application/json' };
        } else {
          req.body = undefined;
          req.headers = { authorization: auth };
        }
        return req;
      },
    }],
  });
  const codes: Record<string, number> = {};
  for (const [code, v] of Object.entries(res.statusCodeStats ?? {})) codes[code] = v.count;
  const responses = Object.values(codes).reduce((a, b) => a + b, 0);
  const good = codes[String(w.expect)] ?? 0;
  const errors = responses - good + res.errors;
  const problems: string[] = [];
  if (responses - good) problems.push(`statuses ${JSON.stringify(codes)} (expected ${w.expect})`);
  if (res.errors) problems.push(`${res.errors} socket error(s), ${res.timeouts} timeout(s)`);
  // Fewer responses than connections in the whole run: requests hung.
  if (responses < level) problems.push(`STALLED: ${responses} responses from ${level} connections`);
  return {
    rps: good / (res.duration || seconds), p50: res.latency.p50, p99: res.latency.p99, responses,
    errors: errors || (responses < level ? 1 : 0), problem: problems.length ? problems.join('; ') : undefined,
  };
}

/** After each run a plain get-by-id must answer within 5 s, or the server is wedged. */
async function alive(t: Target, token: string): Promise<boolean> {
  try {
    const res = await fetch(`${t.server.base}${t.fx.prefix}/customer/${t.fx.ids.customers[0]}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

function assertRunning(t: Target): void {
  if (!t.server.alive()) throw new Error(`the ${t.name} server died (${t.server.exitInfo()}); its log ${t.server.logFile} ends:\n${t.server.tail()}`);
}

export interface LoopOptions extends Pick<CommonOptions, 'levels' | 'reps' | 'warmup' | 'duration' | 'pause'> {
  /** Called at the start of every rep: back to the seeded state, fresh ids in every target's fixture. */
  reseed(): Promise<void>;
  /** The tag in the generated names and emails (warm-up and measured runs add `w` / `m`). */
  tag?(t: Target, level: number, rep: number): string;
  /** Called after every rep's last run, before the next reseed. */
  afterRep?(level: number, rep: number): Promise<void>;
}

/**
 * For each connection level and rep: reseed, then every workload (reads first), each target back
 * to back in the order of `targets` in odd reps and reversed in even reps, each a warm-up and a
 * measured run with the same request sequence for every target. Records into `runs` and `failures`.
 */
export async function measureAll(targets: Target[], workloads: Workload[], o: LoopOptions): Promise<void> {
  const order = [...workloads].sort((a, b) => EXEC_ORDER.indexOf(a.id) - EXEC_ORDER.indexOf(b.id));
  const total = o.levels.length * o.reps * order.length * targets.length;
  const tagOf = o.tag ?? ((t: Target, level: number, rep: number) => `${t.name[0]}${level}r${rep}`);
  let k = 0;
  for (const level of o.levels) {
    for (let rep = 1; rep <= o.reps; rep++) {
      // The smoke checks and the previous rep's writes changed the tables: every rep starts equal.
      const t0 = Date.now();
      await o.reseed();
      console.log(`\n-- ${level} connections, rep ${rep}/${o.reps} (reseeded in ${Date.now() - t0} ms)`);
      const inOrder = rep % 2 === 1 ? targets : [...targets].reverse();
      for (const w of order) {
        for (const t of inOrder) {
          k++;
          assertRunning(t);
          const token = await tokenFor(t, w);
          const seed = level * 100_000 + rep * 1000 + Number(w.id.slice(1)) * 10; // same draws for every target
          const tag = tagOf(t, level, rep);
          const warm = o.warmup ? await cannon(t, w, token, o.warmup, level, seed + 500_000, `${tag}w`) : undefined;
          const mon = monitor(t.server.pid);
          const pg = postgresRoot();
          const dbMon = pg === undefined ? undefined : monitor(pg);
          const m = await cannon(t, w, token, o.duration, level, seed, `${tag}m`);
          const usage = mon.stop();
          const dbUsage = dbMon?.stop();
          const ok = await alive(t, await tokenFor(t, { caller: 'admin' }));
          const errors = m.errors + (warm?.errors ?? 0);
          runs.push({
            level, rep, workload: w.id, target: t.name, rps: m.rps, p50: m.p50, p99: m.p99,
            cpuUsPerReq: usage && m.responses ? (usage.cpuSec * 1e6) / m.responses : null, rssMaxMiB: usage?.rssMaxMiB ?? null,
            responses: m.responses, errors: errors + (ok ? 0 : 1),
          });
          const flags = [warm?.problem && `warm-up: ${warm.problem}`, m.problem, !ok && 'WEDGED: no answer to a get-by-id within 5 s'].filter(Boolean);
          if (flags.length) failures.push(`${w.id} [${t.name}, ${level} connections, rep ${rep}]: ${flags.join('; ')}`);
          const perReq = (sec: number) => Math.round((sec * 1e6) / m.responses);
          // The database's share (all of the local PostgreSQL's backends, whoever they serve).
          const db = dbUsage && m.responses ? `  db ${perReq(dbUsage.cpuSec)} µs/req` : '';
          const cpu = usage && m.responses ? `  cpu ${perReq(usage.cpuSec)} µs/req${db}  rss ${usage.rssMaxMiB} MiB` : '';
          console.log(`[${k}/${total}] ${w.id} ${t.name.padEnd(9)} ${Math.round(m.rps).toString().padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms${cpu}  errors ${errors}` +
            (flags.length ? `  !! ${flags.join('; ')}` : ''));
          if (!ok) throw new Error(`${t.name} is wedged after ${w.id}; stopping (see its log ${t.server.logFile})`);
          assertRunning(t);
          if (o.pause) await sleep(o.pause * 1000);
        }
      }
      await o.afterRep?.(level, rep);
    }
  }
}

function describeCheckout(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: CHECKOUT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length;
  return head ? `${head}${dirty ? ` + ${dirty} uncommitted file(s)` : ''}` : 'unknown';
}

const extraEnvText = (o: CommonOptions): string => Object.entries(o.extraEnv).map(([k, v]) => `${k}=${v}`).join(' ');

/** The first lines of a run: what is measured, on what, and any non-default configuration. */
export function printBanner(title: string, workloads: Workload[], o: CommonOptions, suffix = ''): void {
  console.log(`${title}: ${workloads.map((w) => w.id).join(',')} at ${o.levels.join(' and ')} connections, ${o.reps} rep(s) of ${o.duration}s ` +
    `(warm-up ${o.warmup}s), ${o.sizes.customers} customers, ${o.sizes.orders} orders; ${cpus().length} CPU(s), Node ${process.version}, ` +
    `checkout ${describeCheckout()}${suffix}`);
  const extra = extraEnvText(o);
  if (extra) console.log(`NOT THE DEFAULT CONFIGURATION: Rocket also gets ROCKET_EXTRA_ENV: ${extra}`);
  // Other work on the machine skews the numbers; pairing by rep evens it out only partly.
  const load = loadavg()[0];
  if (load > cpus().length / 2) console.log(`warning: load average ${load.toFixed(1)} on ${cpus().length} CPU(s) before starting; expect noisy numbers`);
}

/** The run's scratch folder (server logs, Rocket's data dir): removed at the end unless the run failed. */
export function scratchDir(): string {
  const stateDir = mkdtempSync(join(tmpdir(), 'rocket-bench-'));
  onCleanup(`remove ${stateDir}`, async () => {
    if (failures.length || exitCode) console.error(`server logs kept in ${stateDir}`);
    else rmSync(stateDir, { recursive: true, force: true });
  });
  return stateDir;
}

/** `npm run build` (unless BENCH_BUILD=0), then Rocket as deployed (setup.ts startRocket). */
export async function startDeployedRocket(o: CommonOptions, stateDir: string): Promise<Server> {
  if (existsSync(join(CHECKOUT, 'app.yaml'))) throw new Error(`${join(CHECKOUT, 'app.yaml')} exists: Rocket would read it, so this would not be the default configuration; move it away`);
  if (o.build) {
    console.log('npm run build…');
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: CHECKOUT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('`npm run build` failed: fix the build, or set BENCH_BUILD=0 to run dist/ as it is');
  }
  const { server } = await startRocket({ checkout: CHECKOUT, pgUrl: o.pgUrl, stateDir, extraEnv: o.extraEnv, onCleanup });
  console.log(`rocket: node dist/server.js (pid ${server.pid}, NODE_ENV=production, default configuration${extraEnvText(o) ? ' + ROCKET_EXTRA_ENV' : ''}), log ${server.logFile}`);
  return server;
}

/** Seeds an app's database (setup.ts seedFirst) and returns the harness's connection and the fixture. */
export async function seedApp(bench: BenchApp, o: CommonOptions): Promise<{ sql: postgres.Sql; fx: Fixture }> {
  const sql = postgres(bench.appDbUrl, { max: 2, onnotice: () => {} });
  onCleanup(`close the harness connections to ${bench.dbName}`, () => sql.end({ timeout: 5 }));
  const t0 = Date.now();
  await seedFirst(sql, o.sizes);
  console.log(`seeded ${bench.dbName}: ${o.sizes.customers} customers, ${o.sizes.orders} orders x ${o.sizes.linesPerOrder} lines + 2 tags, ${o.sizes.tags} tags (${Date.now() - t0} ms)`);
  const fx: Fixture = {
    prefix: bench.prefix,
    ids: await sampleIds(sql, o.sample),
    async countChildren(orderId: string) {
      const [l] = await sql`SELECT count(*)::int AS n FROM order_lines WHERE order_id = ${orderId}`;
      const [t] = await sql`SELECT count(*)::int AS n FROM order_tags WHERE order_id = ${orderId}`;
      if (l.n !== 5 || t.n !== 2) throw new Error(`nested create stored ${l.n} lines / ${t.n} tags, expected 5 / 2`);
      return '5 lines + 2 tags stored';
    },
  };
  return { sql, fx };
}

/** Back to the seeded state (schema.ts reseed) and fresh ids in the fixture. */
export async function reseedApp(sql: postgres.Sql, fx: Fixture, o: CommonOptions): Promise<void> {
  await reseed(sql, o.sizes);
  fx.ids = await sampleIds(sql, o.sample);
}

export const loud = (text: string): void => console.error(`\n${'!'.repeat(78)}\n${text}\n${'!'.repeat(78)}`);

/**
 * Runs `main` with cleanup on success, failure and Ctrl-C, then prints `report()` (when anything
 * was measured or noted) and exits: non-zero if main threw or any run errored.
 */
export async function runMain(main: () => Promise<void>, report: () => string): Promise<never> {
  // Ctrl-C reaches the whole foreground process group (npm, tsx, this process) but not the servers,
  // which run in their own sessions; npm/tsx may follow up with SIGTERM. Either way: clean up.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!cleaning) console.error(`\n${signal}: cleaning up…`);
      void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  try {
    await main();
  } catch (err) {
    exitCode = 1;
    if (err instanceof CrudUnavailable) loud(`Rocket CRUD endpoints not available: ${err.message}`);
    else loud(`BENCHMARK FAILED: ${(err as Error).stack ?? err}`);
  } finally {
    await cleanup();
  }
  if (runs.length || Object.keys(notes).length) console.log(`\n${report()}`);
  if (failures.length) {
    exitCode = 1;
    loud('BENCHMARK FAILED: requests errored (unexpected status, socket errors or timeouts); the numbers above are not valid:\n' +
      failures.map((f) => `  - ${f}`).join('\n'));
  }
  process.exit(exitCode);
}
