let last = 0;

/**
 * A customer id (PSID, IGSID, Telegram user id) that no other test and no earlier try of this one
 * has used: the browser tests share one server, so a retry must not find the first try's chats.
 * The clock in microseconds, never repeating: 16 digits, like the platforms' ids, and a safe
 * JavaScript number (Telegram).
 */
export function newCustomerId(): string {
  last = Math.max(Date.now() * 1000, last + 1);
  return String(last);
}
