import { graphql } from '../../graphql-client';
import type { ChatThreadFieldsFragment } from '../../graphql-client/graphql';

/** Everything the inbox shows about a chat: list row, header, composer rules and data panel. */
export const ChatFieldsFragment = graphql(`
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
`);

/** A comment under a post, as its item in the chat shows it. */
export const CommentFieldsFragment = graphql(`
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
`);

export const MessageFieldsFragment = graphql(`
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
`);

export const TranscribeMessageMutation = graphql(`
  mutation TranscribeMessage($messageId: ID!) {
    transcribeMessage(messageId: $messageId) {
      ...MessageFields
    }
  }
`);

export const ChatListQuery = graphql(`
  query ChatList($status: ChatStatus!, $first: Int!, $after: String, $search: String, $channelId: ID, $unread: Boolean, $awaitingReply: Boolean) {
    chats(status: $status, first: $first, after: $after, search: $search, channelId: $channelId, unread: $unread, awaitingReply: $awaitingReply) {
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
`);

/** A chat with a page of its history, newest last: the inbox's page, the thread and the floating window. */
export const ChatThreadFields = graphql(`
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
`);

export const ChatThreadQuery = graphql(`
  query ChatThread($id: ID!, $last: Int!, $before: String) {
    chat(id: $id) {
      ...ChatThreadFields
    }
  }
`);

/** The shape the inbox keeps a thread in, from a chat read with ChatThreadFields. */
export function threadOf({ messages, ...chat }: ChatThreadFieldsFragment) {
  return { chat, messages: messages.edges.map((e) => e.node), startCursor: messages.pageInfo.startCursor, hasPrevious: messages.pageInfo.hasPreviousPage };
}

export const InboxEventsSubscription = graphql(`
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
`);

export const InboxBadgeQuery = graphql(`
  query InboxBadge {
    inboxBadge
  }
`);

export const UnreadChatsQuery = graphql(`
  query UnreadChats {
    unreadChats
  }
`);

export const MarkChatReadMutation = graphql(`
  mutation MarkChatRead($chatId: ID!) {
    markChatRead(chatId: $chatId) {
      ...ChatFields
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation SendMessage($chatId: ID!, $text: String!, $tag: MessageTag, $template: TemplateInput, $attachments: [File!]) {
    sendMessage(chatId: $chatId, text: $text, tag: $tag, template: $template, attachments: $attachments) {
      ...MessageFields
    }
  }
`);

export const RetryMessageMutation = graphql(`
  mutation RetryMessage($messageId: ID!) {
    retryMessage(messageId: $messageId) {
      ...MessageFields
    }
  }
`);

export const ArchiveChatMutation = graphql(`
  mutation ArchiveChat($chatId: ID!) {
    archiveChat(chatId: $chatId) {
      ...ChatFields
    }
  }
`);

export const ReopenChatMutation = graphql(`
  mutation ReopenChat($chatId: ID!) {
    reopenChat(chatId: $chatId) {
      ...ChatFields
    }
  }
`);

export const ReplyToCommentMutation = graphql(`
  mutation ReplyToComment($commentId: ID!, $text: String!, $private: Boolean) {
    replyToComment(commentId: $commentId, text: $text, private: $private) {
      ...MessageFields
      chat {
        id
      }
    }
  }
`);
