import { and, asc, desc, eq } from 'drizzle-orm';
import type { ChannelAccount } from '../../channels/types';
import { ChannelSendError, type SendResult } from '../../channels/types';
import { attachments, channels, messages } from '../../db/schema';
import { signedMediaPath } from '../../media/signed-link';
import { recordEvent } from '../../events/record';
import type { JobContext } from '../../jobs/queue';
import { inTransaction, type Deps } from '../deps';
import { loadChatViews } from '../chats/get-chat';
import { PlatformUnreachableError } from '../../channels/http';
import { missingPermissionReason } from '../channels/check-channel-health';
import { sendCommentReply } from '../comments/deliver-comment-reply';
import { canMove, markSendAttemptFailed, markSendUnconfirmed, markSent, partMetadata } from './message-status';

/** What the send job commits before it calls the platform: a worker taking the job back after a crash finds it (017). */
const HANDING_OVER = 'handing-over';

const lostSync: Partial<Record<ChannelSendError['kind'], 'SYNC_LOST' | 'MISSING_PERMISSIONS'>> = {
  auth: 'SYNC_LOST',
  permission: 'MISSING_PERMISSIONS',
};

/**
 * The send job: hands a PENDING message to its platform. Retryable failures go back to the queue
 * (the message stays PENDING with the reason); anything else, or the last try, is a visible FAILED.
 */
export async function deliverMessage(deps: Deps, payload: { messageId: string }, job: JobContext): Promise<void> {
  const [message] = await deps.db.select().from(messages).where(eq(messages.id, payload.messageId));
  if (!message || !canMove('sent', message.status) || message.direction !== 'OUTBOUND') return;
  const [view] = await loadChatViews(deps.db, [message.chatId]);
  if (!view) return;
  const account = await channelAccount(deps, view.channel.id);
  const platform = platformName(view.channel.kind);
  // the last attempt's worker died while the platform had the message: never sent again by itself (017)
  if (job.interruptedAt === HANDING_OVER) {
    await inTransaction(deps, (tx, events) => markSendUnconfirmed(tx, events, message, platform));
    return;
  }

  try {
    await job.checkpoint(HANDING_OVER);
    const files = message.templateName ? [] : await outboundFiles(deps, message.id);
    const result = message.replyToCommentId
      ? await sendCommentReply(deps, account, message)
      : message.templateName
      ? await deps.channels.sendTemplate(account, {
          recipientId: view.contact.externalId,
          name: message.templateName,
          language: message.templateLanguage ?? 'en_US',
          params: message.templateParams ?? [],
          metadata: message.id,
        })
      : files.length
        ? await sendParts(deps, account, message, view.contact.externalId, files)
        : await deps.channels.sendText(account, {
            recipientId: view.contact.externalId,
            text: message.text ?? '',
            tag: message.tag ?? undefined,
            metadata: message.id,
          });
    await inTransaction(deps, (tx, events) => markSent(tx, events, message, result.providerMessageId));
  } catch (error) {
    // no answer in time: the platform may have the message, so it is not sent again by itself (017)
    if (error instanceof PlatformUnreachableError && error.timedOut) {
      await inTransaction(deps, (tx, events) => markSendUnconfirmed(tx, events, message, platform));
      return;
    }
    const sendError =
      error instanceof ChannelSendError ? error : new ChannelSendError('transient', 'The message could not be handed to the platform.');
    const final = !sendError.retryable || job.finalAttempt;
    await inTransaction(deps, async (tx, events) => {
      await markSendAttemptFailed(tx, events, message, sendError, final);
      const state = lostSync[sendError.kind];
      if (state) {
        await tx
          .update(channels)
          .set({ state, lastError: missingPermissionReason(sendError), lastErrorAt: new Date() })
          .where(eq(channels.id, message.channelId));
        events.push(await recordEvent(tx, 'ChatUpdated', { channelId: message.channelId, chatId: message.chatId }));
      }
    });
    if (!final) throw Object.assign(sendError, { retryable: true });
    if (!(error instanceof ChannelSendError)) deps.log.error({ err: error, messageId: message.id }, 'send failed unexpectedly');
  }
}

