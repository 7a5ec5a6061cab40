// The one error type of the engine and the registry of every error the API answers with
// (spec/platform-and-apps.md §1.2, spec/rest-api.md §12, spec/auth.md). Each error has exactly one
// named constructor below carrying its documented wording; call sites never spell a message. The
// error plugin turns every AppError into the standard envelope.

export interface ErrorDetail {
  field?: string;
  rule?: string;
  message: string;
}

/** Every code the API can answer with, and its HTTP status. */
export const ERROR_CODES = {
  INVALID_PAYLOAD: 400,
  UNKNOWN_FIELD: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  APP_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNKNOWN_ENTITY: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  FILE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  INVALID_STATE: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  WEBHOOK_FAILED: 500,
  NOT_CONFIGURED: 501,
  AI_REQUEST_FAILED: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    status?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = status ?? ERROR_CODES[code];
  }

  toBody(): { error: { code: string; message: string; details?: ErrorDetail[] } } {
    const error: { code: string; message: string; details?: ErrorDetail[] } = { code: this.code, message: this.message };
    if (this.details && this.details.length > 0) error.details = this.details;
    return { error };
  }
}

/** The code of a Fastify 4xx by its status (anything unlisted is INVALID_PAYLOAD). */
const FASTIFY_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'INVALID_PAYLOAD', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND',
  409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 422: 'VALIDATION_FAILED', 429: 'RATE_LIMITED',
};

/**
 * Why a string cannot be stored as text (metadata.md §7.2): PostgreSQL text and jsonb hold no NUL
 * character, and a lone UTF-16 surrogate is not Unicode text. Both databases refuse them the same.
 */
export type TextProblem = 'nul' | 'surrogate';

/** `<subject> must not contain NUL characters` / `… unpaired surrogates`: a detail's or a 422's wording. */
export function textProblemMessage(subject: string, problem: TextProblem): string {
  return problem === 'nul' ? `${subject} must not contain NUL characters` : `${subject} must not contain unpaired surrogates`;
}

const invalid = (message: string, details?: ErrorDetail[]) => new AppError('VALIDATION_FAILED', message, details);
const unauthorized = (message: string) => new AppError('UNAUTHORIZED', message);
const notFound = (message: string) => new AppError('NOT_FOUND', message);
const conflict = (message: string, details?: ErrorDetail[]) => new AppError('CONFLICT', message, details);

