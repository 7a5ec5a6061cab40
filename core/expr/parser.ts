// Recursive-descent parser for the grammar of logic.md §2.3, one method per precedence level.
//
// Why not jsep (or another expression parser): the language needs `not in` as one relational
// operator, keywords that are ordinary property names after `.`/`?.` (`record.new`), `and`/`or`/
// `not` at their own precedence levels, `new` restricted to `Date`, and compile errors that name
// the construct (method calls, assignment, object literals, arrow functions). Getting those from a
// general JavaScript-expression parser means plugins plus a second pass that rejects most of what
// it accepts; ~250 lines written against the grammar are easier to audit and cannot drift.
//
// Depth: nesting (parentheses, list literals, call arguments, `[index]`, ternary branches) is
// counted before recursing and refused beyond EXPR_LIMITS.maxDepth, so no input overflows the stack.
// Chains of one precedence level are parsed by loops into flat nodes (see ast.ts).
import type { BinaryOperator, MemberStep, Node, UnaryOperator } from './ast.js';
import { ExprCompileError } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { EXPR_LIMITS, LIMIT_REASONS } from './limits.js';

/**
 * Parses a complete expression. `startDepth` is the nesting depth the source starts at: 0 for an
 * expression, the depth of the call for the inner expression of `sum`/`count`.
 */
export function parse(source: string, startDepth = 0): Node {
  const tokens = tokenize(source);
  if (tokens.length === 1) throw new ExprCompileError('empty expression');
  return new Parser(tokens, startDepth).parseComplete();
}

const EQUALITY: Readonly<Record<string, BinaryOperator>> = { '==': '==', '===': '==', '!=': '!=', '!==': '!=' };
const RELATIONAL: Readonly<Record<string, BinaryOperator>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const ADDITIVE: Readonly<Record<string, BinaryOperator>> = { '+': '+', '-': '-' };
const MULTIPLICATIVE: Readonly<Record<string, BinaryOperator>> = { '*': '*', '/': '/', '%': '%' };
const NULL_WORDS: ReadonlySet<string> = new Set(['nil', 'null', 'undefined']);

/** A token as named in a reason. */
function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of expression';
    case 'number':
      return `number ${t.text}`;
    case 'string':
      return 'string literal';
    case 'identifier':
      return `identifier ${t.text}`;
    case 'keyword':
      return `keyword ${t.text}`;
    case 'operator':
      return `'${t.text}'`;
  }
}

