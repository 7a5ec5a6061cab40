// `npm run bench`: Rocket as deployed (production entry point, default configuration) against a
// hand-written bare Fastify + postgres.js server (bare-server.mjs, a port of the reference bare
// server in ../shared/bench) on the same tables, at several connection levels in one run.
// Per level and rep: reseed, then every workload (reads first), each server measured back to back
// (the order alternates between reps) with a warm-up before each measured run; the ratios are
// medians of the rep-paired ratios. autocannon runs here, each server in its own process group.
// Exits non-zero, loudly, if any request of any server answered an unexpected status or hit a
// socket error, or if a smoke check failed. The machinery (settings, cleanup, the autocannon runner
// and the rep loop) is in harness.ts, shared with rules.ts.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, brief } from './http.js';
import type { Server } from './proc.js';
import { renderTable } from './report.js';
import {
  CHECKOUT, commonOptions, intEnv, measureAll, note, printBanner, reseedApp, runMain, runs, scratchDir, seedApp, startDeployedRocket, tokenFor,
  onCleanup, notes, type Target,
} from './harness.js';
import { CrudUnavailable, createBenchApp, setupBareOnly, setupReader, startBare } from './setup.js';
import { selectWorkloads, type BenchRequest, type Workload } from './workloads.js';

const opts = {
  ...commonOptions({ reps: 2, levels: [50, 200] }),
  bareOnly: process.env.BENCH_BARE_ONLY === '1',
  barePool: intEnv('BENCH_BARE_POOL', 10),
  bareRecycle: intEnv('BENCH_BARE_RECYCLE', 10, 0),
  reference: process.env.BENCH_REFERENCE || '',
};

/** Keys of the record (or first list item), of meta, and of nested record arrays (includes). */
function shape(body: any): string {
  const rec = Array.isArray(body?.data) ? body.data[0] : body?.data;
  if (!rec || typeof rec !== 'object') return JSON.stringify(body?.error ? { error: Object.keys(body.error) } : rec);
  const keys = Object.keys(rec).map((k) => (Array.isArray(rec[k]) && rec[k][0] && typeof rec[k][0] === 'object' ? `${k}[${Object.keys(rec[k][0])}]` : k));
  return `data{${keys}}${body.meta ? ` meta{${Object.keys(body.meta)}}` : ''}`;
}

/** Compares two servers' answers to the same first request; returns a difference, if any. */
function difference(w: Workload, a: any, b: any): string | undefined {
  if (w.compare === 'identical') return JSON.stringify(a) === JSON.stringify(b) ? undefined : 'different bodies';
  if (w.compare === 'error') return a?.error?.code === b?.error?.code ? undefined : `error codes ${a?.error?.code} / ${b?.error?.code}`;
  if (shape(a) !== shape(b)) return `different JSON shapes: ${shape(a)} / ${shape(b)}`;
  if (w.compare === 'list' && JSON.stringify(a.meta) !== JSON.stringify(b.meta)) return `different meta ${JSON.stringify(a.meta)} / ${JSON.stringify(b.meta)}`;
  return undefined;
}

