/**
 * Reading values out of Meta's webhook and Graph JSON (Messenger, Instagram, WhatsApp, comments):
 * ids come as strings or, now and then, as numbers; empty strings mean "absent".
 */

/** An id as a string: Meta's JSON has strings, but app_id, sticker_id and some ad ids come as numbers. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A non-empty string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** A string with something besides spaces in it, trimmed; else undefined (names, usernames). */
export function trimmedOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** An epoch time in `unit` (Messenger ms; WhatsApp and the Page feed seconds), as a number or digits. */
export function epochDate(value: unknown, unit: 'ms' | 's'): Date | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? new Date(unit === 's' ? n * 1000 : n) : undefined;
}
