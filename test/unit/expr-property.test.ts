// Property-based test of the expression sandbox (issue 13, item 2): well over 100,000 random and
// hostile expressions against random and hostile environments, from a seeded PRNG so a failure
// reproduces. Every case must compile or throw ExprCompileError, evaluate or throw a documented
// ExprRuntimeError, and return only values of the language (never undefined, a function, a
// prototype or any other host object); no host function in the environment may ever be called and
// no prototype may change. An oracle part checks arithmetic, comparison and logic (precedence,
// associativity, short-circuit, error reasons) against an independent evaluator of the same tree.
import t from 'tap';
import { ExprCompileError, ExprRuntimeError, compileExpression, truthy, type ExprEnv } from '../../core/expr/index.js';

const SEED = Number(process.env.EXPR_PROPERTY_SEED ?? 20250309);

/** mulberry32: small, fast, good enough to explore. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

let rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const chance = (p: number) => rand() < p;
const pick = <T>(items: readonly T[]): T => items[int(items.length)];

// ---- hostile host objects ---------------------------------------------------------------------

/** Incremented by every host function planted in an environment; must stay 0. */
let canaryCalls = 0;
const canary = () => {
  canaryCalls++;
  return 'canary';
};
const GETTER_MESSAGE = 'hostile getter';

function canaryObject(): object {
  return {
    toString: canary, valueOf: canary, toJSON: canary, [Symbol.toPrimitive]: canary, then: canary,
    constructor: canary, hasOwnProperty: canary, length: canary, status: canary,
  };
}

function canaryArray(): unknown[] {
  const list: unknown[] = [1, 'a', canary];
  Object.assign(list, { includes: canary, indexOf: canary, map: canary, some: canary, join: canary, toString: canary });
  return list;
}

function canaryDate(): Date {
  const d = new Date('2025-03-09T14:05:00.000Z');
  Object.assign(d, { getTime: canary, toISOString: canary, valueOf: canary, toJSON: canary, toString: canary });
  return d;
}

class Person {
  name = 'ann';
  greet() {
    return canary();
  }
}

const throwingGetter = () =>
  Object.defineProperty({ ok: 1 }, 'boom', { get() { throw new TypeError(GETTER_MESSAGE); }, enumerable: true });

const INTRINSICS: ReadonlySet<unknown> = new Set<unknown>([
  globalThis, Object.prototype, Array.prototype, Function.prototype, Date.prototype, String.prototype,
  Number.prototype, Boolean.prototype, Symbol.prototype, RegExp.prototype, Error.prototype, Map.prototype,
  Set.prototype, Promise.prototype, Math, JSON, Reflect, Atomics, Intl, console, process,
]);

// Shared expensive values, built once.
const BIG_LIST = Array.from({ length: 100_001 }, (_, i) => (i % 3 === 0 ? String(i) : i));
const OK_LIST = BIG_LIST.slice(1);
const DEEP_LIST = (() => {
  let v: unknown = 1;
  for (let i = 0; i < 400; i++) v = [v];
  return v;
})();
const DEEP_OBJECT = (() => {
  let v: unknown = { leaf: true };
  for (let i = 0; i < 300; i++) v = { a: v, b: i };
  return v;
})();
const CYCLIC = (() => {
  const o: Record<string, unknown> = { a: 1, list: [] };
  o.self = o;
  (o.list as unknown[]).push(o);
  return o;
})();
const DAG = (() => {
  let v: unknown = [1];
  for (let i = 0; i < 16; i++) v = [v, v];
  return v;
})();
const HUGE_STRING = 'x'.repeat(600_000);

// ---- random values and environments -------------------------------------------------------------

