import { inboxEvents } from '../db/schema';
import type { Executor } from '../db/client';
import type { InboxEventRecord, InboxEventType } from './bus';

/** Writes the event to the log inside the caller's transaction; publish it after commit. */
export async function recordEvent(
  tx: Executor,
  type: InboxEventType,
  ids: { channelId: string; chatId: string; messageId?: string | null },
): Promise<InboxEventRecord> {
  const [row] = await tx
    .insert(inboxEvents)
    .values({ type, channelId: ids.channelId, chatId: ids.chatId, messageId: ids.messageId ?? null })
    .returning({ id: inboxEvents.id });
  return { id: row.id, type, channelId: ids.channelId, chatId: ids.chatId, messageId: ids.messageId ?? null };
}
