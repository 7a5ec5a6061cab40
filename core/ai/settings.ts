// The AI schema generator's configuration (schema-io.md §4): optional, and configured only when
// base URL, API key and model are all set. One reading of `config.ai` for the app route
// (`/_admin/ai/status`, `/_admin/ai/generate`) and the platform's `/api/_platform/ai/status`.
import type { RocketConfig } from '../../config/schema.js';

export interface AiSettings {
  /** `<base_url without trailing slashes>/chat/completions`. */
  endpoint: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

/** The settings when all three values are set, else undefined (not configured). */
export function aiSettings(ai: RocketConfig['ai']): AiSettings | undefined {
  if (!ai.base_url || !ai.api_key || !ai.model) return undefined;
  return {
    endpoint: `${ai.base_url.replace(/\/+$/, '')}/chat/completions`,
    apiKey: ai.api_key,
    model: ai.model,
    timeoutMs: ai.timeout_ms,
  };
}

/** §4.1: the model only when configured; never the key or the URL. */
export function aiStatus(ai: RocketConfig['ai']): { configured: boolean; model: string } {
  const settings = aiSettings(ai);
  return { configured: settings !== undefined, model: settings?.model ?? '' };
}
