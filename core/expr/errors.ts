// The two errors of the expression language (logic.md §2). A compile error is reported to the
// author when metadata is saved ("invalid expression: <reason>"); a runtime error is reported by the
// place that evaluated the expression (a rule violation, a computed-field detail, a guard that does
// not allow, …). `message` is always exactly `reason`, so callers can use either.

/** The source cannot be compiled: a syntax error, a forbidden construct or a limit. */
export class ExprCompileError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.name = 'ExprCompileError';
    this.reason = reason;
  }
}

/** Evaluation failed (division by zero, invalid operands, a limit). The only error `evaluate` throws. */
export class ExprRuntimeError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.name = 'ExprRuntimeError';
    this.reason = reason;
  }
}
