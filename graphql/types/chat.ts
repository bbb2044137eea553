import { canSeeClients } from '../../domain/access';
import { findChat, getChat } from '../../domain/chats/get-chat';
import { countInboxBadge, countUnreadChats } from '../../domain/chats/inbox-badge';
import { archiveChat, reopenChat } from '../../domain/chats/archive-chat';
import { linkClient } from '../../domain/chats/link-client';
import { startChat } from '../../domain/chats/start-chat';
import { listChats } from '../../domain/chats/list-chats';
import { markChatRead } from '../../domain/chats/mark-chat-read';
import { listMessages } from '../../domain/messages/list-messages';
import { chatSendability } from '../../domain/messages/send-message';
import { chatTitle } from '../../domain/chats/title';
import { contactAvatarPath } from '../../domain/contacts/profile';
import { builder } from '../builder';
import { parseId } from '../ids';
import { badInput } from '../../domain/errors';
import { ChannelRef, TemplateInputRef } from './channel';
import { EmployeeRef } from './employee';
import { ChatRef, ClientRef, MessageRef, MessageTagEnum } from './refs';
import { connectionOf } from '../connection';
import type { ChatRow, ContactRow } from '../../domain/chats/chat-view';

export const ChatStatusEnum = builder.enumType('ChatStatus', { values: ['OPEN', 'ARCHIVED'] as const });
export const SendBlockEnum = builder.enumType('SendBlock', {
  values: ['TAG_REQUIRED', 'WINDOW_CLOSED', 'TEMPLATE_REQUIRED', 'SYNC_LOST', 'NO_ACCESS'] as const,
});

export const ContactRef = builder.objectRef<ContactRow>('Contact');
ContactRef.implement({
  description: 'The customer as the platform knows them.',
  fields: (t) => ({
    externalId: t.exposeString('externalId'),
    displayName: t.exposeString('displayName', { nullable: true }),
    username: t.exposeString('username', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    avatarUrl: t.string({
      nullable: true,
      description: 'Our copy of the customer\'s picture (`/api/avatars/<contact>?v=…`, for viewers who may see the chat); null when there is none.',
      resolve: (c) => contactAvatarPath(c),
    }),
  }),
});

export const SendabilityRef = builder.objectRef<ReturnType<typeof chatSendability>>('Sendability');
SendabilityRef.implement({
  description: 'Whether an operator can write in this chat now, and if not, why and what is still allowed.',
  fields: (t) => ({
    canSend: t.exposeBoolean('canSend'),
    block: t.field({ type: SendBlockEnum, nullable: true, resolve: (s) => s.block }),
    allowedTags: t.field({ type: [MessageTagEnum], resolve: (s) => s.allowedTags }),
    windowEndsAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.windowEndsAt }),
    externalUrl: t.exposeString('externalUrl', { nullable: true }),
  }),
});

export { ChatRef };

builder.node(ChatRef, {
  id: { resolve: (v) => v.chat.id },
  loadOne: (id, ctx) => findChat(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    channel: t.field({ type: ChannelRef, resolve: (v) => v.channel }),
    contact: t.field({ type: ContactRef, resolve: (v) => v.contact }),
    title: t.string({
      description: 'The linked client\'s name; before a client is linked, the customer\'s name on the platform (or @username), or the localised "Unknown client" when the platform withholds it.',
      resolve: (v, _, ctx) => chatTitle(v, ctx.locale),
    }),
    client: t.field({
      type: ClientRef,
      nullable: true,
      resolve: (v, _, ctx) => (v.chat.clientId && canSeeClients(ctx.viewer) ? ctx.loaders.client.load(v.chat.clientId) : null),
    }),
    status: t.field({ type: ChatStatusEnum, resolve: (v) => v.chat.status }),
    archivedAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.chat.archivedAt }),
    archivedBy: t.field({
      type: EmployeeRef,
      nullable: true,
      resolve: (v, _, ctx) => (v.chat.archivedById ? ctx.loaders.employee.load(v.chat.archivedById) : null),
    }),
    unread: t.boolean({ resolve: (v) => v.chat.unread }),
    awaitingReply: t.boolean({ resolve: (v) => v.chat.awaitingReply }),
    lastMessage: t.field({ type: MessageRef, nullable: true, resolve: (v) => v.lastMessage }),
    lastMessageAt: t.field({ type: 'DateTime', resolve: (v) => v.chat.lastMessageAt }),
    lastInboundAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.chat.lastInboundAt }),
    sendability: t.field({ type: SendabilityRef, resolve: (v) => chatSendability(v) }),
    hasComments: t.boolean({
      description: 'Comments under posts arrived in this chat (for the list\'s messages / comments filter).',
      resolve: async (v, _, ctx) => (await ctx.loaders.chatItemKinds.load(v.chat.id)).comments,
    }),
    hasDirectMessages: t.boolean({
      description: 'Direct messages were written in this chat, besides comments and the replies to them.',
      resolve: async (v, _, ctx) => (await ctx.loaders.chatItemKinds.load(v.chat.id)).directMessages,
    }),
    messages: t.connection({
      type: MessageRef,
      description: 'The history in time order. `last` / `before` page back from the newest.',
      resolve: async (v, args, ctx) => {
        const page = await listMessages(ctx.deps.db, v.chat.id, args);
        return connectionOf(page);
      },
    }, { name: 'MessageConnection' }, { name: 'MessageEdge' }),
  }),
});