const HOST_VALUES: (() => unknown)[] = [
  canaryObject, canaryArray, canaryDate, () => new Person(), () => new Map([['a', 1]]), () => Symbol('s'), () => 12n, () => 2n ** 70n,
];
// Built once: an Error captures a stack trace, which is slow to do 10,000 times.
const BOXED_AND_BUILT_INS: unknown[] = [new String('boxed'), new Number(1), /re/, new Error('e'), Promise.resolve(1), new Uint8Array(2), class {}];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length', 'then', 'toJSON'];
const KEYS = ['a', 'b', 'status', 'amount', 'total', 'item', 'quantity', 'price', 'x', 'new', 'in', 'roles', ...PROTO_KEYS];
const NUMBERS = [0, -0, 1, -1, 2, 0.5, 1.5, 3, 10, 100, 1e21, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity];
const NUMERIC_STRINGS = ['0', '1', '-2.5', '1e3', '.5', '1.', '007', '1e400', ' 1', '0x10', '', '+3', '-0', 'Infinity', 'NaN'];
const DATE_STRINGS = ['2025-03-09', '2025-03-09T14:05:00Z', '2025-03-09T14:05:00.123+02:00', '2025-02-30', '0000-01-01', '9999-12-31T23:59:59.999Z'];

function randomString(maxLength = 12): string {
  const n = int(maxLength + 1);
  let s = '';
  for (let i = 0; i < n; i++) {
    switch (int(8)) {
      case 0: s += String.fromCharCode(0xd800 + int(0x800)); break; // lone surrogates
      case 1: s += '\u0000'; break;
      case 2: s += pick(['😀', 'é', 'ß', '\u2028', '\uffff', '\u{10ffff}', "'", '"', '\\', '\n']); break;
      case 3: s += String.fromCharCode(int(0x10000)); break;
      default: s += String.fromCharCode(0x20 + int(95));
    }
  }
  return s;
}

function randomValue(depth: number): unknown {
  const roll = int(depth > 0 ? 30 : 21);
  switch (roll) {
    case 0: return null;
    case 1: return undefined;
    case 2: return chance(0.5);
    case 3: case 4: return pick(NUMBERS);
    case 5: return (rand() - 0.5) * 10 ** int(12);
    case 6: return pick(NUMERIC_STRINGS);
    case 7: case 8: return randomString();
    case 9: return pick(DATE_STRINGS);
    case 10: return chance(0.8) ? new Date(Date.UTC(2000 + int(50), int(12), 1 + int(28))) : new Date(NaN);
    case 11: return pick(KEYS);
    case 12: return canary;
    case 13: return pick(HOST_VALUES)();
    case 14: return pick([Object.prototype, Array.prototype, Function.prototype, Math, JSON, globalThis, Date.prototype, Reflect]);
    case 15: return pick(BOXED_AND_BUILT_INS);
    case 16: return Object.create({ inherited: 'yes', status: 'paid' }) as unknown;
    case 17: return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}, "a": 1}') as unknown;
    case 18: return chance(0.1) ? pick([DEEP_LIST, DEEP_OBJECT, CYCLIC, DAG]) : 'plain';
    case 19: return chance(0.01) ? pick([BIG_LIST, OK_LIST, HUGE_STRING]) : 1;
    case 20: return chance(0.05) ? throwingGetter() : 'x';
    default: {
      if (chance(0.5)) {
        const n = int(5);
        const list: unknown[] = [];
        for (let i = 0; i < n; i++) list.push(randomValue(depth - 1));
        if (chance(0.1)) list.length += 2; // holes
        return list;
      }
      const obj: Record<string, unknown> = chance(0.2) ? (Object.create(null) as Record<string, unknown>) : {};
      const n = int(5);
      for (let i = 0; i < n; i++) {
        const key = pick(KEYS);
        const value = randomValue(depth - 1);
        // An own "__proto__" key needs defineProperty (assignment would set the prototype).
        if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        else obj[key] = value;
      }
      return obj;
    }
  }
}

const ENV_NAMES = ['record', 'old', 'related', 'user', 'action', 'now', 'context', 'item', 'x', 'y', 'list', ...PROTO_KEYS];

function newRandomEnv(): ExprEnv {
  const env: Record<string, unknown> = {};
  for (const name of ENV_NAMES) {
    if (!chance(0.6)) continue;
    Object.defineProperty(env, name, { value: randomValue(3), enumerable: true, writable: true, configurable: true });
  }
  if (chance(0.5)) env.now = new Date('2025-03-09T14:05:00.000Z');
  if (chance(0.3)) env.user = { id: 1, roles: ['admin', 'member'] };
  if (chance(0.3)) env.list = [{ quantity: 2, price: '3' }, { quantity: null }, 4, 'x', null];
  return env;
}

