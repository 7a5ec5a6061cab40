// The expression language of logic.md §2, row by row: lexical rules (§2.2), grammar and precedence
// (§2.3), semantics (§2.5), functions (§2.6), the shipped expressions (§2.8), compile errors, the
// sandbox and the limits.
import t from 'tap';
import {
  EXPR_LIMITS, ExprCompileError, ExprRuntimeError, compileExpression, exprCompare, exprEquals, textForm,
  toDate, toNumber, truthy, type ExprEnv,
} from '../../core/expr/index.js';

const NOW = new Date('2025-03-09T14:05:00.000Z');

/** A realistic rule environment (§2.7): typed record values, roles, a loaded relation. */
const ENV: ExprEnv = {
  record: {
    id: 'b7e6d5c4-3a2b-4c1d-9e8f-7a6b5c4d3e2f',
    status: 'paid',
    payment_date: null,
    amount: 120,
    total: 250,
    discount: 10,
    email: 'ann@example.com',
    start_date: '2025-03-01',
    end_date: '2025-03-31',
    created_at: '2025-03-09T14:05:00.000Z',
    tags: ['a', 'b'],
    meta: { length: 7, nested: { deep: 'yes' } },
    new: 'kw-new',
    in: 'kw-in',
  },
  old: null,
  related: { items: [{ quantity: 2, unit_price: 3.5 }, { quantity: '3', unit_price: '2' }, { quantity: null, unit_price: 9 }] },
  user: { id: 7, roles: ['member', 'admin'] },
  action: 'create',
  now: NOW,
  context: { amount: '20000', days: 3, department: 'engineering', record: { amount: 12000 } },
};

const ev = (source: string, env: ExprEnv = ENV): unknown => compileExpression(source).evaluate(env);

/** The reason of the compile error of `source`, or undefined when it compiles. */
function compileErrorOf(source: string): string | undefined {
  try {
    compileExpression(source);
    return undefined;
  } catch (e) {
    if (e instanceof ExprCompileError) return e.reason;
    throw e;
  }
}

/** The reason of the runtime error of `source`, or undefined when it evaluates. */
function runtimeErrorOf(source: string, env: ExprEnv = ENV): string | undefined {
  const compiled = compileExpression(source);
  try {
    compiled.evaluate(env);
    return undefined;
  } catch (e) {
    if (e instanceof ExprRuntimeError) return e.reason;
    throw e;
  }
}

type Row = [source: string, expected: unknown];
type TapTest = Parameters<Parameters<typeof t.test>[0]>[0];

function table(t: TapTest, rows: Row[], env: ExprEnv = ENV): void {
  for (const [source, expected] of rows) t.same(ev(source, env), expected, source);
}


t.test('errors carry their reason as the message', async (t) => {
  const c = new ExprCompileError('unknown function foo');
  t.equal(c.message, 'unknown function foo');
  t.equal(c.reason, 'unknown function foo');
  t.ok(c instanceof Error);
  const r = new ExprRuntimeError('division by zero');
  t.equal(r.message, r.reason);
  t.equal(compiledSource('1 +  2'), '1 +  2');
});

function compiledSource(source: string): string {
  return compileExpression(source).source;
}

t.test('§2.2 whitespace: spaces, tabs and newlines are ignored, nothing else is whitespace', async (t) => {
  t.equal(ev(' 1 +\t2\n*\r\n3 '), 7);
  t.match(compileErrorOf('1 +\u00a02'), /unexpected character U\+00A0 at position 3/);
  t.match(compileErrorOf('1\v+ 2'), /unexpected character U\+000B/);
  t.match(compileErrorOf('1 +\u2028 2'), /unexpected character U\+2028/);
});

t.test('§2.2 numbers', async (t) => {
  table(t, [
    ['0', 0], ['42', 42], ['3.14', 3.14], ['1e3', 1000], ['1E3', 1000], ['2.5e-3', 0.0025], ['1e+2', 100], ['007', 7],
    ['1e308', 1e308], ['123456789012345678901234567890', 1.2345678901234568e29],
  ]);
  t.match(compileErrorOf('.5'), /unexpected '\.' at position 0/, 'no leading point');
  t.match(compileErrorOf('1.'), /unexpected end of expression \(expected a property name after '\.'\)/, 'no trailing point');
  t.match(compileErrorOf('1e999'), /number out of range at position 0/);
  t.match(compileErrorOf('0x10'), /unexpected identifier x10 at position 1 after a complete expression/, 'no hex');
  t.match(compileErrorOf('1_000'), /unexpected identifier _000/, 'no separators');
});

t.test('§2.2 strings and escapes', async (t) => {
  table(t, [
    ["'single'", 'single'], ['"double"', 'double'], [`'it\\'s'`, "it's"], [`"say \\"hi\\""`, 'say "hi"'],
    [`'a\\\\b'`, 'a\\b'], [`'\\n\\r\\t'`, '\n\r\t'], [`'\\u00e9\\u0041'`, 'éA'], [`'\\u0000'`, '\u0000'],
    [`'\\ud800'`, '\ud800'], [`"'"`, "'"], [`'"'`, '"'], ["''", ''], ["'line\nbreak'", 'line\nbreak'], ["'😀'", '😀'],
  ]);
  t.match(compileErrorOf(`'\\q'`), /^bad escape \\q at position 1/);
  t.match(compileErrorOf(`'\\0'`), /^bad escape \\0/);
  t.match(compileErrorOf(`'\\x41'`), /^bad escape \\x/);
  t.match(compileErrorOf(`'\\u12'`), /^bad escape \\u at position 1 \(expected four hex digits\)/);
  t.match(compileErrorOf(`'\\u12zz'`), /^bad escape \\u/);
  t.match(compileErrorOf(`'abc`), /^unterminated string starting at position 0$/);
  t.match(compileErrorOf(`1 + "abc'`), /^unterminated string starting at position 4$/);
  t.match(compileErrorOf(`'abc\\`), /^unterminated string/);
  t.match(compileErrorOf('`x`'), /template literals are not supported/);
});

t.test('§2.2 identifiers and keywords', async (t) => {
  const env = { _a: 1, $b: 2, a1: 3, A_$9: 4 };
  table(t, [['_a', 1], ['$b', 2], ['a1', 3], ['A_$9', 4], ['unknown_name', null]], env);
  t.match(compileErrorOf('é'), /unexpected character U\+00E9 at position 0/);
  t.match(compileErrorOf('1a'), /unexpected identifier a at position 1 after a complete expression/);
  table(t, [['true', true], ['false', false], ['nil', null], ['null', null], ['undefined', null]]);
  t.equal(ev('nil == null && null == undefined'), true, 'nil, null and undefined are one value');
  t.equal(ev('true', { true: false }), true, 'a keyword is never a variable');
  for (const kw of ['and', 'or', 'in', 'not']) t.ok(compileErrorOf(kw), `${kw} alone does not compile`);
  t.match(compileErrorOf('new'), /new is only allowed as new Date/);
  t.match(compileErrorOf('1 and'), /unexpected end of expression/);
  t.match(compileErrorOf('in + 1'), /unexpected keyword in at position 0/);
});

t.test('§2.2 keywords are property names after . and ?.', async (t) => {
  table(t, [
    ['record.new', 'kw-new'], ['record.in', 'kw-in'], ['record?.new', 'kw-new'], ['record?.in', 'kw-in'],
    ['record.true', null], ['record.and', null], ['record.not', null], ['record.null', null],
    ['x.undefined', 'u'], ['x.or', 'o'],
  ], { ...ENV, x: { undefined: 'u', or: 'o' } });
  t.match(compileErrorOf('record.'), /expected a property name after '\.'/);
  t.match(compileErrorOf('record.1'), /unexpected number 1 at position 7 \(expected a property name after '\.'\)/);
  t.match(compileErrorOf("record.'a'"), /expected a property name/);
  t.match(compileErrorOf('record?.[0]'), /expected a property name after '\?\.'/);
});

