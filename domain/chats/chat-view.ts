import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { channels, chats, contacts, messages } from '../../db/schema';

export type ChatRow = typeof chats.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** A chat with what every screen shows beside it, read in one statement. */
export interface ChatView {
  chat: ChatRow;
  contact: ContactRow;
  channel: ChannelRow;
  lastMessage: MessageRow | null;
}

export function selectChatViews(db: Executor) {
  return db
    .select({ chat: chats, contact: contacts, channel: channels, lastMessage: messages })
    .from(chats)
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .innerJoin(channels, eq(channels.id, chats.channelId))
    .leftJoin(messages, eq(messages.id, chats.lastMessageId))
    .$dynamic();
}
