import { eq } from 'drizzle-orm';
import { buildViewer, buildViewerFor, type Credentials, type Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { latestEventLogId, readEventLogAfter } from '../../db/inbox-event-log';
import { messages } from '../../db/schema';
import type { InboxEventRecord } from '../../events/bus';
import { canSeeChannel } from '../access';
import type { ChatView, MessageRow } from '../chats/chat-view';
import { loadChatViews } from '../chats/get-chat';

/** What a live event shows: the chat and, for message events, the message. */
export interface InboxEventView {
  chat: ChatView;
  message: MessageRow | null;
}

/**
 * The rows of one live event as they are now (they may have changed since it was recorded), the
 * same for every viewer; null when the chat or message is gone. Who may see it is decided apart.
 */
export async function readInboxEventRows(db: Executor, record: InboxEventRecord): Promise<InboxEventView | null> {
  const [chat] = await loadChatViews(db, [record.chatId]);
  if (!chat) return null;
  let message: MessageRow | null = null;
  if (record.messageId) {
    [message] = await db.select().from(messages).where(eq(messages.id, record.messageId));
    if (!message) return null;
  }
  return { chat, message };
}

/** One live event as this viewer may see it; null when the viewer may not see its channel, or the chat or message is gone. */
export async function readInboxEvent(db: Executor, viewer: Viewer | null, record: InboxEventRecord): Promise<InboxEventView | null> {
  if (!viewer || !canSeeChannel(viewer, record.channelId)) return null;
  return readInboxEventRows(db, record);
}

/**
 * The subscriber's viewer as it stands now: by the credentials when there are any (a session signed
 * out or a key deleted gets nothing more), else the same identity re-read (role and access).
 */
export function currentViewer(db: Executor, viewer: Viewer | null, credentials?: Credentials): Promise<Viewer | null> {
  return credentials ? buildViewer(db, credentials) : buildViewerFor(db, viewer);
}

/** Events after `after` in the viewer's channels, oldest first, at most `limit`: what a reconnecting client missed. */
export async function missedInboxEvents(db: Executor, viewer: Viewer, after: number, limit: number): Promise<InboxEventRecord[]> {
  const rows = await readEventLogAfter(db, after, limit, viewer.channelIds);
  return rows.map((row) => ({ ...row, type: row.type as InboxEventRecord['type'] }));
}

/** The newest live event's cursor so far; null without the Chats permission. */
export async function latestInboxCursor(db: Executor, viewer: Viewer | null): Promise<string | null> {
  if (!viewer?.permissions.has('CHATS')) return null;
  return String(await latestEventLogId(db));
}
