// The in-process event bus (core/events/bus.ts): many listeners, failure isolation, unsubscribe.
import t from 'tap';
import { EventBus } from '../../core/events/bus.js';
import type { Logger } from '../../core/logger.js';

function setup() {
  const errors: { obj: any; msg?: string }[] = [];
  const log: Logger = { info() {}, warn() {}, debug() {}, error: (obj, msg) => void errors.push({ obj, msg }) };
  return { bus: new EventBus(log), errors };
}

t.test('every listener of an event runs; emit waits for async ones', async (t) => {
  const { bus } = setup();
  const seen: string[] = [];
  bus.on('app.created', (e) => void seen.push(`sync:${e.app}`));
  bus.on('app.created', async (e) => {
    await new Promise((res) => setImmediate(res));
    seen.push(`async:${e.app}:${e.origin}`);
  });
  bus.on('app.deleted', () => void seen.push('other event'));
  await bus.emit('app.created', { app: 'shop', origin: 'local' });
  t.same(seen.sort(), ['async:shop:local', 'sync:shop']);
  await bus.emit('metadata.changed', { app: 'shop', origin: 'remote' });
  t.equal(seen.length, 2, 'an event without listeners is a no-op');
});

t.test('a throwing or rejecting listener is logged and does not stop the others', async (t) => {
  const { bus, errors } = setup();
  const seen: string[] = [];
  bus.on('metadata.changed', () => { throw new Error('sync boom'); });
  bus.on('metadata.changed', async () => { throw new Error('async boom'); });
  bus.on('metadata.changed', (e) => void seen.push(e.app));
  await t.resolves(bus.emit('metadata.changed', { app: 'crm', origin: 'local' }), 'emit never rejects');
  t.same(seen, ['crm']);
  t.same(errors.map((e) => e.obj.err.message).sort(), ['async boom', 'sync boom']);
  t.match(errors[0].obj, { event: 'metadata.changed', payload: { app: 'crm' } });
});

t.test('unsubscribe removes only that listener, also during an emit', async (t) => {
  const { bus } = setup();
  const seen: string[] = [];
  const offA = bus.on('records.committed', () => void seen.push('a'));
  const offSelf: () => void = bus.on('records.committed', () => { seen.push('self'); offSelf(); });
  bus.on('records.committed', () => void seen.push('b'));
  const payload = { app: 'x', entity: 'book', op: 'create' as const, ids: ['1'] };
  await bus.emit('records.committed', payload);
  t.same(seen.sort(), ['a', 'b', 'self'], 'removing itself does not change the running round');
  seen.length = 0;
  offA();
  offA();
  await bus.emit('records.committed', payload);
  t.same(seen, ['b']);
});
