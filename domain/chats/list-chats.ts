import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { compileRows } from '../../db/compiled-rows';
import { chats, clients, contacts, messages } from '../../db/schema';
import { requirePermission } from '../access';
import { badInput } from '../errors';
import { clampPageSize, decodeCursor, encodeCursor, type Page } from '../cursor';
import { containsPattern, phoneNeedle, searchTerm } from '../search';
import { selectChatViews, type ChatView } from './chat-view';

export interface ListChatsInput {
  status?: 'OPEN' | 'ARCHIVED';
  channelId?: string | null;
  first?: number | null;
  after?: string | null;
  /** Name, phone, @username or message text; any part of it. */
  search?: string | null;
  unread?: boolean | null;
  awaitingReply?: boolean | null;
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
  const page = { status: input.status ?? 'OPEN', channelIds, after, limit: size + 1 } as const;
  const filters: ChatFilters = { search: searchTerm(input.search), unread: input.unread ?? null, awaitingReply: input.awaitingReply ?? null };
  const filtered = filters.search !== null || filters.unread !== null || filters.awaitingReply !== null;
  const rows = filtered ? await filteredChatsPage(db, page, filters) : await chatsPageQuery(db, page);

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

export interface ChatFilters {
  search: string | null;
  unread: boolean | null;
  awaitingReply: boolean | null;
}

/**
 * Finding chats: the same page, narrowed. Every value the operator typed is a bound parameter.
 * The search matches the contact's name, @username and phone, the linked client's name and phone,
 * and (from 3 characters, where the trigram index can answer) the text of any message in the chat.
 * Each part is an uncorrelated `IN (…)`: PostgreSQL hashes the matching ids once (from the trigram
 * indexes) and keeps the chats of the viewer's channels among them, newest first (decision 023).
 */
export function filteredChatsPage(db: Executor, input: ChatsPageInput, filters: ChatFilters) {
  const pageIds = db
    .select({ id: chats.id })
    .from(chats)
    .where(
      and(
        eq(chats.status, input.status),
        inArray(chats.channelId, input.channelIds),
        filters.unread !== null ? eq(chats.unread, filters.unread) : undefined,
        filters.awaitingReply !== null ? eq(chats.awaitingReply, filters.awaitingReply) : undefined,
        filters.search !== null ? chatSearch(filters.search) : undefined,
        input.after ? sql`(${chats.lastMessageAt}, ${chats.id}) < (${input.after.at.toISOString()}::timestamptz, ${input.after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(chats.lastMessageAt), desc(chats.id))
    .limit(input.limit);
  return selectChatViews(db).where(inArray(chats.id, pageIds)).orderBy(desc(chats.lastMessageAt), desc(chats.id));
}

/** Shorter terms than this search names, usernames and phones only: no trigram to look up in the messages. */
const MESSAGE_SEARCH_MIN = 3;

function chatSearch(term: string): SQL {
  const pattern = containsPattern(term);
  const username = containsPattern(term.replace(/^@/, ''));
  const phone = phoneNeedle(term);
  const phonePattern = phone ? containsPattern(phone) : null;
  const byContact = inSubquery(
    chats.contactId,
    sql`select ${contacts.id} from ${contacts} where ${or(
      ilike(contacts.displayName, pattern),
      ilike(contacts.username, username),
      phonePattern ? ilike(contacts.phone, phonePattern) : undefined,
    )}`,
  );
  const byClient = inSubquery(
    chats.clientId,
    sql`select ${clients.id} from ${clients} where ${or(ilike(clients.name, pattern), phonePattern ? ilike(clients.phone, phonePattern) : undefined)}`,
  );
  const byMessage =
    term.length >= MESSAGE_SEARCH_MIN
      ? // grouped: the planner expects one row per chat, not per message, and hashes the set once;
        // ungrouped, a common word ("message": every row) made it rescan the messages for each chat
        inSubquery(chats.id, sql`select ${messages.chatId} from ${messages} where ${ilike(messages.text, pattern)} group by ${messages.chatId}`)
      : undefined;
  return or(byContact, byClient, byMessage)!;
}

function inSubquery(column: AnyPgColumn, subquery: SQL): SQL {
  return sql`${column} in (${subquery})`;
}
