import { cacheExchange, Client, CombinedError, fetchExchange, gql, subscriptionExchange, type AnyVariables, type ExecutionResult, type TypedDocumentNode } from 'urql';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { useClientSlot, type ClientSlot } from './client-slot';

const parsed = new WeakMap<object, TypedDocumentNode<unknown, AnyVariables>>();

/**
 * Codegen runs in string mode (the server components need the plain text); urql wants a parsed
 * document. Parses once per document and keeps the result and variable types. Takes the typed
 * strings of either codegen output (graphql-client/ and graphql-client/inbox/).
 */
export function doc<TResult, TVariables extends AnyVariables>(
  document: object & DocumentTypeDecoration<TResult, TVariables>,
): TypedDocumentNode<TResult, TVariables> {
  let node = parsed.get(document);
  if (!node) {
    node = gql(document.toString()) as TypedDocumentNode<unknown, AnyVariables>;
    parsed.set(document, node);
  }
  return node as TypedDocumentNode<TResult, TVariables>;
}

function eventCursor(data: unknown): string | null {
  const cursor = (data as { inboxEvents?: { cursor?: unknown } } | null | undefined)?.inboxEvents?.cursor;
  return typeof cursor === 'string' ? cursor : null;
}

/**
 * The browser's GraphQL client: HTTP for queries and mutations, the slot's graphql-ws socket for
 * subscriptions (the session cookie authenticates both). Made once per slot, on first use.
 */
export function clientIn(slot: ClientSlot): Client {
  slot.client ??= new Client({
    url: '/api/graphql',
    requestPolicy: 'network-only',
    // the CSRF prevention header (graphql/yoga.ts): a cookie-authenticated request without it is refused
    fetchOptions: { credentials: 'same-origin', headers: { 'x-graphql-yoga-csrf': '1' } },
    exchanges: [
      cacheExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          // graphql-ws sends this very object again after every reconnect: keeping the last
          // cursor in it resumes the stream where it broke off, so nothing is lost.
          const payload = { ...request, query: request.query ?? '', variables: { ...(request.variables ?? {}) } as Record<string, unknown> };
          return {
            subscribe(sink) {
              const socket = slot.socket();
              if (!socket) {
                sink.complete();
                return { unsubscribe() {} };
              }
              const dispose = socket.subscribe(payload, {
                next(result) {
                  const cursor = eventCursor(result.data);
                  if (cursor) payload.variables = { ...payload.variables, after: cursor };
                  sink.next(result as ExecutionResult);
                },
                error: (error) => sink.error(error),
                complete: () => sink.complete(),
              });
              return { unsubscribe: dispose };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });
  return slot.client;
}

/** The tab's urql client, for code that carries urql anyway (the Chats page's first load uses LiveProvider's `useUrql`). */
export function useClient(): Client {
  return clientIn(useClientSlot());
}

export interface UserError {
  /** `extensions.code`: BAD_USER_INPUT, SEND_BLOCKED, FORBIDDEN, UNAUTHENTICATED, ... */
  code: string;
  /** The server's sentence when it is meant for people; null for network and internal errors. */
  message: string | null;
}

const HUMAN_CODES = new Set(['BAD_USER_INPUT', 'SEND_BLOCKED', 'FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']);

/** What to tell the operator about a failed operation. */
export function userError(error: CombinedError | undefined | null): UserError | null {
  if (!error) return null;
  if (error.networkError) return { code: 'NETWORK', message: null };
  const first = error.graphQLErrors[0];
  const code = String(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  return { code, message: HUMAN_CODES.has(code) ? (first?.message ?? null) : null };
}
