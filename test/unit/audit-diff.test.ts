// The audit log's pure parts (observability-and-audit.md §B3, §B4): value equality, entry content
// for create / update / delete with masks and auto fields, and time-ordered entry ids.
import t from 'tap';
import { entryData, sameValue } from '../../core/audit/diff.js';
import { auditId } from '../../core/audit/ids.js';
import type { AuditPlan } from '../../core/audit/plan.js';

t.test('equality: null and absent, numbers numerically, timestamps as instants, JSON deeply', async (t) => {
  t.ok(sameValue(null, undefined, 'text'));
  t.ok(sameValue('10.50', 10.5, 'decimal'));
  t.ok(sameValue('-0.0', 0, 'decimal'));
  t.notOk(sameValue('10.51', '10.5', 'decimal'));
  t.ok(sameValue('9007199254740993', '9007199254740993', 'int64'));
  t.notOk(sameValue('9007199254740993', '9007199254740992', 'int64'), 'big integers compared exactly, not as doubles');
  t.ok(sameValue('2025-04-02T14:03:55.120Z', '2025-04-02T16:03:55.12+02:00', 'timestamp'));
  t.ok(sameValue({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] }, 'json'));
  t.notOk(sameValue({ a: [1, 2] }, { a: [2, 1] }, 'json'));
  t.notOk(sameValue('1', 1, 'json'), 'in JSON a string is no number');
  t.notOk(sameValue(0, null, 'int32'));
});

const plan: AuditPlan = {
  entity: 'thing', id: 0,
  fields: [
    { name: 'id', column: undefined, storage: { kind: 'uuid' }, mask: false, diffed: true },
    { name: 'name', column: undefined, storage: { kind: 'text' }, mask: false, diffed: true },
    { name: 'secret', column: undefined, storage: { kind: 'text' }, mask: true, diffed: true },
    { name: 'updated_at', column: undefined, storage: { kind: 'timestamp' }, mask: false, diffed: false },
  ],
};

t.test('entries: create, update (or none), delete', async (t) => {
  const before = { id: 'a', name: 'x', secret: 's1', updated_at: '2025-01-01T00:00:00.000Z', excluded: 'gone' };
  const created = entryData(plan, 'create', undefined, before)!;
  t.same(created, {
    old_data: null, new_data: { id: 'a', name: 'x', secret: '***', updated_at: '2025-01-01T00:00:00.000Z' },
    changed_fields: ['id', 'name', 'secret'], changes: { id: { old: null, new: 'a' }, name: { old: null, new: 'x' }, secret: { old: null, new: '***' } },
  }, 'only plan fields; masked; auto fields kept but never changed');
  t.equal(entryData(plan, 'update', before, { ...before, updated_at: '2026-01-01T00:00:00.000Z' }), null, 'only an auto field moved: no entry');
  const updated = entryData(plan, 'update', before, { ...before, secret: null })!;
  t.same(updated.changed_fields, ['secret']);
  t.same(updated.changes, { secret: { old: '***', new: null } }, 'a null stays null under the mask');
  t.same(entryData(plan, 'delete', before, undefined), { old_data: created.new_data, new_data: null, changed_fields: [], changes: {} });
});

t.test('entry ids are UUIDv7 and strictly increasing', async (t) => {
  const ids = Array.from({ length: 5000 }, () => auditId());
  t.ok(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)));
  t.ok(ids.every((id, i) => i === 0 || ids[i - 1] < id), 'in the order they were taken, even within one millisecond');
});
