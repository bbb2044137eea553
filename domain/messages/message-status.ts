import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { ChannelSendError, SendFailedEvent } from '../../channels/types';
import type { Tx } from '../../db/client';
import { attachments, messages } from '../../db/schema';
import type { InboxEventRecord } from '../../events/bus';
import { recordEvents } from '../../events/record';
import { isUuid } from '../chats/get-chat';
import type { MessageRow } from '../chats/chat-view';

/**
 * Every rule about a message's status, in one file. A customer's message is RECEIVED and stays so.
 * Ours moves forward only:
 *
 *   PENDING ──accepted──▶ SENT ──delivered──▶ DELIVERED ──read──▶ READ
 *      │  ▲                 │ (the platform gives up later)
 *      ▼  └──── Retry ──── FAILED ◀─ a file of it never arrived (whatever the rest became)
 *
 * Each change below says from which statuses it may move a message; a message in any other
 * status is left as it is (a late delivery receipt never turns READ back into DELIVERED, a
 * duplicate "sent" never clears a failure). Every change is announced as `MessageUpdated`.
 */
export type MessageStatus = MessageRow['status'];

export const STATUS_MOVES = {
  /** The platform accepted our message: the send job's answer, or its echo arriving first. */
  sent: ['PENDING'],
  /** A delivery receipt. */
  delivered: ['SENT'],
  /** A read receipt: reading implies delivery. */
  read: ['SENT', 'DELIVERED'],
  /** The send job gave up (a permanent error, or the last try). */
  sendFailed: ['PENDING'],
  /** The platform reports, after accepting it, that the message never arrived (WhatsApp `failed`). */
  failedByPlatform: ['PENDING', 'SENT'],
  /** One file of a message never arrived: the message failed, whatever became of its other parts. */
  partFailed: ['PENDING', 'SENT', 'DELIVERED', 'READ'],
  /** The operator's Retry: only a failed message goes back to the queue. */
  retry: ['FAILED'],
} as const satisfies Record<string, readonly MessageStatus[]>;

export type StatusChange = keyof typeof STATUS_MOVES;

/** Where each change takes a message. */
export const STATUS_TARGET: Record<StatusChange, MessageStatus> = {
  sent: 'SENT',
  delivered: 'DELIVERED',
  read: 'READ',
  sendFailed: 'FAILED',
  failedByPlatform: 'FAILED',
  partFailed: 'FAILED',
  retry: 'PENDING',
};

/** Whether `change` may move a message that is `from` now. */
export function canMove(change: StatusChange, from: MessageStatus): boolean {
  return (STATUS_MOVES[change] as readonly MessageStatus[]).includes(from);
}

/** A message as it is first stored: ours waits in the queue; a customer's is received; ours written elsewhere (an echo) was sent. */
export function initialStatus(origin: 'queued' | 'inbound' | 'echo'): MessageStatus {
  return origin === 'queued' ? 'PENDING' : origin === 'inbound' ? 'RECEIVED' : 'SENT';
}

const movable = (change: StatusChange) => inArray(messages.status, [...STATUS_MOVES[change]]);

type MessageIds = Pick<MessageRow, 'id' | 'channelId' | 'chatId'>;

async function announce(tx: Tx, live: InboxEventRecord[], channelId: string, rows: Array<{ id: string; chatId: string }>) {
  live.push(...(await recordEvents(tx, rows.map((m) => ({ type: 'MessageUpdated' as const, channelId, chatId: m.chatId, messageId: m.id })))));
}

// ---- the metadata a send carries, and reading it back from echoes and statuses ----

/**
 * What we send as a part's metadata (Messenger `metadata`, WhatsApp `biz_opaque_callback_data`):
 * `<message id>` for a message's last part, `<message id>#<attachment id>` for a file before it.
 */
export function partMetadata(messageId: string, attachmentId: string | null): string {
  return attachmentId ? `${messageId}#${attachmentId}` : messageId;
}

/** Our ids back from the metadata `partMetadata` wrote; nulls for anything else. */
export function ownIds(metadata: string | undefined): { messageId: string | null; attachmentId: string | null } {
  const [messageId, attachmentId, ...rest] = (metadata ?? '').split('#');
  if (rest.length || !isUuid(messageId)) return { messageId: null, attachmentId: null };
  return { messageId, attachmentId: attachmentId !== undefined && isUuid(attachmentId) ? attachmentId : null };
}

// ---- sending ----

/** How a send error is recorded beside the message (`errorCode`). */
export function sendErrorCode(error: ChannelSendError): string {
  if (error.kind === 'window') return 'WINDOW_CLOSED';
  return error.code != null ? `${error.kind.toUpperCase()}:${error.code}${error.subcode ? `/${error.subcode}` : ''}` : error.kind.toUpperCase();
}

