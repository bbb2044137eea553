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