import type { InboundEvent } from '../../channels/types';

/** The earliest platform time we believe; anything before is a unit mistake or garbage. */
const EARLIEST = Date.UTC(2000, 0, 1);
/** Clocks drift: a platform time a little ahead of ours is kept, further ahead is not. */
const FUTURE_SLACK_MS = 60 * 60 * 1000;

export interface SanitisedEvent {
  event: InboundEvent;
  /** What was changed, for the log: "text: NUL removed", "timestamp: out of range". */
  fixes: string[];
}

/**
 * Makes an event storable whatever a platform (or a forger with the app secret) put in it:
 * PostgreSQL rejects NUL characters and lone UTF-16 surrogates in text and jsonb, and a time
 * outside its range (or JavaScript's) throws. Strings lose those characters; a time that is not a
 * real date between 2000 and an hour from now becomes the time we received the event.
 */
export function sanitiseEvent(event: InboundEvent, receivedAt: Date): SanitisedEvent {
  const fixes: string[] = [];
  const clean = cleanValue(event, '', fixes, receivedAt) as InboundEvent;
  return { event: clean, fixes };
}

/** Any JSON-like value made storable the same way (for events a parser could not read). */
export function sanitiseRaw(value: unknown, receivedAt: Date): unknown {
  return cleanValue(value, '', [], receivedAt);
}

function cleanValue(value: unknown, path: string, fixes: string[], receivedAt: Date): unknown {
  if (typeof value === 'string') {
    const clean = cleanString(value);
    if (clean !== value) fixes.push(`${path || 'value'}: unstorable characters removed`);
    return clean;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isFinite(ms) && ms >= EARLIEST && ms <= receivedAt.getTime() + FUTURE_SLACK_MS) return value;
    fixes.push(`${path}: time out of range, replaced by the time received`);
    return new Date(receivedAt);
  }
  if (Array.isArray(value)) return value.map((item, i) => cleanValue(item, `${path}[${i}]`, fixes, receivedAt));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const cleanKey = cleanString(key);
      if (cleanKey !== key) fixes.push(`${path}: a key with unstorable characters renamed`);
      out[cleanKey] = cleanValue(item, path ? `${path}.${cleanKey}` : cleanKey, fixes, receivedAt);
    }
    return out;
  }
  return value;
}

// NUL anywhere, and a surrogate half without its partner (JSON allows "\ud800", UTF-8 does not)
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanString(value: string): string {
  return value.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\ufffd'));
}
