// Maps entity names (`^[a-z_][a-z0-9_]*$`) to unique PascalCase names used for OpenAPI component
// names (`<Entity>`, `<Entity>Input`) and operationIds (`list<Entity>` …). Deterministic.

/** Component schema names owned by the document itself; entities never take them. */
export const SHARED_SCHEMA_NAMES: readonly string[] = ['Error', 'ListMeta', 'NestedWrite', 'Rule', 'RuleInput', 'StateMachine', 'StateMachineInput',
  'Webhook', 'WebhookInput', 'WebhookLog', 'Workflow', 'WorkflowInput', 'WorkflowInstance', 'WorkflowInstancePage',
  'Event', 'EventPage', 'EventStats', 'TraceSpan', 'TraceWaterfall', 'UiConfig', 'UiConfigInput',
  'SchemaDocument', 'SchemaImport', 'ImportSummary', 'ImportResult', 'ImportPlan', 'ImportPlanSection'];

/** `blog_post` → `BlogPost`; `_audit` → `Audit`; names without a letter-led part get `Entity`. */
export function pascalCase(name: string): string {
  const base = name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Z]/.test(base) ? base : `Entity${base}`;
}

/**
 * Entity name → PascalCase name such that `<Name>` and `<Name>Input` are unique among all
 * entities and the shared schemas. Entities without a leading `_` choose first (then by name), so
 * `post` keeps `Post` when `_post` exists; collisions get a numeric suffix (`Post2`).
 */
export function assignPascalNames(entityNames: Iterable<string>): Map<string, string> {
  const taken = new Set(SHARED_SCHEMA_NAMES);
  const ordered = [...entityNames].sort((a, b) => {
    const ua = a.startsWith('_') ? 1 : 0;
    const ub = b.startsWith('_') ? 1 : 0;
    return ua - ub || (a < b ? -1 : a > b ? 1 : 0);
  });
  const result = new Map<string, string>();
  for (const entity of ordered) {
    const base = pascalCase(entity);
    let candidate = base;
    for (let n = 2; taken.has(candidate) || taken.has(`${candidate}Input`); n++) candidate = `${base}${n}`;
    taken.add(candidate);
    taken.add(`${candidate}Input`);
    result.set(entity, candidate);
  }
  return result;
}