type MessageRow = typeof messages.$inferSelect;
type AttachmentRow = typeof attachments.$inferSelect;

async function outboundFiles(deps: Deps, messageId: string): Promise<AttachmentRow[]> {
  return deps.db.select().from(attachments).where(eq(attachments.messageId, messageId)).orderBy(asc(attachments.position), asc(attachments.createdAt));
}

/**
 * A message with files: each file as its own message, in the order attached, then the text (no
 * platform captions: Messenger and Instagram have none, and one rule keeps the order the same
 * everywhere). A file the platform has accepted keeps its id, so a retry after a later failure
 * resumes with the next part instead of sending it twice. The last part carries the message id
 * as its metadata; the files before it `<message id>#<attachment id>` (see message-status partMetadata).
 */
async function sendParts(deps: Deps, account: ChannelAccount, message: MessageRow, recipientId: string, files: AttachmentRow[]): Promise<SendResult> {
  const text = message.text?.trim() ? message.text : null;
  // the text already went out when the message carries an id that is none of its files' (a Retry
  // after one file failed later, as WhatsApp reports by status)
  const textSent = !!text && !!message.providerMessageId && !files.some((f) => f.providerMessageId === message.providerMessageId);
  const last = text ? undefined : files.at(-1);
  // all files out before a crash or a failed text: the last one's id stands until the text's replaces it
  const sentBefore = files.filter((f) => f.providerMessageId).at(-1)?.providerMessageId;
  let result: SendResult | undefined = sentBefore ? { providerMessageId: sentBefore } : undefined;
  for (const file of files) {
    if (file.providerMessageId) continue;
    const name = file.fileName ?? 'file';
    const bytes = file.storageKey ? await deps.media.get(file.storageKey) : null;
    if (!bytes) throw new ChannelSendError('permanent', `The file "${name}" is no longer stored, so it can't be sent. Attach it again in a new message.`);
    const secret = deps.config.metaAppSecret;
    result = await deps.channels.sendMedia(account, {
      recipientId,
      bytes,
      mimeType: file.mimeType ?? 'application/octet-stream',
      fileName: name,
      url: secret ? `${deps.config.publicUrl}${signedMediaPath(secret, file.id)}` : undefined,
      tag: message.tag ?? undefined,
      metadata: partMetadata(message.id, file === last ? null : file.id),
    });
    await deps.db.update(attachments).set({ providerMessageId: result.providerMessageId }).where(eq(attachments.id, file.id));
  }
  if (textSent) return { providerMessageId: message.providerMessageId! };
  if (text) result = await deps.channels.sendText(account, { recipientId, text, tag: message.tag ?? undefined, metadata: message.id });
  return result!;
}

function platformName(kind: string): string {
  return kind === 'WHATSAPP' ? 'WhatsApp' : kind === 'TELEGRAM' ? 'Telegram' : kind === 'INSTAGRAM' ? 'Instagram' : 'Messenger';
}

/** The channel with its credentials, read only where a platform is called. */
async function channelAccount(deps: Deps, channelId: string) {
  const [channel] = await deps.db.select().from(channels).where(eq(channels.id, channelId));
  return channel;
}

/** The "seen by us" job: tell the platform the operator read the chat (Messenger mark_seen). */
export async function markSeenOnPlatform(deps: Deps, payload: { chatId: string }): Promise<void> {
  const [view] = await loadChatViews(deps.db, [payload.chatId]);
  if (!view || view.channel.state !== 'CONNECTED') return;
  const [lastInbound] = await deps.db
    .select({ id: messages.providerMessageId })
    .from(messages)
    .where(and(eq(messages.chatId, view.chat.id), eq(messages.direction, 'INBOUND')))
    .orderBy(desc(messages.sentAt))
    .limit(1);
  await deps.channels.markSeen(await channelAccount(deps, view.channel.id), { recipientId: view.contact.externalId, lastInboundMessageId: lastInbound?.id });
}

// the profile job lives with the contacts; kept importable from here
export { refreshProfile } from '../contacts/profile';
