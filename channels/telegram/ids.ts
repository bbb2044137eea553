/**
 * Telegram numbers messages per chat, so a message id alone is not unique: our provider message
 * id is `${chat.id}:${message_id}` for inbound and outbound messages alike. An edit of an inbound
 * message gets `${chat.id}:${message_id}:edit:${edit_date}` (see parse-update.ts).
 */
export function telegramProviderMessageId(chatId: number | string, messageId: number | string): string {
  return `${chatId}:${messageId}`;
}

/** The chat and message ids back out of a provider message id (edits included); null if it isn't one of ours. */
export function parseTelegramProviderMessageId(id: string): { chatId: string; messageId: number } | null {
  const match = /^(-?\d+):(\d+)(?::edit:\d+)?$/.exec(id);
  return match ? { chatId: match[1], messageId: Number(match[2]) } : null;
}
