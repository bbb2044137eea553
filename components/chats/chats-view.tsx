'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { lazy, Suspense, useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { ChatStatus, MessageTag, TemplateInput } from '../../graphql-client/graphql';
import type { UserError } from '../../lib/ui/gql';
import { lazyRetrying, retryImport } from '../../lib/ui/retry-import';
import { useInboxEvents, useResync, useUrql } from '../providers/live-provider';
import { ChatList } from './chat-list';
import { NoChatSelected, ThreadError } from './conversation-states';
import { DEMO_PAGE_ID, LIST_PAGE, THREAD_PAGE } from './constants';
import { initialInboxState, type ChatItem, type InboxAction, type InboxState, type MessageItem } from './inbox-state';
import { filterFromParams, filterVariables, listKey, statusFromParams, writeListParams, type ListFilter } from './list-filter';
import { UnreadTabTitle } from './tab-title';

export interface InitialThread {
  chat: ChatItem;
  messages: MessageItem[];
  startCursor: string | null;
  hasPrevious: boolean;
}

interface ChatsViewProps {
  status: ChatStatus;
  page: { chats: ChatItem[]; endCursor: string | null; hasNext: boolean } | null;
  thread: InitialThread | null;
  missingChatId: string | null;
  demo: boolean;
  /** Unread chats when the page was rendered: the tab title's count until live events move it. */
  unreadChats?: number;
  /** The search and filters the server rendered the list with (from the URL). */
  filter?: ListFilter;
  /** The channels the viewer may see, for the channel filter. */
  channels?: ChannelOption[];
}

export interface ChannelOption {
  id: string;
  kind: ChatItem['channel']['kind'];
  name: string;
}

