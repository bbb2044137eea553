'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientDetailsFragment, ClientDocumentFragment } from '../../graphql-client/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { useInboxEvents, useResync } from '../providers/live-provider';
import { ClientQuery } from './queries';

export type ClientDetailsState = 'loading' | 'ready' | 'error' | 'missing';

/**
 * A client with their chats and documents, kept fresh: chat changes of this client arrive live
 * and trigger one refetch per burst.
 */
export function useClientDetails(clientId: string | null, initial: ClientDetailsFragment | null = null, initialMissing = false) {
  const gql = useClient();
  const [details, setDetails] = useState<ClientDetailsFragment | null>(initial && initial.id === clientId ? initial : null);
  const [state, setState] = useState<ClientDetailsState>(initial && initial.id === clientId ? 'ready' : initialMissing ? 'missing' : 'loading');
  const current = useRef(details);
  current.current = details;
  const ticket = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const load = useCallback(
    async (quiet: boolean) => {
      if (!clientId) return;
      const mine = ++ticket.current;
      if (!quiet) setState('loading');
      const result = await gql.query(doc(ClientQuery), { id: clientId }, { requestPolicy: 'network-only' }).toPromise();
      if (mine !== ticket.current) return;
      if (result.data?.client) {
        setDetails(result.data.client);
        setState('ready');
      } else if (result.data && result.data.client === null) {
        setState('missing');
      } else {
        const code = result.error?.graphQLErrors[0]?.extensions?.code;
        if (code === 'NOT_FOUND') setState('missing');
        else if (!quiet || !current.current) setState('error');
      }
    },
    [clientId, gql],
  );

  const skipFirst = useRef((initial !== null && initial.id === clientId) || initialMissing);
  useEffect(() => {
    if (!clientId) {
      setDetails(null);
      return;
    }
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    if (current.current?.id !== clientId) setDetails(null);
    void load(false);
  }, [clientId, load]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(true), 400);
  }, [load]);

  useInboxEvents((event) => {
    if (event.__typename !== 'ChatUpdated' || !clientId) return;
    const chat = event.chat;
    if (chat.client?.id === clientId || current.current?.chats.some((c) => c.id === chat.id)) refresh();
  });
  useResync(refresh);

  const addDocument = useCallback((document: ClientDocumentFragment) => {
    setDetails((d) => (d ? { ...d, documents: [document, ...d.documents.filter((x) => x.id !== document.id)] } : d));
  }, []);

  return { details, state, reload: () => void load(false), refresh, addDocument };
}
