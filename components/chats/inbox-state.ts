import type { ChatFieldsFragment, ChatStatus, MessageFieldsFragment } from '../../graphql-client/graphql';
import { NO_FILTER, type ListFilter } from './list-filter';

export type ChatItem = ChatFieldsFragment;
export type MessageItem = MessageFieldsFragment;

export interface Thread {
  messages: MessageItem[];
  startCursor: string | null;
  hasPrevious: boolean;
  loadingOlder: boolean;
  olderFailed: boolean;
}

export interface InboxState {
  status: ChatStatus;
  /** Search and filters of the list shown (with `status`, the list's key). */
  filter: ListFilter;
  /** Every chat we know, also ones outside the current list (the open chat, other status). */
  chats: Record<string, ChatItem>;
  /** The list for `status`, newest activity first. */
  order: string[];
  endCursor: string | null;
  hasNext: boolean;
  list: 'ready' | 'loading' | 'error';
  loadingMore: boolean;
  moreFailed: boolean;
  threads: Record<string, Thread>;
  /** Why a chat's thread is not shown yet. */
  threadState: Record<string, 'loading' | 'error' | 'missing'>;
}

interface Page {
  chats: ChatItem[];
  endCursor: string | null;
  hasNext: boolean;
}

export type InboxAction =
  | { type: 'listLoading'; status: ChatStatus; filter?: ListFilter }
  | { type: 'listLoaded'; status: ChatStatus; filter?: ListFilter; page: Page; append: boolean }
  | { type: 'listFailed'; status: ChatStatus; filter?: ListFilter; append: boolean }
  | { type: 'moreLoading' }
  | { type: 'chatUpserted'; chat: ChatItem }
  | { type: 'threadLoading'; chatId: string }
  | { type: 'threadFailed'; chatId: string; missing: boolean }
  | { type: 'threadLoaded'; chat: ChatItem; messages: MessageItem[]; startCursor: string | null; hasPrevious: boolean }
  | { type: 'olderLoading'; chatId: string }
  | { type: 'olderFailed'; chatId: string }
  | { type: 'olderLoaded'; chatId: string; messages: MessageItem[]; startCursor: string | null; hasPrevious: boolean }
  | { type: 'messageUpserted'; chatId: string; message: MessageItem; onlyIfShown?: boolean };

export function initialInboxState(input: {
  status: ChatStatus;
  page: Page | null;
  thread: { chat: ChatItem; messages: MessageItem[]; startCursor: string | null; hasPrevious: boolean } | null;
  missingChatId: string | null;
  filter?: ListFilter;
}): InboxState {
  const chats: Record<string, ChatItem> = {};
  for (const chat of input.page?.chats ?? []) chats[chat.id] = chat;
  const threads: Record<string, Thread> = {};
  if (input.thread) {
    chats[input.thread.chat.id] = input.thread.chat;
    threads[input.thread.chat.id] = {
      messages: input.thread.messages,
      startCursor: input.thread.startCursor,
      hasPrevious: input.thread.hasPrevious,
      loadingOlder: false,
      olderFailed: false,
    };
  }
  return {
    status: input.status,
    filter: input.filter ?? NO_FILTER,
    chats,
    order: input.page?.chats.map((c) => c.id) ?? [],
    endCursor: input.page?.endCursor ?? null,
    hasNext: input.page?.hasNext ?? false,
    list: input.page ? 'ready' : 'error',
    loadingMore: false,
    moreFailed: false,
    threads,
    threadState: input.missingChatId ? { [input.missingChatId]: 'missing' } : {},
  };
}
