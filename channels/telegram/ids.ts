/**
 * Telegram numbers messages per chat, so a message id alone is not unique: our provider message
 * id is `${chat.id}:${message_id}` for inbound and outbound messages alike. An edit of an inbound
 * message gets `${chat.id}:${message_id}:edit:${edit_date}` (see parse-update.ts).
 */
export function telegramProviderMessageId(chatId: number | string, messageId: number | string): string {
  return `${chatId}:${messageId}`;
}
