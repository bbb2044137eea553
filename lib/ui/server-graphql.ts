import { headers } from 'next/headers';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { ShellViewerDocument, type ShellViewerQuery, type TypedDocumentString } from '../../graphql-client/graphql';
import { getRuntime } from '../../runtime/registry';

export interface ServerResult<T> {
  data: T | null;
  errors: readonly { message: string; extensions?: Record<string, unknown> }[];
  /** `extensions.code` of the first error, e.g. FORBIDDEN. */
  code: string | null;
}

/**
 * Runs a GraphQL operation in-process for a server component, with the signed-in operator's
 * cookie and language: the same schema and access checks as /api/graphql, no HTTP hop.
 */
export async function serverQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<ServerResult<TResult>> {
  const h = await headers();
  const result = await getRuntime().runOperation(document, variables, {
    cookie: h.get('cookie'),
    acceptLanguage: h.get('accept-language'),
    userAgent: h.get('user-agent'),
  });
  const errors = result.errors ?? [];
  const code = errors.length ? String(errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR') : null;
  // graphql-js builds results on null-prototype objects; plain JSON can go to client components
  const data = result.data ? (JSON.parse(JSON.stringify(result.data)) as TResult) : null;
  return { data, errors, code };
}

export type ServerViewer = NonNullable<ShellViewerQuery['viewer']>;

// Once per request, before any page data: the live-event cursor is read first, so subscribing
// after it replays anything that changes while the page renders.
const shellViewer = cache(() => serverQuery(ShellViewerDocument, {}));

/** The signed-in employee (once per request), or null when signed out. */
export async function getViewer(): Promise<ServerViewer | null> {
  return (await shellViewer()).data?.viewer ?? null;
}

/** Where this page's live events start: pass it to the inbox subscription as `after`. */
export async function getInboxCursor(): Promise<string | null> {
  return (await shellViewer()).data?.inboxCursor ?? null;
}

/** The signed-in employee, or a redirect to the login page that comes back to `next`. */
export async function requireViewer(next: string): Promise<ServerViewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?next=${encodeURIComponent(next)}`);
  return viewer;
}

export function hasPermission(viewer: ServerViewer, permission: 'CHATS' | 'CLIENTS' | 'DOCUMENTS' | 'SETTINGS'): boolean {
  return viewer.role.permissions.includes(permission);
}

