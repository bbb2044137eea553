import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header Telegram puts on every webhook POST once `setWebhook` was given a `secret_token`. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** What Telegram accepts as `secret_token`: 1-256 characters from `A-Z a-z 0-9 _ -` (PLATFORMS.md E.1). */
export const TELEGRAM_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Checks the `X-Telegram-Bot-Api-Secret-Token` header against the secret we registered with
 * `setWebhook`. Telegram sends the secret itself (no HMAC, no body signature), so this is the only
 * proof that a POST came from Telegram. An empty expected secret never matches: it would let any
 * request without the header through.
 */
export function verifyTelegramSecret(headerValue: string | null | undefined, expected: string): boolean {
  if (typeof headerValue !== 'string' || !expected) return false;
  return sameSecret(headerValue, expected);
}

/** A fresh secret for `setWebhook`: 43 characters of base64url (256 random bits), within Telegram's alphabet. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** True when Telegram would accept `value` as `secret_token`. */
export function isValidWebhookSecret(value: string): boolean {
  return TELEGRAM_SECRET_PATTERN.test(value);
}

// Hashing first gives equal-length buffers, so the comparison leaks neither content nor length.
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
