import { asc, gt, max } from 'drizzle-orm';
import type { Executor } from './client';
import { inboxEvents } from './schema';

/** One row of the live-event log, as the event bus carries it. */
export interface InboxEventLogRow {
  id: number;
  type: string;
  channelId: string;
  chatId: string;
  messageId: string | null;
}

/** Events of every channel after `after`, oldest first, at most `limit`: what a bus that lost its notifications missed. */
export async function readEventLogAfter(db: Executor, after: number, limit: number): Promise<InboxEventLogRow[]> {
  return db
    .select({ id: inboxEvents.id, type: inboxEvents.type, channelId: inboxEvents.channelId, chatId: inboxEvents.chatId, messageId: inboxEvents.messageId })
    .from(inboxEvents)
    .where(gt(inboxEvents.id, after))
    .orderBy(asc(inboxEvents.id))
    .limit(limit);
}

/** The newest event's id so far (0 for an empty log). */
export async function latestEventLogId(db: Executor): Promise<number> {
  const [row] = await db.select({ id: max(inboxEvents.id) }).from(inboxEvents);
  return Number(row?.id ?? 0);
}