builder.queryFields((t) => ({
  chats: t.connection({
    type: ChatRef,
    args: {
      status: t.arg({ type: ChatStatusEnum, defaultValue: 'OPEN' }),
      channelId: t.arg.id(),
      search: t.arg.string({ description: 'Any part of the name, phone, @username or a message (at most 200 characters).' }),
      unread: t.arg.boolean({ description: 'true: only unread chats; false: only read ones.' }),
      awaitingReply: t.arg.boolean({ description: 'true: only chats whose customer waits for an answer.' }),
    },
    resolve: async (_, args, ctx) => {
      if (args.last != null || args.before != null) throw badInput('Page chats forward with first/after: the list starts at the newest chat.');
      const page = await listChats(ctx.deps.db, ctx.viewer, {
        status: args.status ?? 'OPEN',
        channelId: args.channelId ? parseId(args.channelId, 'Channel') : null,
        first: args.first,
        after: args.after,
        search: args.search,
        unread: args.unread,
        awaitingReply: args.awaitingReply,
      });
      ctx.loaders.primeChats(page.items);
      return connectionOf(page);
    },
  }, { name: 'ChatConnection' }, { name: 'ChatEdge' }),
  chat: t.field({
    type: ChatRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    // a chat the viewer may not see reads the same as one that doesn't exist: null
    resolve: (_, args, ctx) => getChat(ctx.deps.db, ctx.viewer, parseId(args.id, 'Chat')),
  }),
  inboxBadge: t.int({
    description: 'Open chats that are unread or wait for an answer, in the channels the viewer may see.',
    resolve: (_, __, ctx) => countInboxBadge(ctx.deps.db, ctx.viewer),
  }),
  unreadChats: t.int({
    description: 'Open chats with a customer message not yet opened, in the channels the viewer may see (the browser tab shows it as "(3) Chats").',
    resolve: (_, __, ctx) => countUnreadChats(ctx.deps.db, ctx.viewer),
  }),
}));

builder.mutationFields((t) => {
  /** A mutation on one chat by its id, answering the chat as it is afterwards. */
  const onChat = (act: typeof markChatRead) =>
    t.field({
      type: ChatRef,
      args: { chatId: t.arg.id({ required: true }) },
      resolve: (_, args, ctx) => act(ctx.deps, ctx.viewer, parseId(args.chatId, 'Chat', 'The chat')),
    });
  return {
    markChatRead: onChat(markChatRead),
    archiveChat: onChat(archiveChat),
    reopenChat: onChat(reopenChat),
    startChat: t.field({
      type: ChatRef,
      description: 'Writes to a client on a channel where they already have an identity (on WhatsApp also by their phone number, with a template); the chat reopens if archived.',
      args: {
        clientId: t.arg.id({ required: true }),
        channelId: t.arg.id({ required: true }),
        text: t.arg.string({ required: true }),
        template: t.arg({ type: TemplateInputRef, description: 'Needed on WhatsApp when no conversation is open (e.g. by phone number).' }),
      },
      resolve: (_, args, ctx) =>
        startChat(ctx.deps, ctx.viewer, {
          clientId: parseId(args.clientId, 'Client', 'The client'),
          channelId: parseId(args.channelId, 'Channel', 'The channel'),
          text: args.text,
          template: args.template,
        }),
    }),
    linkClient: t.field({
      type: ChatRef,
      args: { chatId: t.arg.id({ required: true }), clientId: t.arg.id({ required: true }) },
      resolve: (_, args, ctx) =>
        linkClient(ctx.deps, ctx.viewer, parseId(args.chatId, 'Chat', 'The chat'), parseId(args.clientId, 'Client', 'The client')),
    }),
  };
});

export type { ChatRow };
