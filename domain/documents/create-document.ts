import { eq, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { clients, documentCounters, documents } from '../../db/schema';
import { requirePermission } from '../access';
import { getChatOrThrow, isUuid } from '../chats/get-chat';
import type { Deps } from '../deps';
import { badInput, notFound } from '../errors';

export type DocumentKind = 'LEAD' | 'ORDER' | 'ESTIMATE' | 'INVOICE';

const PREFIX: Record<DocumentKind, string> = { LEAD: 'L', ORDER: 'O', ESTIMATE: 'E', INVOICE: 'I' };

export function documentNumber(kind: DocumentKind, n: number): string {
  return `${PREFIX[kind]}-${String(n).padStart(4, '0')}`;
}

/** A lead, order, estimate or invoice for a client, optionally from the chat it came out of. */
export async function createDocument(
  deps: Deps,
  viewer: Viewer | null,
  input: { clientId: string; kind: DocumentKind; title: string; chatId?: string | null },
) {
  requirePermission(viewer, 'DOCUMENTS');
  const title = input.title.trim();
  if (!title) throw badInput('Give the document a title, e.g. "Screen replacement iPhone 13".', { field: 'title' });
  if (title.length > 200) throw badInput('A title can be at most 200 characters.', { field: 'title' });
  const [client] = isUuid(input.clientId) ? await deps.db.select({ id: clients.id }).from(clients).where(eq(clients.id, input.clientId)) : [];
  if (!client) throw notFound('The client');
  if (input.chatId) await getChatOrThrow(deps.db, viewer, input.chatId);

  return deps.db.transaction(async (tx) => {
    // one row per kind, bumped atomically: concurrent creators get consecutive numbers
    const [counter] = await tx
      .insert(documentCounters)
      .values({ kind: input.kind, last: 1 })
      .onConflictDoUpdate({ target: documentCounters.kind, set: { last: sql`${documentCounters.last} + 1` } })
      .returning();
    const [document] = await tx
      .insert(documents)
      .values({ kind: input.kind, number: documentNumber(input.kind, counter.last), title, clientId: client.id, chatId: input.chatId ?? null })
      .returning();
    return document;
  });
}
