import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { channels, chats, clients, contacts, messages } from '../../db/schema';

export type ChatRow = typeof chats.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** What screens show of a channel: never its tokens or secrets. */
export const channelSummary = {
  id: channels.id,
  kind: channels.kind,
  name: channels.name,
  externalId: channels.externalId,
  state: channels.state,
  receiveComments: channels.receiveComments,
  lastWebhookAt: channels.lastWebhookAt,
  lastError: channels.lastError,
  lastErrorAt: channels.lastErrorAt,
  tokenExpiresAt: channels.tokenExpiresAt,
};
export type ChannelSummary = Pick<ChannelRow, keyof typeof channelSummary>;

/** A chat with what every screen shows beside it, read in one statement. */
export interface ChatView {
  chat: ChatRow;
  contact: ContactRow;
  channel: ChannelSummary;
  lastMessage: MessageRow | null;
  /** The linked CRM client's name: once linked, it is what the chat is called. */
  clientName: string | null;
}

export function selectChatViews(db: Executor) {
  return db
    .select({ chat: chats, contact: contacts, channel: channelSummary, lastMessage: messages, clientName: clients.name })
    .from(chats)
    .innerJoin(contacts, eq(contacts.id, chats.contactId))
    .innerJoin(channels, eq(channels.id, chats.channelId))
    .leftJoin(messages, eq(messages.id, chats.lastMessageId))
    .leftJoin(clients, eq(clients.id, chats.clientId))
    .$dynamic();
}