function unexpected(t: Token, context = ''): ExprCompileError {
  if (t.kind === 'end') return new ExprCompileError(`unexpected end of expression${context}`);
  return new ExprCompileError(`unexpected ${describe(t)} at position ${t.pos}${context}`);
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private depth: number,
  ) {}

  parseComplete(): Node {
    if (this.depth > EXPR_LIMITS.maxDepth) throw new ExprCompileError(LIMIT_REASONS.tooDeep());
    const node = this.parseExpression();
    const rest = this.peek();
    if (rest.kind !== 'end') throw unexpected(rest, ' after a complete expression');
    return node;
  }

  // ---- tokens -------------------------------------------------------------------------------

  private peek(): Token {
    return this.tokens[this.index];
  }

  private advance(): Token {
    const t = this.tokens[this.index];
    if (t.kind !== 'end') this.index++;
    return t;
  }

  private isOperator(text: string): boolean {
    const t = this.peek();
    return t.kind === 'operator' && t.text === text;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.text === word;
  }

  private expectOperator(text: string, context: string): void {
    const t = this.peek();
    if (t.kind !== 'operator' || t.text !== text) {
      const found = t.kind === 'end' ? 'the end of the expression' : `${describe(t)} at position ${t.pos}`;
      throw new ExprCompileError(`expected '${text}' ${context}, found ${found}`);
    }
    this.index++;
  }

  /** A sub-expression one nesting level deeper; the limit is checked before recursing. */
  private parseNested(): Node {
    if (++this.depth > EXPR_LIMITS.maxDepth) throw new ExprCompileError(LIMIT_REASONS.tooDeep());
    const node = this.parseExpression();
    this.depth--;
    return node;
  }

  // ---- precedence levels, lowest first --------------------------------------------------------

  private parseExpression(): Node {
    const test = this.parseOr();
    if (!this.isOperator('?')) return test;
    this.advance();
    const consequent = this.parseNested();
    this.expectOperator(':', 'in a conditional (c ? a : b)');
    const alternate = this.parseNested(); // right-associative: `a ? b : c ? d : e`
    return { kind: 'conditional', test, consequent, alternate };
  }

  private parseOr(): Node {
    return this.parseLogical('||', 'or', () => this.parseAnd());
  }

  private parseAnd(): Node {
    return this.parseLogical('&&', 'and', () => this.parseEquality());
  }

  private parseLogical(symbol: '&&' | '||', word: string, operand: () => Node): Node {
    const first = operand();
    if (!this.isOperator(symbol) && !this.isKeyword(word)) return first;
    const operands = [first];
    while (this.isOperator(symbol) || this.isKeyword(word)) {
      this.advance();
      operands.push(operand());
    }
    return { kind: 'logical', operator: symbol, operands };
  }

  private parseEquality(): Node {
    return this.parseChain(() => this.parseRelational(), () => this.operatorFrom(EQUALITY));
  }

  private parseRelational(): Node {
    return this.parseChain(() => this.parseAdditive(), () => {
      const symbol = this.operatorFrom(RELATIONAL);
      if (symbol) return symbol;
      if (this.isKeyword('in')) return 'in';
      if (this.isKeyword('not')) {
        const next = this.tokens[this.index + 1];
        if (next.kind === 'keyword' && next.text === 'in') {
          this.advance(); // `not`; parseChain consumes `in`
          return 'not in';
        }
        throw unexpected(this.peek(), " (did you mean 'not in'?)");
      }
      return undefined;
    });
  }

  private parseAdditive(): Node {
    return this.parseChain(() => this.parseMultiplicative(), () => this.operatorFrom(ADDITIVE));
  }

  private parseMultiplicative(): Node {
    return this.parseChain(() => this.parseUnary(), () => this.operatorFrom(MULTIPLICATIVE));
  }

  private operatorFrom(table: Readonly<Record<string, BinaryOperator>>): BinaryOperator | undefined {
    const t = this.peek();
    return t.kind === 'operator' && Object.hasOwn(table, t.text) ? table[t.text] : undefined;
  }

  /** One left-associative level: `operand { op operand }`, as one flat node. */
  private parseChain(operand: () => Node, operator: () => BinaryOperator | undefined): Node {
    const first = operand();
    let op = operator();
    if (op === undefined) return first;
    const operands = [first];
    const operators: BinaryOperator[] = [];
    while (op !== undefined) {
      this.advance();
      operators.push(op);
      operands.push(operand());
      op = operator();
    }
    return { kind: 'binary', operators, operands };
  }

  /** Prefix operators are collected by a loop, so `!!!!…x` does not nest. */
  private parseUnary(): Node {
    const operators: UnaryOperator[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'operator' && (t.text === '!' || t.text === '-' || t.text === '+')) {
        operators.push(t.text);
      } else if (t.kind === 'keyword' && t.text === 'not') {
        operators.push('!');
      } else {
        break;
      }
      this.advance();
    }
    const operand = this.parsePostfix();
    return operators.length === 0 ? operand : { kind: 'unary', operators, operand };
  }

  private parsePostfix(): Node {
    const object = this.parsePrimary();
    const steps: MemberStep[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'operator') break;
      if (t.text === '.' || t.text === '?.') {
        this.advance();
        const name = this.advance();
        // After `.` any identifier-shaped word is a property name, keywords included (§2.2).
        if (name.kind !== 'identifier' && name.kind !== 'keyword') {
          throw unexpected(name, ` (expected a property name after '${t.text}')`);
        }
        steps.push({ kind: 'name', name: name.text });
      } else if (t.text === '[') {
        this.advance();
        const index = this.parseNested();
        this.expectOperator(']', `to close '[' at position ${t.pos}`);
        steps.push({ kind: 'index', index });
      } else {
        break;
      }
    }
    if (this.isOperator('(')) {
      const pos = this.peek().pos;
      const last = steps[steps.length - 1];
      if (last?.kind === 'name') {
        throw new ExprCompileError(`method calls are not allowed (.${last.name}( at position ${pos}); use the functions of the language, e.g. lower(x)`);
      }
      if (last) throw new ExprCompileError(`method calls are not allowed (…]( at position ${pos})`);
      throw new ExprCompileError(`only the built-in functions can be called by name ('(' at position ${pos})`);
    }
    return steps.length === 0 ? object : { kind: 'member', object, steps };
  }

  private parsePrimary(): Node {
    const t = this.advance();
    switch (t.kind) {
      case 'number':
        return { kind: 'literal', value: t.number as number };
      case 'string':
        return { kind: 'literal', value: t.text };
      case 'identifier':
        if (this.isOperator('(')) return this.parseCall(t);
        return { kind: 'identifier', name: t.text };
      case 'keyword':
        if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
        if (NULL_WORDS.has(t.text)) return { kind: 'literal', value: null };
        if (t.text === 'new') return this.parseNewDate(t);
        throw unexpected(t);
      case 'operator':
        if (t.text === '(') {
          const inner = this.parseNested();
          this.expectOperator(')', `to close '(' at position ${t.pos}`);
          return inner;
        }
        if (t.text === '[') return { kind: 'array', elements: this.parseList(']', t) };
        throw unexpected(t);
      case 'end':
        throw unexpected(t);
    }
  }

  private parseCall(name: Token): Node {
    const open = this.advance();
    const depth = this.depth + 1;
    const args = this.parseList(')', open);
    return { kind: 'call', name: name.text, args, depth };
  }

  /** `new Date()` or `new Date(x)`; `new` with anything else is refused (§2.3). */
  private parseNewDate(keyword: Token): Node {
    const name = this.peek();
    if (name.kind !== 'identifier' || name.text !== 'Date') {
      throw new ExprCompileError(`new is only allowed as new Date(…) (at position ${keyword.pos})`);
    }
    this.advance();
    if (!this.isOperator('(')) throw new ExprCompileError(`expected '(' after new Date at position ${this.peek().pos}`);
    const open = this.advance();
    const args = this.parseList(')', open);
    if (args.length > 1) throw new ExprCompileError(`new Date expects at most 1 argument, got ${args.length}`);
    return { kind: 'newDate', arg: args[0] ?? null };
  }

  /** `[ expression { "," expression } ] close`, after the opening token. */
  private parseList(close: ')' | ']', open: Token): Node[] {
    const items: Node[] = [];
    if (this.isOperator(close)) {
      this.advance();
      return items;
    }
    for (;;) {
      items.push(this.parseNested());
      if (this.isOperator(',')) {
        this.advance();
        continue;
      }
      this.expectOperator(close, `to close '${open.text}' at position ${open.pos}`);
      return items;
    }
  }
}
