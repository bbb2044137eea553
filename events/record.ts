import type { Executor } from '../db/client';
import { appendInboxEvents } from '../db/inbox-event-log';
import type { InboxEventRecord, InboxEventType } from './bus';

type EventIds = { channelId: string; chatId: string; messageId?: string | null };

/** Writes the event to the log inside the caller's transaction; publish it after commit. */
export async function recordEvent(tx: Executor, type: InboxEventType, ids: EventIds): Promise<InboxEventRecord> {
  const [record] = await recordEvents(tx, [{ type, ...ids }]);
  return record;
}

/** Several events in one statement, in the order given (the log's ids grow in that order). */
export async function recordEvents(tx: Executor, events: Array<{ type: InboxEventType } & EventIds>): Promise<InboxEventRecord[]> {
  const list = events.map((e) => ({ type: e.type, channelId: e.channelId, chatId: e.chatId, messageId: e.messageId ?? null }));
  const ids = await appendInboxEvents(tx, list);
  return list.map((e, i) => ({ id: ids[i], ...e }));
}
