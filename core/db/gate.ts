// An O(1) FIFO admission gate: never more work in flight than permits. Sized to a postgres.js pool
// it keeps the driver from queueing internally, which slows it down without bound
// (shared/measurements/README.md). Also used as a mutex (1 permit) for SQLite transactions.

import { Fifo } from './fifo.js';

export class Gate {
  private free: number;
  private readonly waiters = new Fifo<() => void>();

  constructor(readonly permits: number) {
    this.free = permits;
  }

  /** Permits taken plus callers waiting. */
  get busy(): number {
    return this.permits - this.free + this.waiters.length;
  }

  acquire(): Promise<void> | undefined {
    if (this.free > 0) {
      this.free--;
      return undefined; // fast path: no promise allocation
    }
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const wait = this.acquire();
    if (wait) await wait;
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
