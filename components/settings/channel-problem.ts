/**
 * A channel's last error as Settings shows it: platform errors end in advice for people elsewhere
 * ("…; reconnect the channel in Settings > Chats"), which on this very page, next to the
 * Reconnect button, only sends the admin in circles.
 */
export function withoutSettingsAdvice(error: string): string {
  return error
    .replace(/;\s*reconnect (?:the channel|the WhatsApp number|it) in Settings\s*[>›]\s*Chats(?: with a token from @BotFather)?/gi, '')
    .replace(/\s*Reconnect it(?: in Settings\s*[>›]\s*Chats)?\.(?=\s|$)/g, '')
    .trim();
}
