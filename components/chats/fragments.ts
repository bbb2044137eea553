import type { ChatThreadFieldsFragment } from '../../graphql-client/graphql';

// The inbox's documents are written in chats.graphql; these are codegen's typed strings of them
// from its inbox output, so the Chats page does not load every screen's documents (codegen's
// graphql() map and graphql-client/graphql.ts hold them all).
export {
  ChatFieldsFragmentDoc as ChatFieldsFragment,
  CommentFieldsFragmentDoc as CommentFieldsFragment,
  MessageFieldsFragmentDoc as MessageFieldsFragment,
  TranscribeMessageDocument as TranscribeMessageMutation,
  ChatListDocument as ChatListQuery,
  ChatThreadFieldsFragmentDoc as ChatThreadFields,
  ChatThreadDocument as ChatThreadQuery,
  InboxEventsDocument as InboxEventsSubscription,
  InboxBadgeDocument as InboxBadgeQuery,
  UnreadChatsDocument as UnreadChatsQuery,
  MarkChatReadDocument as MarkChatReadMutation,
  SendMessageDocument as SendMessageMutation,
  RetryMessageDocument as RetryMessageMutation,
  ArchiveChatDocument as ArchiveChatMutation,
  ReopenChatDocument as ReopenChatMutation,
  ReplyToCommentDocument as ReplyToCommentMutation,
} from '../../graphql-client/inbox/graphql';

/** The shape the inbox keeps a thread in, from a chat read with ChatThreadFields. */
export function threadOf({ messages, ...chat }: ChatThreadFieldsFragment) {
  return { chat, messages: messages.edges.map((e) => e.node), startCursor: messages.pageInfo.startCursor, hasPrevious: messages.pageInfo.hasPreviousPage };
}
