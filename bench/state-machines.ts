// `npm run bench:state-machines` (issue 14 item 6): what a state machine costs an update that does
// not change the state. One Rocket as deployed (harness.ts), two bench apps with the entities and
// seed of schema.ts: `plain`, and `machine`, whose customer.status has a state machine with a
// guard, roles and actions of every kind. W6 (update of score and name, never status) runs
// against both, back to back in each rep (order alternating), with the same request sequence; the
// report gives machine/plain as the median of the per-rep ratios (goal: >= 0.95x req/s).
// Smoke checks first: the machine app refuses an undefined transition (422) that the plain app
// accepts, and takes a valid one. Exits non-zero on any unexpected status or failed check.
import { call, brief, expectStatus } from './http.js';
import { commonOptions, measureAll, printBanner, reseedApp, runMain, runs, scratchDir, seedApp, startDeployedRocket, tokenFor, onCleanup, notes, type Target } from './harness.js';
import { paired, renderTable } from './report.js';
import { createBenchApp } from './setup.js';
import { selectWorkloads, type Workload } from './workloads.js';
import type postgres from 'postgres';

const opts = commonOptions({ reps: 3, levels: [50] });
const GOAL = 0.95;

/** A machine on customer.status over the seeded statuses; none of its transitions is taken by W6. */
const MACHINE = {
  entity: 'customer', field: 'status',
  definition: {
    initial: 'active',
    transitions: [
      { from: ['active', 'inactive'], to: 'vip', guard: 'record.score >= 0', roles: ['sales'], actions: [{ type: 'set_field', field: 'name', value: 'VIP' }] },
      { from: ['active', 'vip'], to: 'inactive', actions: [{ type: 'send_event', event: 'customer_inactive' }] },
      { from: ['active', 'inactive', 'vip'], to: 'banned', actions: [{ type: 'webhook', url: 'http://127.0.0.1:9/unused' }] },
      { from: 'inactive', to: 'active' },
    ],
  },
};

function selected(): Workload[] {
  const workloads = selectWorkloads(process.env.BENCH_ONLY || 'W6');
  if (workloads.some((w) => w.id !== 'W6')) throw new Error('BENCH_ONLY: bench:state-machines measures W6 only');
  return workloads;
}

async function smoke(targets: Target[], sqls: Map<string, postgres.Sql>): Promise<void> {
  const bad: string[] = [];
  for (const t of targets) {
    const token = await tokenFor(t, { caller: 'admin' });
    const [row] = await sqls.get(t.name)!.unsafe("SELECT id FROM customers WHERE status = 'banned' ORDER BY id LIMIT 1");
    const path = `${t.fx.prefix}/customer/${row.id}`;
    const res = await call(t.server.base, 'PUT', path, { token, body: { status: 'vip' } });
    const want = t.name === 'machine' ? 422 : 200;
    if (res.status !== want) bad.push(`${t.name}: banned → vip answered ${res.status} (expected ${want}): ${brief(res.body)}`);
    else console.log(`   smoke ${t.name.padEnd(7)} banned → vip: ${res.status}${want === 422 ? ` ${JSON.stringify(res.body.error.details)}` : ''}`);
    if (t.name === 'machine') {
      const back = await call(t.server.base, 'PUT', path.replace(String(row.id), String((await sqls.get(t.name)!.unsafe("SELECT id FROM customers WHERE status = 'inactive' ORDER BY id LIMIT 1"))[0].id)), { token, body: { status: 'active' } });
      if (back.status !== 200) bad.push(`machine: inactive → active answered ${back.status}: ${brief(back.body)}`);
      else console.log('   smoke machine inactive → active: 200');
    }
  }
  if (bad.length) throw new Error(`smoke checks failed; nothing was measured:\n${bad.map((b) => `  - ${b}`).join('\n')}`);
}

async function main(): Promise<void> {
  const workloads = selected();
  printBanner('Rocket state-machine bench', workloads, opts);
  const server = await startDeployedRocket(opts, scratchDir());
  const targets: Target[] = [];
  const sqls = new Map<string, postgres.Sql>();
  for (const name of ['plain', 'machine']) {
    const bench = await createBenchApp(server.base, opts.pgUrl, onCleanup);
    console.log(`app ${name}: ${bench.app} (database ${bench.dbName})`);
    const { sql, fx } = await seedApp(bench, opts);
    const t: Target = { name, kind: 'rocket', server, tokens: new Map(), fx };
    if (name === 'machine') {
      const token = await tokenFor(t, { caller: 'admin' });
      await expectStatus('create the state machine', 201, server.base, 'POST', `${fx.prefix}/_admin/state-machines`, { token, body: MACHINE });
    }
    targets.push(t);
    sqls.set(name, sql);
  }
  console.log('\nsmoke checks:');
  await smoke(targets, sqls);
  await measureAll(targets, workloads, {
    ...opts,
    async reseed() {
      for (const t of targets) await reseedApp(sqls.get(t.name)!, t.fx, opts);
    },
    tag: (_t, level, rep) => `C${level}R${rep}`,
  });
}

function report(): string {
  const workloads = selected();
  const table = renderTable({ runs, levels: opts.levels, workloads, targets: ['plain', 'machine'], baseline: 'plain', notes });
  const goals: string[] = [];
  for (const level of opts.levels) {
    const mine = (t: string) => (r: { level: number; workload: string; target: string }) => r.level === level && r.workload === 'W6' && r.target === t;
    const { mid, min, max } = paired(runs, (r) => r.rps, mine('machine'), mine('plain'));
    if (mid === null) continue;
    goals.push(`W6 at ${level} connections: machine/plain ${mid.toFixed(2)}x req/s [${min.toFixed(2)}–${max.toFixed(2)}] ` +
      `${mid >= GOAL ? 'meets' : 'MISSES'} the goal of >= ${GOAL.toFixed(2)}x`);
  }
  return [table, 'plain and machine are two apps of the same Rocket process.', ...goals].join('\n');
}

await runMain(main, report);