// Building an environment costs more than evaluating in it, so cases draw from a pool (rebuilt per
// batch); values are never mutated by evaluation, which the pool also exercises.
let envPool: ExprEnv[] = [];
const randomEnv = (): ExprEnv => pick(envPool);
const refillEnvPool = () => {
  envPool = Array.from({ length: 1_000 }, newRandomEnv);
};

// ---- random expressions ---------------------------------------------------------------------------

const NAMES = [...ENV_NAMES, 'a', 'b', 'Date', 'Object', 'Function', 'eval', 'globalThis', 'process', 'require', 'this', 'len', 'sum'];
const PROPS = ['a', 'b', 'status', 'length', 'quantity', 'roles', 'new', 'in', 'not', 'true', 'nil', 'self', 'list', 'polluted', 'inherited', 'boom', ...PROTO_KEYS];
const BINARY = ['+', '-', '*', '/', '%', '==', '===', '!=', '!==', '<', '<=', '>', '>=', '&&', '||', 'and', 'or', 'in', 'not in'];
const FUNCTIONS: Record<string, [number, number]> = {
  len: [1, 1], sum: [1, 2], count: [1, 2], min: [1, 4], max: [1, 4], abs: [1, 1], floor: [1, 1], ceil: [1, 1],
  round: [1, 2], lower: [1, 1], upper: [1, 1], trim: [1, 1], contains: [2, 2], startsWith: [2, 2], endsWith: [2, 2],
  string: [1, 1], number: [1, 1], now: [0, 0],
};
const NUMBER_LITERALS = ['0', '1', '2', '2.5', '10', '1e308', '5e-324', '007', '123456789012345678901234567890', '1e309', '1e-400'];

function stringLiteral(content: string): string {
  const quote = chance(0.5) ? "'" : '"';
  let out = '';
  for (const ch of content) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (chance(0.1) && ch.length === 1) out += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
    else out += ch;
  }
  if (chance(0.05)) out += pick(['\\q', '\\u12', '\\']); // bad escapes
  return quote + out + (chance(0.02) ? '' : quote);
}

function atom(): string {
  switch (int(7)) {
    case 0: case 1: return pick(NAMES);
    case 2: return pick(NUMBER_LITERALS);
    case 3: return stringLiteral(chance(0.2) ? pick(DATE_STRINGS) : randomString(6));
    case 4: return pick(['true', 'false', 'nil', 'null', 'undefined']);
    case 5: return pick(['now', 'item', 'new Date()', 'now()']);
    default: return chance(0.01) ? stringLiteral('y'.repeat(3000)) : pick(NUMERIC_STRINGS.map((s) => `'${s}'`));
  }
}

function expression(depth: number): string {
  if (depth <= 0 || chance(0.25)) return atom();
  const sub = () => expression(depth - 1);
  switch (int(12)) {
    case 0: case 1: return `${sub()} ${pick(BINARY)} ${sub()}`;
    case 2: return `${pick(['!', '-', '+', 'not ', '!!', '- -'])}${sub()}`;
    case 3: return `(${sub()})`;
    case 4: return `${sub()} ? ${sub()} : ${sub()}`;
    case 5: case 6: {
      let e = chance(0.5) ? pick(NAMES) : `(${sub()})`;
      const steps = 1 + int(4);
      for (let i = 0; i < steps; i++) {
        e += pick([`.${pick(PROPS)}`, `?.${pick(PROPS)}`, `[${chance(0.5) ? stringLiteral(pick(PROPS)) : sub()}]`, `[${int(4) - 1}]`]);
      }
      return e;
    }
    case 7: case 8: {
      const name = chance(0.95) ? pick(Object.keys(FUNCTIONS)) : pick(['foo', 'eval', 'constructor', 'toString', 'Date']);
      const [min, max] = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : [0, 2];
      const arity = chance(0.9) ? min + int(max - min + 1) : int(5);
      const args: string[] = [];
      for (let i = 0; i < arity; i++) args.push(sub());
      if ((name === 'sum' || name === 'count') && arity === 2 && chance(0.8)) args[1] = stringLiteral(expression(depth - 1));
      return `${name}(${args.join(', ')})`;
    }
    case 9: return `[${Array.from({ length: int(4) }, sub).join(', ')}]`;
    case 10: return `new Date(${chance(0.8) ? sub() : ''})`;
    default: return `${sub()}${pick(['.toString()', '.constructor', '["__proto__"]', '.length', '[0]'])}`;
  }
}

