// The AI schema generator (schema-io.md §4.2): one OpenAI-compatible chat completion per request,
// whose first choice is parsed as a SchemaDocument proposal. Nothing is imported or stored.
//
// The provider call goes through the project's outbound client (core/outbound/http-client.ts): one
// deadline over connect, headers and body (`ai.timeout_ms`, 120 s by default), a capped body, and
// keep-alive sockets to the provider. Private networks are allowed for it whatever
// `webhooks.allow_private_networks` says: that rule protects the server's network from URLs an
// app admin chooses, while `ai.base_url` is infrastructure the operator configures (like the OTLP
// collector), and self-hosted models commonly run on localhost or an internal host.
//
// The API key goes only into the Authorization header: it is never logged, and any echo of it in a
// provider's error text is cut out of the message returned to the client.
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import { objectBody } from '../input.js';
import type { Logger } from '../logger.js';
import { isPlainObject } from '../metadata/names.js';
import { createOutboundClient, type OutboundClient } from '../outbound/http-client.js';
import type { AiSettings } from './settings.js';
import { systemMessage, type ExistingEntity } from './system-message.js';

/** §4.2: longest prompt, in characters (Unicode code points). */
export const MAX_PROMPT_CHARS = 5000;
/** Characters of a provider response kept: a large schema with sample data fits many times over. */
export const MAX_RESPONSE_CHARS = 4 * 1024 * 1024;
/** Characters of a provider's error message quoted in the 502. */
const MAX_PROVIDER_MESSAGE_CHARS = 500;
const TEMPERATURE = 0.3;

export interface GenerateResult {
  schema: Record<string, unknown>;
}

/** §4.2 checks 2–3: the prompt, or 400. */
export function promptOf(body: unknown): string {
  const { prompt } = objectBody(body);
  // A prompt of only whitespace describes nothing: it counts as empty.
  if (typeof prompt !== 'string' || prompt.trim() === '') throw errors.aiPromptRequired();
  // Code points, not UTF-16 units: an emoji is one character. Counting stops once over the limit.
  let count = 0;
  for (const _ of prompt) if (++count > MAX_PROMPT_CHARS) throw errors.aiPromptTooLong(MAX_PROMPT_CHARS);
  return prompt;
}

/** The registry's entities as the system message lists them, by name. */
export function existingEntities(registry: Registry): ExistingEntity[] {
  return [...registry.entities.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => ({ name: e.name, table: e.table, fields: e.def.fields.map((f) => ({ name: f.name, type: String(f.type) })) }));
}

/** The provider's own words for a non-2xx: OpenAI's `error.message`, else `message` / `error`, else the body. */
export function providerMessage(body: string): string {
  let message: unknown;
  try {
    const parsed: unknown = JSON.parse(body);
    if (isPlainObject(parsed)) {
      const error = parsed.error;
      message = isPlainObject(error) ? error.message : typeof error === 'string' ? error : parsed.message;
    }
  } catch { /* not JSON: the text itself */ }
  const text = (typeof message === 'string' && message.trim() !== '' ? message : body).trim();
  if (text === '') return 'no error message';
  return text.length > MAX_PROVIDER_MESSAGE_CHARS ? `${text.slice(0, MAX_PROVIDER_MESSAGE_CHARS)}…` : text;
}

/** The first choice's message content, or undefined (no choices, no content, not a completion). */
function completionContent(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const choices = isPlainObject(parsed) ? parsed.choices : undefined;
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  const message = isPlainObject(first) ? first.message : undefined;
  const content = isPlainObject(message) ? message.content : undefined;
  return typeof content === 'string' && content.trim() !== '' ? content : undefined;
}

/**
 * The completion as a document: a JSON object, also when a model wrapped it in one Markdown code
 * fence despite `response_format` (some OpenAI-compatible servers ignore it). Anything else → 502.
 */
export function parseDocument(content: string): Record<string, unknown> {
  const fenced = /^\s*```[A-Za-z]*\s*\n([\s\S]*?)\n?\s*```\s*$/.exec(content);
  let doc: unknown;
  try {
    doc = JSON.parse(fenced ? fenced[1] : content);
  } catch {
    throw errors.aiInvalidJson();
  }
  if (!isPlainObject(doc)) throw errors.aiInvalidJson();
  if (doc.version === undefined) doc.version = 1;
  return doc;
}

export class AiGenerator {
  private client?: OutboundClient;

  constructor(private readonly settings: AiSettings | undefined) {}

  /** The client is made on first use: an unconfigured server opens no agent. */
  private outbound(): OutboundClient {
    this.client ??= createOutboundClient({ allowPrivateNetworks: true, maxResponseChars: MAX_RESPONSE_CHARS, connectionsPerOrigin: 4 });
    return this.client;
  }

  /** Cuts the key out of text that came from elsewhere (a provider echoing it, a transport message). */
  private redact(text: string): string {
    const key = this.settings?.apiKey;
    return key ? text.split(key).join('[redacted]') : text;
  }

  /** §4.2, in the order of its table: configured (501), prompt (400), then the provider (502). The
   * registry is read only for a call that reaches the provider. */
  async generate(body: unknown, registry: () => Promise<Registry>, log: Logger): Promise<GenerateResult> {
    const settings = this.settings;
    if (!settings) throw errors.aiNotConfigured();
    const prompt = promptOf(body);
    const request = {
      model: settings.model,
      temperature: TEMPERATURE,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: systemMessage(existingEntities(await registry())) },
        { role: 'user', content: prompt },
      ],
    };
    let res;
    try {
      res = await this.outbound().send({
        url: settings.endpoint,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${settings.apiKey}` },
        body: JSON.stringify(request),
        timeoutMs: settings.timeoutMs,
      });
    } catch (err) {
      throw errors.aiUnreachable(this.redact((err as Error).message));
    }
    log.info({ model: settings.model, status: res.status, duration_ms: res.durationMs, prompt_chars: prompt.length }, 'AI schema generation answered');
    if (res.status < 200 || res.status > 299) throw errors.aiProviderStatus(res.status, this.redact(providerMessage(res.body)));
    // A cut body cannot hold a whole document: "invalid JSON" says what a smaller request would fix.
    if (res.truncated) {
      log.warn({ max_chars: MAX_RESPONSE_CHARS }, 'AI provider response exceeded the size limit');
      throw errors.aiInvalidJson();
    }
    const content = completionContent(res.body);
    if (content === undefined) throw errors.aiEmptyResponse();
    return { schema: parseDocument(content) };
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
