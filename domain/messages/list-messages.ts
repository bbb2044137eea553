import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { messages } from '../../db/schema';
import { clampPageSize, decodeCursor, encodeCursor, type Page } from '../cursor';
import { badInput } from '../errors';
import type { MessageRow } from '../chats/chat-view';

export interface ListMessagesInput {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A chat's history in time order, paged both ways: `last`/`before` walk back from the newest
 * (the chat panel scrolling up), `first`/`after` walk forward. Access is checked by the caller.
 */
export async function listMessages(db: Executor, chatId: string, input: ListMessagesInput): Promise<Page<MessageRow>> {
  const backwards = input.last != null || input.before != null;
  const size = clampPageSize(backwards ? input.last : input.first, 50, 500);
  const cursorText = backwards ? input.before : input.after;
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  if (cursorText && !cursor) throw badInput('The cursor is not one this API gave out.');
  if (size === 0) return { items: [], cursors: [], hasNextPage: false, hasPreviousPage: false };

  const key = sql`(${messages.sentAt}, ${messages.id})`;
  const bound = cursor ? sql`(${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)` : null;
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), bound ? (backwards ? sql`${key} < ${bound}` : sql`${key} > ${bound}`) : undefined))
    .orderBy(...(backwards ? [desc(messages.sentAt), desc(messages.id)] : [asc(messages.sentAt), asc(messages.id)]))
    .limit(size + 1);

  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (backwards) page.reverse();
  return {
    items: page,
    cursors: page.map((m) => encodeCursor(m.sentAt, m.id)),
    hasNextPage: backwards ? Boolean(cursor) : more,
    hasPreviousPage: backwards ? more : Boolean(cursor),
  };
}