/** `/chats/<global id>` → the chat id; `/chats` → null. */
function chatIdFromPath(pathname: string): string | null {
  const segment = pathname.split('/')[2];
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The pane while the conversation's code or its messages load. */
const Loading = () => <section className="flex min-w-0 flex-1 items-center justify-center bg-slate-50" aria-busy="true" />;

// Not needed to show the inbox: loaded when a chat is open, and fetched in the background once the
// inbox is up, so opening a chat does not wait. Rendered in the browser only (after hydration):
// server-rendered, their buttons would show before their code arrived and ignore a click (Archive,
// Create client). React.lazy rather than next/dynamic, whose loader would come with the page.
const loadConversation = () => import('./conversation');
const loadDataPanel = () => import('./data-panel');
const loadDetailsDrawer = () => import('./details-drawer');
// what the open chat's buttons do (send, retry, archive): needed once a conversation is on screen
const loadChatActions = () => import('./chat-actions');
/** A network error as the composer and the buttons already show it, for when the actions' code or urql could not be loaded. */
const UNREACHABLE = { error: { code: 'NETWORK', message: null } } as const;
const Conversation = lazyRetrying(loadConversation, (m) => m.Conversation);
const DataPanel = lazyRetrying(loadDataPanel, (m) => m.DataPanel);
const DetailsDrawer = lazyRetrying(loadDetailsDrawer, (m) => m.DetailsDrawer);
/** The inbox's keys (j/k, arrows, r, /, e, o, a): a listener that waits for nothing else on the page. */
const loadInboxKeys = () => import('./inbox-keys');
const DemoControl = lazy(() => import('./demo-control').then((m) => ({ default: m.DemoControl })));

type Reduce = (state: InboxState, action: InboxAction) => InboxState;
/** Each action carries the reducer it is to be applied with (inbox-reducer.ts, fetched after hydration). */
const applyStep = (state: InboxState, step: { reduce: Reduce; action: InboxAction }) => step.reduce(state, step.action);
/** The reducer's module, asked for again with the socket's backoff until it arrives (offline, a deploy in between). */
function loadReducer(): Promise<Reduce> {
  return retryImport(() => import('./inbox-reducer')).then((m) => m.inboxReducer);
}

const noSubscription = () => () => {};
/** False on the server and while hydrating, true from then on. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * The inbox: the server renders the first list (the open chat follows in the browser); from then on this keeps them
 * live from the inbox subscription and fetches only what the operator opens.
 */
export function ChatsView(props: ChatsViewProps) {
  const urql = useUrql();
  const hydrated = useHydrated();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const selectedId = chatIdFromPath(pathname);
  const urlStatus = statusFromParams(searchParams);
  const urlFilter = filterFromParams(searchParams);
  const urlKey = listKey(urlStatus, urlFilter);
  const [state, apply] = useReducer(applyStep, props, initialInboxState);
  // nothing changes the inbox before hydration: what the actions do arrives after it, and actions
  // dispatched before it has arrived wait for it, in order (one promise, its callbacks in turn)
  const reducer = useRef<Promise<Reduce> | null>(null);
  const dispatch = useCallback((action: InboxAction) => {
    reducer.current ??= loadReducer();
    void reducer.current.then((reduce) => apply({ reduce, action }));
  }, []);
  useEffect(() => {
    reducer.current ??= loadReducer();
  }, []);
  const drafts = useRef(new Map<string, string>());
  const marking = useRef(new Set<string>());
  const stateRef = useRef(state);
  stateRef.current = state;
  const searchParamsRef = useRef(searchParams);
  searchParamsRef.current = searchParams;
  // Live events arrive in server order; a mutation's own answer can overtake them or lag behind.
  // Counting events lets a late answer (a PENDING send) yield to an event that already moved it on.
  const eventCount = useRef(0);
  const lastEventFor = useRef(new Map<string, number>());
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  // below 1280 px the client details open on demand (a drawer; on a phone the third screen)
  const [detailsOpen, setDetailsOpen] = useState(false);
  useEffect(() => setDetailsOpen(false), [selectedId]);

  // ---- navigation without a server round trip (Next keeps usePathname in sync with pushState)
  const select = useCallback((chatId: string) => {
    window.history.pushState(null, '', `/chats/${encodeURIComponent(chatId)}${window.location.search}`);
  }, []);
  /** On a phone: from the open chat back to the list. */
  const back = useCallback(() => {
    window.history.pushState(null, '', `/chats${window.location.search}`);
  }, []);
  const setStatus = useCallback((status: ChatStatus) => {
    const search = writeListParams(window.location.search, status, filterFromParams(new URLSearchParams(window.location.search)));
    window.history.pushState(null, '', `${window.location.pathname}${search}`);
  }, []);
  /** The search box replaces the entry as the operator types; a filter button is a step back can undo. */
  const setFilter = useCallback((filter: ListFilter, replace: boolean) => {
    const search = writeListParams(window.location.search, statusFromParams(new URLSearchParams(window.location.search)), filter);
    window.history[replace ? 'replaceState' : 'pushState'](null, '', `${window.location.pathname}${search}`);
  }, []);

  // ---- the list
  const fetchList = useCallback(
    async (status: ChatStatus, filter: ListFilter, after: string | null) => {
      const { client, doc, inbox } = await urql();
      const result = await client
        .query(doc(inbox.ChatListQuery), { status, first: LIST_PAGE, after, ...filterVariables(filter) }, { requestPolicy: 'network-only' })
        .toPromise();
      const connection = result.data?.chats;
      if (!connection) {
        dispatch({ type: 'listFailed', status, filter, append: after !== null });
        return;
      }
      dispatch({
        type: 'listLoaded',
        status,
        filter,
        append: after !== null,
        page: { chats: connection.edges.map((e) => e.node), endCursor: connection.pageInfo.endCursor, hasNext: connection.pageInfo.hasNextPage },
      });
    },
    [urql],
  );

  // the conversation's code, once the inbox is up and the browser idle
  useEffect(() => {
    const prefetch = () => void Promise.all([loadConversation(), loadDataPanel(), loadDetailsDrawer(), loadChatActions()]).catch(() => {});
    if (typeof requestIdleCallback !== 'function') return void setTimeout(prefetch, 200);
    const idle = requestIdleCallback(prefetch, { timeout: 2000 });
    return () => cancelIdleCallback(idle);
  }, []);

  useEffect(() => {
    const s = stateRef.current;
    if (urlKey === listKey(s.status, s.filter)) return;
    const [status, filter] = [statusFromParams(searchParamsRef.current), filterFromParams(searchParamsRef.current)];
    dispatch({ type: 'listLoading', status, filter });
    void fetchList(status, filter, null);
  }, [urlKey, fetchList]);

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    if (!s.hasNext || s.loadingMore || s.list !== 'ready') return;
    dispatch({ type: 'moreLoading' });
    void fetchList(s.status, s.filter, s.endCursor);
  }, [fetchList]);

  const retryList = useCallback(() => {
    const { status, filter } = stateRef.current;
    dispatch({ type: 'listLoading', status, filter });
    void fetchList(status, filter, null);
  }, [fetchList]);

  // ---- the open chat
  const markRead = useCallback(
    async (chatId: string) => {
      if (marking.current.has(chatId)) return;
      marking.current.add(chatId);
      const { client, doc, inbox } = await urql();
      const result = await client.mutation(doc(inbox.MarkChatReadMutation), { chatId }).toPromise();
      marking.current.delete(chatId);
      if (result.data?.markChatRead) dispatch({ type: 'chatUpserted', chat: result.data.markChatRead });
    },
    [urql],
  );

  const fetchThread = useCallback(
    async (chatId: string) => {
      if (!stateRef.current.threads[chatId]) dispatch({ type: 'threadLoading', chatId });
      const { client, doc, inbox } = await urql();
      const result = await client.query(doc(inbox.ChatThreadQuery), { id: chatId, last: THREAD_PAGE, before: null }, { requestPolicy: 'network-only' }).toPromise();
      const chat = result.data?.chat;
      if (!chat) {
        dispatch({ type: 'threadFailed', chatId, missing: !result.error || result.data?.chat === null });
        return;
      }
      dispatch({ type: 'threadLoaded', ...inbox.threadOf(chat) });
    },
    [urql],
  );

  const loadOlder = useCallback(async () => {
    const chatId = selectedId;
    const thread = chatId ? stateRef.current.threads[chatId] : undefined;
    if (!chatId || !thread?.hasPrevious || thread.loadingOlder) return;
    dispatch({ type: 'olderLoading', chatId });
    const { client, doc, inbox } = await urql();
    const result = await client
      .query(doc(inbox.ChatThreadQuery), { id: chatId, last: THREAD_PAGE, before: thread.startCursor }, { requestPolicy: 'network-only' })
      .toPromise();
    const page = result.data?.chat?.messages;
    if (!page) {
      dispatch({ type: 'olderFailed', chatId });
      return;
    }
    dispatch({ type: 'olderLoaded', chatId, messages: page.edges.map((e) => e.node), startCursor: page.pageInfo.startCursor, hasPrevious: page.pageInfo.hasPreviousPage });
  }, [urql, selectedId]);

  // opening a chat: show what we have at once, refresh it, and mark it read
  const initialThreadId = useRef(props.thread?.chat.id ?? null);
  useEffect(() => {
    if (!selectedId) return;
    const s = stateRef.current;
    if (initialThreadId.current === selectedId) {
      // the server just rendered this one
      initialThreadId.current = null;
    } else {
      void fetchThread(selectedId);
    }
    const chat = s.chats[selectedId];
    if (chat?.unread && document.visibilityState === 'visible') void markRead(selectedId);
  }, [selectedId, fetchThread, markRead]);

  // unread while the tab was hidden: read it when the operator comes back
  useEffect(() => {
    const onVisible = () => {
      const id = selectedId;
      if (id && document.visibilityState === 'visible' && stateRef.current.chats[id]?.unread) void markRead(id);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [selectedId, markRead]);

  // ---- live
  useInboxEvents((event) => {
    switch (event.__typename) {
      case 'MessageAdded':
      case 'MessageUpdated':
        lastEventFor.current.set(event.message.id, ++eventCount.current);
        dispatch({ type: 'messageUpserted', chatId: event.message.chat.id, message: event.message, onlyIfShown: event.__typename === 'MessageUpdated' });
        break;
      case 'ChatUpdated':
        dispatch({ type: 'chatUpserted', chat: event.chat });
        if (event.chat.id === selectedId && event.chat.unread && document.visibilityState === 'visible') void markRead(event.chat.id);
        break;
    }
  });
  useResync(() => {
    void fetchList(stateRef.current.status, stateRef.current.filter, null);
    if (selectedId) void fetchThread(selectedId);
  });

  // ---- actions
  /** A mutation's answer, unless a live event about that message came in after it was asked. */
  const applyAnswer = useCallback((chatId: string, message: MessageItem, since: number) => {
    if ((lastEventFor.current.get(message.id) ?? 0) > since) return;
    dispatch({ type: 'messageUpserted', chatId, message });
  }, []);

  /** The actions' code and the client, or null when they could not be loaded (offline, a deploy in between). */
  const actions = useCallback(() => Promise.all([loadChatActions(), urql()]).then(([a, { client }]) => ({ ...a, client })).catch(() => null), [urql]);

  const send = useCallback(
    async (text: string, tag: MessageTag | null, template?: TemplateInput | null, files?: File[]): Promise<UserError | null> => {
      if (!selectedId) return null;
      const since = eventCount.current;
      const loaded = await actions();
      const answer = loaded ? await loaded.sendToChat(loaded.client, selectedId, { text, tag, template, files }) : UNREACHABLE;
      if ('error' in answer) return answer.error;
      applyAnswer(selectedId, answer.message, since);
      return null;
    },
    [actions, selectedId, applyAnswer],
  );

  const replyToComment = useCallback(
    async (commentId: string, text: string, privately: boolean): Promise<UserError | null> => {
      if (!selectedId) return null;
      const since = eventCount.current;
      const loaded = await actions();
      const answer = loaded ? await loaded.replyToCommentInChat(loaded.client, { commentId, text, private: privately }) : UNREACHABLE;
      if ('error' in answer) return answer.error;
      applyAnswer(answer.chatId, answer.message, since);
      return null;
    },
    [actions, selectedId, applyAnswer],
  );

  const retry = useCallback(
    async (messageId: string): Promise<string | null> => {
      const since = eventCount.current;
      const loaded = await actions();
      const answer = loaded ? await loaded.retryInChat(loaded.client, messageId) : { error: '' };
      if ('error' in answer) return answer.error;
      if (selectedId) applyAnswer(selectedId, answer.message, since);
      return null;
    },
    [actions, selectedId, applyAnswer],
  );

  /** F19: archive or reopen; the list moves the chat live (here and, through ChatUpdated, in every tab). */
  const setArchived = useCallback(
    async (chatId: string, archived: boolean): Promise<string | null> => {
      const loaded = await actions();
      const answer = loaded ? await loaded.setChatArchived(loaded.client, chatId, archived) : { error: '' };
      if ('error' in answer) return answer.error;
      dispatch({ type: 'chatUpserted', chat: answer.chat });
      return null;
    },
    [actions],
  );

  const chatUpdated = useCallback((chat: ChatItem) => dispatch({ type: 'chatUpserted', chat }), []);

  // ---- keyboard (F-keys listed in the "?" overlay): what the keys do arrives after hydration
  useEffect(() => {
    let handle: ((e: KeyboardEvent) => void) | null = null;
    let stopped = false;
    void loadInboxKeys().then(({ onInboxKey }) => {
      if (!stopped) handle = (e) => onInboxKey(e, { open: selectedRef.current ? stateRef.current.chats[selectedRef.current] : undefined, setStatus });
    }, () => {});
    const onKey = (e: KeyboardEvent) => handle?.(e);
    document.addEventListener('keydown', onKey);
    return () => {
      stopped = true;
      document.removeEventListener('keydown', onKey);
    };
  }, [setStatus]);

  const onDraft = useCallback(
    (text: string) => {
      if (selectedId) drafts.current.set(selectedId, text);
    },
    [selectedId],
  );

  const selected = selectedId ? state.chats[selectedId] : undefined;
  const threadState = selectedId ? state.threadState[selectedId] : undefined;
  const list = state.order.map((id) => state.chats[id]).filter(Boolean);

  return (
    <div className="flex min-h-0 flex-1">
      <UnreadTabTitle initial={props.unreadChats ?? 0} />
      <ChatList
        status={state.status}
        filter={state.filter}
        channels={props.channels ?? []}
        onFilter={setFilter}
        chats={list}
        selectedId={selectedId}
        state={state.list}
        hasNext={state.hasNext}
        loadingMore={state.loadingMore}
        moreFailed={state.moreFailed}
        onStatus={setStatus}
        onSelect={select}
        onLoadMore={loadMore}
        onRetry={retryList}
        hiddenOnSmall={!!selectedId}
        footer={
          props.demo ? (
            <Suspense fallback={null}>
              <DemoControl openChat={selected && selected.channel.externalId === DEMO_PAGE_ID ? { title: selected.title, psid: selected.contact.externalId } : null} />
            </Suspense>
          ) : null
        }
      />
      {selected && hydrated ? (
        <>
          <Suspense fallback={<Loading />}>
            <Conversation
              key={selected.id}
              chat={selected}
              thread={state.threads[selected.id]}
              threadState={threadState}
              draft={drafts.current.get(selected.id) ?? ''}
              onDraft={onDraft}
              onLoadOlder={loadOlder}
              onReload={() => void fetchThread(selected.id)}
              onSend={send}
              onRetryMessage={retry}
              onReplyToComment={replyToComment}
              onArchive={setArchived}
              onBack={back}
              onShowDetails={() => setDetailsOpen(true)}
            />
          </Suspense>
          <Suspense fallback={null}>
            <DataPanel chat={selected} onChatUpdated={chatUpdated} onOpenChat={select} />
          </Suspense>
          <Suspense fallback={null}>
            <DetailsDrawer open={detailsOpen} onOpenChange={setDetailsOpen} title={selected.title}>
              <DataPanel chat={selected} onChatUpdated={chatUpdated} onOpenChat={select} variant="drawer" />
            </DetailsDrawer>
          </Suspense>
        </>
      ) : selectedId && threadState === 'error' ? (
        <ThreadError onRetry={() => void fetchThread(selectedId)} />
      ) : selectedId && threadState !== 'missing' ? (
        <Loading />
      ) : (
        <NoChatSelected missing={!!selectedId} onBack={back} />
      )}
    </div>
  );
}