t.test('§2.2 every operator token', async (t) => {
  table(t, [
    ['1 === 1', true], ['1 !== 1', false], ['1 == 1', true], ['1 != 1', false], ['1 <= 1', true], ['2 >= 3', false],
    ['1 < 2', true], ['1 > 2', false], ['true && false', false], ['true || false', true], ['!true', false],
    ['1 + 2', 3], ['5 - 2', 3], ['2 * 3', 6], ['7 / 2', 3.5], ['7 % 4', 3], ['true ? 1 : 2', 1],
    ['record.status', 'paid'], ['record?.status', 'paid'], ["record['status']", 'paid'], ['(1)', 1], ['[1, 2]', [1, 2]],
  ]);
});

t.test('§2.3 precedence and associativity', async (t) => {
  table(t, [
    ['1 + 2 * 3', 7], ['(1 + 2) * 3', 9], ['10 - 4 - 3', 3], ['100 / 10 / 5', 2], ['2 * 3 % 4', 2], ['20 % 7 * 2', 12],
    ['1 - 2 + 3', 2], ['2 * 3 + 4 * 5', 26],
    ['true || false && false', true], ['false && true || true', true], ['false or true and false', false],
    ['true or false and false', true],
    ['1 < 2 == true', true], ['1 == 1 < 2', false], ['2 > 1 != false', true],
    ['1 + 2 in [3]', true], ['1 + 2 not in [3]', false], ['1 < 2 in [true]', true],
    ['-2 * 3', -6], ['- -2', 2], ['-(2 + 3)', -5], ['!true == false', true], ['not 1 == 2', false], ['!!1', true],
    ['not not 0', false], ['-record.amount', -120], ['!record.payment_date', true],
    ["'a' not in ['b']", true], ["not 'a' in ['a']", false], ["not ('a' in ['a'])", false],
    ['true ? 1 : true ? 2 : 3', 1], ['false ? 1 : false ? 2 : 3', 3], ['false ? 1 : true ? 2 : 3', 2],
    ["1 == 1 ? 'y' : 'n'", 'y'], ["false || true ? 'a' : 'b'", 'a'], ['true ? false ? 1 : 2 : 3', 2],
    ['record.meta.nested.deep', 'yes'], ["related.items[0].quantity", 2], ["related['items'][1]['unit_price']", '2'],
    ['record.tags[1]', 'b'], ['[10, 20][1]', 20], ['(record).status', 'paid'],
    ['1 + 1 + 1 + 1', 4], ['3 - 1 - 1', 1], ['1 == 1 == true', true],
  ]);
});

t.test('§2.5 identifiers and member access', async (t) => {
  const env = { ...ENV, d: new Date(0), n: 5, b: true, s: 'héllo😀', arr: [1, null, 3], obj: { a: 1, '1': 'one', length: 'own' }, empty: {} };
  table(t, [
    ['record', (ENV.record as object)], ['missing', null], ['missing.deeper.still', null],
    ['record.status', 'paid'], ['record.absent', null], ['obj.a', 1], ['obj[1]', 'one'], ["obj['1']", 'one'],
    ['arr[0]', 1], ['arr[1]', null], ['arr[2]', 3], ['arr[3]', null], ['arr[-1]', null], ['arr[0.5]', null],
    ["arr['0']", null], ['arr.length', 3], ['arr?.length', 3], ["arr['length']", 3], ['s.length', 6], ["s['length']", 6],
    ['obj.length', 'own'], ['empty.length', null], ['s[0]', null], ['n.length', null], ['b.x', null], ['d.getTime', null],
    ['nil.x', null], ['nil[0]', null], ['missing?.x', null], ['obj[nil]', null], ['obj[true]', null], ['obj[[1]]', null],
    ['n.toFixed', null],
  ], env);
  t.equal(ev('nil[1 / 0]', env), null, 'a path that is already null does not evaluate its index');
  t.equal(runtimeErrorOf('arr[1 / 0]', env), 'division by zero', 'an index on a value is evaluated');
});

t.test('§2.5 == and === (and != / !==)', async (t) => {
  const env = { d1: new Date('2025-03-09T00:00:00.000Z'), d2: new Date('2025-03-09T00:00:00.000Z'), d3: new Date(0) };
  const rows: Row[] = [
    ['nil == nil', true], ['nil == 0', false], ['0 == nil', false], ["nil == ''", false], ['nil == false', false],
    ['1 == 1', true], ['1 == 1.0', true], ['0 == -0', true], ['1 == 2', false],
    ["1 == '1'", true], ["'1' == 1", true], ["1.5 == '1.50'", true], ["1000 == '1e3'", true], ["1 == '01'", true],
    ["1 == ' 1'", false], ["0 == ''", false], ["1 == 'one'", false],
    ['d1 == d2', true], ['d1 == d3', false], ["d1 == '2025-03-09'", true], ["'2025-03-09T00:00:00Z' == d1", true],
    ["d1 == '2025-03-09T02:00:00+02:00'", true], ["d1 == 'not a date'", false], ['d1 == 1741478400000', false],
    ["'a' == 'a'", true], ["'a' == 'A'", false], ["'1' == '1.0'", false], ["'2025-03-09' == '2025-03-09T00:00:00Z'", false],
    ['true == true', true], ['true == false', false], ['true == 1', false], ["true == 'true'", false],
    ['[1, 2] == [1, 2]', true], ['[1, 2] == [2, 1]', false], ["[1, [2, 'x']] == ['1', [2, 'x']]", true], ['[] == []', true],
    ['[1] == [1, 1]', false], ['record.meta == record.meta', true], ['related.items[0] == related.items[1]', false],
    ['[] == nil', false], ['[1] == 1', false],
  ];
  table(t, rows, { ...ENV, ...env });
  for (const [source, expected] of rows) {
    t.equal(ev(source.replace(' == ', ' === '), { ...ENV, ...env }), expected, `${source} with ===`);
    t.equal(ev(source.replace(' == ', ' != '), { ...ENV, ...env }), !expected, `${source} with !=`);
    t.equal(ev(source.replace(' == ', ' !== '), { ...ENV, ...env }), !expected, `${source} with !==`);
  }
  t.equal(ev('a == b', { a: { x: 1, y: [1] }, b: { y: ['1'], x: 1.0 } }), true, 'objects: keys in any order');
  t.equal(ev('a == b', { a: { x: 1 }, b: { x: 1, y: null } }), false, 'objects: the key sets differ');
  t.equal(ev('a == b', { a: { x: 1 }, b: [1] }), false);
  t.equal(ev('a == b', { a: NaN, b: NaN }), false, 'NaN equals nothing');
});

t.test('§2.5 < <= > >=', async (t) => {
  const env = { ...ENV, d1: new Date('2025-03-09T00:00:00.000Z'), d2: new Date('2025-03-10T00:00:00.000Z'), nan: NaN };
  table(t, [
    ['1 < 2', true], ['2 < 1', false], ['2 <= 2', true], ['3 > 2', true], ['2 >= 3', false],
    ["'9' < 10", true], ["10 > '9'", true], ["context.amount > 10000", true], ["'1e3' >= 1000", true],
    ["'abc' < 'abd'", true], ["'b' > 'abc'", true], ["'10' < '9'", true], ["'a' < 'a'", false], ["'a' <= 'a'", true],
    ["'\uffff' < '😀'", true], ["'Z' < 'a'", true],
    ["'2025-03-01' < '2025-03-31'", true], ["'2025-03-09T10:00:00.000Z' > '2025-03-09T09:59:59.999Z'", true],
    ['d1 < d2', true], ['d2 <= d1', false], ["d1 < '2025-03-09T12:00:00Z'", true], ["'2025-03-11' > d2", true],
    ["d1 < 'garbage'", false], ["d1 >= 'garbage'", false],
    ['nil < 1', false], ['nil >= 1', false], ['1 <= nil', false], ['nil <= nil', false],
    ['true < 2', false], ['true > false', false], ["1 < 'abc'", false], ["1 >= 'abc'", false],
    ['[1] < [2]', false], ['d1 > 0', false], ['nan < 1', false], ['nan >= 1', false],
  ], env);
});

