import { CombinedError, gql, type AnyVariables, type TypedDocumentNode } from 'urql';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

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
