import type { ChatView, MessageRow } from '../../domain/chats/chat-view';
import type { ClientRow } from '../../domain/clients/clients';
import type { CommentRow } from '../../domain/comments/find-comment';
import { builder } from '../builder';

/**
 * The object types that refer to each other (a chat shows messages, a message its chat and
 * comment, a comment its replies, a client its chats), declared here and implemented each in its
 * own file, so the type files import these refs instead of one another.
 */
export const ChatRef = builder.objectRef<ChatView>('Chat');
export const MessageRef = builder.objectRef<MessageRow>('Message');
export const CommentRef = builder.objectRef<CommentRow>('Comment');
export const ClientRef = builder.objectRef<ClientRow>('Client');

export const MessageTagEnum = builder.enumType('MessageTag', {
  values: {
    ACCOUNT_UPDATE: {},
    POST_PURCHASE_UPDATE: {},
    CONFIRMED_EVENT_UPDATE: {},
    HUMAN_AGENT: { description: 'Set by the server on Messenger and Instagram replies 24 hours to 7 days after the customer wrote.' },
  } as const,
});