t.test('§2.5 in and not in', async (t) => {
  const env = { ...ENV, d: new Date('2025-03-09T00:00:00.000Z'), obj: { a: 1, '2': 'two' } };
  const rows: Row[] = [
    ["'admin' in user.roles", true], ["'root' in user.roles", false], ["1 in ['1', 2]", true], ['[1] in [[1], 2]', true],
    ["'2025-03-09' in [d]", true], ['nil in [nil]', true], ['nil in [0]', false],
    ["'ell' in 'hello'", true], ["'xyz' in 'hello'", false], ["2 in 'a2b'", true], ["true in 'is true'", true],
    ["nil in 'null'", false], ["'' in 'x'", true],
    ["'a' in obj", true], ["'b' in obj", false], ['2 in obj', true], ["'toString' in obj", false],
    ["'constructor' in obj", false], ["'__proto__' in obj", false],
    ["'a' in nil", false], ["1 in 1", false], ["'x' in true", false], ['1 in d', false],
  ];
  table(t, rows, env);
  for (const [source, expected] of rows) {
    t.equal(ev(source.replace(' in ', ' not in '), env), !expected, source.replace(' in ', ' not in '));
  }
});

t.test('§2.5 +', async (t) => {
  const env = { ...ENV, d: new Date('2025-03-09T14:05:00.000Z') };
  table(t, [
    ['1 + 2', 3], ['0.1 + 0.2', 0.30000000000000004], ['nil + 1', null], ["'a' + nil", null], ['nil + nil', null],
    ["'a' + 'b'", 'ab'], ["'n=' + 1.5", 'n=1.5'], ["1 + '1'", '11'], ["'x' + 1e21", 'x1000000000000000000000'],
    ["'x' + 1.5e-7", 'x0.00000015'], ["'x' + -0", 'x0'], ["'x' + true", 'xtrue'], ["false + 'y'", 'falsey'],
    ["'at ' + d", 'at 2025-03-09T14:05:00.000Z'], ["'' + [1, 'a']", '[1,"a"]'], ["'' + record.meta.nested", '{"deep":"yes"}'],
  ], env);
  for (const source of ['true + 1', 'd + 1', 'd + d', '[1] + [2]', 'record.meta + 1', 'true + false']) {
    t.equal(runtimeErrorOf(source, env), 'invalid operands for +', source);
  }
  t.equal(runtimeErrorOf('1e308 + 1e308'), 'arithmetic result is not a finite number');
});

t.test('§2.5 - * / %', async (t) => {
  const env = { ...ENV, d1: new Date('2025-03-09T00:00:00.000Z'), d2: new Date('2025-03-10T00:00:00.000Z') };
  table(t, [
    ['5 - 7', -2], ["'10' - '4'", 6], ["'2.5' * 2", 5], ["'9' / '3'", 3], ["'7' % 4", 3], ['-7 % 4', -3], ['7.5 % 2', 1.5],
    ['nil - 1', null], ['1 * nil', null], ["nil / 'x'", null], ["'abc' % nil", null], ['nil / 0', null],
    ['d2 - d1', 86_400_000], ['d1 - d2', -86_400_000],
  ], env);
  for (const op of ['-', '*', '/', '%']) {
    for (const operands of ["'abc' OP 1", 'true OP 1', '[1] OP 1', 'd1 OP 1', "1 OP 'x'", 'record.meta OP 2']) {
      const source = operands.replace('OP', op);
      t.equal(runtimeErrorOf(source, env), `invalid operands for ${op}`, source);
    }
  }
  t.equal(runtimeErrorOf('d1 * d2', env), 'invalid operands for *', 'only - is defined on two dates');
  t.equal(runtimeErrorOf("d1 - '2025-03-01'", env), 'invalid operands for -');
  t.equal(runtimeErrorOf('1 / 0'), 'division by zero');
  t.equal(runtimeErrorOf('1 / -0'), 'division by zero');
  t.equal(runtimeErrorOf("1 % '0'"), 'division by zero');
  t.equal(runtimeErrorOf('0 / 0'), 'division by zero');
  t.equal(runtimeErrorOf('1e308 * 10'), 'arithmetic result is not a finite number');
  t.equal(runtimeErrorOf('-1e308 - 1e308'), 'arithmetic result is not a finite number');
  t.equal(runtimeErrorOf('x - 1', { x: Infinity }), 'arithmetic result is not a finite number');
});

t.test('§2.5 unary - and +, ! and not', async (t) => {
  table(t, [
    ['-3', -3], ["-'3'", -3], ["+'3.5'", 3.5], ['+4', 4], ['-nil', null], ['+nil', null], ['- -3', 3],
    ['!nil', true], ['!0', true], ["!''", true], ['![]', false], ['!0.1', false], ["not 'x'", false], ['not nil', true],
  ]);
  t.ok(Object.is(ev('-0'), -0));
  for (const op of ['-', '+']) {
    for (const operand of ["'abc'", 'true', '[1]', 'record.meta', 'now']) {
      t.equal(runtimeErrorOf(`${op}${operand}`), `invalid operand for unary ${op}`, `${op}${operand}`);
    }
  }
  t.equal(ev('!x', { x: NaN }), true, 'NaN is falsy');
});

t.test('§2.5 && and ||: truthiness, short-circuit, boolean result', async (t) => {
  table(t, [
    ["'a' && 'b'", true], ["'a' && ''", false], ['0 || nil', false], ["0 || 'x'", true], ['[] && 1', true],
    ['1 and 2', true], ['nil or 0', false], ['false && 1 / 0', false], ['true || 1 / 0', true],
    ['false and (1 / 0)', false], ['true or 1 / 0', true], ['1 && 2 && 0', false], ['0 || 0 || 3', true],
  ]);
  t.equal(runtimeErrorOf('true && 1 / 0'), 'division by zero', 'the right side runs when needed');
});

t.test('§2.5 c ? a : b', async (t) => {
  table(t, [
    ["1 ? 'y' : 'n'", 'y'], ["0 ? 'y' : 'n'", 'n'], ["'' ? 'y' : 'n'", 'n'], ["[] ? 'y' : 'n'", 'y'],
    ["nil ? 'y' : 'n'", 'n'], ['true ? 1 : 1 / 0', 1], ['false ? 1 / 0 : 2', 2],
  ]);
});

t.test('§2.5 new Date()', async (t) => {
  t.equal(ev('new Date()'), NOW, 'the request timestamp');
  t.equal(ev('new Date() == now'), true);
  const before = Date.now();
  const d = ev('new Date()', {}) as Date;
  t.ok(d instanceof Date && d.getTime() >= before && d.getTime() <= Date.now(), 'the current time without env.now');
  t.equal((ev('new Date() == now()', { now: 'not a date' }) as boolean), true, 'one time per evaluation');
  table(t, [
    ["new Date('2025-03-09')", new Date('2025-03-09T00:00:00.000Z')],
    ["new Date('2025-03-09T14:05:00Z')", new Date('2025-03-09T14:05:00.000Z')],
    ["new Date('2025-03-09T14:05:00')", new Date('2025-03-09T14:05:00.000Z')],
    ["new Date('2025-03-09T16:05:00.000+02:00')", new Date('2025-03-09T14:05:00.000Z')],
    ["new Date('2025-02-30')", null], ["new Date('March 9, 2025')", null], ["new Date('')", null], ["new Date('1741478400000')", null],
    ['new Date(0)', new Date(0)], ['new Date(1741478400000)', new Date('2025-03-09T00:00:00.000Z')],
    ['new Date(1e300)', null], ['new Date(now)', NOW], ['new Date(new Date(0))', new Date(0)],
    ['new Date(nil)', null], ['new Date(true)', null], ['new Date([1])', null], ['new Date(record.meta)', null],
  ]);
  t.match(compileErrorOf('new Date(1, 2)'), /^new Date expects at most 1 argument, got 2$/);
  t.match(compileErrorOf('new Date'), /expected '\(' after new Date/);
  t.match(compileErrorOf('new date()'), /new is only allowed as new Date/);
  t.equal(ev('new Date(0).getTime'), null, 'members of a date are null');
});

