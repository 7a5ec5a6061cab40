// Who may resolve an approval step (logic.md §4.8): admins always; otherwise anyone when the step
// names no assignee, a holder of the role (case-insensitive), the fixed user, or the user whose id
// the relation path resolves to in the instance context (`context.x` or `x`).
import type { Caller } from '../auth/tokens.js';
import { isAdmin } from '../permissions/authorize.js';
import { walk } from './context.js';
import type { Assignee } from './types.js';

export function mayResolve(caller: Caller | undefined, assignee: Assignee | undefined, context: Record<string, unknown>): boolean {
  if (isAdmin(caller)) return true;
  if (!assignee) return true;
  if (!caller) return false;
  switch (assignee.type) {
    case 'role': {
      const role = assignee.role.toLowerCase();
      return caller.roles.some((r) => r.toLowerCase() === role);
    }
    case 'fixed':
      return caller.id === assignee.user;
    case 'relation': {
      const path = assignee.path.startsWith('context.') ? assignee.path.slice('context.'.length) : assignee.path;
      const value = walk(context, path.split('.'));
      return value !== null && String(value) === caller.id;
    }
  }
}
