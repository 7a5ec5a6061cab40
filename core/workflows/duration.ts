// Approval timeouts (logic.md §4.4): `^\d+(s|m|h|d)$`, e.g. `30m`, `72h`, `7d`.
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+)([smhd])$/;

/** The duration in milliseconds, or undefined when `text` is not a valid timeout. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  // Beyond what a date can hold (or absurdly far): not a timeout anyone meant.
  return Number.isSafeInteger(ms) && ms <= 100 * 365 * UNIT_MS.d ? ms : undefined;
}