t.test('§2.5 list literals', async (t) => {
  table(t, [['[]', []], ['[1, "a", nil, [true]]', [1, 'a', null, [true]]], ['[record.status, 1 + 1]', ['paid', 2]]]);
  t.match(compileErrorOf('[1, 2,]'), /unexpected '\]'/, 'no trailing comma');
  t.match(compileErrorOf('[,]'), /unexpected ','/);
  t.match(compileErrorOf('[1 2]'), /expected '\]' to close '\[' at position 0, found number 2 at position 3/);
});

t.test('§2.5 truthy()', async (t) => {
  for (const v of [false, null, undefined, 0, -0, NaN, '']) t.equal(truthy(v), false, `${String(v)} is falsy`);
  for (const v of [true, 1, -1, 0.1, 'x', ' ', '0', 'false', [], {}, new Date(0), Infinity]) {
    t.equal(truthy(v), true, `${JSON.stringify(v)} is truthy`);
  }
});

t.test('§2.6 len', async (t) => {
  table(t, [
    ['len([1, 2, 3])', 3], ["len('héllo')", 5], ["len('😀😀')", 2], ["len('')", 0], ['len(record.meta)', 2], ['len(nil)', 0],
    ['len(related.invoices)', 0], ['len(5)', 0], ['len(true)', 0], ['len(now)', 0], ['len(related.items)', 3],
  ]);
  t.equal(ev('len(s)', { s: '\ud800x' }), 2, 'a lone surrogate is one code point');
});

t.test('§2.6 sum', async (t) => {
  table(t, [
    ['sum([1, 2, 3.5])', 6.5], ["sum([1, '2', 'x', nil, true, [3]])", 3], ['sum([])', 0], ['sum(nil)', 0], ['sum(5)', 0],
    ["sum(related.items, 'quantity * unit_price')", 13], ["sum(related.items, 'quantity')", 5],
    ["sum([1, 2, 3], 'item * 10')", 60], ["sum([], 'item')", 0], ["sum(nil, 'item')", 0],
    ["sum(related.items, 'missing')", 0], ["sum([[1, 2], [3]], 'sum(item)')", 6],
  ]);
  t.equal(runtimeErrorOf('sum([1e308, 1e308])'), 'arithmetic result is not a finite number');
  t.equal(runtimeErrorOf("sum([1, 0], '1 / item')"), 'division by zero', 'an error inside the inner expression');
});

t.test('§2.6 count', async (t) => {
  table(t, [
    ['count([1, nil, 3])', 3], ['count([])', 0], ['count(nil)', 0], ['count(7)', 0],
    ["count(related.items, 'quantity > 1')", 2], ["count([0, 1, '', 'x', nil, []], 'item')", 3], ["count(nil, 'item')", 0],
  ]);
});

t.test('§2.6 the element scope of sum/count', async (t) => {
  const env = {
    record: { factor: 10 }, quantity: 100, item: 'outer item', factor: 2,
    lines: [{ quantity: 2, price: 5 }, { quantity: 1, price: 1, item: 100 }, 7, null],
  };
  t.equal(ev("sum(lines, 'quantity * price')", env), 11, 'element properties first');
  t.equal(ev("sum(lines, 'quantity * factor')", env), 406, 'then the outer environment (also for elements that are not objects)');
  t.equal(ev("sum(lines, 'item')", env), 107, "then `item` (an element's own `item` key wins)");
  t.equal(ev("count(lines, 'quantity == 100')", env), 2, 'a non-object element resolves names outside');
  t.equal(ev("sum(lines, 'record.factor')", env), 40);
  t.equal(ev("sum(groups, 'sum(lines, \"qty * rate\")')", {
    rate: 3, groups: [{ lines: [{ qty: 1 }, { qty: 2 }] }, { lines: [{ qty: 4, rate: 1 }] }],
  }), 13, 'nested element scopes: the inner element, then the outer element, then the environment');
  t.equal(ev("count(xs, 'constructor == nil && toString == nil')", { xs: [{}, { a: 1 }] }), 2, 'element lookups are own properties only');
});

t.test('§2.6 the second argument of sum/count is a string literal compiled with the expression', async (t) => {
  t.match(compileErrorOf('sum(xs, name)'), /^the second argument of sum must be a string literal/);
  t.match(compileErrorOf("count(xs, 'a' + 'b')"), /^the second argument of count must be a string literal/);
  t.match(compileErrorOf("sum(xs, 'foo(item)')"), /^in the inner expression of sum: unknown function foo$/);
  t.match(compileErrorOf("count(xs, 'item.toString()')"), /^in the inner expression of count: method calls are not allowed/);
  t.match(compileErrorOf("sum(xs, '')"), /^in the inner expression of sum: empty expression$/);
  t.match(compileErrorOf("sum(xs, '1 +')"), /^in the inner expression of sum: unexpected end of expression$/);
  t.match(compileErrorOf("sum(xs, 'len(1, 2)')"), /^in the inner expression of sum: len expects 1 argument, got 2$/);
  t.match(compileErrorOf("sum(xs, 'sum(ys, \"nope(\")')"), /^in the inner expression of sum: in the inner expression of sum: /);
});

t.test('§2.6 min and max', async (t) => {
  table(t, [
    ['min(3, 1, 2)', 1], ['max(3, 1, 2)', 3], ["min('10', 9)", 9], ["max('10', 9)", 10], ['min(nil, 4, nil)', 4],
    ['min(nil)', null], ['max(nil, nil)', null], ['min([5, 2, 8])', 2], ['max([5, 2, 8])', 8], ['min([])', null],
    ["max(['3', nil, 'x', true])", 3], ['min(7)', 7], ["min('x')", null], ['max([1, 2], 3)', 3], ['min(-0.5, -1e308)', -1e308],
    ["max(related.items[0].quantity, related.items[1].quantity)", 3],
  ]);
  t.match(compileErrorOf('min()'), /^min expects at least 1 argument, got 0$/);
  t.match(compileErrorOf('max()'), /^max expects at least 1 argument, got 0$/);
});

t.test('§2.6 abs, floor, ceil, round', async (t) => {
  table(t, [
    ['abs(-3)', 3], ["abs('-2.5')", 2.5], ['abs(nil)', null], ["abs('x')", null], ['abs(true)', null],
    ['floor(2.7)', 2], ['floor(-2.1)', -3], ["floor('3.9')", 3], ['floor(nil)', null],
    ['ceil(2.1)', 3], ['ceil(-2.9)', -2], ['ceil(nil)', null], ["ceil('x')", null],
    ['round(2.5)', 3], ['round(-2.5)', -3], ['round(2.4)', 2], ['round(-0.4)', 0], ['round(1.005, 2)', 1.01],
    ['round(2.345, 2)', 2.35], ['round(-2.345, 2)', -2.35], ['round(1234.5678, 0)', 1235], ['round(1250, -2)', 1300],
    ['round(-1250, -2)', -1300], ['round(1249, -2)', 1200], ['round(5, -1)', 10], ['round(4, -3)', 0], ["round('2.55', '1')", 2.6],
    ['round(nil)', null], ['round(nil, 2)', null], ['round(2.5, nil)', null], ['round(2.5, 1.5)', null], ["round('x', 1)", null],
    ['round(0.1 + 0.2, 2)', 0.3], ['round(1e21, 2)', 1e21], ['round(123.456, 500)', 123.456],
  ]);
  t.equal(runtimeErrorOf('round(1.7e308, -308)'), 'arithmetic result is not a finite number');
  t.match(compileErrorOf('round()'), /^round expects 1 or 2 arguments, got 0$/);
  t.match(compileErrorOf('round(1, 2, 3)'), /^round expects 1 or 2 arguments, got 3$/);
  t.match(compileErrorOf('abs(1, 2)'), /^abs expects 1 argument, got 2$/);
});

