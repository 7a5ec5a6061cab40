// Bounded concurrency for background work: at most `limit` calls of fn run at once, so a job with
// many apps or many claimed items cannot exhaust a pool or flood a remote endpoint.

/** Calls fn for every item, at most `limit` at a time; fn handles its own errors. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  const workers = Math.min(Math.max(1, Math.floor(limit)), items.length);
  await Promise.all(Array.from({ length: workers }, worker));
}
