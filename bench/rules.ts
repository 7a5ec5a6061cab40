// `npm run bench:rules` (issue 13 item 5): what validation rules and computed fields cost on
// Rocket's write path. One Rocket as deployed (harness.ts), two bench apps with the entities,
// relations and seed of schema.ts: `plain`, without rules, and `rules`, with five active
// before_write rules on customer (W3) and five on order (W4), each set mixing field, expression and
// computed rules that every request of the workloads passes. W3 and W4 run against both apps, back
// to back in each rep (the order alternates between reps), with the same request sequence; the
// report gives rules/plain as the median of the per-rep ratios (goal: >= 0.90x req/s).
// Smoke checks first: the computed values show in the rules app's answers, violating requests are
// refused with 422 by the rules app (and accepted by the plain app). After every rep the rows
// written are checked in both databases: computed on every row of the rules app, on none of plain.
// Exits non-zero, loudly, on any unexpected status, socket error or failed check.
import type postgres from 'postgres';
import { call, brief, expectStatus } from './http.js';
import { commonOptions, measureAll, printBanner, reseedApp, runMain, runs, scratchDir, seedApp, startDeployedRocket, tokenFor, onCleanup, notes, type Target } from './harness.js';
import { paired, renderTable, type Run } from './report.js';
import { CUSTOMER_STATUSES, ORDER_STATUSES } from './schema.js';
import { createBenchApp } from './setup.js';
import { selectWorkloads, type BenchRequest, type Workload } from './workloads.js';

const opts = commonOptions({ reps: 3, levels: [50] });
const GOAL = 0.9;

/**
 * The rules app's rules (POST /_admin/rules, hook before_write by default). Every W3 body has
 * status 'active', a score 0..999, a short name and a lower-case email; every W4 body a total
 * 0..999.99, a non-empty number and status 'pending': all pass. The computed rules change what is
 * stored: the W3 email lower-cased (the measured emails carry upper-case letters, see `tag`), the
 * W4 number upper-cased.
 */
const RULES: Record<'customer' | 'order', Array<{ type: 'field' | 'expression' | 'computed'; definition: Record<string, unknown> }>> = {
  customer: [
    { type: 'field', definition: { field: 'score', operator: 'min', value: 0, message: 'score cannot be negative' } },
    { type: 'field', definition: { field: 'name', operator: 'max_length', value: 200 } },
    { type: 'field', definition: { field: 'status', operator: 'in', value: CUSTOMER_STATUSES } },
    { type: 'expression', definition: { expression: "record.status == 'banned' && record.score > 1000", message: 'a banned customer cannot score above 1000' } },
    { type: 'computed', definition: { field: 'email', expression: 'lower(trim(record.email))' } },
  ],
  order: [
    { type: 'field', definition: { field: 'total', operator: 'min', value: 0, message: 'total cannot be negative' } },
    { type: 'field', definition: { field: 'number', operator: 'not_empty' } },
    { type: 'field', definition: { field: 'status', operator: 'in', value: ORDER_STATUSES } },
    { type: 'expression', definition: { expression: 'record.total != nil && record.total > 100000000', message: 'total above 100,000,000' } },
    { type: 'computed', definition: { field: 'number', expression: 'upper(record.number)' } },
  ],
};

/** Per workload: the entity its rules are on, and the record the rules app stores for a request body. */
const COMPUTED: Record<string, { entity: keyof typeof RULES; apply(body: Record<string, any>): Record<string, any> }> = {
  W3: { entity: 'customer', apply: (b) => ({ ...b, email: String(b.email).trim().toLowerCase() }) },
  W4: { entity: 'order', apply: (b) => ({ ...b, number: String(b.number).toUpperCase() }) },
};

/** Requests each rule set must refuse (the plain app accepts them): the rule, and the field named in the detail. */
const VIOLATIONS: Array<{ workload: string; what: string; change: Record<string, unknown>; rule: string; field?: string }> = [
  { workload: 'W3', what: 'score -1', change: { score: -1 }, rule: 'min', field: 'score' },
  { workload: 'W3', what: 'a 201-character name', change: { name: 'n'.repeat(201) }, rule: 'max_length', field: 'name' },
  { workload: 'W3', what: 'banned with score 5000', change: { status: 'banned', score: 5000 }, rule: 'expression' },
  { workload: 'W4', what: 'total -1', change: { total: -1 }, rule: 'min', field: 'total' },
  { workload: 'W4', what: 'a blank number', change: { number: '   ' }, rule: 'not_empty', field: 'number' },
  { workload: 'W4', what: 'total 200,000,000', change: { total: 200_000_000 }, rule: 'expression' },
];

