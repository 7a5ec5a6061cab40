// A two-app comparison inside one Rocket as deployed (harness.ts): `plain` and a variant app that
// differs by one feature (a state machine, a webhook, …), both seeded alike; the chosen workloads
// run against both, back to back in each rep (order alternating), with the same request
// sequence; the report gives variant/plain as the median of the per-rep ratios against a goal.
// The feature's bench file supplies the setup of its app and its own checks.
import type postgres from 'postgres';
import { commonOptions, measureAll, printBanner, reseedApp, runMain, runs, scratchDir, seedApp, startDeployedRocket, onCleanup, notes, type CommonOptions, type Target } from './harness.js';
import { paired, renderTable } from './report.js';
import { createBenchApp } from './setup.js';
import { selectWorkloads, type Workload } from './workloads.js';

export interface Comparison {
  title: string;
  /** The variant app's name in the report. */
  variant: string;
  /** Workloads it may measure, the first being the default. */
  workloads: string[];
  goal: number;
  /** One line for the report: what the variant has that plain has not. */
  describe: string;
  /** When set, `plain` runs on a second Rocket (same build, same PostgreSQL) started with this extra
   * environment: for a feature that is server configuration, not app metadata (instrumentation). */
  plainEnv?: Record<string, string>;
  /** Before Rocket starts (e.g. a receiver, environment for Rocket). */
  prepare?(opts: CommonOptions): Promise<void>;
  /** Gives the variant app its feature. */
  setup(t: Target): Promise<void>;
  /** Checks before measuring; throws to stop. */
  smoke?(targets: Target[], sqls: Map<string, postgres.Sql>): Promise<void>;
  /** Checks after each rep; throws to stop. */
  afterRep?(targets: Target[], sqls: Map<string, postgres.Sql>, rep: number): Promise<void>;
}

export async function runComparison(c: Comparison): Promise<never> {
  const opts = commonOptions({ reps: 3, levels: [50] });
  const selected = (): Workload[] => {
    const workloads = selectWorkloads(process.env.BENCH_ONLY || c.workloads.join(','));
    const other = workloads.filter((w) => !c.workloads.includes(w.id));
    if (other.length) throw new Error(`BENCH_ONLY: this bench measures ${c.workloads.join(', ')} only`);
    return workloads;
  };
  async function main(): Promise<void> {
    const workloads = selected();
    printBanner(c.title, workloads, opts);
    await c.prepare?.(opts);
    const server = await startDeployedRocket(opts, scratchDir());
    const plainServer = c.plainEnv
      ? await startDeployedRocket({ ...opts, build: false, extraEnv: { ...opts.extraEnv, ...c.plainEnv } }, scratchDir())
      : server;
    const targets: Target[] = [];
    const sqls = new Map<string, postgres.Sql>();
    for (const name of ['plain', c.variant]) {
      const host = name === 'plain' ? plainServer : server;
      const bench = await createBenchApp(host.base, opts.pgUrl, onCleanup);
      console.log(`app ${name}: ${bench.app} (database ${bench.dbName})`);
      const { sql, fx } = await seedApp(bench, opts);
      const t: Target = { name, kind: 'rocket', server: host, tokens: new Map(), fx };
      if (name === c.variant) await c.setup(t);
      targets.push(t);
      sqls.set(name, sql);
    }
    if (c.smoke) {
      console.log('\nsmoke checks:');
      await c.smoke(targets, sqls);
    }
    await measureAll(targets, workloads, {
      ...opts,
      async reseed() {
        for (const t of targets) await reseedApp(sqls.get(t.name)!, t.fx, opts);
      },
      tag: (_t, level, rep) => `C${level}R${rep}`,
      afterRep: c.afterRep ? (_level, rep) => c.afterRep!(targets, sqls, rep) : undefined,
    });
  }
  function report(): string {
    const workloads = selected();
    const table = renderTable({ runs, levels: opts.levels, workloads, targets: ['plain', c.variant], baseline: 'plain', notes });
    const goals: string[] = [];
    for (const level of opts.levels) {
      for (const w of workloads) {
        const mine = (t: string) => (r: { level: number; workload: string; target: string }) => r.level === level && r.workload === w.id && r.target === t;
        const { mid, min, max } = paired(runs, (r) => r.rps, mine(c.variant), mine('plain'));
        if (mid === null) continue;
        goals.push(`${w.id} at ${level} connections: ${c.variant}/plain ${mid.toFixed(2)}x req/s [${min.toFixed(2)}–${max.toFixed(2)}] ` +
          `${mid >= c.goal ? 'meets' : 'MISSES'} the goal of >= ${c.goal.toFixed(2)}x`);
      }
    }
    return [table, `plain and ${c.variant} are two apps of the same Rocket process. ${c.describe}`, ...goals].join('\n');
  }
  return runMain(main, report);
}
