// The in-process event bus: subsystems announce what happened (an app was created, metadata
// changed, records were committed) without knowing who reacts. It replaces single-slot callbacks,
// which allowed one listener only and silently replaced each other when a second one was set.
//
// Add an event: add its name and payload type to RocketEvents below (and document who emits it).
// Add a listener: `const off = platform.events.on('metadata.changed', async (e) => { ... })`;
// call `off()` when the listener's owner closes (e.g. in a Fastify onClose hook).
//
// Guarantees: listeners run concurrently; `emit` resolves when all of them have finished and never
// rejects. A listener that throws or rejects is logged and does not affect the others or the
// emitter. Events are in-process only; core/platform/notifier.ts bridges some of them between
// instances over PostgreSQL LISTEN/NOTIFY, and `origin` tells which side an event came from.
import type { Logger } from '../logger.js';

/** 'local': this instance made the change; 'remote': another instance announced it. */
export type EventOrigin = 'local' | 'remote';

/** Event name → payload. */
export interface RocketEvents {
  /** An app's metadata (entities, relations, permissions, …) changed after commit. Local admin
   * writes emit it after reloading the registry; the notifier publishes local ones to the other
   * instances and emits remote ones, on which the metadata plugin reloads the registry. */
  'metadata.changed': { app: string; origin: EventOrigin };
  /** An app became active (AppManager.create, or the notifier for another instance's create). */
  'app.created': { app: string; origin: EventOrigin };
  /** An app entered `deleting` (AppManager.delete, or the notifier for another instance's delete). */
  'app.deleted': { app: string; origin: EventOrigin };
  /** Records were written and the transaction committed (emitted by the write pipeline; local
   * only). `ids` are the primary keys of the affected records. */
  'records.committed': {
    app: string;
    entity: string;
    op: 'create' | 'update' | 'delete';
    ids: ReadonlyArray<string | number>;
  };
}

export type Listener<P> = (payload: P) => void | Promise<void>;

export class EventBus<E extends object = RocketEvents> {
  private readonly listeners = new Map<keyof E, Set<Listener<any>>>();

  constructor(private readonly log: Logger) {}

  /** Adds a listener; returns the function that removes it again. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Whether the event has a listener (lets emitters skip building a payload nobody reads). */
  has<K extends keyof E>(event: K): boolean {
    const set = this.listeners.get(event);
    return set !== undefined && set.size > 0;
  }

  /** Runs every listener of the event; resolves when all are done, never rejects. */
  async emit<K extends keyof E>(event: K, payload: E[K]): Promise<void> {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return;
    // A copy: a listener that removes itself (or another) must not change this round.
    await Promise.all([...set].map(async (listener) => {
      try {
        await listener(payload);
      } catch (err) {
        this.log.error({ err, event, payload }, 'event listener failed');
      }
    }));
  }
}
