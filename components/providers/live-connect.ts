import { createClient, type Client as SocketClient } from 'graphql-ws';
import type { Dispatch, SetStateAction } from 'react';
import type { ClientSlot } from '../../lib/ui/client-slot';
import { clientIn, doc } from '../../lib/ui/gql';
import { InboxEventsSubscription } from '../chats/fragments';
import { retryWait } from '../../lib/ui/retry-import';
import type { InboxEvent, LiveStatus } from './live-provider';

/**
 * Close codes that mean this browser is signed out (graphql/ws.ts): 4401 ends the sockets of a
 * session that ended while they were open, 4403 refuses a socket whose session had already ended.
 */
const SIGNED_OUT = new Set([4401, 4403]);

/** What LiveProvider hands the connection: where the socket goes, and whom to tell. */
export interface LiveWiring {
  slot: ClientSlot;
  socketRef: { current: SocketClient | null };
  /** The inbox's cursor when the page was rendered: the server replays what came after it. */
  startCursor: string | null;
  setStatus: Dispatch<SetStateAction<LiveStatus>>;
  emit(event: InboxEvent): void;
  resync(): void;
}

/**
 * The tab's live socket and its one inbox subscription (graphql-ws, urql): fetched by LiveProvider
 * after hydration together with what it uses (decision 030; the connecting code too, decision 033).
 * Returns the function that closes both.
 */
export function connectLive({ slot, socketRef, startCursor, setStatus, emit, resync }: LiveWiring): () => void {
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/graphql`;
  const socket = createClient({ url, lazy: false, retryAttempts: Infinity, shouldRetry: () => true, retryWait, keepAlive: 20_000 });
  socketRef.current = socket;
  let seenEvent = false;
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  const offConnected = socket.on('connected', () => {
    setStatus('live');
    // with a cursor the server replays what we missed; without one, refetch instead
    if (!seenEvent && !startCursor) {
      clearTimeout(resyncTimer);
      resyncTimer = setTimeout(resync, 400);
    }
  });
  const offClosed = socket.on('closed', (event) => {
    // this browser's session ended (signed out elsewhere or by an admin, or deactivated). The socket
    // won't come back, so "Reconnecting…" would be untrue: to the sign-in page, as on the next page load.
    if (SIGNED_OUT.has((event as { code?: number } | null)?.code ?? 0)) {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      return;
    }
    setStatus((s) => (s === 'connecting' ? s : 'reconnecting'));
  });
  const subscription = clientIn(slot)
    .subscription(doc(InboxEventsSubscription), { after: startCursor })
    .subscribe((result) => {
      const event = result.data?.inboxEvents;
      if (!event) return;
      seenEvent = true;
      emit(event);
    });
  return () => {
    clearTimeout(resyncTimer);
    subscription.unsubscribe();
    offConnected();
    offClosed();
    void socket.dispose();
    socketRef.current = null;
  };
}
