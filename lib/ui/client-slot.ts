'use client';

import type { Client as SocketClient } from 'graphql-ws';
import { createContext, useContext } from 'react';
import type { Client } from 'urql';

/**
 * Where the tab's urql client lives. `lib/ui/gql.ts` (which carries urql) makes it on first use;
 * the Chats page loads that module after hydration (LiveProvider's `useUrql`), other code imports
 * it and asks with `useClient`. One slot per LiveProvider, never one per module.
 */
export interface ClientSlot {
  client: Client | null;
  /** The live socket subscriptions go through: null until graphql-ws has loaded. */
  readonly socket: () => SocketClient | null;
}

export const ClientSlotContext = createContext<ClientSlot | null>(null);

export function useClientSlot(): ClientSlot {
  const slot = useContext(ClientSlotContext);
  if (!slot) throw new Error('GraphQL is used outside the LiveProvider of the app frame');
  return slot;
}