/**
 * The platform took the message: PENDING becomes SENT with the platform's id. An echo may have
 * recorded the id (and SENT) first; either way the row carries the id now.
 */
export async function markSent(tx: Tx, live: InboxEventRecord[], message: MessageIds, providerMessageId: string): Promise<void> {
  const updated = await tx
    .update(messages)
    .set({ status: STATUS_TARGET.sent, providerMessageId, error: null, errorCode: null })
    .where(and(eq(messages.id, message.id), or(movable('sent'), and(eq(messages.status, 'FAILED'), eq(messages.errorCode, UNCONFIRMED)))))
    .returning({ id: messages.id });
  if (updated.length === 0) await tx.update(messages).set({ providerMessageId }).where(eq(messages.id, message.id));
  await announce(tx, live, message.channelId, [message]);
}

/**
 * A send attempt failed. The last attempt (or a permanent error) is a visible FAILED with the
 * reason; before that the message stays PENDING and says it is being retried.
 */
export async function markSendAttemptFailed(tx: Tx, live: InboxEventRecord[], message: MessageIds, error: ChannelSendError, final: boolean) {
  await tx
    .update(messages)
    .set(
      final
        ? { status: STATUS_TARGET.sendFailed, error: error.message, errorCode: sendErrorCode(error) }
        : { error: `Retrying: ${error.message}`, errorCode: sendErrorCode(error) },
    )
    .where(and(eq(messages.id, message.id), movable('sendFailed')));
  await announce(tx, live, message.channelId, [message]);
}

/** `errorCode` of a send we handed over without hearing back (see docs/decisions/017). */
export const UNCONFIRMED = 'UNCONFIRMED';

/**
 * A send we handed to the platform without an answer (our timeout, or the worker died during the
 * call): the platform may have it. It is never sent again by itself; it shows as FAILED with what
 * to do, and the platform's echo carrying our id, if it comes, turns it into SENT.
 */
export async function markSendUnconfirmed(tx: Tx, live: InboxEventRecord[], message: MessageIds, platform: string): Promise<void> {
  await tx
    .update(messages)
    .set({
      status: STATUS_TARGET.sendFailed,
      error: `The connection to ${platform} broke while this message was being handed over, so it may or may not have arrived. Check the conversation on ${platform} before you retry.`,
      errorCode: UNCONFIRMED,
    })
    .where(and(eq(messages.id, message.id), movable('sendFailed')));
  await announce(tx, live, message.channelId, [message]);
}

/** The operator's Retry: FAILED goes back to PENDING with the reason cleared (the caller checked it was FAILED). */
export async function markRetried(tx: Tx, live: InboxEventRecord[], message: MessageIds): Promise<MessageRow> {
  const [row] = await tx
    .update(messages)
    .set({ status: STATUS_TARGET.retry, error: null, errorCode: null })
    .where(and(eq(messages.id, message.id), movable('retry')))
    .returning();
  await announce(tx, live, message.channelId, [message]);
  return row;
}

// ---- what the platform tells us afterwards ----

/**
 * Our own send coming back as an echo. A file before the message's last part notes only that the
 * file arrived (the send job owns the status), so a retry does not send it twice; the message
 * itself takes the platform's id, and PENDING becomes SENT. True when the echo was ours (also a
 * file of ours echoed without metadata, as Instagram may do): nothing more to store.
 */
export async function markEchoOfOurs(
  tx: Tx,
  live: InboxEventRecord[],
  channelId: string,
  echo: { providerMessageId: string; metadata?: string },
): Promise<boolean> {
  const { messageId: ownId, attachmentId } = ownIds(echo.metadata);
  if (ownId && attachmentId) {
    await tx
      .update(attachments)
      .set({ providerMessageId: echo.providerMessageId })
      .where(and(eq(attachments.id, attachmentId), eq(attachments.messageId, ownId), isNull(attachments.providerMessageId)));
    return true;
  }
  const [existing] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.channelId, channelId), or(eq(messages.providerMessageId, echo.providerMessageId), ownId ? eq(messages.id, ownId) : undefined)));
  if (existing) {
    const unconfirmed = existing.status === 'FAILED' && existing.errorCode === UNCONFIRMED;
    if (!existing.providerMessageId || existing.status === 'PENDING' || unconfirmed) {
      // an unconfirmed send (docs/decisions/017) is confirmed by its echo
      const sent = canMove('sent', existing.status) || unconfirmed;
      await tx
        .update(messages)
        .set({
          providerMessageId: echo.providerMessageId,
          status: sent ? STATUS_TARGET.sent : existing.status,
          error: sent ? null : existing.error,
          errorCode: sent ? null : existing.errorCode,
        })
        .where(eq(messages.id, existing.id));
      await announce(tx, live, channelId, [existing]);
    }
    return true;
  }
  const [ownFile] = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(eq(messages.channelId, channelId), eq(attachments.providerMessageId, echo.providerMessageId)));
  return Boolean(ownFile);
}

