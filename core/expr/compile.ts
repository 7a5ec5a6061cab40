// Syntax tree → closures over the scope. Everything that can be decided from the source is decided
// here, once, when metadata is saved or loaded: function names and arity, the inner expressions of
// sum/count, operator dispatch. Evaluation only runs the closures.
import { add, arithmetic, unaryNumeric } from './arithmetic.js';
import type { BinaryOperator, MemberStep, Node, UnaryOperator } from './ast.js';
import { nodeCount } from './ast.js';
import { compareValues, isIn, valuesEqual } from './compare.js';
import { ExprCompileError } from './errors.js';
import { FUNCTIONS, arityProblem, type Evaluator } from './functions.js';
import { EXPR_LIMITS, LIMIT_REASONS } from './limits.js';
import { memberOf } from './member.js';
import { parse } from './parser.js';
import { currentTime, lookup, type Scope } from './scope.js';
import { toDate, truthy, type Value } from './values.js';

/** Compiles source text; `startDepth` > 0 for the inner expression of a `sum`/`count` call. */
export function compileSource(source: unknown, startDepth = 0): { evaluator: Evaluator; size: number } {
  if (typeof source !== 'string') throw new ExprCompileError('expression must be a string');
  if (source.length > EXPR_LIMITS.maxLength) throw new ExprCompileError(LIMIT_REASONS.tooLong(source.length));
  const ast = parse(source, startDepth);
  return { evaluator: compileNode(ast), size: nodeCount(ast) };
}

function compileNode(node: Node): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'identifier': {
      const name = node.name;
      return (scope) => lookup(scope, name);
    }
    case 'member':
      return compileMember(compileNode(node.object), node.steps);
    case 'unary':
      return compileUnary(node.operators, compileNode(node.operand));
    case 'binary':
      return compileBinary(node.operators, node.operands.map(compileNode));
    case 'logical':
      return compileLogical(node.operator, node.operands.map(compileNode));
    case 'conditional': {
      const test = compileNode(node.test);
      const consequent = compileNode(node.consequent);
      const alternate = compileNode(node.alternate);
      return (scope) => (truthy(test(scope)) ? consequent(scope) : alternate(scope));
    }
    case 'call':
      return compileCall(node);
    case 'newDate': {
      if (node.arg === null) return currentTime;
      const arg = compileNode(node.arg);
      return (scope) => toDate(arg(scope));
    }
    case 'array': {
      const elements = node.elements.map(compileNode);
      return (scope) => {
        const out: Value[] = new Array(elements.length);
        for (let i = 0; i < elements.length; i++) out[i] = elements[i](scope);
        return out;
      };
    }
  }
}

/** A member path; once a step gives null the rest is null and its index expressions do not run. */
function compileMember(object: Evaluator, steps: readonly MemberStep[]): Evaluator {
  const compiled = steps.map((step) => {
    if (step.kind === 'name') {
      const name = step.name;
      return (value: Value) => memberOf(value, name);
    }
    const index = compileNode(step.index);
    return (value: Value, scope: Scope) => memberOf(value, index(scope));
  });
  if (compiled.length === 1) {
    const step = compiled[0];
    return (scope) => {
      const value = object(scope);
      return value === null ? null : step(value, scope);
    };
  }
  return (scope) => {
    let value = object(scope);
    for (let i = 0; i < compiled.length && value !== null; i++) value = compiled[i](value, scope);
    return value;
  };
}

function unaryFunction(op: UnaryOperator): (v: Value) => Value {
  return op === '!' ? (v) => !truthy(v) : (v) => unaryNumeric(op, v);
}

function compileUnary(operators: readonly UnaryOperator[], operand: Evaluator): Evaluator {
  const fns = operators.map(unaryFunction);
  if (fns.length === 1) {
    const f = fns[0];
    return (scope) => f(operand(scope));
  }
  return (scope) => {
    let value = operand(scope);
    for (let i = fns.length - 1; i >= 0; i--) value = fns[i](value); // innermost (rightmost) first
    return value;
  };
}

function binaryFunction(op: BinaryOperator): (a: Value, b: Value) => Value {
  switch (op) {
    case '==':
      return (a, b) => valuesEqual(a, b);
    case '!=':
      return (a, b) => !valuesEqual(a, b);
    case '<':
      return (a, b) => (compareValues(a, b) ?? 0) < 0;
    case '<=': {
      return (a, b) => {
        const c = compareValues(a, b);
        return c !== undefined && c <= 0;
      };
    }
    case '>':
      return (a, b) => (compareValues(a, b) ?? 0) > 0;
    case '>=':
      return (a, b) => {
        const c = compareValues(a, b);
        return c !== undefined && c >= 0;
      };
    case 'in':
      return isIn;
    case 'not in':
      return (a, b) => !isIn(a, b);
    case '+':
      return add;
    case '-':
    case '*':
    case '/':
    case '%':
      return (a, b) => arithmetic(op, a, b);
  }
}

function compileBinary(operators: readonly BinaryOperator[], operands: readonly Evaluator[]): Evaluator {
  const fns = operators.map(binaryFunction);
  if (fns.length === 1) {
    const [left, right] = operands;
    const f = fns[0];
    return (scope) => f(left(scope), right(scope));
  }
  return (scope) => {
    let value = operands[0](scope);
    for (let i = 0; i < fns.length; i++) value = fns[i](value, operands[i + 1](scope));
    return value;
  };
}

/** `&&`/`and`, `||`/`or`: short-circuit, always a boolean (§2.5). */
function compileLogical(operator: '&&' | '||', operands: readonly Evaluator[]): Evaluator {
  const stopAt = operator === '||'; // the truthiness that decides the result
  return (scope) => {
    for (let i = 0; i < operands.length; i++) if (truthy(operands[i](scope)) === stopAt) return stopAt;
    return !stopAt;
  };
}

function compileCall(node: Extract<Node, { kind: 'call' }>): Evaluator {
  const { name } = node;
  const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw new ExprCompileError(`unknown function ${name}`);
  const problem = arityProblem(name, spec, node.args.length);
  if (problem) throw new ExprCompileError(problem);

  if (spec.perElement && node.args.length === 2) {
    const innerNode = node.args[1];
    if (innerNode.kind !== 'literal' || typeof innerNode.value !== 'string') {
      throw new ExprCompileError(`the second argument of ${name} must be a string literal (an expression evaluated per element)`);
    }
    let inner: { evaluator: Evaluator; size: number };
    try {
      inner = compileSource(innerNode.value, node.depth);
    } catch (e) {
      if (e instanceof ExprCompileError) throw new ExprCompileError(`in the inner expression of ${name}: ${e.reason}`);
      throw e;
    }
    const list = compileNode(node.args[0]);
    const perElement = spec.perElement;
    const { evaluator, size } = inner;
    return (scope) => perElement(list(scope), evaluator, size, scope);
  }

  const args = node.args.map(compileNode);
  const apply = spec.apply;
  switch (args.length) {
    case 0:
      return (scope) => apply([], scope);
    case 1: {
      const [a] = args;
      return (scope) => apply([a(scope)], scope);
    }
    default:
      return (scope) => {
        const values: Value[] = new Array(args.length);
        for (let i = 0; i < args.length; i++) values[i] = args[i](scope);
        return apply(values, scope);
      };
  }
}
