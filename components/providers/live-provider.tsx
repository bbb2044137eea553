'use client';

import type { Client as SocketClient } from 'graphql-ws';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Client } from 'urql';
import type { InboxEventsSubscription } from '../../graphql-client/graphql';
import { ClientSlotContext, useClientSlot, type ClientSlot } from '../../lib/ui/client-slot';
import { retryImport, retryWait } from '../../lib/ui/retry-import';

export type InboxEvent = InboxEventsSubscription['inboxEvents'];
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

interface LiveContextValue {
  /** Every inbox event the viewer may see, in order. Returns the unsubscribe function. */
  onEvent(listener: (event: InboxEvent) => void): () => void;
  /** Called when events may have been missed (first connect, or a reconnect before any event): refetch what you show. */
  onResync(listener: () => void): () => void;
  status: LiveStatus;
}

const noop = () => () => {};
const LiveContext = createContext<LiveContextValue>({ onEvent: noop, onResync: noop, status: 'connecting' });

type Urql = typeof import('../../lib/ui/gql');
type InboxDocuments = typeof import('../chats/fragments');

/**
 * urql with its GraphQL parser (lib/ui/gql.ts) and the inbox's documents, fetched after hydration
 * rather than with the page: the server rendered what the operator sees. A chunk that did not
 * arrive (offline, a deploy in between) is asked for again with the socket's backoff, so a request
 * waits instead of failing.
 */
function loadUrql(): Promise<[Urql, InboxDocuments]> {
  return retryImport(() => Promise.all([import('../../lib/ui/gql'), import('../chats/fragments')]));
}

/**
 * The tab's GraphQL client (made by lib/ui/gql.ts when first used; HTTP for queries and mutations,
 * graphql-ws for subscriptions; the session cookie authenticates both) and the one live inbox
 * subscription of the tab.
 */
export function LiveProvider({ live, initialCursor, children }: { live: boolean; initialCursor: string | null; children: ReactNode }) {
  const socketRef = useRef<SocketClient | null>(null);
  const eventListeners = useRef(new Set<(event: InboxEvent) => void>());
  const resyncListeners = useRef(new Set<() => void>());
  const [status, setStatus] = useState<LiveStatus>('connecting');
  // the cursor only matters when the subscription starts: a newer one must not restart the socket
  const cursorRef = useRef(initialCursor);
  useEffect(() => {
    cursorRef.current = initialCursor;
  }, [initialCursor]);
  const slot = useMemo<ClientSlot>(() => ({ client: null, socket: () => socketRef.current }), []);

  useEffect(() => {
    if (!live) return;
    // graphql-ws and urql (with live-connect.ts, which opens the socket and subscribes) are fetched once
    // the page is up rather than with it: the server rendered what the operator sees, and the
    // subscription's cursor (or the resync) covers the moments in between.
    let stop: (() => void) | undefined;
    let stopped = false;
    const load = (attempt: number) => {
      import('./live-connect').then(
        ({ connectLive }) => {
          if (stopped) return;
          stop = connectLive({
            slot,
            socketRef,
            startCursor: cursorRef.current,
            setStatus,
            emit: (event) => eventListeners.current.forEach((listener) => listener(event)),
            resync: () => resyncListeners.current.forEach((listener) => listener()),
          });
        },
        // the chunk did not arrive (offline, a deploy in between): try again as a reconnect would
        () => {
          if (stopped) return;
          setStatus((s) => (s === 'connecting' ? s : 'reconnecting'));
          void retryWait(attempt).then(() => {
            if (!stopped) load(attempt + 1);
          });
        },
      );
    };
    load(0);
    return () => {
      stopped = true;
      stop?.();
    };
  }, [slot, live]);

  const bus = useMemo<Omit<LiveContextValue, 'status'>>(
    () => ({
      onEvent(listener) {
        eventListeners.current.add(listener);
        return () => eventListeners.current.delete(listener);
      },
      onResync(listener) {
        resyncListeners.current.add(listener);
        return () => resyncListeners.current.delete(listener);
      },
    }),
    [],
  );
  const value = useMemo<LiveContextValue>(() => ({ ...bus, status: live ? status : 'live' }), [bus, status, live]);

  return (
    <ClientSlotContext.Provider value={slot}>
      <LiveContext.Provider value={value}>{children}</LiveContext.Provider>
    </ClientSlotContext.Provider>
  );
}

/**
 * urql for code on the Chats page's first load, which must not carry it: resolves to the tab's
 * client, the document parser and the inbox's documents (components/chats/fragments.ts) once they
 * have loaded (at once after the first time).
 */
export function useUrql(): () => Promise<{ client: Client; doc: Urql['doc']; inbox: InboxDocuments }> {
  const slot = useClientSlot();
  return useCallback(async () => {
    const [urql, inbox] = await loadUrql();
    return { client: urql.clientIn(slot), doc: urql.doc, inbox };
  }, [slot]);
}

/** Calls `handler` for every live inbox event (always the latest `handler`). */
export function useInboxEvents(handler: (event: InboxEvent) => void) {
  const { onEvent } = useContext(LiveContext);
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => onEvent((event) => ref.current(event)), [onEvent]);
}

/** Calls `handler` when live events may have been missed and shown data should be refetched. */
export function useResync(handler: () => void) {
  const { onResync } = useContext(LiveContext);
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => onResync(() => ref.current()), [onResync]);
}

export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext).status;
}

/**
 * A count shown live (the menu badge, the tab title): `load` asks the server again after a new
 * message or a chat change, once per burst of events, and after a resync.
 */
export function useLiveCount(initial: number, load: () => Promise<number | null | undefined>) {
  const [count, setCount] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = () => {
    clearTimeout(timer.current);
    // events come in bursts (a message, then its chat): ask once per burst
    timer.current = setTimeout(async () => {
      const next = await load();
      if (typeof next === 'number') setCount(next);
    }, 300);
  };
  useInboxEvents((event) => {
    if (event.__typename === 'ChatUpdated' || event.__typename === 'MessageAdded') refresh();
  });
  useResync(refresh);
  return [count, setCount] as const;
}
