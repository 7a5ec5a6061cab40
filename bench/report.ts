// Aggregation over interleaved rounds and the printed result table.

/** One server's results for one workload, one entry per round. */
export interface Stats { rps: number[]; p50: number[]; p99: number[]; failures: number }
export const emptyStats = (): Stats => ({ rps: [], p50: [], p99: [], failures: 0 });

export interface Row {
  workload: string;
  rocket?: Stats;
  bare?: Stats;
  /** Why the workload was not (fully) measured. */
  note?: string;
  /** Another workload of the same run whose Rocket req/s this one is compared to. */
  baseline?: string;
}

/** Rocket req/s of a workload must stay within this share of its baseline's (list_filtered_user). */
export const BASELINE_TARGET = 0.9;

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const int = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');
const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '—');

const COLUMNS = ['workload', 'server', 'req/s', 'per round', 'p50 ms', 'p99 ms', 'errors'];
const RIGHT = new Set(['req/s', 'p50 ms', 'p99 ms', 'errors']);

/** The req/s ratio to the baseline, direct and normalised by each workload's bare run (drift). */
function baselineNote(row: Row, base: Row): string {
  const direct = mean(row.rocket!.rps) / mean(base.rocket!.rps);
  const vsBare = (x: Row) => (x.bare?.rps.length ? mean(x.rocket!.rps) / mean(x.bare.rps) : NaN);
  const normalised = vsBare(row) / vsBare(base);
  const verdict = direct >= BASELINE_TARGET ? 'within' : 'BELOW';
  return `${row.workload}: Rocket req/s ${direct.toFixed(2)}x of ${base.workload} (${verdict} the ${BASELINE_TARGET.toFixed(2)} target)` +
    (Number.isFinite(normalised) ? `; ${normalised.toFixed(2)}x when each is first divided by its own bare run` : '');
}

export function renderTable(rows: Row[]): string {
  const lines: string[][] = [];
  const notes: string[] = [];
  for (const row of rows) {
    const sides = (['rocket', 'bare'] as const).filter((s) => row[s]?.rps.length || row[s]?.failures);
    sides.forEach((side, i) => {
      const s = row[side]!;
      lines.push([i === 0 ? row.workload : '', side, int(mean(s.rps)), s.rps.map(int).join(' / '), ms(mean(s.p50)), ms(mean(s.p99)), String(s.failures)]);
    });
    if (row.rocket?.rps.length && row.bare?.rps.length) {
      const [r, b] = [row.rocket, row.bare];
      lines.push(['', 'rocket/bare', ratio(mean(r.rps), mean(b.rps)), '', ratio(mean(r.p50), mean(b.p50)), ratio(mean(r.p99), mean(b.p99)), '']);
    }
    if (sides.length === 0) lines.push([row.workload, '—', '', '', '', '', '']);
    if (row.note) notes.push(`${row.workload}: ${row.note}`);
    const base = row.baseline ? rows.find((r) => r.workload === row.baseline) : undefined;
    if (row.baseline && row.rocket?.rps.length) {
      if (!base?.rocket?.rps.length) notes.push(`${row.workload}: run ${row.baseline} in the same run for the rocket/${row.baseline} ratio`);
      else notes.push(baselineNote(row, base));
    }
    if (base?.rocket?.rps.length && row.rocket?.rps.length) {
      const [r, b] = [row.rocket, base.rocket];
      lines.push(['', `rocket/${base.workload}`, ratio(mean(r.rps), mean(b.rps)), '', ratio(mean(r.p50), mean(b.p50)), ratio(mean(r.p99), mean(b.p99)), '']);
    }
  }
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (RIGHT.has(COLUMNS[i]) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [fmt(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)];
  if (notes.length) out.push('', ...notes.map((n) => `note: ${n}`));
  out.push('', 'req/s: mean of the per-second samples, averaged over rounds; p50/p99: averaged over rounds;',
    'errors: requests with an unexpected status or a socket error, warm-up included.',
    'rocket/bare: >1x req/s means Rocket is faster; >1x latency means Rocket is slower.');
  return out.join('\n');
}
