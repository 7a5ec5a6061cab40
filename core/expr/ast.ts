// The syntax tree the parser builds and the compiler turns into closures. Left-associative chains
// (`a + b - c`, `a && b && c`), member paths (`a.b[c].d`) and prefix operators (`!!x`) are flat
// nodes, so their length never becomes nesting depth: only brackets, calls and ternaries nest.

export type EqualityOperator = '==' | '!=';
export type RelationalOperator = '<' | '<=' | '>' | '>=' | 'in' | 'not in';
export type AdditiveOperator = '+' | '-';
export type MultiplicativeOperator = '*' | '/' | '%';
export type BinaryOperator = EqualityOperator | RelationalOperator | AdditiveOperator | MultiplicativeOperator;
export type UnaryOperator = '!' | '-' | '+';

export type MemberStep =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: Node };

export type Node =
  | { readonly kind: 'literal'; readonly value: null | boolean | number | string }
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'member'; readonly object: Node; readonly steps: readonly MemberStep[] }
  /** `operators[0]` is applied last (it is written first). */
  | { readonly kind: 'unary'; readonly operators: readonly UnaryOperator[]; readonly operand: Node }
  /** Left-associative: ((operands[0] op[0] operands[1]) op[1] operands[2]) … */
  | { readonly kind: 'binary'; readonly operators: readonly BinaryOperator[]; readonly operands: readonly Node[] }
  | { readonly kind: 'logical'; readonly operator: '&&' | '||'; readonly operands: readonly Node[] }
  | { readonly kind: 'conditional'; readonly test: Node; readonly consequent: Node; readonly alternate: Node }
  /** `depth` is the nesting depth of the arguments, where an inner `sum`/`count` expression starts. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[]; readonly depth: number }
  | { readonly kind: 'newDate'; readonly arg: Node | null }
  | { readonly kind: 'array'; readonly elements: readonly Node[] };

/** Number of nodes, the cost charged per element when a `sum`/`count` inner expression runs. */
export function nodeCount(node: Node): number {
  switch (node.kind) {
    case 'literal':
    case 'identifier':
      return 1;
    case 'member':
      return 1 + nodeCount(node.object) +
        node.steps.reduce((n, s) => n + (s.kind === 'index' ? nodeCount(s.index) : 1), 0);
    case 'unary':
      return node.operators.length + nodeCount(node.operand);
    case 'binary':
    case 'logical':
      return node.operands.reduce((n, o) => n + nodeCount(o), 0);
    case 'conditional':
      return 1 + nodeCount(node.test) + nodeCount(node.consequent) + nodeCount(node.alternate);
    case 'call':
      return node.args.reduce((n, a) => n + nodeCount(a), 1);
    case 'newDate':
      return 1 + (node.arg ? nodeCount(node.arg) : 0);
    case 'array':
      return node.elements.reduce((n, e) => n + nodeCount(e), 1);
  }
}
