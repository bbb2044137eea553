import { eq } from 'drizzle-orm';
import { attachments, channels, messages } from '../../db/schema';
import { recordEvent } from '../../events/record';
import type { JobContext } from '../../jobs/queue';
import { isAcceptedMediaType, MEDIA_MAX_BYTES } from '../../lib/media-limits';
import { inTransaction, type Deps } from '../deps';
import { storedMediaType } from './media-type';
import { allowedHosts, fetchLimited, MediaRefused } from './safe-fetch';

// one rule set for what customers send us and what operators send (lib/media-limits.ts)
export { isAcceptedMediaType, MEDIA_MAX_BYTES };
export { isAllowedMediaHost } from './safe-fetch';

/**
 * The media job: fetches an inbound attachment from the platform (CDN URLs expire, so soon after
 * it arrives) and keeps it under DATA_DIR. A refused download leaves the reason on the attachment.
 */
export async function downloadAttachment(deps: Deps, payload: { attachmentId: string }, job: JobContext): Promise<void> {
  const [row] = await deps.db
    .select({ attachment: attachments, message: messages, channel: channels })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(attachments.id, payload.attachmentId));
  if (!row || row.attachment.storageKey) return;
  const { attachment, message, channel } = row;

  try {
    const mediaId = attachment.sourceUrl?.startsWith('media:') ? attachment.sourceUrl.slice(6) : null;
    const source = await deps.channels.mediaSource(channel, { url: mediaId ? null : attachment.sourceUrl, mediaId });
    const { bytes, mimeType } = await fetchLimited(source.url, source.headers ?? {}, allowedHosts(deps, channel));
    const storageKey = await deps.media.put(bytes);
    await inTransaction(deps, async (tx, events) => {
      await tx
        .update(attachments)
        .set({ storageKey, size: bytes.byteLength, mimeType: storedMediaType(bytes, [attachment.mimeType, mimeType]), error: null })
        .where(eq(attachments.id, attachment.id));
      events.push(await recordEvent(tx, 'MessageUpdated', { channelId: message.channelId, chatId: message.chatId, messageId: message.id }));
    });
  } catch (error) {
    const refused = error instanceof MediaRefused || (error as { retryable?: boolean }).retryable === false;
    if (!refused && !job.finalAttempt) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    await inTransaction(deps, async (tx, events) => {
      await tx.update(attachments).set({ error: `Not downloaded: ${reason}` }).where(eq(attachments.id, attachment.id));
      events.push(await recordEvent(tx, 'MessageUpdated', { channelId: message.channelId, chatId: message.chatId, messageId: message.id }));
    });
  }
}
