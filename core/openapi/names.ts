// Maps entity names (`^[a-z_][a-z0-9_]*$`) to unique PascalCase names used for OpenAPI component
// names (`<Entity>`, `<Entity>Create`, `<Entity>Update`) and operationIds (`list<Entity>` …), and
// relation names to `<Relation>Write` components. Deterministic.

/** Component schema names owned by the document itself; entities never take them. */
export const SHARED_SCHEMA_NAMES: readonly string[] = ['Error', 'ListMeta', 'Rule', 'RuleInput', 'StateMachine', 'StateMachineInput',
  'Webhook', 'WebhookInput', 'WebhookLog', 'Workflow', 'WorkflowInput', 'WorkflowInstance', 'WorkflowInstancePage',
  'Event', 'EventPage', 'EventStats', 'TraceSpan', 'TraceWaterfall', 'UiConfig', 'UiConfigInput',
  'SchemaDocument', 'SchemaImport', 'ImportSummary', 'ImportResult', 'ImportPlan', 'ImportPlanSection',
  'UploadedFile', 'FileListItem', 'AuditLogEntry', 'AuditLogPage',
  // access-paths.ts (auth, users, invites, permissions, metadata)
  'LoginInput', 'RefreshInput', 'AcceptInviteInput', 'TokenPair', 'AcceptedInvite', 'User', 'UserCreate', 'UserUpdate',
  'Invite', 'InviteInput', 'InviteBulkInput', 'InviteBulkResult', 'Permission', 'PermissionInput', 'EntityDefinition', 'RelationDefinition'];

/** `blog_post` → `BlogPost`; `_audit` → `Audit`; names without a letter-led part get `Entity`. */
export function pascalCase(name: string): string {
  const base = name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Z]/.test(base) ? base : `Entity${base}`;
}

/** Components each entity owns besides `<Name>`: its request bodies. */
export const ENTITY_SCHEMA_SUFFIXES: readonly string[] = ['Create', 'Update'];

/**
 * Entity name → PascalCase name such that `<Name>`, `<Name>Create` and `<Name>Update` are unique
 * among all entities and the shared schemas. Entities without a leading `_` choose first (then by
 * name), so `post` keeps `Post` when `_post` exists; collisions get a numeric suffix (`Post2`).
 * `taken` (optional) receives every name given out, for {@link assignWriteNames}.
 */
export function assignPascalNames(entityNames: Iterable<string>, taken: Set<string> = new Set()): Map<string, string> {
  for (const name of SHARED_SCHEMA_NAMES) taken.add(name);
  const ordered = [...entityNames].sort((a, b) => {
    const ua = a.startsWith('_') ? 1 : 0;
    const ub = b.startsWith('_') ? 1 : 0;
    return ua - ub || (a < b ? -1 : a > b ? 1 : 0);
  });
  const owned = (candidate: string) => [candidate, ...ENTITY_SCHEMA_SUFFIXES.map((s) => candidate + s)];
  const result = new Map<string, string>();
  for (const entity of ordered) {
    const base = pascalCase(entity);
    let candidate = base;
    for (let n = 2; owned(candidate).some((c) => taken.has(c)); n++) candidate = `${base}${n}`;
    for (const c of owned(candidate)) taken.add(c);
    result.set(entity, candidate);
  }
  return result;
}

/**
 * Relation name → `<Relation>Write` component name, unique among `taken` (the names the entities
 * and shared schemas hold, which choose first). Deterministic: relations in name order.
 */
export function assignWriteNames(relationNames: Iterable<string>, taken: Set<string>): Map<string, string> {
  const result = new Map<string, string>();
  for (const relation of [...relationNames].sort()) {
    const base = `${pascalCase(relation)}Write`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${pascalCase(relation)}${n}Write`;
    taken.add(candidate);
    result.set(relation, candidate);
  }
  return result;
}
