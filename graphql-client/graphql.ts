/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ChannelKind =
  | 'INSTAGRAM'
  | 'MESSENGER'
  | 'TELEGRAM'
  | 'WHATSAPP';

export type ChannelState =
  | 'CONNECTED'
  | 'MISSING_PERMISSIONS'
  | 'SYNC_LOST';

export type ChatStatus =
  | 'ARCHIVED'
  | 'OPEN';

export type DocumentKind =
  | 'ESTIMATE'
  | 'INVOICE'
  | 'LEAD'
  | 'ORDER';

export type FacebookAccountInput = {
  /** The Page id (MESSENGER) or the Instagram account id (INSTAGRAM). */
  externalId: string;
  kind: FacebookAccountKind;
};

export type FacebookAccountKind =
  | 'INSTAGRAM'
  | 'MESSENGER';

export type MessageDirection =
  | 'INBOUND'
  | 'OUTBOUND';

export type MessageStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING'
  | 'READ'
  | 'RECEIVED'
  | 'SENT';

export type MessageTag =
  | 'ACCOUNT_UPDATE'
  | 'CONFIRMED_EVENT_UPDATE'
  /** Set by the server on Messenger and Instagram replies 24 hours to 7 days after the customer wrote. */
  | 'HUMAN_AGENT'
  | 'POST_PURCHASE_UPDATE';

export type SendBlock =
  | 'NO_ACCESS'
  | 'SYNC_LOST'
  | 'TAG_REQUIRED'
  | 'TEMPLATE_REQUIRED'
  | 'WINDOW_CLOSED';

export type TemplateInput = {
  language: string;
  name: string;
  params?: Array<string> | null | undefined;
};

export type TranscriptionStatus =
  | 'DONE'
  | 'FAILED'
  | 'PENDING';

export type ChatsPageQueryVariables = Exact<{
  status: ChatStatus;
  first: number;
  chatId: string | number;
  withChat: boolean;
  last: number;
  before?: string | null | undefined;
  search?: string | null | undefined;
  channelId?: string | number | null | undefined;
  unread?: boolean | null | undefined;
  awaitingReply?: boolean | null | undefined;
}>;


export type ChatsPageQuery = { unreadChats: number, chats: { edges: Array<{ node: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } }, channels: Array<{ id: string, externalId: string, kind: ChannelKind, name: string }>, chat?: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, messages: { edges: Array<{ node: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } }>, pageInfo: { startCursor: string | null, hasPreviousPage: boolean } }, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } | null };

export type ChatFieldsFragment = { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } };

export type CommentFieldsFragment = { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null };

export type MessageFieldsFragment = { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null };

export type TranscribeMessageMutationVariables = Exact<{
  messageId: string | number;
}>;


export type TranscribeMessageMutation = { transcribeMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } };

export type ChatListQueryVariables = Exact<{
  status: ChatStatus;
  first: number;
  after?: string | null | undefined;
  search?: string | null | undefined;
  channelId?: string | number | null | undefined;
  unread?: boolean | null | undefined;
  awaitingReply?: boolean | null | undefined;
}>;


export type ChatListQuery = { chats: { edges: Array<{ cursor: string, node: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ChatThreadFieldsFragment = { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, messages: { edges: Array<{ node: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } }>, pageInfo: { startCursor: string | null, hasPreviousPage: boolean } }, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } };

export type ChatThreadQueryVariables = Exact<{
  id: string | number;
  last: number;
  before?: string | null | undefined;
}>;


export type ChatThreadQuery = { chat: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, messages: { edges: Array<{ node: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } }>, pageInfo: { startCursor: string | null, hasPreviousPage: boolean } }, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } | null };

export type InboxEventsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type InboxEventsSubscription = { inboxEvents:
    | { __typename: 'ChatUpdated', cursor: string, chat: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } }
    | { __typename: 'MessageAdded', cursor: string, message: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, chat: { id: string }, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } }
    | { __typename: 'MessageUpdated', cursor: string, message: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, chat: { id: string }, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } }
   };

export type InboxBadgeQueryVariables = Exact<{ [key: string]: never; }>;


export type InboxBadgeQuery = { inboxBadge: number };

export type UnreadChatsQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadChatsQuery = { unreadChats: number };

export type MarkChatReadMutationVariables = Exact<{
  chatId: string | number;
}>;


export type MarkChatReadMutation = { markChatRead: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } };

export type SendMessageMutationVariables = Exact<{
  chatId: string | number;
  text: string;
  tag?: MessageTag | null | undefined;
  template?: TemplateInput | null | undefined;
  attachments?: Array<File> | File | null | undefined;
}>;


export type SendMessageMutation = { sendMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } };

export type RetryMessageMutationVariables = Exact<{
  messageId: string | number;
}>;


export type RetryMessageMutation = { retryMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } };

export type ArchiveChatMutationVariables = Exact<{
  chatId: string | number;
}>;


export type ArchiveChatMutation = { archiveChat: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } };

export type ReopenChatMutationVariables = Exact<{
  chatId: string | number;
}>;


export type ReopenChatMutation = { reopenChat: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } };

export type ReplyToCommentMutationVariables = Exact<{
  commentId: string | number;
  text: string;
  private?: boolean | null | undefined;
}>;


