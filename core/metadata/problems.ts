// Ordered problem collection for definition validation: checks push problems in the documented
// order, so problems[0] is "the first failure" whose message the 422 response carries.

import { textProblemMessage } from '../errors.js';
import { jsonTextProblem, textProblem } from '../text.js';
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

/**
 * Beyond the documented checks (so after them): a definition is stored as JSON with its unknown
 * properties, so every string in it, keys included, must be storable text (core/text.ts). One
 * problem per top-level property (per field for `fields`), e.g. `fields[2] must not contain NUL characters`.
 */
export function checkDefinitionText(input: Record<string, unknown>, problems: ProblemList): void {
  for (const key of Object.keys(input)) {
    const keyProblem = textProblem(key);
    if (keyProblem) {
      problems.add('', 'invalid', textProblemMessage('definition', keyProblem));
      continue;
    }
    const value = input[key];
    if (key === 'fields' && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = jsonTextProblem(value[i]);
        if (problem) problems.add(`fields[${i}]`, 'invalid', textProblemMessage(`fields[${i}]`, problem));
      }
      continue;
    }
    const problem = jsonTextProblem(value);
    if (problem) problems.add(key, 'invalid', textProblemMessage(key, problem));
  }
}
