// `npm run bench:audit` (issue 17): what the audit log costs on Rocket's write path. One Rocket as
// deployed (harness.ts), two bench apps with the entities, relations and seed of schema.ts:
// `off`, whose entities say `audit: false`, and `audited`, with auditing as it is by default. W3
// (create), W4 (nested create: order, 5 lines, 2 tags) and W6 (update) run against both, back to
// back in each rep (order alternating), with the same request sequence; the report gives
// audited/off as the median of the per-rep ratios (goals: W3 and W6 >= 0.90x, W4 >= 0.85x req/s).
// Smoke checks first: one request per workload and app, then the entries in the database — one per
// record written in `audited` (W4: the order and its 5 lines, no entry for the tag links), none in
// `off`. Each rep truncates `_audit_logs` with the reseed. Exits non-zero on any unexpected status
// or failed check.
import type postgres from 'postgres';
import { call, brief, expectStatus } from './http.js';
import { commonOptions, measureAll, printBanner, reseedApp, runMain, runs, scratchDir, seedApp, startDeployedRocket, tokenFor, onCleanup, notes, type Target } from './harness.js';
import { paired, renderTable } from './report.js';
import { ENTITIES } from './schema.js';
import { createBenchApp } from './setup.js';
import { selectWorkloads, type Workload } from './workloads.js';

const opts = commonOptions({ reps: 3, levels: [50] });
const GOALS: Record<string, number> = { W3: 0.9, W4: 0.85, W6: 0.9 };
/** Audit entries one request of the workload writes in the audited app. */
const ENTRIES: Record<string, number> = { W3: 1, W4: 6, W6: 1 };

function selected(): Workload[] {
  const workloads = selectWorkloads(process.env.BENCH_ONLY || 'W3,W4,W6');
  const other = workloads.filter((w) => !(w.id in GOALS));
  if (other.length) throw new Error(`BENCH_ONLY: bench:audit measures W3, W4 and W6 only (got ${other.map((w) => w.id).join(', ')})`);
  return workloads;
}

async function optOut(t: Target): Promise<void> {
  const token = await tokenFor(t, { caller: 'admin' });
  for (const entity of ENTITIES) {
    await expectStatus(`opt ${entity.name} out of the audit log`, 200, t.server.base, 'PUT', `${t.fx.prefix}/_admin/entities/${entity.name}`, { token, body: { ...entity, audit: false } });
  }
}

const entryCount = async (sql: postgres.Sql): Promise<number> => Number((await sql`SELECT count(*)::int AS n FROM _audit_logs`)[0].n);

async function smoke(targets: Target[], sqls: Map<string, postgres.Sql>, workloads: Workload[]): Promise<void> {
  const bad: string[] = [];
  for (const w of workloads) {
    for (const t of targets) {
      const sql = sqls.get(t.name)!;
      const before = await entryCount(sql);
      const req = w.make(t.fx, () => 0, `Smoke${t.name}`)();
      const res = await call(t.server.base, req.method, req.path, { token: await tokenFor(t, w), body: req.body });
      if (res.status !== w.expect) {
        bad.push(`${w.id} [${t.name}] answered ${res.status} (expected ${w.expect}): ${brief(res.body, 300)}`);
        continue;
      }
      try {
        w.check(res.body, req);
      } catch (err) {
        bad.push(`${w.id} [${t.name}]: ${(err as Error).message}`);
      }
      const written = (await entryCount(sql)) - before;
      const want = t.name === 'audited' ? ENTRIES[w.id] : 0;
      if (written !== want) bad.push(`${w.id} [${t.name}] wrote ${written} audit entries, expected ${want}`);
      else console.log(`   smoke ${w.id} ${t.name.padEnd(7)} ${res.status}, ${written} audit entr${written === 1 ? 'y' : 'ies'}`);
    }
  }
  if (bad.length) throw new Error(`smoke checks failed; nothing was measured:\n${bad.map((b) => `  - ${b}`).join('\n')}`);
}

async function main(): Promise<void> {
  const workloads = selected();
  printBanner('Rocket audit bench', workloads, opts);
  const server = await startDeployedRocket(opts, scratchDir());
  const targets: Target[] = [];
  const sqls = new Map<string, postgres.Sql>();
  for (const name of ['off', 'audited']) {
    const bench = await createBenchApp(server.base, opts.pgUrl, onCleanup);
    console.log(`app ${name}: ${bench.app} (database ${bench.dbName})`);
    const { sql, fx } = await seedApp(bench, opts);
    const t: Target = { name, kind: 'rocket', server, tokens: new Map(), fx };
    if (name === 'off') await optOut(t);
    targets.push(t);
    sqls.set(name, sql);
  }
  console.log('\nsmoke checks:');
  await smoke(targets, sqls, workloads);
  await measureAll(targets, workloads, {
    ...opts,
    async reseed() {
      for (const t of targets) {
        const sql = sqls.get(t.name)!;
        await sql`TRUNCATE _audit_logs`;
        await reseedApp(sql, t.fx, opts);
      }
    },
    tag: (_t, level, rep) => `C${level}R${rep}`,
    async afterRep(level, rep) {
      const [off, audited] = await Promise.all(targets.map((t) => entryCount(sqls.get(t.name)!)));
      if (off !== 0) throw new Error(`the off app wrote ${off} audit entries in rep ${rep}`);
      console.log(`   rep ${rep} at ${level}: ${audited} audit entries written by the audited app`);
    },
  });
}

function report(): string {
  const workloads = selected();
  const table = renderTable({ runs, levels: opts.levels, workloads, targets: ['off', 'audited'], baseline: 'off', notes });
  const goals: string[] = [];
  for (const level of opts.levels) {
    for (const w of workloads) {
      const mine = (t: string) => (r: { level: number; workload: string; target: string }) => r.level === level && r.workload === w.id && r.target === t;
      const { mid, min, max } = paired(runs, (r) => r.rps, mine('audited'), mine('off'));
      if (mid === null) continue;
      const goal = GOALS[w.id];
      goals.push(`${w.id} at ${level} connections: audited/off ${mid.toFixed(2)}x req/s [${min.toFixed(2)}–${max.toFixed(2)}] ` +
        `${mid >= goal ? 'meets' : 'MISSES'} the goal of >= ${goal.toFixed(2)}x`);
    }
  }
  return [table, 'off and audited are two apps of the same Rocket process.', ...goals].join('\n');
}

await runMain(main, report);
