import { and, desc, inArray, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { compileRows } from '../../db/compiled-rows';
import { chats } from '../../db/schema';
import { requirePermission } from '../access';
import { badInput } from '../errors';
import { clampPageSize, decodeCursor, encodeCursor, type Page } from '../cursor';
import { selectChatViews, type ChatView } from './chat-view';

export interface ListChatsInput {
  status?: 'OPEN' | 'ARCHIVED';
  channelId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** Newest activity first, keyset-paged, only the channels the viewer's role may use. */
export async function listChats(db: Executor, viewer: Viewer | null, input: ListChatsInput): Promise<Page<ChatView>> {
  const v = requirePermission(viewer, 'CHATS');
  const size = clampPageSize(input.first, 50, 200);
  let channelIds = [...v.channelIds];
  if (input.channelId) channelIds = channelIds.filter((id) => id === input.channelId);
  if (channelIds.length === 0 || size === 0) return { items: [], cursors: [], hasNextPage: false, hasPreviousPage: false };

  const after = input.after ? decodeCursor(input.after) : null;
  if (input.after && !after) throw badInput('The "after" cursor is not one this API gave out.');
  const rows = await chatsPageQuery(db, { status: input.status ?? 'OPEN', channelIds, after, limit: size + 1 });

  const items = rows.slice(0, size);
  return {
    items,
    cursors: items.map((r) => encodeCursor(r.chat.lastMessageAt, r.chat.id)),
    hasNextPage: rows.length > size,
    hasPreviousPage: Boolean(after),
  };
}

/**
 * One statement: the page's chat ids first (walking the inbox index), then their contact,
 * channel and last message. Joining before limiting would make the planner hash-join every
 * message of every chat. Built once per database and kept prepared, its rows mapped by a mapper
 * compiled for it (db/compiled-rows.ts): the inbox asks for it all day.
 */
function buildChatsPage(db: Executor, withCursor: boolean) {
  const pageIds = db
    .select({ id: chats.id })
    .from(chats)
    .where(
      and(
        sql`${chats.status} = ${sql.placeholder('status')}`,
        sql`${chats.channelId} = any(${sql.placeholder('channelIds')}::uuid[])`,
        withCursor
          ? sql`(${chats.lastMessageAt}, ${chats.id}) < (${sql.placeholder('afterAt')}::timestamptz, ${sql.placeholder('afterId')}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(chats.lastMessageAt), desc(chats.id))
    .limit(sql.placeholder('limit'));
  return compileRows(
    selectChatViews(db)
      .where(inArray(chats.id, pageIds))
      .orderBy(desc(chats.lastMessageAt), desc(chats.id))
      .prepare(withCursor ? 'chats_page_after' : 'chats_page_first'),
  );
}

const prepared = new WeakMap<Executor, { first: ReturnType<typeof buildChatsPage>; after: ReturnType<typeof buildChatsPage> }>();

export interface ChatsPageInput {
  status: 'OPEN' | 'ARCHIVED';
  channelIds: string[];
  after: { at: Date; id: string } | null;
  limit: number;
}

/** The prepared statement for this input, and the values for its placeholders. */
export function chatsPageStatement(db: Executor, input: ChatsPageInput) {
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = { first: buildChatsPage(db, false), after: buildChatsPage(db, true) }));
  const values: Record<string, unknown> = { status: input.status, channelIds: input.channelIds, limit: input.limit };
  if (!input.after) return { query: queries.first, values };
  return { query: queries.after, values: { ...values, afterAt: input.after.at.toISOString(), afterId: input.after.id } };
}

export function chatsPageQuery(db: Executor, input: ChatsPageInput) {
  const { query, values } = chatsPageStatement(db, input);
  return query.execute(values);
}
