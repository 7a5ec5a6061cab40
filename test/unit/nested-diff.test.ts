// The nested-write diff planner (write-pipeline.md §5.4, §5.7, §5.8) as pure functions: every
// mode × row kind of the spec's tables, over given current rows and an incoming payload.
import t from 'tap';
import { childrenAfter, diffChildren, diffLinks, type WriteMode } from '../../core/write/nested/diff.js';

interface Row { name: string; delete: boolean; pkKey: string | undefined }
const row = (name: string, pkKey?: string, del = false): Row => ({ name, pkKey, delete: del });
const ops = (d: ReturnType<typeof diffChildren<Row>>) => d.writes.map((w) => `${w.op}:${w.row.name}`);

t.test('one_to_many: the §5.4 table per mode', async (t) => {
  const existing = ['c1', 'c2', 'c3'];
  const rows = [
    row('update c1', 'c1'),
    row('delete c3', 'c3', true),
    row('new'),
    row('delete unknown', 'zz', true),
    row('other parent', 'x9'),
  ];
  const expected: Record<WriteMode, { deletes: string[]; writes: string[] }> = {
    diff: { deletes: ['c3'], writes: ['update:update c1', 'insert:new'] },
    replace: { deletes: ['c3', 'c2'], writes: ['update:update c1', 'insert:new'] },
    append: { deletes: [], writes: ['insert:new'] },
  };
  for (const mode of ['diff', 'replace', 'append'] as const) {
    const d = diffChildren(mode, rows, existing, true);
    t.same(d.deletes, expected[mode].deletes, `${mode}: deletes`);
    t.same(ops(d), expected[mode].writes, `${mode}: writes in array order`);
  }
});

t.test('a PK that is not among the children', async (t) => {
  t.same(ops(diffChildren('diff', [row('x', 'x9')], ['c1'], true)), [], 'generated PK: ignored, never re-parented');
  t.same(ops(diffChildren('diff', [row('x', 'x9')], ['c1'], false)), ['insert:x'], 'non-generated PK: inserted');
  t.same(ops(diffChildren('append', [row('x', 'x9')], [], false)), ['insert:x'], 'append inserts it too');
  const replaced = diffChildren('replace', [row('x', 'x9')], ['c1'], false);
  t.same(ops(replaced), ['insert:x'], 'replace inserts it and keeps it');
  t.same(replaced.deletes, ['c1'], 'replace deletes the unaddressed child');
});

t.test('replace with an empty list deletes every child; diff and append touch nothing', async (t) => {
  t.same(diffChildren('replace', [], ['a', 'b'], true).deletes, ['a', 'b']);
  t.same(diffChildren('diff', [], ['a', 'b'], true), { deletes: [], writes: [] });
  t.same(diffChildren('append', [], ['a', 'b'], true), { deletes: [], writes: [] });
});

t.test('replace: _delete rows are deleted, addressed rows kept', async (t) => {
  const d = diffChildren('replace', [row('keep a', 'a'), row('drop b', 'b', true)], ['a', 'b', 'c'], true);
  t.same(d.deletes, ['b', 'c']);
  t.same(ops(d), ['update:keep a']);
});

t.test('duplicates: a child is deleted once, and not updated when deleted', async (t) => {
  const d = diffChildren('diff', [row('del', 'a', true), row('del again', 'a', true), row('upd', 'a')], ['a'], true);
  t.same(d.deletes, ['a']);
  t.same(ops(d), []);
});

t.test('no existing children (a create)', async (t) => {
  const d = diffChildren('diff', [row('n1'), row('d', 'q', true), row('n2')], [], true);
  t.same(d.deletes, []);
  t.same(ops(d), ['insert:n1', 'insert:n2']);
});

t.test('one_to_one: children after the write', async (t) => {
  t.equal(childrenAfter(1, diffChildren('diff', [row('second')], ['a'], true)), 2, 'diff inserting a second child');
  t.equal(childrenAfter(1, diffChildren('replace', [row('swap')], ['a'], true)), 1, 'replace swaps');
  t.equal(childrenAfter(0, diffChildren('diff', [row('one')], [], true)), 1);
  t.equal(childrenAfter(1, diffChildren('append', [row('x', 'a')], ['a'], true)), 1, 'append ignores existing PK rows');
});

interface Link { name: string; idKey: string; delete: boolean }
const link = (idKey: string, del = false): Link => ({ name: idKey, idKey, delete: del });

t.test('many_to_many: the §5.7 table per mode', async (t) => {
  const linked = ['g1', 'g2'];
  const rows = [link('g2'), link('g3'), link('g1', true), link('g4', true)];
  const names = (d: ReturnType<typeof diffLinks<Link>>) => ({ link: d.link.map((r) => r.idKey), unlink: d.unlink });
  t.same(names(diffLinks('diff', rows, linked)), { link: ['g3'], unlink: ['g1'] }, 'diff');
  t.same(names(diffLinks('replace', rows, linked)), { link: ['g3'], unlink: ['g1'] }, 'replace: final set {g2, g3}');
  t.same(names(diffLinks('append', rows, linked)), { link: ['g3'], unlink: [] }, 'append ignores _delete');
  t.same(names(diffLinks('replace', [link('g2'), link('g3')], ['g1', 'g2'])), { link: ['g3'], unlink: ['g1'] }, 'the spec example');
  t.same(names(diffLinks('replace', [], linked)), { link: [], unlink: ['g1', 'g2'] }, 'replace with an empty list unlinks all');
  t.same(names(diffLinks('diff', [link('g9', true)], linked)), { link: [], unlink: [] }, 'unlinking what is not linked does nothing');
  t.same(names(diffLinks('append', [link('g1')], linked)), { link: [], unlink: [] }, 'append never re-links an existing pair');
});
