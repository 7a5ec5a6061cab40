// The JSON depth scan (core/limits.ts): depth counted outside strings, escapes honoured, and the
// limit itself accepted.
import t from 'tap';
import { MAX_JSON_DEPTH, jsonTooDeep } from '../../core/limits.js';

const nest = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

t.test('the limit is inclusive', async (t) => {
  t.equal(jsonTooDeep(nest(MAX_JSON_DEPTH)), false);
  t.equal(jsonTooDeep(nest(MAX_JSON_DEPTH + 1)), true);
  t.equal(jsonTooDeep(`{"a":${nest(MAX_JSON_DEPTH - 1)}}`), false);
  t.equal(jsonTooDeep(`{"a":${'{"b":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}}`), true);
  t.equal(jsonTooDeep('['.repeat(100_000)), true, 'unbalanced input is answered without recursion');
});

t.test('brackets in strings do not count', async (t) => {
  t.equal(jsonTooDeep(JSON.stringify({ a: '['.repeat(1000) })), false);
  t.equal(jsonTooDeep(JSON.stringify({ a: '"' + '{'.repeat(1000) })), false, 'an escaped quote does not end the string');
  t.equal(jsonTooDeep(JSON.stringify({ a: '\\' }) + nest(200)), true, 'an escaped backslash does end it');
  t.equal(jsonTooDeep(JSON.stringify({ a: '\\"' + '['.repeat(500), b: [[1]] })), false);
});

t.test('wide is not deep', async (t) => {
  t.equal(jsonTooDeep(JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ i, tags: [i] })))), false);
  t.equal(jsonTooDeep(''), false);
  t.equal(jsonTooDeep('"unterminated ' + nest(500)), false, 'malformed text is left to JSON.parse');
});