function selected(): Workload[] {
  const workloads = selectWorkloads(process.env.BENCH_ONLY || 'W3,W4');
  const other = workloads.filter((w) => !COMPUTED[w.id]);
  if (other.length) throw new Error(`BENCH_ONLY: bench:rules measures W3 and W4 only (got ${other.map((w) => w.id).join(', ')})`);
  return workloads;
}

async function createRules(t: Target): Promise<void> {
  const token = await tokenFor(t, { caller: 'admin' });
  for (const [entity, rules] of Object.entries(RULES)) {
    for (const rule of rules) {
      await expectStatus(`create a ${rule.type} rule on ${entity}`, 201, t.server.base, 'POST', `${t.fx.prefix}/_admin/rules`, { token, body: { entity, ...rule } });
    }
    const listed = await expectStatus(`list the rules of ${entity}`, 200, t.server.base, 'GET', `${t.fx.prefix}/_admin/rules?entity=${entity}`, { token });
    const active = (listed?.data ?? []).filter((r: any) => r.active === true && r.hook === 'before_write');
    if (active.length !== rules.length) throw new Error(`${entity} has ${active.length} active before_write rules, expected ${rules.length}: ${brief(listed)}`);
    console.log(`   ${t.name}: ${active.length} active before_write rules on ${entity} (${rules.map((r) => r.type).join(', ')})`);
  }
}

/**
 * One request per workload and app, with mixed case (and, for the email, surrounding spaces) so the
 * computed rules visibly change the rules app's answer; then the violating requests of VIOLATIONS.
 */
async function smoke(targets: Target[], workloads: Workload[]): Promise<void> {
  const bad: string[] = [];
  for (const w of workloads) {
    const c = COMPUTED[w.id];
    for (const t of targets) {
      const token = await tokenFor(t, w);
      const req: BenchRequest = w.make(t.fx, () => 0, 'Smoke')();
      if (w.id === 'W3') req.body = { ...req.body, email: `  ${req.body!.email} ` };
      const expected = t.name === 'rules' ? { ...req, body: c.apply(req.body!) } : req;
      const res = await call(t.server.base, req.method, req.path, { token, body: req.body });
      const what = `${w.id} [${t.name}] ${req.method} ${req.path}`;
      if (res.status !== w.expect) {
        bad.push(`${what} answered ${res.status} (expected ${w.expect}): ${brief(res.body, 300)}`);
        continue;
      }
      try {
        w.check(res.body, expected);
        const field = w.id === 'W3' ? 'email' : 'number';
        const verified = w.verify ? `; ${await w.verify(t.fx, res.body)}` : '';
        console.log(`   smoke ${w.id} ${t.name.padEnd(5)} PASS: ${field} ${JSON.stringify(req.body![field])} answered as ${JSON.stringify(res.body.data[field])}${verified}`);
      } catch (err) {
        bad.push(`${what}: ${(err as Error).message} (sent ${JSON.stringify(req.body)}): ${brief(res.body, 300)}`);
      }
    }
    for (const [i, v] of VIOLATIONS.entries()) {
      if (v.workload !== w.id) continue;
      for (const t of targets) {
        const req = w.make(t.fx, () => 0, `Violation${i}`)(); // its own email and number: no unique conflicts
        const res = await call(t.server.base, req.method, req.path, { token: await tokenFor(t, w), body: { ...req.body, ...v.change } });
        const details: any[] = res.body?.error?.details ?? [];
        const what = `${w.id} [${t.name}] ${v.what}`;
        if (t.name === 'plain') {
          if (res.status === w.expect) console.log(`   smoke ${w.id} plain accepts ${v.what} (${res.status})`);
          else bad.push(`${what}: the plain app answered ${res.status} (expected ${w.expect}: it has no rules): ${brief(res.body, 300)}`);
        } else if (res.status !== 422 || res.body?.error?.code !== 'VALIDATION_FAILED') {
          bad.push(`${what}: answered ${res.status} (expected 422 VALIDATION_FAILED from the ${v.rule} rule): ${brief(res.body, 300)}`);
        } else if (!details.some((d) => d.rule === v.rule && (v.field === undefined || d.field === v.field))) {
          bad.push(`${what}: 422 without a "${v.rule}" detail${v.field ? ` on ${v.field}` : ''}: ${brief(res.body, 300)}`);
        } else {
          console.log(`   smoke ${w.id} rules refuses ${v.what}: 422 ${JSON.stringify(details)}`);
        }
      }
    }
  }
  if (bad.length) throw new Error(`smoke checks failed; nothing was measured:\n${bad.map((b) => `  - ${b}`).join('\n')}`);
}

