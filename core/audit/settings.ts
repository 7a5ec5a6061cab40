// The audit configuration (observability-and-audit.md §B5, §B8) as the write path reads it:
// resolved once per loaded configuration, so no request re-reads or re-normalises it.
import type { RocketConfig } from '../../config/schema.js';

export interface AuditSettings {
  /** Global switch: nothing is written while false (the read API keeps working). */
  readonly enabled: boolean;
  /** Whether entities without an `audit` key in their definition are audited. */
  readonly byDefault: boolean;
  /** 0 keeps entries forever. */
  readonly retentionDays: number;
  /** Lower-cased field-name substrings that are masked. */
  readonly maskPatterns: readonly string[];
}

const resolved = new WeakMap<RocketConfig['audit'], AuditSettings>();

export function auditSettings(config: RocketConfig['audit']): AuditSettings {
  let settings = resolved.get(config);
  if (!settings) {
    settings = Object.freeze({
      enabled: config.enabled,
      byDefault: config.default,
      retentionDays: config.retention_days,
      maskPatterns: Object.freeze(config.mask_patterns.map((p) => p.toLowerCase())),
    });
    resolved.set(config, settings);
  }
  return settings;
}
