import type { Executor } from './client';
import { inboxEvents } from './schema';

export interface NewInboxEvent {
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