/** Constructions aimed at the parser's limits and the sandbox. */
function hostileExpression(): string {
  // Mostly near the nesting limit; sometimes deep enough to overflow the stack without it.
  const n = chance(0.1) ? 1000 + int(1000) : int(120);
  switch (int(14)) {
    case 0: return '('.repeat(n) + expression(2) + ')'.repeat(chance(0.9) ? n : int(n + 1));
    case 1: return '['.repeat(n) + ']'.repeat(n);
    case 2: return pick(['!', '-', '+', 'not ']).repeat(n * 30) + atom();
    case 3: return pick(NAMES) + `.${pick(PROPS)}`.repeat(n * 10);
    case 4: return atom() + ` ${pick(BINARY)} ${atom()}`.repeat(n * 5);
    case 5: return 'len('.repeat(n) + 'x' + ')'.repeat(n);
    case 6: return `${pick(NAMES)}${'[x'.repeat(n)}${']'.repeat(n)}`;
    case 7: return '1 ? 2 : '.repeat(n) + '3';
    case 8: return `${pick(['sum', 'count'])}(list, ${stringLiteral(hostileExpression())})`;
    case 9: return pick(['record', 'x', 'item', "''", '[]', 'len', 'now', 'new Date(0)', '(1)']) + PROTO_KEYS.map((k) => pick([`.${k}`, `['${k}']`])).slice(0, 1 + int(4)).join('');
    case 10: return 'x'.repeat(4000 + int(200));
    case 11: return soup();
    case 12: return mutate(expression(4));
    default: return `${pick(['count', 'sum'])}(list, '${pick(['count', 'sum'])}(list, "${pick(['count', 'sum'])}(list, \\'item\\')")')`;
  }
}

const SOUP_TOKENS = [
  '(', ')', '[', ']', '.', '?.', ',', '?', ':', '!', '+', '-', '*', '/', '%', '==', '===', '!=', '<', '>=', '&&', '||',
  '=', '=>', '{', '}', ';', '&', '|', '`', '#', '@', '\\', '??', '**', '++', 'and', 'or', 'not', 'in', 'new', 'Date',
  'true', 'nil', 'undefined', 'x', 'record', 'len', 'sum', '1', '1e5', "'s'", '"d"', "'", '"', '\u0000', '\ud800', '😀',
];

function soup(): string {
  const n = 1 + int(30);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(SOUP_TOKENS) + (chance(0.5) ? ' ' : '');
  return s;
}

function mutate(source: string): string {
  let s = source;
  const edits = 1 + int(3);
  for (let i = 0; i < edits; i++) {
    const at = int(s.length + 1);
    switch (int(3)) {
      case 0: s = s.slice(0, at) + s.slice(at + 1); break;
      case 1: s = s.slice(0, at) + pick(SOUP_TOKENS) + s.slice(at); break;
      default: s = s.slice(0, at) + String.fromCharCode(int(0x10000)) + s.slice(at + 1);
    }
  }
  return s;
}

// ---- the checks -------------------------------------------------------------------------------------

const DOCUMENTED_RUNTIME_REASONS = [
  /^division by zero$/,
  /^invalid operands for [-+*/%]$/,
  /^invalid operand for unary [-+]$/,
  /^arithmetic result is not a finite number$/,
  /^string too long \(the limit is 1,000,000 characters\)$/,
  /^list too long for (sum|count|min|max|in|==) \(the limit is 100,000 elements\)$/,
  /^value nested too deeply \(the limit is 256 levels\)$/,
  /^evaluation too expensive \(the limit is 5,000,000 steps\)$/,
  new RegExp(`^unexpected evaluation error: ${GETTER_MESSAGE}$`), // only the planted throwing getter
];

