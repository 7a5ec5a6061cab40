// PostgreSQL serialization failures and deadlocks retry the whole transaction up to 3 attempts
// (write-pipeline.md §1 Retry). The failures are real SQLSTATEs raised by the server.
import t from 'tap';
import { PG_URL, startRocket } from '../helpers/server.js';

const raise = (code: string) => `DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '${code}'; END $$`;

t.test('transaction retry on PostgreSQL', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const rocket = await startRocket('postgres');
  t.teardown(() => rocket.close());
  const app = await rocket.createApp();
  const db = rocket.server.rocket.apps.get(app.name)!.db;
  await db.run('CREATE TABLE retry_probe (n INTEGER)');

  for (const code of ['40001', '40P01']) {
    let attempts = 0;
    const result = await db.transaction(async (tx) => {
      attempts++;
      await tx.run('INSERT INTO retry_probe (n) VALUES ($1)', [attempts]);
      if (attempts < 3) await tx.run(raise(code));
      return 'done';
    }, { write: true });
    t.same([result, attempts], ['done', 3], `${code}: retried until it succeeds on the third attempt`);
    const rows = await db.query<{ n: number }>('SELECT n FROM retry_probe');
    t.same(rows.map((r) => r.n), [3], `${code}: failed attempts left nothing behind`);
    await db.run('DELETE FROM retry_probe');
  }

  let attempts = 0;
  await t.rejects(db.transaction(async (tx) => {
    attempts++;
    await tx.run(raise('40001'));
  }), { code: '40001' }, 'gives up after three attempts');
  t.equal(attempts, 3);

  attempts = 0;
  await t.rejects(db.transaction(async (tx) => {
    attempts++;
    await tx.run(raise('23505'));
  }));
  t.equal(attempts, 1, 'other errors are not retried');
});
