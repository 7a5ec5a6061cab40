// Validation of a webhook admin payload (webhooks-and-files.md §A9): the checks in their documented
// order, first failure wins, then the stored form with the defaults of §A2 for omitted fields. PUT
// is a full replacement, so it gets the same create-time defaults — except the write-only `secret`
// (beyond the spec), which a PUT without the key keeps (a client cannot echo what it cannot read).
//
// `entity` is not checked against the metadata (§A1: a webhook may exist before its entity).
// `async` is normalised to the hook (§A3) whatever was sent, but a non-boolean is still refused.
// Only an omitted key takes its default: `null` is a value like any other and fails its check
// (except `secret: null`, which removes the secret). Unknown keys are ignored, so a client may PUT
// back what it read (`id`, `has_secret`, timestamps). Inside `retry`, an omitted key takes its
// default (`{"backoff": "linear"}` keeps 3 attempts).
import { errors } from '../errors.js';
import { compileExpression, ExprCompileError } from '../expr/index.js';
import { objectBody } from '../input.js';
import { isPlainObject } from '../metadata/names.js';
import { jsonTextProblem } from '../text.js';
import {
  BACKOFFS, DEFAULT_RETRY, DELIVERY_METHODS, isAsyncHook, WEBHOOK_HOOKS,
  type Backoff, type DeliveryMethod, type RetryPolicy, type StoredWebhook, type WebhookHook, type WebhookInput,
} from './types.js';

const HOOK_SET: ReadonlySet<string> = new Set(WEBHOOK_HOOKS);
const METHOD_SET: ReadonlySet<string> = new Set(DELIVERY_METHODS);
const BACKOFF_SET: ReadonlySet<string> = new Set(BACKOFFS);

export const MAX_ATTEMPTS_LIMIT = 20;
export const SECRET_MIN_LENGTH = 16;
export const SECRET_MAX_LENGTH = 1024;

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Every check of §A9 in order; `current` (PUT) only supplies the secret an omitted key keeps. */
export function validateWebhook(body: unknown, current?: StoredWebhook): WebhookInput {
  const b = objectBody(body);
  if (!nonEmptyString(b.entity)) throw errors.fieldRequired('entity');
  const hook = (b.hook ?? 'after_write') as WebhookHook;
  if (b.hook !== undefined && (typeof b.hook !== 'string' || !HOOK_SET.has(b.hook))) throw errors.invalidWebhookHook();
  if (!nonEmptyString(b.url)) throw errors.fieldRequired('url');
  if (!b.url.startsWith('http://') && !b.url.startsWith('https://')) throw errors.webhookUrlScheme();
  // Case-sensitive, like the documented list: `post` is refused rather than silently upper-cased.
  const method = (b.method ?? 'POST') as DeliveryMethod;
  if (b.method !== undefined && (typeof b.method !== 'string' || !METHOD_SET.has(b.method))) throw errors.invalidWebhookMethod();
  const headers = b.headers === undefined ? {} : b.headers;
  if (!isPlainObject(headers) || !Object.values(headers).every((v) => typeof v === 'string')) throw errors.webhookHeadersInvalid();
  if (b.async !== undefined && typeof b.async !== 'boolean') throw errors.asyncNotBoolean();
  if (b.active !== undefined && typeof b.active !== 'boolean') throw errors.activeNotBoolean();
  const retry = b.retry === undefined ? { ...DEFAULT_RETRY } : retryPolicy(b.retry);
  const condition = b.condition === undefined ? '' : checkedCondition(b.condition);
  const secret = b.secret === undefined ? (current?.secret ?? null) : checkedSecret(b.secret);

  const input: WebhookInput = {
    entity: b.entity,
    hook,
    url: b.url,
    method,
    headers: { ...(headers as Record<string, string>) },
    condition,
    async: isAsyncHook(hook),
    retry,
    active: (b.active as boolean | undefined) ?? true,
    secret,
  };
  textCheck(input);
  return input;
}

/** A retry that is not an object has no valid max_attempts: that message. */
function retryPolicy(raw: unknown): RetryPolicy {
  if (!isPlainObject(raw)) throw errors.webhookMaxAttemptsInvalid();
  const maxAttempts = raw.max_attempts === undefined ? DEFAULT_RETRY.max_attempts : raw.max_attempts;
  if (typeof maxAttempts !== 'number' || !Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw errors.webhookMaxAttemptsInvalid();
  }
  const backoff = raw.backoff === undefined ? DEFAULT_RETRY.backoff : raw.backoff;
  if (typeof backoff !== 'string' || !BACKOFF_SET.has(backoff)) throw errors.webhookBackoffInvalid();
  return { max_attempts: maxAttempts, backoff: backoff as Backoff };
}

/** "" always fires; anything else must compile (§A4). */
function checkedCondition(source: unknown): string {
  if (typeof source !== 'string') throw errors.webhookConditionNotString();
  if (source === '') return source;
  try {
    compileExpression(source);
  } catch (err) {
    if (err instanceof ExprCompileError) throw errors.invalidWebhookCondition(err.reason);
    throw err;
  }
  return source;
}

function checkedSecret(secret: unknown): string | null {
  if (secret === null) return null;
  if (typeof secret !== 'string' || secret.length < SECRET_MIN_LENGTH || secret.length > SECRET_MAX_LENGTH) {
    throw errors.invalidWebhookSecret(SECRET_MIN_LENGTH, SECRET_MAX_LENGTH);
  }
  return secret;
}

/** Text both databases can store (core/text.ts), field by field in column order. */
function textCheck(input: WebhookInput): void {
  const texts: Array<[string, unknown]> = [
    ['entity', input.entity], ['url', input.url], ['headers', input.headers], ['condition', input.condition], ['secret', input.secret],
  ];
  for (const [field, value] of texts) {
    const problem = jsonTextProblem(value);
    if (problem) throw errors.invalidText(field, problem);
  }
}
