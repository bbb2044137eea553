import type { ChatItem } from './inbox-state';

/**
 * The number to call about a chat: the one the platform gives (WhatsApp), else the linked
 * client's (Messenger, Instagram and Telegram never give one).
 */
export function chatPhone(chat: Pick<ChatItem, 'contact' | 'client'>): string | null {
  return chat.contact.phone?.trim() || chat.client?.phone?.trim() || null;
}