/**
 * After a rep, in each app's database: the rows the workloads wrote (their tag has upper- and
 * lower-case letters) carry the computed value in the rules app, on every row, and the value as
 * sent in the plain app, on every row.
 */
async function verifyStored(targets: Target[], sqls: Map<string, postgres.Sql>, workloads: Workload[], rep: number): Promise<void> {
  const checks = {
    W3: { table: 'customers', sql: `SELECT count(*)::int AS n, count(*) FILTER (WHERE email = lower(email))::int AS computed FROM customers WHERE email LIKE 'w3-%'` },
    W4: { table: 'orders', sql: `SELECT count(*)::int AS n, count(*) FILTER (WHERE number = upper(number))::int AS computed FROM orders WHERE number LIKE 'W4-%'` },
  } as Record<string, { table: string; sql: string }>;
  const said: string[] = [];
  for (const w of workloads) {
    for (const t of targets) {
      const [r] = await sqls.get(t.name)!.unsafe(checks[w.id].sql);
      const want = t.name === 'rules' ? r.n : 0;
      if (!r.n || r.computed !== want) {
        throw new Error(`after rep ${rep}, ${t.name} holds ${r.n} ${w.id} rows in ${checks[w.id].table}, ${r.computed} with the computed value (expected ${want}): ` +
          (t.name === 'rules' ? 'the computed rule did not run on every request' : 'the plain app changed what was sent'));
      }
      said.push(`${w.id} ${t.name} ${r.computed}/${r.n}`);
    }
  }
  console.log(`   rows with the computed value: ${said.join(', ')}`);
}

async function main(): Promise<void> {
  const workloads = selected();
  printBanner('Rocket rules bench', workloads, opts);
  const stateDir = scratchDir();
  const server = await startDeployedRocket(opts, stateDir);
  const targets: Target[] = [];
  const sqls = new Map<string, postgres.Sql>();
  for (const name of ['plain', 'rules']) {
    const bench = await createBenchApp(server.base, opts.pgUrl, onCleanup);
    console.log(`app ${name}: ${bench.app} (database ${bench.dbName})`);
    const { sql, fx } = await seedApp(bench, opts);
    const t: Target = { name, kind: 'rocket', server, tokens: new Map(), fx };
    if (name === 'rules') await createRules(t);
    targets.push(t);
    sqls.set(name, sql);
  }
  console.log('\nsmoke checks:');
  await smoke(targets, workloads);
  await measureAll(targets, workloads, {
    ...opts,
    async reseed() {
      for (const t of targets) await reseedApp(sqls.get(t.name)!, t.fx, opts);
    },
    // The same tag for both apps (separate databases): identical request sequences, with upper-
    // and lower-case letters so each computed rule changes every value it sees.
    tag: (_t, level, rep) => `C${level}R${rep}`,
    afterRep: (_level, rep) => verifyStored(targets, sqls, workloads, rep),
  });
}

function report(): string {
  const workloads = selected();
  const table = renderTable({ runs, levels: opts.levels, workloads, targets: ['plain', 'rules'], baseline: 'plain', notes });
  const goals: string[] = [];
  for (const level of opts.levels) {
    for (const w of workloads) {
      const mine = (t: string) => (r: Run) => r.level === level && r.workload === w.id && r.target === t;
      const { mid, min, max } = paired(runs, (r) => r.rps, mine('rules'), mine('plain'));
      if (mid === null) continue;
      goals.push(`${w.id} at ${level} connections: rules/plain ${mid.toFixed(2)}x req/s [${min.toFixed(2)}–${max.toFixed(2)}] ` +
        `${mid >= GOAL ? 'meets' : 'MISSES'} the goal of >= ${GOAL.toFixed(2)}x`);
    }
  }
  return [
    table,
    'plain and rules are two apps of the same Rocket process: the peak RSS above is that one process.',
    `rules: five before_write rules on ${Object.keys(RULES).join(' and ')} (${RULES.customer.map((r) => r.type).join(', ')}); plain: none.`,
    ...goals,
  ].join('\n');
}

await runMain(main, report);
