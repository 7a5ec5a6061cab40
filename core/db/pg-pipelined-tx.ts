// A transaction on one single-connection postgres.js instance, driven by hand so that its
// statements pipeline (postgres.js writes a query as soon as it is issued): BEGIN goes out with
// the transaction's first statement instead of costing a round trip of its own, and statements
// handed to `defer` (writes whose result nobody reads: outbox rows, join rows, audit entries) go
// out at once and are answered together with COMMIT. A write transaction of n statements thus
// costs n round trips, less those deferred, instead of n + 2.
//
// Semantics are those of postgres.js' `sql.begin`: any failed statement fails the transaction
// (PostgreSQL aborts it; COMMIT then answers ROLLBACK), except inside `savepoint`, which rolls back
// to its SAVEPOINT. A deferred statement that fails is reported as the transaction's error, even if
// a later statement failed first because of it ("current transaction is aborted").
import type postgres from 'postgres';
import type { Queryable, Row } from './types.js';

type Sql = postgres.Sql<Record<string, never>>;

const PREPARED = { prepare: true } as const;

export async function pipelinedTransaction<T>(sql: Sql, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  // Statements sent but not awaited by fn: BEGIN and the deferred ones.
  const unanswered: Array<Promise<unknown>> = [];
  const send = (p: Promise<unknown>) => {
    p.catch(() => {}); // inspected below; never an unhandled rejection
    unanswered.push(p);
  };
  const firstFailure = async (): Promise<unknown> => {
    for (const outcome of await Promise.allSettled(unanswered)) if (outcome.status === 'rejected') return outcome.reason;
    return undefined;
  };
  let savepoints = 0;
  const tx: Queryable = {
    query: async <R = Row>(text: string, params: readonly unknown[] = []) => (await sql.unsafe(text, params as any[], PREPARED)) as unknown as R[],
    run: async (text: string, params: readonly unknown[] = []) => (await sql.unsafe(text, params as any[], PREPARED)).count,
    defer: (text: string, params: readonly unknown[] = []) => send(sql.unsafe(text, params as any[], PREPARED).execute()),
    async savepoint<S>(inner: (q: Queryable) => Promise<S>): Promise<S> {
      const name = `rocket_sp_${++savepoints}`;
      await sql.unsafe(`SAVEPOINT ${name}`);
      try {
        const result = await inner(tx);
        await sql.unsafe(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await sql.unsafe(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    },
  };

  send(sql.unsafe('BEGIN').execute());
  let result: T;
  try {
    result = await fn(tx);
  } catch (err) {
    const cause = await firstFailure();
    await sql.unsafe('ROLLBACK').catch(() => {});
    throw cause ?? err;
  }
  const commit = sql.unsafe('COMMIT').execute();
  const cause = await firstFailure();
  try {
    await commit;
  } catch (err) {
    throw cause ?? err;
  }
  // A failed deferred statement aborted the transaction: its COMMIT answered ROLLBACK.
  if (cause !== undefined) throw cause;
  return result;
}