t.test('§2.6 lower, upper, trim', async (t) => {
  table(t, [
    ["lower('ÀBc')", 'àbc'], ["upper('straße')", 'STRASSE'], ["trim('  x y \\n')", 'x y'], ["trim('\\t')", ''],
    ['lower(nil)', null], ['upper(nil)', null], ['trim(nil)', null], ['lower(5)', null], ['upper([1])', null],
  ]);
});

t.test('§2.6 contains, startsWith, endsWith', async (t) => {
  table(t, [
    ["contains('hello', 'ell')", true], ["contains('hello', 'xyz')", false], ["contains('hello', '')", true],
    ["startsWith('hello', 'he')", true], ["startsWith('hello', 'lo')", false], ["endsWith('hello', 'lo')", true],
    ["endsWith('hello', 'he')", false], ["contains(nil, 'a')", false], ["contains('a', nil)", false],
    ['startsWith(nil, nil)', false], ["endsWith(nil, 'x')", false], ["contains(123, '2')", false],
  ]);
  t.match(compileErrorOf("contains('a')"), /^contains expects 2 arguments, got 1$/);
});

t.test('§2.6 string and number', async (t) => {
  const env = { d: new Date('2025-03-09T14:05:00.000Z') };
  table(t, [
    ["string('x')", 'x'], ['string(1.5)', '1.5'], ['string(-0)', '0'], ['string(1e21)', '1000000000000000000000'],
    ['string(1e-7)', '0.0000001'], ['string(true)', 'true'], ['string(false)', 'false'], ['string(nil)', null],
    ['string(d)', '2025-03-09T14:05:00.000Z'], ["string([1, 'a', nil, d])", '[1,"a",null,"2025-03-09T14:05:00.000Z"]'],
    ['number(5)', 5], ["number('5.5')", 5.5], ["number('-1e3')", -1000], ["number('+.5')", 0.5], ["number('abc')", null],
    ["number('')", null], ["number(' 5')", null], ["number('0x10')", null], ["number('Infinity')", null],
    ['number(true)', null], ['number(nil)', null], ['number(d)', null], ['number([1])', null],
  ], env);
  t.match(compileErrorOf('string()'), /^string expects 1 argument, got 0$/);
});

t.test('§2.6 now()', async (t) => {
  t.equal(ev('now()'), NOW);
  t.equal(ev('now() == now'), true);
  t.match(compileErrorOf('now(1)'), /^now expects no arguments, got 1$/);
  const d = ev('now()', { now: null });
  t.ok(d instanceof Date, 'the current time when the environment has none');
});

t.test('§2.8 the expressions of the shipped documentation', async (t) => {
  const base = { related: {}, user: { id: 1, roles: ['member'] }, now: NOW };
  const rule = (record: object, old: object | null, action: string, extra: object = {}) => ({ ...base, record, old, action, ...extra });
  const admin = { id: 2, roles: ['admin'] };
  type Case = [env: ExprEnv, expected: unknown];
  const cases: [string, Case[]][] = [
    ["record.status == 'paid' && record.payment_date == nil", [
      [rule({ status: 'paid', payment_date: null }, null, 'create'), true],
      [rule({ status: 'paid', payment_date: '2025-03-01' }, null, 'create'), false],
      [rule({ status: 'draft' }, null, 'create'), false],
    ]],
    ['record.end_date != nil && record.end_date <= record.start_date', [
      [rule({ start_date: '2025-03-10', end_date: '2025-03-09' }, null, 'create'), true],
      [rule({ start_date: '2025-03-10', end_date: '2025-03-10' }, null, 'create'), true],
      [rule({ start_date: '2025-03-10', end_date: '2025-04-01' }, null, 'create'), false],
      [rule({ start_date: '2025-03-10', end_date: null }, null, 'create'), false],
    ]],
    ["action == 'update' && old.status == 'void'", [
      [rule({ status: 'x' }, null, 'create'), false],
      [rule({ status: 'x' }, { status: 'void' }, 'update'), true],
      [rule({ status: 'x' }, { status: 'open' }, 'update'), false],
    ]],
    ["action == 'update' && old != nil && old.status == 'void'", [
      [rule({}, null, 'update'), false], [rule({}, { status: 'void' }, 'update'), true],
    ]],
    ["action == 'update' && old.status != record.status && !('admin' in user.roles)", [
      [rule({ status: 'b' }, { status: 'a' }, 'update'), true],
      [rule({ status: 'b' }, { status: 'a' }, 'update', { user: admin }), false],
      [rule({ status: 'a' }, { status: 'a' }, 'update'), false],
    ]],
    ['action == \'update\' && old != nil && old.status != record.status && !("admin" in user.roles)', [
      [rule({ status: 'b' }, { status: 'a' }, 'update'), true],
      [rule({ status: 'b' }, { status: 'a' }, 'update', { user: admin }), false],
      [rule({ status: 'b' }, null, 'update'), false],
    ]],
    ['len(related.invoices) > 0', [
      [rule({}, {}, 'delete', { related: { invoices: [{ id: 1 }] } }), true],
      [rule({}, {}, 'delete', { related: { invoices: [] } }), false],
      [rule({}, {}, 'delete', { related: {} }), false],
    ]],
    ["sum(related.items, 'quantity * unit_price')", [
      [rule({}, null, 'create', { related: { items: [{ quantity: 2, unit_price: 1.25 }, { quantity: 1, unit_price: 10 }] } }), 12.5],
      [rule({}, null, 'create', { related: { items: [] } }), 0],
    ]],
    ['record.quantity * record.unit_price', [[rule({ quantity: 3, unit_price: 2.5 }, null, 'create'), 7.5], [rule({ quantity: null, unit_price: 2 }, null, 'create'), null]]],
    ['record.subtotal * (1 + record.tax_rate)', [[rule({ subtotal: 100, tax_rate: 0.2 }, null, 'create'), 120]]],
    ['new Date(record.end_date) >= new Date(record.start_date)', [
      [rule({ start_date: '2025-03-01', end_date: '2025-03-31' }, null, 'create'), true],
      [rule({ start_date: '2025-03-31', end_date: '2025-03-01' }, null, 'create'), false],
      [rule({ start_date: null, end_date: '2025-03-01' }, null, 'create'), false],
    ]],
    ['record.discount < 0 || record.discount > 100', [
      [rule({ discount: -1 }, null, 'create'), true], [rule({ discount: 101 }, null, 'create'), true], [rule({ discount: 50 }, null, 'create'), false],
      [rule({ discount: null }, null, 'create'), false],
    ]],
    ["record.email == nil || record.email == ''", [
      [rule({ email: null }, null, 'create'), true], [rule({ email: '' }, null, 'create'), true], [rule({}, null, 'create'), true],
      [rule({ email: 'a@b.c' }, null, 'create'), false],
    ]],
    ['record.payment_date != nil && record.payment_amount >= record.total', [
      [rule({ payment_date: '2025-03-01', payment_amount: 110, total: 99.5 }, {}, 'update'), true],
      [rule({ payment_date: '2025-03-01', payment_amount: 10, total: 99.5 }, {}, 'update'), false],
      [rule({ payment_date: null, payment_amount: 110, total: 99.5 }, {}, 'update'), false],
    ]],
    ['record.total > 0', [[rule({ total: 1 }, {}, 'update'), true], [rule({ total: 0 }, {}, 'update'), false]]],
    ['context.amount > 10000', [[{ context: { amount: '20000' }, now: NOW }, true], [{ context: { amount: 9000 }, now: NOW }, false], [{ context: {} }, false]]],
    ['context.amount > 5000', [[{ context: { amount: '5000.01' } }, true], [{ context: { amount: '5000' } }, false]]],
    ['context.amount > 50000', [[{ context: { amount: 50001 } }, true], [{ context: { amount: '1e4' } }, false]]],
    ['context.days > 5', [[{ context: { days: '6' } }, true], [{ context: { days: 5 } }, false]]],
    ["context.department == 'engineering'", [[{ context: { department: 'engineering' } }, true], [{ context: { department: 'sales' } }, false]]],
    ['context.record.amount > 10000', [[{ context: { record: { amount: 10001 } } }, true], [{ context: {} }, false]]],
    ['true', [[{}, true]]],
    ["action === 'create'", [[{ action: 'create' }, true], [{ action: 'update' }, false]]],
    ...(['published', 'approved', 'resolved', 'submitted', 'graded'].map((s): [string, Case[]] =>
      [`record.status === '${s}'`, [[{ record: { status: s } }, true], [{ record: { status: 'draft' } }, false]]])),
    ["record.status == 'paid' && (old == nil || old.status != 'paid')", [
      [{ record: { status: 'paid' }, old: null }, true], [{ record: { status: 'paid' }, old: { status: 'sent' } }, true],
      [{ record: { status: 'paid' }, old: { status: 'paid' } }, false],
    ]],
    ["record.status == 'paid' && old.status != 'paid'", [
      [{ record: { status: 'paid' }, old: null }, true], [{ record: { status: 'paid' }, old: { status: 'paid' } }, false],
    ]],
    ["action == 'create' && record.total > 5000", [
      [{ action: 'create', record: { total: 6000 } }, true], [{ action: 'update', record: { total: 6000 } }, false],
    ]],
    ["action == 'create'", [[{ action: 'create' }, true]]],
    ['old != nil && old.status != record.status', [
      [{ old: null, record: { status: 'a' } }, false], [{ old: { status: 'a' }, record: { status: 'b' } }, true],
      [{ old: { status: 'a' }, record: { status: 'a' } }, false],
    ]],
  ];
  for (const [source, envs] of cases) {
    const compiled = compileExpression(source);
    for (const [env, expected] of envs) t.same(compiled.evaluate(env), expected, `${source} with ${JSON.stringify(env)}`);
  }
});

