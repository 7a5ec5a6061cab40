// Aggregation and the printed result table: per connection level and workload, each server's
// medians over reps, and the ratios of rep-paired medians (per rep: target / bare, measured back to
// back; then the median over reps), as the reference harness computes them (lib/report.mjs).

/** One measured run of one server on one workload in one rep. */
export interface Run {
  level: number;
  rep: number;
  workload: string;
  target: string;
  /** Responses with the expected status per second. */
  rps: number;
  p50: number;
  p99: number;
  /** CPU time of the server's process tree per response (any status), µs. */
  cpuUsPerReq: number | null;
  rssMaxMiB: number | null;
  responses: number;
  /** Unexpected statuses + socket errors (timeouts included), warm-up of this run included. */
  errors: number;
}

export function median(xs: Array<number | null | undefined>): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const int = (x: number | null): string => (x === null ? '—' : Math.round(x).toLocaleString('en-US'));
const ms = (x: number | null): string => (x === null ? '—' : x.toFixed(2));
const times = (x: number | null): string => (x === null ? '—' : `${x.toFixed(2)}x`);

/** Median over reps of a/b, each pair taken from the same rep. */
export function paired(runs: Run[], pick: (r: Run) => number | null, a: (r: Run) => boolean, b: (r: Run) => boolean): { mid: number | null; min: number; max: number } {
  const per: number[] = [];
  for (const x of runs.filter(a)) {
    const y = runs.find((r) => b(r) && r.rep === x.rep && r.level === x.level);
    const [px, py] = [pick(x), y ? pick(y) : null];
    if (px !== null && py !== null && py > 0) per.push(px / py);
  }
  return { mid: median(per), min: Math.min(...per), max: Math.max(...per) };
}

export interface ReportInput {
  runs: Run[];
  levels: number[];
  workloads: Array<{ id: string; title: string; baseline?: string }>;
  targets: string[];
  baseline: string;
  notes: Record<string, string[]>;
}

const COLUMNS = ['workload', 'server', 'req/s', 'per rep', 'p50 ms', 'p99 ms', 'CPU µs/req', 'errors'];
const RIGHT = new Set(['req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'errors']);

export function renderTable({ runs, levels, workloads, targets, baseline, notes }: ReportInput): string {
  const out: string[] = [];
  for (const level of levels) {
    const lines: string[][] = [];
    const below: string[] = [];
    for (const wl of workloads) {
      const label = `${wl.id} ${wl.title}`;
      let first = true;
      const mine = (t: string) => (r: Run) => r.level === level && r.workload === wl.id && r.target === t;
      for (const t of targets) {
        const rs = runs.filter(mine(t));
        if (!rs.length) continue;
        lines.push([first ? label : '', t, int(median(rs.map((r) => r.rps))), rs.map((r) => int(r.rps)).join(' / '),
          ms(median(rs.map((r) => r.p50))), ms(median(rs.map((r) => r.p99))), int(median(rs.map((r) => r.cpuUsPerReq))),
          String(rs.reduce((s, r) => s + r.errors, 0))]);
        first = false;
      }
      for (const t of targets.filter((x) => x !== baseline)) {
        if (!runs.some(mine(t)) || !runs.some(mine(baseline))) continue;
        const p = (pick: (r: Run) => number | null) => paired(runs, pick, mine(t), mine(baseline));
        const rps = p((r) => r.rps);
        lines.push(['', `${t}/${baseline}`, times(rps.mid), rps.mid === null ? '' : `[${rps.min.toFixed(2)}–${rps.max.toFixed(2)}]`,
          times(p((r) => r.p50).mid), times(p((r) => r.p99).mid), times(p((r) => r.cpuUsPerReq).mid), '']);
      }
      // W8: Rocket's reader list against Rocket's admin list (W2) of the same rep.
      const base = wl.baseline;
      if (base && runs.some(mine('rocket')) && runs.some((r) => r.level === level && r.workload === base && r.target === 'rocket')) {
        const other = (t: string) => (r: Run) => r.level === level && r.workload === base && r.target === t;
        const rps = paired(runs, (r) => r.rps, mine('rocket'), other('rocket'));
        lines.push(['', `rocket ${wl.id}/${base}`, times(rps.mid), rps.mid === null ? '' : `[${rps.min.toFixed(2)}–${rps.max.toFixed(2)}]`,
          times(paired(runs, (r) => r.p50, mine('rocket'), other('rocket')).mid), times(paired(runs, (r) => r.p99, mine('rocket'), other('rocket')).mid),
          times(paired(runs, (r) => r.cpuUsPerReq, mine('rocket'), other('rocket')).mid), '']);
        const vsBare = (id: string) => paired(runs, (r) => r.rps, (r) => r.level === level && r.workload === id && r.target === 'rocket',
          (r) => r.level === level && r.workload === id && r.target === baseline).mid;
        const [own, theirs] = [vsBare(wl.id), vsBare(base)];
        if (own !== null && theirs !== null) {
          below.push(`${wl.id}: Rocket's reader list runs at ${times(rps.mid)} of its admin list (${base}), ${(own / theirs).toFixed(2)}x after dividing each by its own bare run (target ≥ 0.90x)`);
        }
      }
    }
    const widths = COLUMNS.map((c, i) => Math.max(c.length, ...lines.map((l) => l[i].length)));
    const fmt = (cells: string[]) => cells.map((c, i) => (RIGHT.has(COLUMNS[i]) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
    const reps = Math.max(0, ...runs.filter((r) => r.level === level).map((r) => r.rep));
    out.push(`== ${level} connections, ${reps} rep(s)`, fmt(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt));
    const rss = targets.map((t) => {
      const m = runs.filter((r) => r.level === level && r.target === t).map((r) => r.rssMaxMiB ?? 0);
      return m.length ? `${t} ${Math.max(...m)} MiB` : '';
    }).filter(Boolean);
    if (rss.length) below.push(`peak RSS of each server's process tree: ${rss.join(', ')}`);
    out.push(...below.map((n) => `note: ${n}`), '');
  }
  for (const [wl, ns] of Object.entries(notes)) for (const n of ns) out.push(`note: ${wl}: ${n}`);
  out.push(
    'req/s: responses with the expected status per second; p50/p99: autocannon latency; req/s, p50, p99 and CPU: medians over reps.',
    "CPU µs/req: CPU time of the server's process tree (user + system, /proc) over the measured run, per response.",
    'errors: unexpected statuses and socket errors or timeouts, warm-ups included.',
  );
  const ratios = targets.filter((t) => t !== baseline).map((t) => `${t}/${baseline}`);
  if (ratios.length) {
    out.push(
      `${ratios.join(', ')}: median over reps of the rep-paired ratio (both measured back to back in each rep), [min–max] over reps;`,
      `>1x req/s means faster than ${baseline}, >1x latency or CPU means slower / more CPU per request.`,
    );
  }
  return out.join('\n');
}
