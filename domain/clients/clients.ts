import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { chats, clients } from '../../db/schema';
import { requirePermission } from '../access';
import { badInput } from '../errors';
import { clampPageSize, type Page } from '../cursor';
import { selectChatViews, type ChatView } from '../chats/chat-view';
import { isUuid } from '../chats/get-chat';
import { containsPattern, searchTerm } from '../search';

export type ClientRow = typeof clients.$inferSelect;

export async function createClient(db: Executor, viewer: Viewer | null, input: { name: string; phone?: string | null; email?: string | null }) {
  requirePermission(viewer, 'CLIENTS');
  const name = input.name.trim();
  if (!name) throw badInput('Enter the client\'s name.', { field: 'name' });
  const email = input.email?.trim() || null;
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw badInput('That e-mail address does not look right.', { field: 'email' });
  const [client] = await db.insert(clients).values({ name, phone: input.phone?.trim() || null, email }).returning();
  return client;
}

/** Clients by name, phone or e-mail, alphabetical, keyset-paged. */
export async function listClients(
  db: Executor,
  viewer: Viewer | null,
  input: { search?: string | null; first?: number | null; after?: string | null },
): Promise<Page<ClientRow>> {
  requirePermission(viewer, 'CLIENTS');
  const size = clampPageSize(input.first, 20, 100);
  const after = input.after ? decodeNameCursor(input.after) : null;
  if (input.after && !after) throw badInput('The "after" cursor is not one this API gave out.');
  const term = searchTerm(input.search);
  const pattern = term ? containsPattern(term) : null;
  const rows = await db
    .select()
    .from(clients)
    .where(
      and(
        pattern ? or(ilike(clients.name, pattern), ilike(clients.phone, pattern), ilike(clients.email, pattern)) : undefined,
        after ? sql`(${clients.name}, ${clients.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(clients.name), asc(clients.id))
    .limit(size + 1);
  const items = rows.slice(0, size);
  return {
    items,
    cursors: items.map((c) => Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url')),
    hasNextPage: rows.length > size,
    hasPreviousPage: Boolean(after),
  };
}

/** A client's chats, limited to the channels the viewer may see. */
export async function chatsOfClients(db: Executor, viewer: Viewer, clientIds: readonly string[]): Promise<ChatView[]> {
  const channelIds = [...viewer.channelIds];
  if (clientIds.length === 0 || channelIds.length === 0 || !viewer.permissions.has('CHATS')) return [];
  return selectChatViews(db)
    .where(and(inArray(chats.clientId, [...clientIds]), inArray(chats.channelId, channelIds)))
    .orderBy(sql`${chats.lastMessageAt} desc`);
}

export async function getClient(db: Executor, viewer: Viewer | null, id: string) {
  requirePermission(viewer, 'CLIENTS');
  const [row] = await db.select().from(clients).where(eq(clients.id, id));
  return row ?? null;
}

function decodeNameCursor(cursor: string): { name: string; id: string } | null {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof name === 'string' && typeof id === 'string' && isUuid(id) ? { name, id } : null;
  } catch {
    return null;
  }
}

/** Clients by id, for a batch loader: whoever reached them has checked the Clients permission. */
export async function loadClients(db: Executor, ids: readonly string[]): Promise<ClientRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(clients).where(inArray(clients.id, [...ids]));
}