export const errors = {
  // Request: body, routing, authentication, rate limits, unexpected failures (platform-and-apps.md §1, §6).
  invalidJson: () => new AppError('INVALID_PAYLOAD', 'Invalid JSON body'),
  /** Platform create-app's non-object body (platform-and-apps.md §1.3). */
  invalidRequestBody: () => new AppError('INVALID_PAYLOAD', 'Invalid request body'),
  /** A JSON body nested deeper than MAX_JSON_DEPTH (core/limits.ts). */
  jsonTooDeep: (maxDepth: number) => new AppError('INVALID_PAYLOAD', `JSON body is nested deeper than ${maxDepth} levels`),
  /** A path with invalid percent-encoding (%ZZ, %FF, overlong UTF-8) addresses nothing. */
  badUrlEncoding: () => notFound('Invalid percent-encoding in URL'),
  /** A path segment longer than any name or id (MAX_ID_LENGTH) addresses nothing. */
  urlSegmentTooLong: (maxLength: number) => notFound(`URL segment longer than ${maxLength} characters`),
  /** Malformed HTTP answered by the server's clientError handler (status 400, 408 or 431). */
  malformedRequest: (status: number) => new AppError('INVALID_PAYLOAD',
    status === 431 ? 'Request header fields too large' : status === 408 ? 'Request timeout' : 'Malformed HTTP request', undefined, status),
  payloadTooLarge: () => new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large'),
  /** If-Match named another version of the record (beyond the spec: optimistic concurrency). */
  recordChanged: (entity: string, id: string) => new AppError('PRECONDITION_FAILED', `${entity} ${id} has changed: If-Match does not match its current ETag`),
  /** A Fastify schema failure: Fastify's message, one detail per schema error. */
  schemaValidation: (message: string, details: ErrorDetail[]) => new AppError('INVALID_PAYLOAD', message, details),
  /** Any other Fastify 4xx, in Fastify's wording. */
  fastifyClientError: (status: number, message: string) =>
    new AppError(FASTIFY_STATUS_CODES[status] ?? 'INVALID_PAYLOAD', message, undefined, status),
  routeNotFound: () => notFound('Route not found'),
  missingAuthToken: () => unauthorized('Missing auth token'),
  invalidAuthHeader: () => unauthorized('Invalid auth header format'),
  invalidToken: () => unauthorized('Invalid or expired token'),
  adminRequired: () => new AppError('FORBIDDEN', 'Admin access required'),
  platformAdminRequired: () => new AppError('FORBIDDEN', 'Platform admin access required'),
  /** The `:app` segment names no active app (platform-and-apps.md §6.1). */
  appNotFound: (name: string) => new AppError('APP_NOT_FOUND', `App not found: ${name}`),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('RATE_LIMITED', `Rate limit exceeded, retry in ${retryAfterSeconds} seconds`),
  internal: () => new AppError('INTERNAL_ERROR', 'Internal server error'),

  // Records: entity routes, list queries and writes (rest-api.md §12, write-pipeline.md).
  unknownEntity: (name: string) => new AppError('UNKNOWN_ENTITY', `Unknown entity: ${name}`),
  /** `id` as the client addressed it. */
  recordNotFound: (entity: string, id: string) => notFound(`${entity} with id ${id} not found`),
  validationFailed: (details: ErrorDetail[]) => invalid('Validation failed', details),
  fileNotFound: (id: string) => notFound(`File ${id} not found`),

  // Files: upload, serve, list, delete (webhooks-and-files.md §B2–§B5; fileNotFound above).
  /** Not multipart, malformed multipart, or no file part named `file`. */
  missingFile: () => new AppError('INVALID_PAYLOAD', 'Missing file in form data'),
  fileTooLarge: (maxBytes: number) => new AppError('FILE_TOO_LARGE', `File too large (max ${maxBytes} bytes)`),
  /** The `_files` row exists but its blob is gone. */
  fileNotOnDisk: (id: string) => notFound(`File ${id} not found on disk`),
  deleteRestricted: (count: number, target: string) => conflict(`Cannot delete: ${count} related ${target} records exist`),
  uniqueViolation: (details?: ErrorDetail[]) => conflict('A record with this value already exists', details),
  invalidFilterValue: (field: string, text: string) => new AppError('INVALID_PAYLOAD', `Invalid filter value for ${field}: ${text}`),
  unknownFilterField: (name: string) => new AppError('UNKNOWN_FIELD', `Unknown filter field: ${name}`),
  unknownFilterOperator: (op: string) => new AppError('INVALID_PAYLOAD', `Unknown filter operator: ${op}`),
  unsupportedFilterOperator: (op: string, field: string) =>
    new AppError('INVALID_PAYLOAD', `Operator ${op} is not supported for field ${field}`),
  unknownSortField: (name: string) => new AppError('UNKNOWN_FIELD', `Unknown sort field: ${name}`),
  includeTooDeep: (maxDepth: number, path: string) => new AppError('INVALID_PAYLOAD', `Include depth exceeds ${maxDepth}: ${path}`),
  unknownInclude: (path: string) => new AppError('UNKNOWN_FIELD', `Unknown include: ${path}`),
  tooManyOrGroups: (max: number) => new AppError('INVALID_PAYLOAD', `At most ${max} filter[or] alternatives`),
  unknownSelectedField: (name: string) => new AppError('UNKNOWN_FIELD', `Unknown field in fields: ${name}`),

  // Auth: sessions, users, invites (auth.md §4, §6, §7).
  /** 422 `<field> is required` of an admin or auth body (`email`, `token`, `conditions[0].field` …). */
  fieldRequired: (field: string) => invalid(`${field} is required`),
  /** `password` or `new_password` over bcrypt's byte limit. */
  passwordTooLong: (field: string, maxBytes: number) => invalid(`${field} must be at most ${maxBytes} bytes`),
  /** 422 of an admin or auth body value that is not storable text (`email`, `roles`, `conditions[0].value` …). */
  invalidText: (field: string, problem: TextProblem) => invalid(textProblemMessage(field, problem)),
  credentialsRequired: () => unauthorized('Email and password are required'),
  invalidCredentials: () => unauthorized('Invalid email or password'),
  accountDisabled: () => unauthorized('Account is disabled'),
  refreshTokenRequired: () => unauthorized('Refresh token is required'),
  invalidRefreshToken: () => unauthorized('Invalid refresh token'),
  refreshTokenExpired: () => unauthorized('Refresh token expired'),
  passwordsRequired: () => invalid('current_password and new_password are required'),
  invalidCurrentPassword: () => unauthorized('Invalid current password'),
  invalidEmail: () => invalid('email must be a valid email address'),
  invalidAdminEmail: () => invalid('admin_email must be a valid email address'),
  rolesNotStrings: () => invalid('roles must be an array of strings'),
  activeNotBoolean: () => invalid('active must be a boolean'),
  /** Also the bulk-invite skip reason. */
  userExists: () => conflict('A user with this email already exists'),
  userNotFound: (id: string) => notFound(`User not found: ${id}`),
  /** Also the bulk-invite skip reason. */
  pendingInviteExists: () => conflict('A pending invite already exists for this email'),
  inviteEmailsRequired: () => invalid('emails is required and must be a non-empty array'),
  inviteEmailsBlank: () => invalid('emails must not contain blank entries'),
  inviteNotFound: (id: string) => notFound(`Invite not found: ${id}`),
  invalidInviteToken: () => notFound('Invalid invite token'),
  // Used and expired invites are VALIDATION_FAILED with status 400, not 422 (auth.md §4.4).
  inviteAlreadyAccepted: () => new AppError('VALIDATION_FAILED', 'Invite has already been accepted', undefined, 400),
  inviteExpired: () => new AppError('VALIDATION_FAILED', 'Invite has expired', undefined, 400),

  // Permissions: decisions and the policy admin payload (auth.md §8).
  authenticationRequired: () => unauthorized('Authentication required'),
  /** The (entity, action) pair has no policy at all. */
  noPermission: (action: string, entity: string) => new AppError('FORBIDDEN', `No permission for ${action} on ${entity}`),
  permissionDenied: (action: string, entity: string) => new AppError('FORBIDDEN', `Permission denied for ${action} on ${entity}`),
  invalidPermissionAction: () => invalid('action must be read, create, update, or delete'),
  conditionsNotArray: () => invalid('conditions must be an array'),
  invalidConditionOperator: (index: number, operators: readonly string[]) =>
    invalid(`conditions[${index}].operator must be one of ${operators.join(', ')}`),
  conditionValueNotArray: (index: number) => invalid(`conditions[${index}].value must be an array for in/not_in`),
  permissionNotFound: (id: string) => notFound(`Permission not found: ${id}`),

  // Rules: the admin payload (logic.md §1.8, first failing check wins) and evaluation (§1.3–§1.7).
  ruleNotFound: (id: string) => notFound(`Rule not found: ${id}`),
  ruleEntityNotFound: (entity: string) => invalid(`entity not found: ${entity}`),
  invalidRuleHook: (hook: string) => invalid(`invalid hook: ${hook} (must be before_write, after_write, or before_delete)`),
  invalidRuleType: (type: string) => invalid(`invalid rule type: ${type} (must be field, expression, or computed)`),
  ruleDefinitionRequired: () => invalid('definition is required'),
  computedHookOnly: () => invalid('computed rules are only allowed with hook before_write'),
  ruleFieldNotFound: (field: string, entity: string) => invalid(`rule field ${field} not found on entity ${entity}`),
  invalidRuleOperator: (operator: string) => invalid(`invalid operator: ${operator}`),
  invalidRuleValue: (operator: string) => invalid(`invalid value for operator ${operator}`),
  invalidRulePattern: (reason: string) => invalid(`invalid pattern: ${reason}`),
  invalidExpression: (reason: string) => invalid(`invalid expression: ${reason}`),
  invalidRelatedLoad: (reason: string) => invalid(`invalid related_load: ${reason}`),
  rulePropertyType: (property: string, type: string) => invalid(`${property} must be ${type}`),

  // Webhooks at delivery (webhooks-and-files.md §A3.1): a synchronous veto rolls the write back.
  webhookFailed: (id: string, error: string) => new AppError('WEBHOOK_FAILED', `Webhook ${id} failed: ${error}`),
  webhookConditionFailed: (id: string, detail: string) => new AppError('WEBHOOK_FAILED', `Webhook ${id} condition failed: ${detail}`),

  // State machines: the admin payload (logic.md §3.8, first failing check wins) and enforcement (§3.2–§3.3).
  stateMachineNotFound: (id: string) => notFound(`State machine not found: ${id}`),
  stateMachineEntityNotFound: (entity: string) => invalid(`entity not found: ${entity}`),
  stateMachineFieldNotFound: (field: string, entity: string) => invalid(`field ${field} not found on entity ${entity}`),
  transitionsRequired: () => invalid('at least one transition is required'),
  initialNotString: () => invalid('initial must be a string'),
  transitionFromRequired: () => invalid('transition from is required'),
  transitionToRequired: () => invalid('transition to is required'),
  transitionRolesInvalid: () => invalid('transition roles must be an array of strings'),
  invalidGuard: (reason: string) => invalid(`invalid guard expression: ${reason}`),
  invalidActionType: (type: string) => invalid(`invalid action type: ${type}`),
  invalidSetField: (reason: string) => invalid(`invalid set_field action: ${reason}`),
  invalidCreateRecord: (reason: string) => invalid(`invalid create_record action: ${reason}`),
  sendEventRequiresEvent: () => invalid('invalid send_event action: event is required'),
  /** Any other send_event problem (`data must be an object`, a template that does not compile). */
  invalidSendEvent: (reason: string) => invalid(`invalid send_event action: ${reason}`),
  invalidWebhookAction: (reason: string) => invalid(`invalid webhook action: ${reason}`),
  stateMachineExists: (entity: string, field: string) => conflict(`State machine already exists for ${entity}.${field}`),
  transitionRoleForbidden: (from: string, to: string) => new AppError('FORBIDDEN', `Role not allowed for transition from '${from}' to '${to}'`),

  // Webhooks: the admin payload (webhooks-and-files.md §A9, first failing check wins) and the logs API (§A10).
  webhookNotFound: (id: string) => notFound(`Webhook not found: ${id}`),
  invalidWebhookHook: () => invalid('hook must be after_write, before_write, after_delete, or before_delete'),
  webhookUrlScheme: () => invalid('url must start with http:// or https://'),
  invalidWebhookMethod: () => invalid('method must be POST, PUT, PATCH, GET, or DELETE'),
  webhookHeadersInvalid: () => invalid('headers must be an object with string values'),
  asyncNotBoolean: () => invalid('async must be a boolean'),
  webhookMaxAttemptsInvalid: () => invalid('retry.max_attempts must be an integer between 1 and 20'),
  webhookBackoffInvalid: () => invalid('retry.backoff must be exponential or linear'),
  /** `reason`: the expression compiler's message. */
  invalidWebhookCondition: (reason: string) => invalid(`condition is not a valid expression: ${reason}`),
  webhookConditionNotString: () => invalid('condition is not a valid expression: condition must be a string'),
  /** Beyond the spec: the write-only signing secret. */
  invalidWebhookSecret: (min: number, max: number) => invalid(`secret must be a string of ${min} to ${max} characters or null`),
  webhookLogNotFound: (id: string) => notFound(`Webhook log not found: ${id}`),
  webhookLogNotRetryable: () => invalid('Can only retry failed or retrying webhook logs'),

  // Workflows: the admin payload (logic.md §4.10, first failing check wins) and the runtime endpoints (§4.8).
  workflowNotFound: (id: string) => notFound(`Workflow not found: ${id}`),
  workflowExists: (name: string) => conflict(`Workflow already exists: ${name}`),
  workflowNameRequired: () => invalid('workflow name is required'),
  workflowTriggerTypeRequired: () => invalid('trigger type is required'),
  workflowTriggerUnsupported: (type: string) => invalid(`unsupported trigger type: ${type}`),
  /** `entity`, `field`, `to` of a state_change trigger; `event` of an event trigger. */
  workflowTriggerPropertyRequired: (property: string) => invalid(`trigger ${property} is required`),
  /** Beyond the spec: the optional `entity` of an event trigger that is given but no name. */
  workflowTriggerEntityInvalid: () => invalid('trigger entity must be a non-empty string'),
  workflowContextNotObject: () => invalid('context must be an object'),
  workflowStepsRequired: () => invalid('at least one step is required'),
  workflowStepIdRequired: () => invalid('step id is required'),
  workflowDuplicateStepId: (id: string) => invalid(`duplicate step id: ${id}`),
  workflowStepTypeInvalid: (type: string) => invalid(`invalid step type: ${type}`),
  workflowGotoUnknown: (target: string) => invalid(`goto target '${target}' references unknown step`),
  workflowExpressionInvalid: (step: string, reason: string) => invalid(`invalid expression in step ${step}: ${reason}`),
  workflowTimeoutInvalid: (step: string, timeout: string) => invalid(`invalid timeout in step ${step}: ${timeout}`),
  workflowAssigneeInvalid: (step: string) => invalid(`invalid assignee in step ${step}`),
  workflowActionInvalid: (step: string, reason: string) => invalid(`invalid action in step ${step}: ${reason}`),
  workflowInstanceNotFound: (id: string) => notFound(`Workflow instance not found: ${id}`),
  workflowNotRunning: (status: string) => new AppError('INVALID_STATE', `workflow instance is not running (status: ${status})`),
  workflowNotAtApproval: () => new AppError('INVALID_STATE', 'current step is not an approval step'),
  notAnAssignee: () => new AppError('FORBIDDEN', 'Not an assignee of this approval step'),

  // Events (observability-and-audit.md §A7): the business-event body and the trace waterfall.
  eventEntityNotString: () => invalid('entity must be a string'),
  eventRecordIdInvalid: () => invalid('record_id must be a string'),
  eventMetadataNotObject: () => invalid('metadata must be an object'),
  /** `traceId` as the client sent it (also a value that is no UUID). */
  traceNotFound: (traceId: string) => notFound(`Trace not found: ${traceId}`),

  // Audit log (observability-and-audit.md §0, §B7).
  auditLogNotFound: (id: string) => notFound(`Audit log not found: ${id}`),
  /** A `from` / `to` query parameter that is no ISO-8601 timestamp (§0). */
  timestampParamInvalid: (param: string) => invalid(`${param} must be an ISO-8601 timestamp`),

  // Admin: metadata definitions and their migrations (metadata.md §10, §11).
  /** An invalid definition: the first problem's message, every problem as a detail. */
  metadataInvalid: (problems: ErrorDetail[]) => invalid(problems[0].message, problems),
  entityNotFound: (name: string) => notFound(`Entity not found: ${name}`),
  relationNotFound: (name: string) => notFound(`Relation not found: ${name}`),
  entityExists: (name: string) => conflict(`Entity already exists: ${name}`),
  relationExists: (name: string) => conflict(`Relation already exists: ${name}`),
  tableInUse: (table: string) => conflict(`Table already in use: ${table}`),
  metadataChangedConcurrently: () => conflict('Metadata changed concurrently: name or table already in use'),
  /** An existing table's column cannot hold its field (metadata.md §9.1), e.g. `notes`, `body`, `integer`, `body (string)`, `TEXT`. */
  adoptedColumnMismatch: (table: string, column: string, declared: string, holder: string, needed: string) =>
    invalid(`migration failed: cannot adopt table ${table}: column ${column} has type ${declared}, ${holder} needs ${needed}`),
  /** A DDL statement failed, e.g. `create unique index on books.isbn` / `duplicate values exist`. */
  migrationFailed: (operation: string, reason: string) => invalid(`migration failed: cannot ${operation}: ${reason}`),

  // Schema import (schema-io.md §2.1, §2.5): the document checks, then the per-item messages of `errors`.
  unsupportedSchemaVersion: (version: unknown) => invalid(`Unsupported schema version: ${String(version)}`),
  schemaSectionNotArray: (section: string) => invalid(`${section} must be an array`),
  sampleDataNotObjectOfArrays: () => invalid('sample_data must be an object of arrays'),
  /** Beyond the spec: the dry run's query parameter. */
  dryRunInvalid: () => new AppError('INVALID_PAYLOAD', 'dry_run must be true or false'),
  importItemNotObject: () => invalid('item must be an object'),
  unknownSampleDataKey: () => invalid('unknown sample_data key'),
  sampleRowNotObject: (row: number) => invalid(`row ${row}: must be an object`),
  /** A value of a sample row that its field's type cannot take, or a required field without one. */
  sampleRowInvalid: (row: number, message: string) => invalid(`row ${row}: ${message}`),
  /** The statement of a sample row failed for a reason the database gives (not a conflict, which is skipped). */
  sampleRowFailed: (row: number, reason: string) => invalid(`row ${row}: insert failed: ${reason}`),

  // UI configurations: the admin payload (schema-io.md §3, first failing check wins) and lookups.
  uiConfigNotFound: (id: string) => notFound(`UI config not found: ${id}`),
  uiConfigEntityNotFound: (entity: string) => invalid(`entity not found: ${entity}`),
  uiConfigScopeNotString: () => invalid('scope must be a string'),
  /** Beyond the spec: `entity` / `scope` longer than a URL segment can address (MAX_ID_LENGTH). */
  uiConfigPropertyTooLong: (property: string, max: number) => invalid(`${property} must be at most ${max} characters`),
  uiConfigNotObject: () => invalid('config must be an object'),
  uiConfigExists: (entity: string, scope: string) => conflict(`UI config already exists for entity ${entity} scope ${scope}`),

  // AI schema generator (schema-io.md §4).
  aiNotConfigured: () => new AppError('NOT_CONFIGURED',
    'AI not configured. Set ROCKET_AI_BASE_URL, ROCKET_AI_API_KEY, and ROCKET_AI_MODEL environment variables.'),
  aiPromptRequired: () => new AppError('INVALID_PAYLOAD', 'prompt is required'),
  aiPromptTooLong: (max: number) => new AppError('INVALID_PAYLOAD', `prompt must be ${max} characters or fewer`),
  /** `reason`: the transport's description (`timeout after 120000 ms`, `connect ECONNREFUSED …`). */
  aiUnreachable: (reason: string) => new AppError('AI_REQUEST_FAILED', `Failed to connect to AI provider: ${reason}`),
  aiProviderStatus: (status: number, message: string) => new AppError('AI_REQUEST_FAILED', `AI provider returned ${status}: ${message}`),
  aiEmptyResponse: () => new AppError('AI_REQUEST_FAILED', 'AI provider returned empty response'),
  aiInvalidJson: () => new AppError('AI_REQUEST_FAILED', 'AI returned invalid JSON. Try rephrasing your prompt.'),

  // Platform: app names and app management (platform-and-apps.md §4, §5).
  appNameRequired: () => invalid('App name is required'),
  invalidAppName: () => invalid('App name must be lowercase letters, numbers, hyphens, underscores (start with letter)'),
  appNameTooLong: (max: number) => invalid(`App name must be at most ${max} characters`),
  invalidDbDriver: (drivers: readonly string[]) => invalid(`Invalid db_driver: must be one of ${drivers.join(', ')}`),
  dbDriverUnavailable: (driver: string) => invalid(`db_driver ${driver} is not available on this server`),
  appExists: (name: string) => conflict(`App already exists: ${name}`),
  databaseExists: (dbName: string) => conflict(`Database already exists: ${dbName}`),
  /** A platform endpoint's `:name` (NOT_FOUND, unlike the app-scoped APP_NOT_FOUND: §5.7, §5.8). */
  platformAppNotFound: () => notFound('App not found'),
  appCreateFailed: () => new AppError('INTERNAL_ERROR', 'Failed to create app'),
};