t.test('compile errors: forbidden constructs', async (t) => {
  const rows: [string, RegExp][] = [
    ['record.name.toLowerCase()', /^method calls are not allowed \(\.toLowerCase\( at position 23\)/],
    ["record.tags.includes('a')", /^method calls are not allowed \(\.includes\(/],
    ["record['name']()", /^method calls are not allowed/],
    ['a?.b()', /^method calls are not allowed \(\.b\(/],
    ['new Date().getTime()', /^method calls are not allowed \(\.getTime\(/],
    ['record.status = 1', /^assignment is not allowed \(= at position 14; use == to compare\)$/],
    ['x += 1', /^assignment is not allowed/], ['x -= 1', /^assignment is not allowed/], ['x *= 2', /^assignment is not allowed/],
    ['x ||= 2', /^assignment is not allowed/], ['x %= 2', /^assignment is not allowed/],
    ['foo(1)', /^unknown function foo$/], ['Date(1)', /^unknown function Date$/], ['eval("1")', /^unknown function eval$/],
    ['constructor(1)', /^unknown function constructor$/], ['toString()', /^unknown function toString$/],
    ['__proto__()', /^unknown function __proto__$/], ['hasOwnProperty()', /^unknown function hasOwnProperty$/],
    ['LEN(x)', /^unknown function LEN$/],
    ['len()', /^len expects 1 argument, got 0$/], ['len(1, 2)', /^len expects 1 argument, got 2$/],
    ['sum()', /^sum expects 1 or 2 arguments, got 0$/], ["sum(a, 'b', 'c')", /^sum expects 1 or 2 arguments, got 3$/],
    ["count(a, 'b', 'c')", /^count expects 1 or 2 arguments, got 3$/], ['lower()', /^lower expects 1 argument, got 0$/],
    ['startsWith(a)', /^startsWith expects 2 arguments, got 1$/], ['number(1, 2)', /^number expects 1 argument, got 2$/],
    ['1 2', /^unexpected number 2 at position 2 after a complete expression$/],
    ["record.status == 'a' 'b'", /^unexpected string literal at position 21 after a complete expression$/],
    ['a b', /^unexpected identifier b at position 2 after a complete expression$/],
    ['(1))', /^unexpected '\)' at position 3 after a complete expression$/],
    ['1 ]', /^unexpected '\]' at position 2 after a complete expression$/],
    ['{a: 1}', /^object literals are not allowed \(\{ at position 0\)$/], ["x == {}", /^object literals are not allowed/],
    ['x => x', /^arrow functions are not allowed/], ['(x) => 1', /^arrow functions are not allowed/],
    ['new Foo()', /^new is only allowed as new Date\(…\)/], ['new Date.x()', /expected '\(' after new Date/],
    ['new (Date)()', /^new is only allowed as new Date/], ['new new Date()', /^new is only allowed/],
    ['(1)(2)', /^only the built-in functions can be called by name/], ["'x'()", /^only the built-in functions can be called/],
    ['len(x)(1)', /^only the built-in functions can be called/], ['true()', /^only the built-in functions/],
    ['', /^empty expression$/], ['   \n\t', /^empty expression$/],
    ['1 +', /^unexpected end of expression$/], ['(1', /^expected '\)' to close '\(' at position 0, found the end of the expression$/],
    ['len(1', /^expected '\)' to close '\(' at position 3/], ['a ? 1', /^expected ':' in a conditional/],
    ['a ? : 1', /^unexpected ':' at position 4$/], ['1 & 2', /^bitwise operators are not supported/],
    ['1 | 2', /^bitwise operators are not supported/], ['a ?? b', /^the \?\? operator is not supported/],
    ['a; b', /^unexpected ';'/], ['#', /^unexpected character '#' at position 0$/], ['a ** 2', /^unexpected '\*' at position 3$/],
    ['a not b', /^unexpected keyword not at position 2 \(did you mean 'not in'\?\)$/], ['1 ~ 2', /^unexpected character '~'/],
    ['a\u0000', /^unexpected character U\+0000 at position 1$/], ['\ud800', /^unexpected character U\+D800/],
    ['😀', /^unexpected character U\+1F600/], ['this', /^$/], ['globalThis', /^$/],
  ];
  for (const [source, reason] of rows) {
    if (reason.source === '^$') {
      t.equal(compileErrorOf(source), undefined, `${source} is just an (unknown) variable`);
      t.equal(ev(source), null, `${source} is null`);
      continue;
    }
    t.match(compileErrorOf(source), reason, JSON.stringify(source));
  }
  t.match(compileErrorOf(42 as unknown as string), /^expression must be a string$/, 'a non-string source');
});

t.test('sandbox: nothing outside the environment is reachable', async (t) => {
  const env = {
    ...ENV,
    fn: () => 'called',
    holder: { fn: () => 'called', cls: class X {}, map: new Map([['a', 1]]), boxed: new String('s'), re: /x/, sym: Symbol('s') },
    inst: new (class Person { name = 'ann'; })(),
    proto: Object.create({ inherited: 'yes' }),
    nullProto: Object.assign(Object.create(null) as object, { a: 1 }),
    parsed: JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c"}') as unknown,
    globals: { g: globalThis, op: Object.prototype, ap: Array.prototype, m: Math, j: JSON, fp: Function.prototype },
  };
  const nulls = [
    'record.constructor', 'record.__proto__', "record['__proto__']", "record['constructor']", 'record.prototype',
    'record.toString', 'record.hasOwnProperty', 'record.valueOf', 'record.isPrototypeOf', 'record.__defineGetter__',
    'record.constructor.constructor', "record['constructor']['constructor']", 'user.roles.constructor', 'user.roles.map',
    'user.roles.push', "user.roles['constructor']", 'user.roles.__proto__', "''.constructor", "'abc'.toUpperCase",
    "'x'['constructor']", '(1).constructor', '[].constructor', '[].map', 'true.constructor', 'len.constructor',
    'sum.constructor', 'now.constructor', 'now.getTime', 'new Date().constructor', 'record.status.constructor',
    'fn', 'fn.call', 'holder.fn', 'holder.cls', 'holder.map', 'holder.map.size', 'holder.boxed', 'holder.re', 'holder.sym',
    'inst', 'inst.name', 'proto', 'proto.inherited', 'globals.g', 'globals.op', 'globals.ap', 'globals.m', 'globals.m.PI', 'globals.op.constructor',
    'globals.j', 'globals.fp', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'process', 'require', 'globalThis',
    'Object', 'Function', 'this', 'parsed.__proto__.constructor', 'record.meta.nested.constructor',
    "related.items[0]['__proto__']", 'related.items.constructor', "[record][0]['constructor']",
  ];
  for (const source of nulls) t.equal(ev(source, env), null, source);
  t.equal(ev('nullProto.a', env), 1, 'a null-prototype object is plain data');
  t.same(ev('[globals.op, globals.ap, globals.j]', env), [null, null, null], 'built-ins are never returned');
  t.equal(ev('!globals.op', env), true, 'and are null inside the expression too');
  t.same(ev('parsed.__proto__', env), { polluted: true }, 'an own __proto__ key is data');
  t.equal(ev('parsed.constructor', env), 'c', 'an own constructor key is data');
  t.equal(ev("'constructor' in record", env), false);
  t.equal(ev("'toString' in record", env), false);
  t.equal(ev('len(holder)', env), 6, 'the keys of an object are there, their host values are null');
  t.same(ev('holder', env), { fn: null, cls: null, map: null, boxed: null, re: null, sym: null },
    'a returned object never carries a host value');
  t.same(ev('[fn, holder.map]', env), [null, null]);
  t.equal(ev('fn == nil', env), true, 'a function compares as null');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
});

t.test('results are values of the language, never undefined or host objects', async (t) => {
  const env = { a: [1, undefined, () => 1, , 4], o: { u: undefined, d: new Date(NaN), n: { deep: [() => 2] } }, big: 12n, huge: 2n ** 64n };
  t.same(ev('a', env), [1, null, null, null, 4], 'holes, undefined and functions in a returned list are null');
  t.same(ev('o', env), { u: null, d: null, n: { deep: [null] } });
  t.equal(ev('o.u', env), null);
  t.equal(ev('o.d', env), null, 'an invalid date reads as null');
  t.equal(ev('big', env), 12, 'a bigint reads as a number');
  t.equal(ev('huge', env), '18446744073709551616', 'or as its digits beyond 2^53');
  const clean = { list: [1, { x: [2] }] };
  t.equal(ev('list', clean), clean.list, 'clean data is returned as is, without a copy');
  const polluted = JSON.parse('{"__proto__": {"x": 1}, "f": 1}') as Record<string, unknown>;
  polluted.g = () => 1;
  const copy = ev('o', { o: polluted }) as Record<string, unknown>;
  t.equal(Object.getPrototypeOf(copy), Object.prototype, 'a copy keeps its prototype');
  t.ok(Object.hasOwn(copy, '__proto__'), 'and an own __proto__ key stays a key');
  t.same(copy.__proto__, { x: 1 });
  t.equal(copy.g, null);
  class Sub extends Date {}
  const sub = ev('d', { d: new Sub(0) });
  t.ok(sub instanceof Date && Object.getPrototypeOf(sub) === Date.prototype, 'a Date subclass becomes a plain Date');
});

t.test('evaluate throws only ExprRuntimeError, even for a hostile environment', async (t) => {
  const getter = Object.defineProperty({}, 'x', { get() { throw new TypeError('boom'); }, enumerable: true });
  const proxy = new Proxy({}, { getPrototypeOf() { throw new Error('trap'); }, has() { throw new Error('trap'); } });
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cases: [string, ExprEnv, RegExp][] = [
    ['o.x', { o: getter }, /^unexpected evaluation error: boom$/],
    ['o', { o: getter }, /^unexpected evaluation error: boom$/],
    ['p.a', { p: proxy }, /^unexpected evaluation error: trap$/],
    ['c', { c: cyclic }, /^value nested too deeply \(the limit is 256 levels\)$/],
    ['c == c', { c: cyclic }, /^value nested too deeply/],
    ["'' + c", { c: cyclic }, /^value nested too deeply/],
    ['string(c)', { c: cyclic }, /^value nested too deeply/],
  ];
  for (const [source, env, reason] of cases) {
    const compiled = compileExpression(source);
    t.throws(() => compiled.evaluate(env), ExprRuntimeError, source);
    t.match(runtimeErrorOf(source, env), reason, source);
  }
  t.equal(ev('c.self.self.self.a', { c: cyclic }), 1, 'walking a cycle by name is fine');
  t.equal(ev('x', null as unknown as ExprEnv), null, 'no environment at all');
  t.equal(ev('x', 'str' as unknown as ExprEnv), null);
  t.equal(ev('now', Object.create({ now: 1 }) as ExprEnv), null, 'only own properties of the environment');
});

t.test('limits: length and nesting are compile errors, flat chains are not nesting', async (t) => {
  t.same(EXPR_LIMITS, { maxLength: 4096, maxDepth: 64, maxStringLength: 1_000_000, maxListLength: 100_000 });
  const max = EXPR_LIMITS.maxDepth;
  t.equal(compileErrorOf('1' + ' '.repeat(EXPR_LIMITS.maxLength - 1)), undefined, 'the length limit is inclusive');
  t.equal(compileErrorOf('1' + ' '.repeat(EXPR_LIMITS.maxLength)), 'expression is too long (4,097 characters; the limit is 4,096)');
  t.equal(compileErrorOf('x'.repeat(1_000_000)), 'expression is too long (1,000,000 characters; the limit is 4,096)');
  const tooDeep = 'expression is nested too deeply (the limit is 64 levels)';
  t.equal(ev('('.repeat(max) + '1' + ')'.repeat(max)), 1, 'the depth limit is inclusive');
  t.equal(compileErrorOf('('.repeat(max + 1) + '1' + ')'.repeat(max + 1)), tooDeep);
  t.equal(compileErrorOf('('.repeat(4000)), tooDeep, 'unbalanced input never recurses past the limit');
  t.equal(compileErrorOf('['.repeat(4000)), tooDeep);
  t.equal(compileErrorOf('len('.repeat(1000)), tooDeep);
  t.equal(compileErrorOf('a' + '[a'.repeat(2000)), tooDeep);
  t.equal(compileErrorOf('1?'.repeat(2000) + '1'), tooDeep, 'nested ternaries');
  t.equal(compileErrorOf('1 ? 2 : '.repeat(65) + '3'), tooDeep, 'a ternary chain nests');
  t.equal(compileErrorOf('1 ? 2 : '.repeat(63) + '3'), undefined);
  t.same(ev('['.repeat(max) + ']'.repeat(max)), JSON.parse('['.repeat(max) + ']'.repeat(max)));
  t.equal(ev('!'.repeat(4000) + '1'), true, 'a long prefix chain is flat');
  t.equal(ev('-'.repeat(4001) + '1'), -1);
  t.equal(ev('not '.repeat(1000) + '0'), false);
  t.equal(ev('1' + '+1'.repeat(2000)), 2001, 'a long + chain is flat');
  t.equal(ev('1' + ' && 1'.repeat(800)), true);
  t.equal(ev('1' + ' == 1'.repeat(800)), false);
  t.equal(ev('a' + '.a'.repeat(2000), { a: null }), null, 'a long member path is flat');
  const chain: Record<string, unknown> = {};
  chain.a = chain;
  t.equal(ev('a' + '.a'.repeat(2000) + ' == nil', chain), false);
  t.equal(compileErrorOf(`sum(x, '${'('.repeat(max - 1)}1${')'.repeat(max - 1)}')`), undefined, 'inner expressions share the limit');
  t.equal(compileErrorOf(`sum(x, '${'('.repeat(max)}1${')'.repeat(max)}')`), `in the inner expression of sum: ${tooDeep}`);
  t.equal(compileErrorOf(`(sum(x, '${'('.repeat(max - 1)}1${')'.repeat(max - 1)}'))`), `in the inner expression of sum: ${tooDeep}`);
});

t.test('limits: strings, lists, deep values and the work budget are runtime errors', async (t) => {
  const half = 'x'.repeat(EXPR_LIMITS.maxStringLength / 2);
  const stringTooLong = 'string too long (the limit is 1,000,000 characters)';
  t.equal((ev('s + s', { s: half }) as string).length, EXPR_LIMITS.maxStringLength, 'the string limit is inclusive');
  t.equal(runtimeErrorOf("s + s + 'x'", { s: half }), stringTooLong);
  t.equal(runtimeErrorOf('upper(s + s) + 1', { s: half }), stringTooLong);
  t.equal(runtimeErrorOf('upper(s)', { s: 'ß'.repeat(600_000) }), stringTooLong, 'a function result over the limit');
  t.equal(runtimeErrorOf('string(l)', { l: Array.from({ length: 90_000 }, () => 'abcdefghij') }), stringTooLong);
  t.equal(ev('len(s)', { s: half + half + half }), 1_500_000, 'a long string from the environment can be read');

  const big = Array.from({ length: EXPR_LIMITS.maxListLength + 1 }, (_, i) => i);
  const ok = big.slice(1);
  t.equal(ev('sum(l)', { l: ok }), (ok.length * (ok.length + 1)) / 2, 'the list limit is inclusive');
  t.equal(ev('count(l)', { l: ok }), ok.length);
  for (const [source, fn] of [['sum(l)', 'sum'], ["sum(l, 'item')", 'sum'], ['count(l)', 'count'], ["count(l, 'item')", 'count'],
    ['min(l)', 'min'], ['max(l)', 'max'], ['1 in l', 'in'], ['l == l', '==']] as const) {
    t.equal(runtimeErrorOf(source, { l: big }), `list too long for ${fn} (the limit is 100,000 elements)`, source);
  }
  t.equal(ev('len(l)', { l: big }), big.length, 'len is constant time and has no limit');
  t.equal(ev('l[100000]', { l: big }), 100_000, 'reading an element has no limit');

  let deep: unknown = 1;
  for (let i = 0; i < 300; i++) deep = [deep];
  t.match(runtimeErrorOf('a == b', { a: deep, b: deep }), /^value nested too deeply/);
  let okDeep: unknown = 1;
  for (let i = 0; i < 200; i++) okDeep = { k: okDeep };
  t.equal(ev('a == b', { a: okDeep, b: JSON.parse(JSON.stringify(okDeep)) }), true, '200 levels compare');

  const l = Array.from({ length: 1000 }, (_, i) => i);
  t.equal(ev("count(l, 'count(l, \"item > 500\") > 0')", { l }), 1000, 'a million inner steps are fine');
  t.equal(runtimeErrorOf("count(l, 'count(l, \"count(l, \\'item\\') > 0\") > 0')", { l }),
    'evaluation too expensive (the limit is 5,000,000 steps)', 'a billion are not');
  const shared: unknown[] = [];
  let dag: unknown = shared;
  for (let i = 0; i < 60; i++) dag = [dag, dag];
  t.equal(runtimeErrorOf('a == a', { a: dag }), 'evaluation too expensive (the limit is 5,000,000 steps)', 'a shared sub-value is charged per visit');
  t.equal(runtimeErrorOf('a', { a: dag }), 'evaluation too expensive (the limit is 5,000,000 steps)');
});

t.test('exprEquals, exprCompare, toDate, textForm and toNumber', async (t) => {
  t.equal(exprEquals(1, '1'), true);
  t.equal(exprEquals(undefined, null), true);
  t.equal(exprEquals({ a: [1, { b: '2' }] }, { a: ['1', { b: 2 }] }), true);
  t.equal(exprEquals(new Date(0), '1970-01-01T00:00:00Z'), true);
  t.equal(exprEquals(() => 1, null), true, 'a function is null');
  t.equal(exprEquals([1], [2]), false);
  t.equal(exprCompare(1, 2), -1);
  t.equal(exprCompare('b', 'a'), 1);
  t.equal(exprCompare('10', 9), 1);
  t.equal(exprCompare(new Date(5), new Date(5)), 0);
  t.equal(exprCompare(null, 1), undefined);
  t.equal(exprCompare(true, false), undefined);
  t.equal(exprCompare('x', 1), undefined);
  t.equal(exprCompare('\uffff', '\u{10000}'), -1, 'code-point order, not UTF-16 order');
  t.same(toDate('2025-03-09'), new Date('2025-03-09T00:00:00.000Z'));
  t.equal(toDate('2025-13-01'), null);
  t.equal(toDate('0000-01-01'), null, 'years 0001–9999');
  t.equal(toDate(new Date(NaN)), null);
  t.equal(toDate(undefined), null);
  t.equal(toDate('2025-03-09' + ' '.repeat(100)), null);
  t.same(toDate(86_400_000), new Date('1970-01-02T00:00:00.000Z'));
  t.equal(textForm(null), null);
  t.equal(textForm(undefined), null);
  t.equal(textForm(0.1), '0.1');
  t.equal(textForm(-0), '0');
  t.equal(textForm(123e-20), '0.00000000000000000123');
  t.equal(textForm(true), 'true');
  t.equal(textForm(new Date(0)), '1970-01-01T00:00:00.000Z');
  t.equal(textForm({ a: [1, null, undefined], b: 'x"y' }), '{"a":[1,null,null],"b":"x\\"y"}');
  t.equal(textForm({ toJSON: () => 'hijack' }), '{"toJSON":null}', 'toJSON never runs');
  t.equal(toNumber(5), 5);
  t.equal(toNumber('5e2'), 500);
  t.equal(toNumber('-.5'), -0.5);
  t.equal(toNumber('1e400'), null, 'a numeric string must be finite');
  t.equal(toNumber('1 '), null);
  t.equal(toNumber(''), null);
  t.equal(toNumber(null), null);
  t.equal(toNumber(true), null);
  t.equal(toNumber(new Date(0)), null);
  const digits = '1'.repeat(200_000) + 'x';
  const started = Date.now();
  t.equal(toNumber(digits), null);
  t.ok(Date.now() - started < 200, 'a long non-numeric digit run is rejected in linear time');
});

t.test('a compiled expression is reusable and independent of the environment it last saw', async (t) => {
  const compiled = compileExpression("sum(items, 'qty') + base");
  t.equal(compiled.evaluate({ items: [{ qty: 1 }], base: 10 }), 11);
  t.equal(compiled.evaluate({ items: [{ qty: 2 }, { qty: 3 }], base: 0 }), 5);
  t.equal(compiled.evaluate({}), null);
  t.ok(Object.isFrozen(compiled));
});