/** One validated request per workload and server, then the servers' answers compared. */
async function smoke(targets: Target[], workloads: Workload[]): Promise<void> {
  const bad: string[] = [];
  for (const w of workloads) {
    const bodies: Array<{ t: Target; body: any }> = [];
    for (const t of targets) {
      // rnd() = 0: page 1 and the first sampled ids, so a list answer is never empty.
      const req: BenchRequest = w.make(t.fx, () => 0, `s${t.name}`)();
      const token = await tokenFor(t, w);
      const res = await call(t.server.base, req.method, req.path, { token, body: req.body });
      const what = `${w.id} [${t.name}] ${req.method} ${req.path.split('?')[0]}`;
      if (res.status !== w.expect) {
        if (t.kind === 'rocket' && res.status === 404 && w.expect !== 404) throw new CrudUnavailable(`${what} answered 404: ${brief(res.body, 300)}`);
        bad.push(`${what} answered ${res.status} (expected ${w.expect}): ${brief(res.body, 300)}`);
        continue;
      }
      try {
        w.check(res.body, req);
        const verified = w.verify ? await w.verify(t.fx, res.body) : 'ok';
        console.log(`   smoke ${w.id} ${t.name.padEnd(9)} PASS: ${verified}`);
        bodies.push({ t, body: res.body });
      } catch (err) {
        bad.push(`${what}: ${(err as Error).message}: ${brief(res.body, 300)}`);
      }
      // W8: the reader must get exactly what the admin gets from Rocket (the policy hides no row).
      if (w.caller === 'reader' && t.kind === 'rocket') {
        const admin = await call(t.server.base, req.method, req.path, { token: await tokenFor(t, { caller: 'admin' }) });
        const diff = difference(w, res.body, admin.body);
        const ids = (x: any) => JSON.stringify((x?.data ?? []).map((r: any) => r.id).sort());
        if (diff) note(w.id, `WARNING: Rocket's reader and admin answers differ (${diff})`);
        else if (ids(res.body) !== ids(admin.body)) note(w.id, "Rocket's reader and admin pages hold different rows (ties in the sort order)");
        else console.log(`   smoke ${w.id} rocket    the reader gets the admin's page and total`);
      }
    }
    for (const { t, body } of bodies.slice(1)) {
      const diff = difference(w, bodies[0].body, body);
      if (!diff) {
        console.log(`   smoke ${w.id} ${bodies[0].t.name} and ${t.name} answer alike (${w.compare})`);
        continue;
      }
      note(w.id, `${bodies[0].t.name} and ${t.name} answer differently (${diff})` +
        (w.compare === 'identical' ? `:\n     ${bodies[0].t.name}: ${brief(bodies[0].body, 500)}\n     ${t.name}: ${brief(body, 500)}` : ''));
      console.log(`   WARNING: ${w.id}: ${bodies[0].t.name} and ${t.name} answer differently (${diff})`);
    }
  }
  if (bad.length) throw new Error(`smoke checks failed; nothing was measured:\n${bad.map((b) => `  - ${b}`).join('\n')}`);
}


async function main(): Promise<void> {
  const workloads = selectWorkloads(process.env.BENCH_ONLY);
  printBanner('Rocket bench', workloads, opts, opts.bareOnly ? ', BARE ONLY' : '');
  const stateDir = scratchDir();

  let rocket: Server | undefined;
  let bench;
  if (opts.bareOnly) {
    bench = await setupBareOnly(opts.pgUrl, onCleanup);
  } else {
    rocket = await startDeployedRocket(opts, stateDir);
    bench = await createBenchApp(rocket.base, opts.pgUrl, onCleanup);
    if (workloads.some((w) => w.caller === 'reader')) await setupReader(rocket.base, bench.prefix, bench.appDbUrl);
  }
  // Every server reads and writes the same tables: one fixture for all of them.
  const { sql, fx } = await seedApp(bench, opts);
  const targets: Target[] = [];
  if (rocket) targets.push({ name: 'rocket', kind: 'rocket', server: rocket, tokens: new Map(), fx });

  const bareOpts = { pgUrl: opts.pgUrl, appDbUrl: bench.appDbUrl, stateDir, pool: opts.barePool, recycle: opts.bareRecycle, onCleanup };
  const bare = await startBare(bareOpts);
  console.log(`bare: node bench/bare-server.mjs (pid ${bare.pid}, pool ${opts.barePool}, recycled every ${opts.bareRecycle}s), log ${bare.logFile}`);
  targets.push({ name: 'bare', kind: 'bare', server: bare, tokens: new Map(), fx });
  if (opts.reference) {
    // The reference server resolves its packages next to where it lies: run a copy from inside
    // this checkout's node_modules so it finds fastify, @fastify/jwt and postgres.
    const dir = join(CHECKOUT, 'node_modules', '.cache', 'rocket-bench');
    mkdirSync(dir, { recursive: true });
    const copy = join(dir, 'reference-server.mjs');
    copyFileSync(opts.reference, copy);
    const ref = await startBare(bareOpts, 'reference', copy);
    console.log(`reference: node ${opts.reference} (pid ${ref.pid}), log ${ref.logFile}`);
    targets.push({ name: 'reference', kind: 'bare', server: ref, tokens: new Map(), fx });
  }

  console.log('\nsmoke checks (one validated request per workload and server):');
  await smoke(targets, workloads);
  await measureAll(targets, workloads, { ...opts, reseed: () => reseedApp(sql, fx, opts) });
}

await runMain(main, () => renderTable({
  runs, levels: opts.levels, workloads: selectWorkloads(process.env.BENCH_ONLY), targets: [...new Set(runs.map((r) => r.target))], baseline: 'bare', notes,
}));
