import { asc, eq, inArray } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { attachments, messages } from '../../db/schema';
import { canSeeChannel } from '../access';
import type { MessageRow } from '../chats/chat-view';
import { isUuid } from '../chats/get-chat';

export type AttachmentRow = typeof attachments.$inferSelect;

/** The message if the viewer may see its chat's channel, else null: hidden reads like missing. */
export async function findMessage(db: Executor, viewer: Viewer | null, id: string): Promise<MessageRow | null> {
  if (!viewer || !isUuid(id)) return null;
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row && canSeeChannel(viewer, row.channelId) ? row : null;
}

/** Our replies to a comment, oldest first; the comment was checked by whoever reached it. */
export async function repliesToComment(db: Executor, commentId: string): Promise<MessageRow[]> {
  return db.select().from(messages).where(eq(messages.replyToCommentId, commentId)).orderBy(messages.sentAt);
}

/** The files of messages already shown, in the order attached (for a batch loader). */
export async function attachmentsOfMessages(db: Executor, messageIds: readonly string[]): Promise<Map<string, AttachmentRow[]>> {
  const map = new Map<string, AttachmentRow[]>();
  if (messageIds.length === 0) return map;
  const rows = await db
    .select()
    .from(attachments)
    .where(inArray(attachments.messageId, [...messageIds]))
    .orderBy(asc(attachments.position), asc(attachments.createdAt));
  for (const row of rows) map.set(row.messageId, [...(map.get(row.messageId) ?? []), row]);
  return map;
}
