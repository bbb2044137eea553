import { chatFitsFilter, listKey, NO_FILTER } from './list-filter';
import type { ChatItem, InboxAction, InboxState, MessageItem, Thread } from './inbox-state';

// What the inbox's actions do to its state (inbox-state.ts holds the state and its start). A module
// of its own: the Chats page fetches it after hydration, as nothing changes before (decision 033).

const time = (iso: string) => new Date(iso).getTime();

/** Where a chat belongs in the list: newest activity first (the server's order). */
function placeChat(state: InboxState, chat: ChatItem): string[] {
  const was = state.order.includes(chat.id);
  const rest = state.order.filter((id) => id !== chat.id);
  if (chat.status !== state.status || state.list !== 'ready' || !chatFitsFilter(chat, state.filter)) return was ? rest : state.order;
  // a search is the server's to answer: a chat that arrives live joins only the plain list
  if (!was && state.filter.search.trim()) return state.order;
  const at = time(chat.lastMessageAt);
  let index = rest.findIndex((id) => {
    const other = state.chats[id];
    return !other || time(other.lastMessageAt) < at || (time(other.lastMessageAt) === at && other.id < chat.id);
  });
  if (index === -1) {
    // older than everything loaded: it belongs to a page not fetched yet
    if (state.hasNext && !was) return state.order;
    index = rest.length;
  }
  return [...rest.slice(0, index), chat.id, ...rest.slice(index)];
}

function insertMessage(messages: MessageItem[], message: MessageItem): MessageItem[] {
  const existing = messages.findIndex((m) => m.id === message.id);
  if (existing !== -1) {
    const next = messages.slice();
    next[existing] = message;
    return next;
  }
  const at = time(message.createdAt);
  let index = messages.length;
  while (index > 0 && time(messages[index - 1].createdAt) > at) index--;
  return [...messages.slice(0, index), message, ...messages.slice(index)];
}

/** A fresh newest page merged into what is shown: keeps older pages and anything newer that arrived live. */
function mergeNewest(current: MessageItem[], fresh: MessageItem[]): MessageItem[] {
  if (fresh.length === 0) return current;
  const freshIds = new Set(fresh.map((m) => m.id));
  const first = time(fresh[0].createdAt);
  const older = current.filter((m) => !freshIds.has(m.id) && time(m.createdAt) < first);
  let merged = [...older, ...fresh];
  for (const m of current) if (!freshIds.has(m.id) && time(m.createdAt) >= first) merged = insertMessage(merged, m);
  return merged;
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'listLoading':
      return { ...state, status: action.status, filter: action.filter ?? NO_FILTER, list: 'loading', order: [], endCursor: null, hasNext: false, moreFailed: false };
    case 'listLoaded': {
      if (listKey(action.status, action.filter ?? NO_FILTER) !== listKey(state.status, state.filter)) return state;
      const chats = { ...state.chats };
      for (const chat of action.page.chats) chats[chat.id] = chat;
      const ids = action.page.chats.map((c) => c.id);
      const order = action.append ? [...state.order, ...ids.filter((id) => !state.order.includes(id))] : ids;
      return { ...state, chats, order, endCursor: action.page.endCursor, hasNext: action.page.hasNext, list: 'ready', loadingMore: false, moreFailed: false };
    }
    case 'listFailed':
      if (listKey(action.status, action.filter ?? NO_FILTER) !== listKey(state.status, state.filter)) return state;
      return action.append ? { ...state, loadingMore: false, moreFailed: true } : { ...state, list: 'error' };
    case 'moreLoading':
      return { ...state, loadingMore: true, moreFailed: false };
    case 'chatUpserted': {
      const previous = state.chats[action.chat.id];
      // a late answer must not roll a row back behind what a newer event already showed
      if (previous && time(previous.lastMessageAt) > time(action.chat.lastMessageAt)) return state;
      const withChat = { ...state, chats: { ...state.chats, [action.chat.id]: action.chat } };
      return { ...withChat, order: placeChat(withChat, action.chat) };
    }
    case 'threadLoading':
      return { ...state, threadState: { ...state.threadState, [action.chatId]: 'loading' } };
    case 'threadFailed':
      return state.threads[action.chatId] && !action.missing
        ? state
        : { ...state, threadState: { ...state.threadState, [action.chatId]: action.missing ? 'missing' : 'error' } };
    case 'threadLoaded': {
      const id = action.chat.id;
      const current = state.threads[id];
      const thread: Thread = current
        ? { ...current, messages: mergeNewest(current.messages, action.messages) }
        : { messages: action.messages, startCursor: action.startCursor, hasPrevious: action.hasPrevious, loadingOlder: false, olderFailed: false };
      const { [id]: _, ...threadState } = state.threadState;
      const next = { ...state, threads: { ...state.threads, [id]: thread }, threadState };
      return inboxReducer(next, { type: 'chatUpserted', chat: action.chat });
    }
    case 'olderLoading':
    case 'olderFailed': {
      const thread = state.threads[action.chatId];
      if (!thread) return state;
      const loading = action.type === 'olderLoading';
      return { ...state, threads: { ...state.threads, [action.chatId]: { ...thread, loadingOlder: loading, olderFailed: !loading } } };
    }
    case 'olderLoaded': {
      const thread = state.threads[action.chatId];
      if (!thread) return state;
      const known = new Set(thread.messages.map((m) => m.id));
      const older = action.messages.filter((m) => !known.has(m.id));
      return {
        ...state,
        threads: {
          ...state.threads,
          [action.chatId]: {
            messages: [...older, ...thread.messages],
            startCursor: action.startCursor,
            hasPrevious: action.hasPrevious,
            loadingOlder: false,
            olderFailed: false,
          },
        },
      };
    }
    case 'messageUpserted': {
      let next = state;
      const thread = state.threads[action.chatId];
      // an update to a message older than the loaded pages must not drop it in out of context;
      // one within them (a send whose answer is still on its way) belongs there
      const inRange = thread && (!thread.hasPrevious || (thread.messages.length > 0 && time(action.message.createdAt) >= time(thread.messages[0].createdAt)));
      if (thread && (inRange || !action.onlyIfShown)) next = { ...next, threads: { ...next.threads, [action.chatId]: { ...thread, messages: insertMessage(thread.messages, action.message) } } };
      const chat = next.chats[action.chatId];
      if (chat?.lastMessage?.id === action.message.id) {
        const { id, direction, status, text, createdAt, attachments } = action.message;
        next = {
          ...next,
          chats: {
            ...next.chats,
            [action.chatId]: { ...chat, lastMessage: { id, direction, status, text, createdAt, attachments: attachments.map((a) => ({ id: a.id, kind: a.kind })) } },
          },
        };
      }
      return next;
    }
  }
}