export type ReplyToCommentMutation = { replyToComment: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, deliveredAt: string | null, readAt: string | null, error: string | null, tag: MessageTag | null, sentOutside: boolean, chat: { id: string }, sender: { id: string, name: string } | null, attachments: Array<{ id: string, kind: string, url: string, mimeType: string | null, fileName: string | null, size: number | null, durationSeconds: number | null }>, comment: { id: string, postId: string, postUrl: string | null, postExcerpt: string | null, postThumbnailUrl: string | null, text: string, author: string | null, createdAt: string, editedAt: string | null, removedAt: string | null, canReplyPublicly: boolean, publicReplyBlock: string | null, canReplyPrivately: boolean, privateReplyBlock: string | null, parent: { id: string, author: string | null, text: string } | null } | null, replyTo: { id: string, author: string | null, privateReply: { id: string } | null } | null, transcription: { status: TranscriptionStatus, text: string | null, language: string | null, error: string | null } | null } };

export type MessageTemplateFieldsFragment = { name: string, language: string, category: string | null, body: string | null };

export type ChatTemplatesQueryVariables = Exact<{
  id: string | number;
}>;


export type ChatTemplatesQuery = { chat: { id: string, channel: { id: string, templates: Array<{ name: string, language: string, category: string | null, body: string | null }> } } | null };

export type ClientSummaryFragment = { id: string, name: string, phone: string | null, email: string | null };