/** Why `v` is not a value of the language, or undefined. */
function unsafe(v: unknown, depth = 0): string | undefined {
  if (depth > 300) return 'nested beyond 300 levels (a cycle?)';
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return undefined;
    case 'object':
      break;
    default:
      return `a ${typeof v}`;
  }
  if (v === null) return undefined;
  if (INTRINSICS.has(v)) return 'a built-in object';
  const proto: unknown = Object.getPrototypeOf(v);
  if (v instanceof Date) {
    if (proto !== Date.prototype) return 'a Date subclass';
    return Number.isNaN(Date.prototype.getTime.call(v)) ? 'an invalid Date' : undefined;
  }
  if (Array.isArray(v)) {
    if (proto !== Array.prototype) return 'an array with another prototype';
    for (let i = 0; i < v.length; i++) {
      if (!Object.hasOwn(v, i)) return `a hole at [${i}]`;
      const why = unsafe(v[i], depth + 1);
      if (why) return `[${i}]: ${why}`;
    }
    return undefined;
  }
  if (proto !== Object.prototype && proto !== null) return 'an object with another prototype';
  for (const key of Object.keys(v)) {
    const why = unsafe((v as Record<string, unknown>)[key], depth + 1);
    if (why) return `.${key}: ${why}`;
  }
  return undefined;
}

interface Outcome {
  compiled: boolean;
  value?: unknown;
  runtimeReason?: string;
}

