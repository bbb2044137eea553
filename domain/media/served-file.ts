import { eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { attachments, messages } from '../../db/schema';
import { canSeeChannel } from '../access';
import { isUuid } from '../chats/get-chat';
import type { AttachmentRow } from '../messages/find-message';

async function attachmentWithMessage(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ attachment: attachments, channelId: messages.channelId, direction: messages.direction })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(eq(attachments.id, id));
  return row ?? null;
}

/** A file in a chat the viewer may see; null for one in a hidden chat, as for one that doesn't exist. */
export async function findAttachmentFor(db: Executor, viewer: Viewer, id: string): Promise<AttachmentRow | null> {
  const row = await attachmentWithMessage(db, id);
  return row && canSeeChannel(viewer, row.channelId) ? row.attachment : null;
}

/** One of our outbound files, for a signed link (the link was checked); a customer's file is never handed out by link. */
export async function findOutboundAttachment(db: Executor, id: string): Promise<AttachmentRow | null> {
  const row = await attachmentWithMessage(db, id);
  return row?.direction === 'OUTBOUND' ? row.attachment : null;
}