export type ClientChatFragment = { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, channel: { id: string, kind: ChannelKind, name: string, state: ChannelState }, contact: { displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, lastMessage: { id: string, direction: MessageDirection, text: string | null } | null };

export type ClientDocumentFragment = { id: string, kind: DocumentKind, number: string, title: string, status: string, createdAt: string };

export type ClientDetailsFragment = { id: string, name: string, phone: string | null, email: string | null, chats: Array<{ id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, channel: { id: string, kind: ChannelKind, name: string, state: ChannelState }, contact: { displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, lastMessage: { id: string, direction: MessageDirection, text: string | null } | null }>, documents: Array<{ id: string, kind: DocumentKind, number: string, title: string, status: string, createdAt: string }> };

export type ClientQueryVariables = Exact<{
  id: string | number;
}>;


export type ClientQuery = { client: { id: string, name: string, phone: string | null, email: string | null, chats: Array<{ id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, channel: { id: string, kind: ChannelKind, name: string, state: ChannelState }, contact: { displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, lastMessage: { id: string, direction: MessageDirection, text: string | null } | null }>, documents: Array<{ id: string, kind: DocumentKind, number: string, title: string, status: string, createdAt: string }> } | null };

export type ClientsQueryVariables = Exact<{
  search?: string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type ClientsQuery = { clients: { edges: Array<{ cursor: string, node: { id: string, name: string, phone: string | null, email: string | null, chats: Array<{ id: string, channel: { id: string, kind: ChannelKind, name: string } }> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ClientSearchQueryVariables = Exact<{
  search?: string | null | undefined;
  first: number;
}>;


export type ClientSearchQuery = { clients: { edges: Array<{ node: { id: string, name: string, phone: string | null, email: string | null } }>, pageInfo: { hasNextPage: boolean } } };

export type CreateClientMutationVariables = Exact<{
  name: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}>;


export type CreateClientMutation = { createClient: { id: string, name: string, phone: string | null, email: string | null } };

export type LinkClientMutationVariables = Exact<{
  chatId: string | number;
  clientId: string | number;
}>;


export type LinkClientMutation = { linkClient: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } };

export type CreateDocumentMutationVariables = Exact<{
  clientId: string | number;
  kind: DocumentKind;
  title: string;
  chatId?: string | number | null | undefined;
}>;


export type CreateDocumentMutation = { createDocument: { id: string, kind: DocumentKind, number: string, title: string, status: string, createdAt: string } };

export type StartChatMutationVariables = Exact<{
  clientId: string | number;
  channelId: string | number;
  text: string;
  template?: TemplateInput | null | undefined;
}>;


export type StartChatMutation = { startChat: { id: string, title: string, status: ChatStatus, unread: boolean, awaitingReply: boolean, lastMessageAt: string, lastInboundAt: string | null, archivedAt: string | null, hasComments: boolean, hasDirectMessages: boolean, archivedBy: { id: string, name: string } | null, channel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState }, contact: { externalId: string, displayName: string | null, username: string | null, phone: string | null, avatarUrl: string | null }, client: { id: string, name: string, phone: string | null, email: string | null } | null, lastMessage: { id: string, direction: MessageDirection, status: MessageStatus, text: string | null, createdAt: string, attachments: Array<{ id: string, kind: string }> } | null, sendability: { canSend: boolean, block: SendBlock | null, allowedTags: Array<MessageTag>, windowEndsAt: string | null, externalUrl: string | null } } };

export type StartChatChannelsQueryVariables = Exact<{ [key: string]: never; }>;


export type StartChatChannelsQuery = { channels: Array<{ id: string, kind: ChannelKind, name: string, state: ChannelState, templates: Array<{ name: string, language: string, category: string | null, body: string | null }> }> };

export type DocumentRowFragment = { id: string, kind: DocumentKind, number: string, title: string, status: string, createdAt: string, client: { id: string, name: string, phone: string | null } | null };

export type DocumentsQueryVariables = Exact<{
  kind?: DocumentKind | null | undefined;
  search?: string | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type DocumentsQuery = { documents: { edges: Array<{ node: { id: string, kind: DocumentKind, number: string, title: string, status: string, createdAt: string, client: { id: string, name: string, phone: string | null } | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type DocumentPageQueryVariables = Exact<{
  id: string | number;
}>;


export type DocumentPageQuery = { node:
    | { id: string, kind: DocumentKind, number: string, title: string, status: string, createdAt: string, client: { id: string, name: string, phone: string | null } | null }
    | Record<PropertyKey, never>
   | null };

export type CallsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type CallsQuery = { calls: { edges: Array<{ node: { id: string, phone: string, direction: MessageDirection, startedAt: string, durationSeconds: number | null, client: { id: string, name: string } | null } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type SessionFieldsFragment = { id: string, createdAt: string, lastSeenAt: string | null, userAgent: string | null, current: boolean };

export type EmployeeSettingsFragment = { id: string, name: string, email: string, active: boolean, role: { id: string, name: string }, sessions: Array<{ id: string, createdAt: string, lastSeenAt: string | null, userAgent: string | null, current: boolean }> };

export type EmployeesPageQueryVariables = Exact<{ [key: string]: never; }>;


export type EmployeesPageQuery = { viewer: { id: string } | null, employees: Array<{ id: string, name: string, email: string, active: boolean, role: { id: string, name: string }, sessions: Array<{ id: string, createdAt: string, lastSeenAt: string | null, userAgent: string | null, current: boolean }> }>, roles: Array<{ id: string, name: string }> };

export type CreateEmployeeMutationVariables = Exact<{
  name: string;
  email: string;
  roleId: string | number;
  password: string;
}>;


export type CreateEmployeeMutation = { createEmployee: { id: string, name: string, email: string, active: boolean, role: { id: string, name: string }, sessions: Array<{ id: string, createdAt: string, lastSeenAt: string | null, userAgent: string | null, current: boolean }> } };

export type UpdateEmployeeMutationVariables = Exact<{
  employeeId: string | number;
  roleId?: string | number | null | undefined;
  active?: boolean | null | undefined;
}>;


export type UpdateEmployeeMutation = { updateEmployee: { id: string, name: string, email: string, active: boolean, role: { id: string, name: string }, sessions: Array<{ id: string, createdAt: string, lastSeenAt: string | null, userAgent: string | null, current: boolean }> } };

export type RevokeSessionMutationVariables = Exact<{
  sessionId: string | number;
}>;


export type RevokeSessionMutation = { revokeSession: string };

export type OwnSessionsPageQueryVariables = Exact<{ [key: string]: never; }>;


export type OwnSessionsPageQuery = { viewer: { id: string, sessions: Array<{ id: string, createdAt: string, lastSeenAt: string | null, userAgent: string | null, current: boolean }> } | null };

export type ApiKeySettingsFragment = { id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, role: { id: string, name: string } };

export type ApiKeysPageQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeysPageQuery = { apiKeys: Array<{ id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, role: { id: string, name: string } }>, roles: Array<{ id: string, name: string }> };

export type CreateApiKeyMutationVariables = Exact<{
  name: string;
  roleId: string | number;
}>;


export type CreateApiKeyMutation = { createApiKey: string };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: string };

export type FacebookLoginPageQueryVariables = Exact<{
  id: string | number;
}>;


export type FacebookLoginPageQuery = { facebookLogin: { id: string, expiresAt: string, pages: Array<{ id: string, name: string, canMessage: boolean, messengerConnected: boolean, instagram: { id: string, username: string | null, name: string | null, connected: boolean } | null }> }, roles: Array<{ id: string, name: string, builtin: boolean, permissions: Array<string> }> };

export type ConnectFacebookAccountsMutationVariables = Exact<{
  loginId: string | number;
  accounts: Array<FacebookAccountInput> | FacebookAccountInput;
  roleIds?: Array<string | number> | string | number | null | undefined;
}>;


export type ConnectFacebookAccountsMutation = { connectFacebookAccounts: Array<{ id: string, kind: ChannelKind, name: string }> };

export type ChannelSettingsFragment = { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState, receiveComments: boolean, lastWebhookAt: string | null, lastError: string | null, lastErrorAt: string | null, tokenExpiresAt: string | null, roles: Array<{ id: string, name: string }> };

export type ChannelSettingsPageQueryVariables = Exact<{ [key: string]: never; }>;


export type ChannelSettingsPageQuery = { channels: Array<{ id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState, receiveComments: boolean, lastWebhookAt: string | null, lastError: string | null, lastErrorAt: string | null, tokenExpiresAt: string | null, roles: Array<{ id: string, name: string }> }>, roles: Array<{ id: string, name: string, builtin: boolean, permissions: Array<string> }> };

export type SetChannelAccessMutationVariables = Exact<{
  channelId: string | number;
  roleIds: Array<string | number> | string | number;
}>;


export type SetChannelAccessMutation = { setChannelAccess: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState, receiveComments: boolean, lastWebhookAt: string | null, lastError: string | null, lastErrorAt: string | null, tokenExpiresAt: string | null, roles: Array<{ id: string, name: string }> } };

export type ConnectChannelMutationVariables = Exact<{
  kind: ChannelKind;
  externalId: string;
  name: string;
  accessToken: string;
  businessAccountId?: string | null | undefined;
  roleIds?: Array<string | number> | string | number | null | undefined;
}>;


export type ConnectChannelMutation = { connectChannel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState, receiveComments: boolean, lastWebhookAt: string | null, lastError: string | null, lastErrorAt: string | null, tokenExpiresAt: string | null, roles: Array<{ id: string, name: string }> } };

export type RolesPageQueryVariables = Exact<{ [key: string]: never; }>;


export type RolesPageQuery = { roles: Array<{ id: string, name: string, builtin: boolean, permissions: Array<string> }> };

export type SetChannelReceiveCommentsMutationVariables = Exact<{
  channelId: string | number;
  enabled: boolean;
}>;


export type SetChannelReceiveCommentsMutation = { setChannelReceiveComments: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState, receiveComments: boolean, lastWebhookAt: string | null, lastError: string | null, lastErrorAt: string | null, tokenExpiresAt: string | null, roles: Array<{ id: string, name: string }> } };

export type RoleSettingsFragment = { id: string, name: string, builtin: boolean, permissions: Array<string> };

export type CreateRoleMutationVariables = Exact<{
  name: string;
  permissions: Array<string> | string;
}>;


export type CreateRoleMutation = { createRole: { id: string, name: string, builtin: boolean, permissions: Array<string> } };

export type UpdateRoleMutationVariables = Exact<{
  roleId: string | number;
  name?: string | null | undefined;
  permissions?: Array<string> | string | null | undefined;
}>;


export type UpdateRoleMutation = { updateRole: { id: string, name: string, builtin: boolean, permissions: Array<string> } };

export type DeleteRoleMutationVariables = Exact<{
  roleId: string | number;
}>;


export type DeleteRoleMutation = { deleteRole: string };

export type ReconnectChannelMutationVariables = Exact<{
  channelId: string | number;
  accessToken?: string | null | undefined;
}>;


export type ReconnectChannelMutation = { reconnectChannel: { id: string, kind: ChannelKind, name: string, externalId: string, state: ChannelState, receiveComments: boolean, lastWebhookAt: string | null, lastError: string | null, lastErrorAt: string | null, tokenExpiresAt: string | null, roles: Array<{ id: string, name: string }> } };

export type ShellViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ShellViewerQuery = { inboxCursor: string | null, viewer: { id: string, name: string, email: string, role: { id: string, name: string, permissions: Array<string> } } | null };

export type ShellInboxQueryVariables = Exact<{ [key: string]: never; }>;


export type ShellInboxQuery = { inboxBadge: number };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ChatFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}
    `, {"fragmentName":"ChatFields"}) as unknown as TypedDocumentString<ChatFieldsFragment, unknown>;
export const CommentFieldsFragmentDoc = new TypedDocumentString(`
    fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
    `, {"fragmentName":"CommentFields"}) as unknown as TypedDocumentString<CommentFieldsFragment, unknown>;
export const MessageFieldsFragmentDoc = new TypedDocumentString(`
    fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}
    fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}`, {"fragmentName":"MessageFields"}) as unknown as TypedDocumentString<MessageFieldsFragment, unknown>;
export const ChatThreadFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChatThreadFields on Chat {
  ...ChatFields
  messages(last: $last, before: $before) {
    edges {
      node {
        ...MessageFields
      }
    }
    pageInfo {
      startCursor
      hasPreviousPage
    }
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}
fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}`, {"fragmentName":"ChatThreadFields"}) as unknown as TypedDocumentString<ChatThreadFieldsFragment, unknown>;
export const MessageTemplateFieldsFragmentDoc = new TypedDocumentString(`
    fragment MessageTemplateFields on MessageTemplate {
  name
  language
  category
  body
}
    `, {"fragmentName":"MessageTemplateFields"}) as unknown as TypedDocumentString<MessageTemplateFieldsFragment, unknown>;
export const ClientSummaryFragmentDoc = new TypedDocumentString(`
    fragment ClientSummary on Client {
  id
  name
  phone
  email
}
    `, {"fragmentName":"ClientSummary"}) as unknown as TypedDocumentString<ClientSummaryFragment, unknown>;
export const ClientChatFragmentDoc = new TypedDocumentString(`
    fragment ClientChat on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  channel {
    id
    kind
    name
    state
  }
  contact {
    displayName
    username
    phone
    avatarUrl
  }
  lastMessage {
    id
    direction
    text
  }
}
    `, {"fragmentName":"ClientChat"}) as unknown as TypedDocumentString<ClientChatFragment, unknown>;
export const ClientDocumentFragmentDoc = new TypedDocumentString(`
    fragment ClientDocument on Document {
  id
  kind
  number
  title
  status
  createdAt
}
    `, {"fragmentName":"ClientDocument"}) as unknown as TypedDocumentString<ClientDocumentFragment, unknown>;
export const ClientDetailsFragmentDoc = new TypedDocumentString(`
    fragment ClientDetails on Client {
  ...ClientSummary
  chats {
    ...ClientChat
  }
  documents {
    ...ClientDocument
  }
}
    fragment ClientSummary on Client {
  id
  name
  phone
  email
}
fragment ClientChat on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  channel {
    id
    kind
    name
    state
  }
  contact {
    displayName
    username
    phone
    avatarUrl
  }
  lastMessage {
    id
    direction
    text
  }
}
fragment ClientDocument on Document {
  id
  kind
  number
  title
  status
  createdAt
}`, {"fragmentName":"ClientDetails"}) as unknown as TypedDocumentString<ClientDetailsFragment, unknown>;
export const DocumentRowFragmentDoc = new TypedDocumentString(`
    fragment DocumentRow on Document {
  id
  kind
  number
  title
  status
  createdAt
  client {
    id
    name
    phone
  }
}
    `, {"fragmentName":"DocumentRow"}) as unknown as TypedDocumentString<DocumentRowFragment, unknown>;
export const SessionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SessionFields on Session {
  id
  createdAt
  lastSeenAt
  userAgent
  current
}
    `, {"fragmentName":"SessionFields"}) as unknown as TypedDocumentString<SessionFieldsFragment, unknown>;
export const EmployeeSettingsFragmentDoc = new TypedDocumentString(`
    fragment EmployeeSettings on Employee {
  id
  name
  email
  active
  role {
    id
    name
  }
  sessions {
    ...SessionFields
  }
}
    fragment SessionFields on Session {
  id
  createdAt
  lastSeenAt
  userAgent
  current
}`, {"fragmentName":"EmployeeSettings"}) as unknown as TypedDocumentString<EmployeeSettingsFragment, unknown>;
export const ApiKeySettingsFragmentDoc = new TypedDocumentString(`
    fragment ApiKeySettings on ApiKey {
  id
  name
  prefix
  createdAt
  lastUsedAt
  role {
    id
    name
  }
}
    `, {"fragmentName":"ApiKeySettings"}) as unknown as TypedDocumentString<ApiKeySettingsFragment, unknown>;
export const ChannelSettingsFragmentDoc = new TypedDocumentString(`
    fragment ChannelSettings on Channel {
  id
  kind
  name
  externalId
  state
  receiveComments
  lastWebhookAt
  lastError
  lastErrorAt
  tokenExpiresAt
  roles {
    id
    name
  }
}
    `, {"fragmentName":"ChannelSettings"}) as unknown as TypedDocumentString<ChannelSettingsFragment, unknown>;
export const RoleSettingsFragmentDoc = new TypedDocumentString(`
    fragment RoleSettings on Role {
  id
  name
  builtin
  permissions
}
    `, {"fragmentName":"RoleSettings"}) as unknown as TypedDocumentString<RoleSettingsFragment, unknown>;
export const ChatsPageDocument = new TypedDocumentString(`
    query ChatsPage($status: ChatStatus!, $first: Int!, $chatId: ID!, $withChat: Boolean!, $last: Int!, $before: String, $search: String, $channelId: ID, $unread: Boolean, $awaitingReply: Boolean) {
  chats(
    status: $status
    first: $first
    search: $search
    channelId: $channelId
    unread: $unread
    awaitingReply: $awaitingReply
  ) {
    edges {
      node {
        ...ChatFields
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
  channels {
    id
    externalId
    kind
    name
  }
  unreadChats
  chat(id: $chatId) @include(if: $withChat) {
    ...ChatThreadFields
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}
fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}
fragment ChatThreadFields on Chat {
  ...ChatFields
  messages(last: $last, before: $before) {
    edges {
      node {
        ...MessageFields
      }
    }
    pageInfo {
      startCursor
      hasPreviousPage
    }
  }
}`) as unknown as TypedDocumentString<ChatsPageQuery, ChatsPageQueryVariables>;
export const TranscribeMessageDocument = new TypedDocumentString(`
    mutation TranscribeMessage($messageId: ID!) {
  transcribeMessage(messageId: $messageId) {
    ...MessageFields
  }
}
    fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}`) as unknown as TypedDocumentString<TranscribeMessageMutation, TranscribeMessageMutationVariables>;
export const ChatListDocument = new TypedDocumentString(`
    query ChatList($status: ChatStatus!, $first: Int!, $after: String, $search: String, $channelId: ID, $unread: Boolean, $awaitingReply: Boolean) {
  chats(
    status: $status
    first: $first
    after: $after
    search: $search
    channelId: $channelId
    unread: $unread
    awaitingReply: $awaitingReply
  ) {
    edges {
      cursor
      node {
        ...ChatFields
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}`) as unknown as TypedDocumentString<ChatListQuery, ChatListQueryVariables>;
export const ChatThreadDocument = new TypedDocumentString(`
    query ChatThread($id: ID!, $last: Int!, $before: String) {
  chat(id: $id) {
    ...ChatThreadFields
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}
fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}
fragment ChatThreadFields on Chat {
  ...ChatFields
  messages(last: $last, before: $before) {
    edges {
      node {
        ...MessageFields
      }
    }
    pageInfo {
      startCursor
      hasPreviousPage
    }
  }
}`) as unknown as TypedDocumentString<ChatThreadQuery, ChatThreadQueryVariables>;
export const InboxEventsDocument = new TypedDocumentString(`
    subscription InboxEvents($after: String) {
  inboxEvents(after: $after) {
    __typename
    ... on MessageAdded {
      cursor
      message {
        ...MessageFields
        chat {
          id
        }
      }
    }
    ... on MessageUpdated {
      cursor
      message {
        ...MessageFields
        chat {
          id
        }
      }
    }
    ... on ChatUpdated {
      cursor
      chat {
        ...ChatFields
      }
    }
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}
fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}`) as unknown as TypedDocumentString<InboxEventsSubscription, InboxEventsSubscriptionVariables>;
export const InboxBadgeDocument = new TypedDocumentString(`
    query InboxBadge {
  inboxBadge
}
    `) as unknown as TypedDocumentString<InboxBadgeQuery, InboxBadgeQueryVariables>;
export const UnreadChatsDocument = new TypedDocumentString(`
    query UnreadChats {
  unreadChats
}
    `) as unknown as TypedDocumentString<UnreadChatsQuery, UnreadChatsQueryVariables>;
export const MarkChatReadDocument = new TypedDocumentString(`
    mutation MarkChatRead($chatId: ID!) {
  markChatRead(chatId: $chatId) {
    ...ChatFields
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}`) as unknown as TypedDocumentString<MarkChatReadMutation, MarkChatReadMutationVariables>;
export const SendMessageDocument = new TypedDocumentString(`
    mutation SendMessage($chatId: ID!, $text: String!, $tag: MessageTag, $template: TemplateInput, $attachments: [File!]) {
  sendMessage(
    chatId: $chatId
    text: $text
    tag: $tag
    template: $template
    attachments: $attachments
  ) {
    ...MessageFields
  }
}
    fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}`) as unknown as TypedDocumentString<SendMessageMutation, SendMessageMutationVariables>;
export const RetryMessageDocument = new TypedDocumentString(`
    mutation RetryMessage($messageId: ID!) {
  retryMessage(messageId: $messageId) {
    ...MessageFields
  }
}
    fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}`) as unknown as TypedDocumentString<RetryMessageMutation, RetryMessageMutationVariables>;
export const ArchiveChatDocument = new TypedDocumentString(`
    mutation ArchiveChat($chatId: ID!) {
  archiveChat(chatId: $chatId) {
    ...ChatFields
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}`) as unknown as TypedDocumentString<ArchiveChatMutation, ArchiveChatMutationVariables>;
export const ReopenChatDocument = new TypedDocumentString(`
    mutation ReopenChat($chatId: ID!) {
  reopenChat(chatId: $chatId) {
    ...ChatFields
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}`) as unknown as TypedDocumentString<ReopenChatMutation, ReopenChatMutationVariables>;
export const ReplyToCommentDocument = new TypedDocumentString(`
    mutation ReplyToComment($commentId: ID!, $text: String!, $private: Boolean) {
  replyToComment(commentId: $commentId, text: $text, private: $private) {
    ...MessageFields
    chat {
      id
    }
  }
}
    fragment CommentFields on Comment {
  id
  postId
  postUrl
  postExcerpt
  postThumbnailUrl
  text
  author
  createdAt
  editedAt
  removedAt
  parent {
    id
    author
    text
  }
  canReplyPublicly
  publicReplyBlock
  canReplyPrivately
  privateReplyBlock
}
fragment MessageFields on Message {
  id
  direction
  status
  text
  createdAt
  deliveredAt
  readAt
  error
  tag
  sentOutside
  sender {
    id
    name
  }
  attachments {
    id
    kind
    url
    mimeType
    fileName
    size
    durationSeconds
  }
  comment {
    ...CommentFields
  }
  replyTo {
    id
    author
    privateReply {
      id
    }
  }
  transcription {
    status
    text
    language
    error
  }
}`) as unknown as TypedDocumentString<ReplyToCommentMutation, ReplyToCommentMutationVariables>;
export const ChatTemplatesDocument = new TypedDocumentString(`
    query ChatTemplates($id: ID!) {
  chat(id: $id) {
    id
    channel {
      id
      templates {
        ...MessageTemplateFields
      }
    }
  }
}
    fragment MessageTemplateFields on MessageTemplate {
  name
  language
  category
  body
}`) as unknown as TypedDocumentString<ChatTemplatesQuery, ChatTemplatesQueryVariables>;
export const ClientDocument = new TypedDocumentString(`
    query Client($id: ID!) {
  client(id: $id) {
    ...ClientDetails
  }
}
    fragment ClientSummary on Client {
  id
  name
  phone
  email
}
fragment ClientChat on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  channel {
    id
    kind
    name
    state
  }
  contact {
    displayName
    username
    phone
    avatarUrl
  }
  lastMessage {
    id
    direction
    text
  }
}
fragment ClientDocument on Document {
  id
  kind
  number
  title
  status
  createdAt
}
fragment ClientDetails on Client {
  ...ClientSummary
  chats {
    ...ClientChat
  }
  documents {
    ...ClientDocument
  }
}`) as unknown as TypedDocumentString<ClientQuery, ClientQueryVariables>;
export const ClientsDocument = new TypedDocumentString(`
    query Clients($search: String, $first: Int!, $after: String) {
  clients(search: $search, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...ClientSummary
        chats {
          id
          channel {
            id
            kind
            name
          }
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    fragment ClientSummary on Client {
  id
  name
  phone
  email
}`) as unknown as TypedDocumentString<ClientsQuery, ClientsQueryVariables>;
export const ClientSearchDocument = new TypedDocumentString(`
    query ClientSearch($search: String, $first: Int!) {
  clients(search: $search, first: $first) {
    edges {
      node {
        ...ClientSummary
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    fragment ClientSummary on Client {
  id
  name
  phone
  email
}`) as unknown as TypedDocumentString<ClientSearchQuery, ClientSearchQueryVariables>;
export const CreateClientDocument = new TypedDocumentString(`
    mutation CreateClient($name: String!, $phone: String, $email: String) {
  createClient(name: $name, phone: $phone, email: $email) {
    ...ClientSummary
  }
}
    fragment ClientSummary on Client {
  id
  name
  phone
  email
}`) as unknown as TypedDocumentString<CreateClientMutation, CreateClientMutationVariables>;
export const LinkClientDocument = new TypedDocumentString(`
    mutation LinkClient($chatId: ID!, $clientId: ID!) {
  linkClient(chatId: $chatId, clientId: $clientId) {
    ...ChatFields
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}`) as unknown as TypedDocumentString<LinkClientMutation, LinkClientMutationVariables>;
export const CreateDocumentDocument = new TypedDocumentString(`
    mutation CreateDocument($clientId: ID!, $kind: DocumentKind!, $title: String!, $chatId: ID) {
  createDocument(clientId: $clientId, kind: $kind, title: $title, chatId: $chatId) {
    ...ClientDocument
  }
}
    fragment ClientDocument on Document {
  id
  kind
  number
  title
  status
  createdAt
}`) as unknown as TypedDocumentString<CreateDocumentMutation, CreateDocumentMutationVariables>;
export const StartChatDocument = new TypedDocumentString(`
    mutation StartChat($clientId: ID!, $channelId: ID!, $text: String!, $template: TemplateInput) {
  startChat(
    clientId: $clientId
    channelId: $channelId
    text: $text
    template: $template
  ) {
    ...ChatFields
  }
}
    fragment ChatFields on Chat {
  id
  title
  status
  unread
  awaitingReply
  lastMessageAt
  lastInboundAt
  archivedAt
  archivedBy {
    id
    name
  }
  channel {
    id
    kind
    name
    externalId
    state
  }
  contact {
    externalId
    displayName
    username
    phone
    avatarUrl
  }
  client {
    id
    name
    phone
    email
  }
  lastMessage {
    id
    direction
    status
    text
    createdAt
    attachments {
      id
      kind
    }
  }
  sendability {
    canSend
    block
    allowedTags
    windowEndsAt
    externalUrl
  }
  hasComments
  hasDirectMessages
}`) as unknown as TypedDocumentString<StartChatMutation, StartChatMutationVariables>;
export const StartChatChannelsDocument = new TypedDocumentString(`
    query StartChatChannels {
  channels {
    id
    kind
    name
    state
    templates {
      ...MessageTemplateFields
    }
  }
}
    fragment MessageTemplateFields on MessageTemplate {
  name
  language
  category
  body
}`) as unknown as TypedDocumentString<StartChatChannelsQuery, StartChatChannelsQueryVariables>;
export const DocumentsDocument = new TypedDocumentString(`
    query Documents($kind: DocumentKind, $search: String, $first: Int!, $after: String) {
  documents(kind: $kind, search: $search, first: $first, after: $after) {
    edges {
      node {
        ...DocumentRow
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    fragment DocumentRow on Document {
  id
  kind
  number
  title
  status
  createdAt
  client {
    id
    name
    phone
  }
}`) as unknown as TypedDocumentString<DocumentsQuery, DocumentsQueryVariables>;
export const DocumentPageDocument = new TypedDocumentString(`
    query DocumentPage($id: ID!) {
  node(id: $id) {
    ... on Document {
      ...DocumentRow
    }
  }
}
    fragment DocumentRow on Document {
  id
  kind
  number
  title
  status
  createdAt
  client {
    id
    name
    phone
  }
}`) as unknown as TypedDocumentString<DocumentPageQuery, DocumentPageQueryVariables>;
export const CallsDocument = new TypedDocumentString(`
    query Calls($first: Int!, $after: String) {
  calls(first: $first, after: $after) {
    edges {
      node {
        id
        phone
        direction
        startedAt
        durationSeconds
        client {
          id
          name
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<CallsQuery, CallsQueryVariables>;
export const EmployeesPageDocument = new TypedDocumentString(`
    query EmployeesPage {
  viewer {
    id
  }
  employees {
    ...EmployeeSettings
  }
  roles {
    id
    name
  }
}
    fragment SessionFields on Session {
  id
  createdAt
  lastSeenAt
  userAgent
  current
}
fragment EmployeeSettings on Employee {
  id
  name
  email
  active
  role {
    id
    name
  }
  sessions {
    ...SessionFields
  }
}`) as unknown as TypedDocumentString<EmployeesPageQuery, EmployeesPageQueryVariables>;
export const CreateEmployeeDocument = new TypedDocumentString(`
    mutation CreateEmployee($name: String!, $email: String!, $roleId: ID!, $password: String!) {
  createEmployee(name: $name, email: $email, roleId: $roleId, password: $password) {
    ...EmployeeSettings
  }
}
    fragment SessionFields on Session {
  id
  createdAt
  lastSeenAt
  userAgent
  current
}
fragment EmployeeSettings on Employee {
  id
  name
  email
  active
  role {
    id
    name
  }
  sessions {
    ...SessionFields
  }
}`) as unknown as TypedDocumentString<CreateEmployeeMutation, CreateEmployeeMutationVariables>;
export const UpdateEmployeeDocument = new TypedDocumentString(`
    mutation UpdateEmployee($employeeId: ID!, $roleId: ID, $active: Boolean) {
  updateEmployee(employeeId: $employeeId, roleId: $roleId, active: $active) {
    ...EmployeeSettings
  }
}
    fragment SessionFields on Session {
  id
  createdAt
  lastSeenAt
  userAgent
  current
}
fragment EmployeeSettings on Employee {
  id
  name
  email
  active
  role {
    id
    name
  }
  sessions {
    ...SessionFields
  }
}`) as unknown as TypedDocumentString<UpdateEmployeeMutation, UpdateEmployeeMutationVariables>;
export const RevokeSessionDocument = new TypedDocumentString(`
    mutation RevokeSession($sessionId: ID!) {
  revokeSession(sessionId: $sessionId)
}
    `) as unknown as TypedDocumentString<RevokeSessionMutation, RevokeSessionMutationVariables>;
export const OwnSessionsPageDocument = new TypedDocumentString(`
    query OwnSessionsPage {
  viewer {
    id
    sessions {
      ...SessionFields
    }
  }
}
    fragment SessionFields on Session {
  id
  createdAt
  lastSeenAt
  userAgent
  current
}`) as unknown as TypedDocumentString<OwnSessionsPageQuery, OwnSessionsPageQueryVariables>;
export const ApiKeysPageDocument = new TypedDocumentString(`
    query ApiKeysPage {
  apiKeys {
    ...ApiKeySettings
  }
  roles {
    id
    name
  }
}
    fragment ApiKeySettings on ApiKey {
  id
  name
  prefix
  createdAt
  lastUsedAt
  role {
    id
    name
  }
}`) as unknown as TypedDocumentString<ApiKeysPageQuery, ApiKeysPageQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($name: String!, $roleId: ID!) {
  createApiKey(name: $name, roleId: $roleId)
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id)
}
    `) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const FacebookLoginPageDocument = new TypedDocumentString(`
    query FacebookLoginPage($id: ID!) {
  facebookLogin(id: $id) {
    id
    expiresAt
    pages {
      id
      name
      canMessage
      messengerConnected
      instagram {
        id
        username
        name
        connected
      }
    }
  }
  roles {
    id
    name
    builtin
    permissions
  }
}
    `) as unknown as TypedDocumentString<FacebookLoginPageQuery, FacebookLoginPageQueryVariables>;
export const ConnectFacebookAccountsDocument = new TypedDocumentString(`
    mutation ConnectFacebookAccounts($loginId: ID!, $accounts: [FacebookAccountInput!]!, $roleIds: [ID!]) {
  connectFacebookAccounts(
    loginId: $loginId
    accounts: $accounts
    roleIds: $roleIds
  ) {
    id
    kind
    name
  }
}
    `) as unknown as TypedDocumentString<ConnectFacebookAccountsMutation, ConnectFacebookAccountsMutationVariables>;
export const ChannelSettingsPageDocument = new TypedDocumentString(`
    query ChannelSettingsPage {
  channels {
    ...ChannelSettings
  }
  roles {
    id
    name
    builtin
    permissions
  }
}
    fragment ChannelSettings on Channel {
  id
  kind
  name
  externalId
  state
  receiveComments
  lastWebhookAt
  lastError
  lastErrorAt
  tokenExpiresAt
  roles {
    id
    name
  }
}`) as unknown as TypedDocumentString<ChannelSettingsPageQuery, ChannelSettingsPageQueryVariables>;
export const SetChannelAccessDocument = new TypedDocumentString(`
    mutation SetChannelAccess($channelId: ID!, $roleIds: [ID!]!) {
  setChannelAccess(channelId: $channelId, roleIds: $roleIds) {
    ...ChannelSettings
  }
}
    fragment ChannelSettings on Channel {
  id
  kind
  name
  externalId
  state
  receiveComments
  lastWebhookAt
  lastError
  lastErrorAt
  tokenExpiresAt
  roles {
    id
    name
  }
}`) as unknown as TypedDocumentString<SetChannelAccessMutation, SetChannelAccessMutationVariables>;
export const ConnectChannelDocument = new TypedDocumentString(`
    mutation ConnectChannel($kind: ChannelKind!, $externalId: String!, $name: String!, $accessToken: String!, $businessAccountId: String, $roleIds: [ID!]) {
  connectChannel(
    kind: $kind
    externalId: $externalId
    name: $name
    accessToken: $accessToken
    businessAccountId: $businessAccountId
    roleIds: $roleIds
  ) {
    ...ChannelSettings
  }
}
    fragment ChannelSettings on Channel {
  id
  kind
  name
  externalId
  state
  receiveComments
  lastWebhookAt
  lastError
  lastErrorAt
  tokenExpiresAt
  roles {
    id
    name
  }
}`) as unknown as TypedDocumentString<ConnectChannelMutation, ConnectChannelMutationVariables>;
export const RolesPageDocument = new TypedDocumentString(`
    query RolesPage {
  roles {
    id
    name
    builtin
    permissions
  }
}
    `) as unknown as TypedDocumentString<RolesPageQuery, RolesPageQueryVariables>;
export const SetChannelReceiveCommentsDocument = new TypedDocumentString(`
    mutation SetChannelReceiveComments($channelId: ID!, $enabled: Boolean!) {
  setChannelReceiveComments(channelId: $channelId, enabled: $enabled) {
    ...ChannelSettings
  }
}
    fragment ChannelSettings on Channel {
  id
  kind
  name
  externalId
  state
  receiveComments
  lastWebhookAt
  lastError
  lastErrorAt
  tokenExpiresAt
  roles {
    id
    name
  }
}`) as unknown as TypedDocumentString<SetChannelReceiveCommentsMutation, SetChannelReceiveCommentsMutationVariables>;
export const CreateRoleDocument = new TypedDocumentString(`
    mutation CreateRole($name: String!, $permissions: [String!]!) {
  createRole(name: $name, permissions: $permissions) {
    ...RoleSettings
  }
}
    fragment RoleSettings on Role {
  id
  name
  builtin
  permissions
}`) as unknown as TypedDocumentString<CreateRoleMutation, CreateRoleMutationVariables>;
export const UpdateRoleDocument = new TypedDocumentString(`
    mutation UpdateRole($roleId: ID!, $name: String, $permissions: [String!]) {
  updateRole(roleId: $roleId, name: $name, permissions: $permissions) {
    ...RoleSettings
  }
}
    fragment RoleSettings on Role {
  id
  name
  builtin
  permissions
}`) as unknown as TypedDocumentString<UpdateRoleMutation, UpdateRoleMutationVariables>;
export const DeleteRoleDocument = new TypedDocumentString(`
    mutation DeleteRole($roleId: ID!) {
  deleteRole(roleId: $roleId)
}
    `) as unknown as TypedDocumentString<DeleteRoleMutation, DeleteRoleMutationVariables>;
export const ReconnectChannelDocument = new TypedDocumentString(`
    mutation ReconnectChannel($channelId: ID!, $accessToken: String) {
  reconnectChannel(channelId: $channelId, accessToken: $accessToken) {
    ...ChannelSettings
  }
}
    fragment ChannelSettings on Channel {
  id
  kind
  name
  externalId
  state
  receiveComments
  lastWebhookAt
  lastError
  lastErrorAt
  tokenExpiresAt
  roles {
    id
    name
  }
}`) as unknown as TypedDocumentString<ReconnectChannelMutation, ReconnectChannelMutationVariables>;
export const ShellViewerDocument = new TypedDocumentString(`
    query ShellViewer {
  inboxCursor
  viewer {
    id
    name
    email
    role {
      id
      name
      permissions
    }
  }
}
    `) as unknown as TypedDocumentString<ShellViewerQuery, ShellViewerQueryVariables>;
export const ShellInboxDocument = new TypedDocumentString(`
    query ShellInbox {
  inboxBadge
}
    `) as unknown as TypedDocumentString<ShellInboxQuery, ShellInboxQueryVariables>;