import { and, asc, gt, inArray, max } from 'drizzle-orm';
import type { Executor } from './client';
import { inboxEvents } from './schema';

export interface NewInboxEvent {
  type: string;
  channelId: string;
  chatId: string;
  messageId: string | null;
}

/** One row of the live-event log, as the event bus carries it. */
export interface InboxEventLogRow {
  id: number;
  type: string;
  channelId: string;
  chatId: string;
  messageId: string | null;
}

/** Appends events to the live-event log in one statement; ids come back in the order given. */
export async function appendInboxEvents(tx: Executor, events: NewInboxEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await tx.insert(inboxEvents).values(events).returning({ id: inboxEvents.id });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Events after `after`, oldest first, at most `limit`: of every channel (what a bus that lost its
 * notifications missed) or of the given ones (what a reconnecting subscriber missed).
 */
export async function readEventLogAfter(db: Executor, after: number, limit: number, channelIds?: Iterable<string>): Promise<InboxEventLogRow[]> {
  // an empty list still makes valid SQL: no channel has the nil uuid
  const inChannels = channelIds && inArray(inboxEvents.channelId, [...channelIds, '00000000-0000-0000-0000-000000000000']);
  return db
    .select({ id: inboxEvents.id, type: inboxEvents.type, channelId: inboxEvents.channelId, chatId: inboxEvents.chatId, messageId: inboxEvents.messageId })
    .from(inboxEvents)
    .where(and(gt(inboxEvents.id, after), inChannels))
    .orderBy(asc(inboxEvents.id))
    .limit(limit);
}

/** The newest event's id so far (0 for an empty log). */
export async function latestEventLogId(db: Executor): Promise<number> {
  const [row] = await db.select({ id: max(inboxEvents.id) }).from(inboxEvents);
  return Number(row?.id ?? 0);
}