/** Runs one case; returns a description of the violation, or undefined. */
function check(source: string, env: ExprEnv, outcome: Outcome = { compiled: false }): string | undefined {
  let compiled;
  try {
    compiled = compileExpression(source);
  } catch (e) {
    if (!(e instanceof ExprCompileError)) return `compile threw ${describeError(e)}`;
    if (typeof e.reason !== 'string' || e.reason === '' || e.message !== e.reason) return `bad compile error ${describeError(e)}`;
    return undefined;
  }
  outcome.compiled = true;
  if (compiled.source !== source) return 'source not kept';
  let value: unknown;
  try {
    value = compiled.evaluate(env);
  } catch (e) {
    if (!(e instanceof ExprRuntimeError)) return `evaluate threw ${describeError(e)}`;
    if (e.message !== e.reason || !DOCUMENTED_RUNTIME_REASONS.some((re) => re.test(e.reason))) {
      return `undocumented runtime error: ${e.reason}`;
    }
    outcome.runtimeReason = e.reason;
    return undefined;
  }
  if (value === undefined) return 'returned undefined';
  const why = unsafe(value);
  if (why) return `returned an unsafe value: ${why}`;
  outcome.value = value;
  return undefined;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message.slice(0, 200)}` : String(e);
}

function show(source: string): string {
  return JSON.stringify(source.length > 300 ? source.slice(0, 300) + '…' : source);
}

const prototypeSnapshot = () =>
  [Object.prototype, Array.prototype, Function.prototype, Date.prototype, String.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(','))
    .join('|');

// ---- the tests --------------------------------------------------------------------------------------

t.test('random and hostile expressions against random and hostile environments', async (t) => {
  rand = prng(SEED);
  const before = prototypeSnapshot();
  const BATCHES = 10;
  const PER_BATCH = 10_000;
  const started = Date.now();
  let compiledCount = 0;
  let valueCount = 0;
  let runtimeErrorCount = 0;
  const reasons = new Set<string>();
  for (let batch = 0; batch < BATCHES; batch++) {
    refillEnvPool();
    const failures: string[] = [];
    for (let i = 0; i < PER_BATCH && failures.length < 5; i++) {
      const source = chance(0.35) ? hostileExpression() : expression(1 + int(6));
      const env = randomEnv();
      const outcome: Outcome = { compiled: false };
      const violation = check(source, env, outcome);
      if (violation) {
        failures.push(`${violation}\n  expression: ${show(source)}\n  case ${batch * PER_BATCH + i} of seed ${SEED}`);
        continue;
      }
      if (outcome.compiled) compiledCount++;
      if (outcome.runtimeReason) {
        runtimeErrorCount++;
        reasons.add(outcome.runtimeReason.replace(/ for \S+ \(/, ' for … ('));
      } else if (outcome.compiled) {
        valueCount++;
        // Metamorphic: negation and the ternary agree with truthy() of the same result.
        if (!(outcome.value instanceof Date) && source.length < 4000) {
          const negation: Outcome = { compiled: false };
          const v = check(`!(${source})`, env, negation);
          if (v) failures.push(`${v}\n  expression: !(${show(source)})`);
          else if (negation.compiled && negation.runtimeReason === undefined && negation.value !== !truthy(outcome.value)) {
            failures.push(`!(e) is ${String(negation.value)} but e is ${show(String(outcome.value))}\n  expression: ${show(source)}`);
          }
        }
      }
    }
    if (failures.length > 0) t.fail(`batch ${batch}:\n${failures.join('\n')}`);
    else t.pass(`batch ${batch}: ${PER_BATCH} cases`);
  }
  t.equal(canaryCalls, 0, 'no host function of the environment was ever called');
  t.equal(prototypeSnapshot(), before, 'no built-in prototype changed');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
  // The generator must reach every outcome, or the test proves little.
  t.ok(compiledCount > 30_000, `many cases compile (${compiledCount})`);
  t.ok(valueCount > 15_000, `many evaluate to a value (${valueCount})`);
  t.ok(runtimeErrorCount > 1_000, `many fail at runtime (${runtimeErrorCount})`);
  t.ok(reasons.size >= 6, `several runtime reasons occur: ${[...reasons].join('; ')}`);
  t.comment(`${BATCHES * PER_BATCH} cases in ${Date.now() - started} ms: ${compiledCount} compiled, ${valueCount} values, ${runtimeErrorCount} runtime errors`);
});

// ---- oracle: numbers, booleans, precedence ----------------------------------------------------------

type OracleValue = number | boolean;
type OracleResult = { value: OracleValue } | { error: string };

interface OracleNode {
  readonly kind: 'literal' | 'unary' | 'binary' | 'ternary';
  readonly op?: string;
  readonly value?: OracleValue;
  readonly children?: OracleNode[];
}

// Precedence of §2.3, higher binds tighter.
const PRECEDENCE: Record<string, number> = {
  '||': 1, or: 1, '&&': 2, and: 2, '==': 3, '!=': 3, '===': 3, '!==': 3, '<': 4, '<=': 4, '>': 4, '>=': 4,
  '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
};
const ORACLE_OPS = Object.keys(PRECEDENCE);

function oracleTree(depth: number): OracleNode {
  if (depth <= 0 || chance(0.2)) {
    return { kind: 'literal', value: chance(0.15) ? chance(0.5) : pick([0, 1, 2, 3, 0.5, 7, 10, 1e308, 2.5]) };
  }
  const roll = int(10);
  if (roll === 0) return { kind: 'unary', op: pick(['!', '-', '+', 'not']), children: [oracleTree(depth - 1)] };
  if (roll === 1) return { kind: 'ternary', children: [oracleTree(depth - 1), oracleTree(depth - 1), oracleTree(depth - 1)] };
  return { kind: 'binary', op: pick(ORACLE_OPS), children: [oracleTree(depth - 1), oracleTree(depth - 1)] };
}

const precedenceOf = (n: OracleNode) =>
  n.kind === 'ternary' ? 0 : n.kind === 'binary' ? PRECEDENCE[n.op as string] : n.kind === 'unary' ? 7 : 8;

/** Source text with only the parentheses precedence and left-associativity require. */
function print(n: OracleNode): string {
  switch (n.kind) {
    case 'literal':
      return String(n.value);
    case 'unary': {
      const [operand] = n.children as OracleNode[];
      const inner = precedenceOf(operand) < 7 ? `(${print(operand)})` : print(operand);
      return n.op === 'not' ? `not ${inner}` : `${n.op}${inner.startsWith(n.op as string) ? ' ' : ''}${inner}`;
    }
    case 'binary': {
      const [left, right] = n.children as OracleNode[];
      const p = precedenceOf(n);
      const l = precedenceOf(left) < p ? `(${print(left)})` : print(left);
      const r = precedenceOf(right) <= p ? `(${print(right)})` : print(right);
      return `${l} ${n.op} ${r}`;
    }
    case 'ternary': {
      const [test, consequent, alternate] = n.children as OracleNode[];
      const c = precedenceOf(test) === 0 ? `(${print(test)})` : print(test);
      return `${c} ? ${print(consequent)} : ${print(alternate)}`;
    }
  }
}

/** An evaluator of the tree written from §2.5 for numbers and booleans, independent of the parser. */
function oracle(n: OracleNode): OracleResult {
  const num = (v: OracleValue) => typeof v === 'number';
  const finite = (x: number): OracleResult =>
    Number.isFinite(x) ? { value: x } : { error: 'arithmetic result is not a finite number' };
  switch (n.kind) {
    case 'literal':
      return { value: n.value as OracleValue };
    case 'unary': {
      const r = oracle((n.children as OracleNode[])[0]);
      if ('error' in r) return r;
      if (n.op === '!' || n.op === 'not') return { value: !truthy(r.value) };
      if (!num(r.value)) return { error: `invalid operand for unary ${n.op}` };
      return { value: n.op === '-' ? -(r.value as number) : (r.value as number) };
    }
    case 'ternary': {
      const [test, consequent, alternate] = n.children as OracleNode[];
      const c = oracle(test);
      if ('error' in c) return c;
      return oracle(truthy(c.value) ? consequent : alternate);
    }
    case 'binary': {
      const [left, right] = n.children as OracleNode[];
      const op = n.op as string;
      const l = oracle(left);
      if ('error' in l) return l;
      if (op === '&&' || op === 'and') {
        if (!truthy(l.value)) return { value: false };
        const r = oracle(right);
        return 'error' in r ? r : { value: truthy(r.value) };
      }
      if (op === '||' || op === 'or') {
        if (truthy(l.value)) return { value: true };
        const r = oracle(right);
        return 'error' in r ? r : { value: truthy(r.value) };
      }
      const r = oracle(right);
      if ('error' in r) return r;
      const a = l.value;
      const b = r.value;
      switch (op) {
        case '==': case '===': return { value: typeof a === typeof b && a === b };
        case '!=': case '!==': return { value: !(typeof a === typeof b && a === b) };
        case '<': return { value: num(a) && num(b) && a < b };
        case '<=': return { value: num(a) && num(b) && a <= b };
        case '>': return { value: num(a) && num(b) && a > b };
        case '>=': return { value: num(a) && num(b) && a >= b };
      }
      if (!num(a) || !num(b)) return { error: `invalid operands for ${op}` };
      const x = a as number;
      const y = b as number;
      switch (op) {
        case '+': return finite(x + y);
        case '-': return finite(x - y);
        case '*': return finite(x * y);
        case '/': return y === 0 ? { error: 'division by zero' } : finite(x / y);
        default: return y === 0 ? { error: 'division by zero' } : finite(x % y);
      }
    }
  }
}

t.test('oracle: precedence, associativity, short-circuit and error reasons', async (t) => {
  rand = prng(SEED + 1);
  const CASES = 20_000;
  const failures: string[] = [];
  let errors = 0;
  for (let i = 0; i < CASES && failures.length < 5; i++) {
    const tree = oracleTree(1 + int(6));
    const source = print(tree);
    const expected = oracle(tree);
    let actual: OracleResult;
    try {
      actual = { value: compileExpression(source).evaluate({}) as OracleValue };
    } catch (e) {
      actual = { error: e instanceof ExprRuntimeError ? e.reason : `not a runtime error: ${describeError(e)}` };
    }
    if ('error' in expected) errors++;
    const same = 'error' in expected
      ? 'error' in actual && actual.error === expected.error
      : 'value' in actual && Object.is(actual.value, expected.value);
    if (!same) failures.push(`${show(source)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  if (failures.length > 0) t.fail(failures.join('\n'));
  else t.pass(`${CASES} expressions agree with the oracle`);
  t.ok(errors > 500 && errors < CASES / 2, `the oracle cases include runtime errors (${errors})`);
});
