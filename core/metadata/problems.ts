// Ordered problem collection for definition validation: checks push problems in the documented
// order, so problems[0] is "the first failure" whose message the 422 response carries.

import type { Problem } from './types.js';

export class ProblemList {
  readonly items: Problem[] = [];

  add(field: string, rule: string, message: string): void {
    this.items.push({ field, rule, message });
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}