/**
 * The platform gave up on a message it had accepted (WhatsApp `failed` status): a visible FAILED.
 * A file of a message that never arrived fails the message whatever became of its other parts, and
 * the failed part (a file, or the text) gives up its platform id so that Retry sends it again.
 */
export async function markFailedByPlatform(tx: Tx, live: InboxEventRecord[], channelId: string, event: Pick<SendFailedEvent, 'providerMessageId' | 'metadata' | 'error'>) {
  const { messageId: ownId, attachmentId } = ownIds(event.metadata);
  const errorCode = event.error.code != null ? `${event.error.kind.toUpperCase()}:${event.error.code}` : event.error.kind.toUpperCase();
  if (ownId && attachmentId) {
    const [file] = await tx
      .update(attachments)
      .set({ providerMessageId: null })
      .where(and(eq(attachments.id, attachmentId), eq(attachments.messageId, ownId)))
      .returning({ fileName: attachments.fileName });
    if (!file) return;
    const failed = await tx
      .update(messages)
      .set({ status: STATUS_TARGET.partFailed, error: `"${file.fileName ?? 'A file'}" was not delivered: ${event.error.message}`, errorCode })
      .where(and(eq(messages.id, ownId), eq(messages.channelId, channelId), eq(messages.direction, 'OUTBOUND'), movable('partFailed')))
      .returning({ id: messages.id, chatId: messages.chatId });
    await announce(tx, live, channelId, failed);
    return;
  }
  const failed = await tx
    .update(messages)
    .set({ status: STATUS_TARGET.failedByPlatform, error: event.error.message, errorCode })
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.direction, 'OUTBOUND'),
        movable('failedByPlatform'),
        or(eq(messages.providerMessageId, event.providerMessageId), ownId ? eq(messages.id, ownId) : undefined),
      ),
    )
    .returning({ id: messages.id, chatId: messages.chatId });
  for (const m of failed) {
    // a message with files: the part that failed (its last file, or its text) goes again on Retry
    const files = await tx.select({ id: attachments.id, providerMessageId: attachments.providerMessageId }).from(attachments).where(eq(attachments.messageId, m.id));
    const part = files.find((f) => f.providerMessageId === event.providerMessageId);
    if (part) await tx.update(attachments).set({ providerMessageId: null }).where(eq(attachments.id, part.id));
    else if (files.length) await tx.update(messages).set({ providerMessageId: null }).where(eq(messages.id, m.id));
    await announce(tx, live, channelId, [m]);
  }
}

/**
 * Delivery and read receipts for one chat move our messages forward only: READ never becomes
 * DELIVERED. Covered are the messages named, and everything sent up to the watermark; a read
 * receipt naming messages without a watermark ("seen up to this one", Instagram) reads everything
 * we sent before them as well.
 */
export async function markReceipt(
  tx: Tx,
  live: InboxEventRecord[],
  chat: { id: string; channelId: string },
  receipt: { read: boolean; at: Date; providerMessageIds: string[]; watermark?: Date },
): Promise<void> {
  const { read, at } = receipt;
  let watermark = receipt.watermark;
  if (read && !watermark && receipt.providerMessageIds.length) {
    const [last] = await tx
      .select({ at: sql<Date>`max(${messages.sentAt})` })
      .from(messages)
      .where(and(eq(messages.chatId, chat.id), inArray(messages.providerMessageId, receipt.providerMessageIds)));
    if (last?.at) watermark = new Date(last.at);
  }
  const covered = or(
    receipt.providerMessageIds.length ? inArray(messages.providerMessageId, receipt.providerMessageIds) : undefined,
    watermark ? lte(messages.sentAt, watermark) : undefined,
  );
  if (!covered) return;
  const updated = await tx
    .update(messages)
    .set(
      read
        ? { status: STATUS_TARGET.read, readAt: at, deliveredAt: sql`coalesce(${messages.deliveredAt}, ${at.toISOString()}::timestamptz)` }
        : { status: STATUS_TARGET.delivered, deliveredAt: at },
    )
    .where(and(eq(messages.chatId, chat.id), eq(messages.direction, 'OUTBOUND'), movable(read ? 'read' : 'delivered'), covered))
    .returning({ id: messages.id, chatId: messages.chatId });
  await announce(tx, live, chat.channelId, updated);
}
