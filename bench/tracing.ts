// `npm run bench:tracing` (issue 17 item 2): what instrumentation costs at its defaults. Two Rockets
// as deployed on one PostgreSQL (compare.ts with `plainEnv`): `traced` with the default
// configuration (instrumentation on, sampling 1, buffer 500 / 100 ms), `plain` with
// ROCKET_INSTRUMENTATION_ENABLED=false; W1 (get by id) and W3 (create) run against both, back to
// back in each rep. Goal: traced/plain >= 0.90x req/s. Smoke checks first: the traced server
// records a request's spans in `_spans` (and answers X-Trace-ID); the plain one answers X-Trace-ID
// and records none.
import { setTimeout as sleep } from 'node:timers/promises';
import { runComparison } from './compare.js';
import { tokenFor } from './harness.js';

await runComparison({
  title: 'Rocket instrumentation bench',
  variant: 'traced',
  workloads: ['W1', 'W3'],
  goal: 0.9,
  describe: 'traced: instrumentation at its defaults; plain: a second Rocket with ROCKET_INSTRUMENTATION_ENABLED=false.',
  plainEnv: { ROCKET_INSTRUMENTATION_ENABLED: 'false' },
  async setup() {},
  async smoke(targets, sqls) {
    const bad: string[] = [];
    for (const t of targets) {
      const token = await tokenFor(t, { caller: 'admin' });
      const res = await fetch(`${t.server.base}${t.fx.prefix}/customer?per_page=1`, { headers: { authorization: `Bearer ${token}` } });
      const traceId = res.headers.get('x-trace-id');
      await res.arrayBuffer();
      if (res.status !== 200 || !traceId) bad.push(`${t.name}: GET /customer answered ${res.status}, X-Trace-ID ${traceId}`);
      await sleep(300); // the default flush interval is 100 ms
      const [row] = await sqls.get(t.name)!`SELECT count(*)::int AS n FROM _spans WHERE trace_id = ${traceId}`;
      // ROCKET_EXTRA_ENV may change the traced server's instrumentation (sampling 0, a long flush
      // interval) to see where the cost is; then its spans are not expected yet.
      const tuned = /ROCKET_INSTRUMENTATION_/.test(process.env.ROCKET_EXTRA_ENV ?? '');
      const want = t.name === 'traced' ? tuned || row.n > 0 : row.n === 0;
      if (!want) bad.push(`${t.name}: ${row.n} spans recorded for trace ${traceId}`);
      else console.log(`   smoke ${t.name.padEnd(6)} X-Trace-ID ${traceId}, ${row.n} spans`);
    }
    if (bad.length) throw new Error(`smoke checks failed; nothing was measured:\n${bad.map((b) => `  - ${b}`).join('\n')}`);
  },
});
