import { and, eq, inArray } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { ChannelKind, CommentEvent } from '../../channels/types';
import type { Tx } from '../../db/client';
import { channels, chats, comments, messages } from '../../db/schema';
import type { InboxEventRecord } from '../../events/bus';
import { recordEvent } from '../../events/record';
import { postPreviewFor } from '../comments/post-preview';
import { inTransaction, type Deps } from '../deps';
import { initialStatus } from '../messages/message-status';
import { schedulePrune } from '../messages/prune-history';
import { findOrCreateChat, type IngestResult } from './ingest-events';
import { cleanString, sanitiseRaw } from './sanitise-event';
import { storeCounted } from './store-once';

type ChannelRow = typeof channels.$inferSelect;

/**
 * Stores the comments of a webhook (Facebook Page feed, Instagram comments) for the channels whose
 * "receive post comments in the chat feed" switch is on; for any other channel nothing is stored.
 * A new comment is an incoming message in its author's chat on that channel (a new commenter starts
 * a new chat), linked to a `comments` row with its post and parent; an edit changes its text, a
 * removal marks it removed. The Page's or account's own comments (our public replies coming back)
 * are never a customer's. Unique on the comment id: an ad comment delivered twice is stored once.
 * One transaction, each comment under its own savepoint, as for messages (ingest-events.ts); comments
 * the parser could not read are kept as rejected there.
 */
export async function ingestComments(
  deps: Deps,
  provider: string,
  kind: ChannelKind,
  events: CommentEvent[],
): Promise<IngestResult> {
  const result: IngestResult = { stored: 0, duplicates: 0, ignored: 0, rejected: 0 };
  if (events.length === 0) return result;
  const receivedAt = new Date();
  const externalIds = [...new Set(events.map((e) => cleanString(e.channelExternalId)))];
  await inTransaction(deps, async (tx, live) => {
    const known = await tx.select().from(channels).where(and(eq(channels.kind, kind), inArray(channels.externalId, externalIds)));
    const byExternal = new Map(known.filter((c) => c.receiveComments).map((c) => [c.externalId, c]));
    for (const original of events) {
      const event = sanitiseRaw(original, receivedAt) as CommentEvent;
      const channel = byExternal.get(event.channelExternalId);
      if (!channel || event.ownComment) {
        result.ignored++;
        continue;
      }
      const textHash = createHash('sha256').update(event.text ?? '').digest('hex').slice(0, 16);
      const dedupeKey = `${channel.id}:comment:${event.verb}:${event.commentId}:${textHash}`;
      const eventLive: InboxEventRecord[] = [];
      const rejected = await storeCounted(tx, { provider, dedupeKey, channelId: channel.id, payload: event.raw }, result, (sp) =>
        applyComment(sp, channel, event, eventLive, deps.config.chatHistoryLimit, receivedAt),
      );
      if (rejected) deps.log.warn({ provider, kind, channelId: channel.id, dedupeKey, reason: rejected }, 'comment rejected by the database; skipped');
      else live.push(...eventLive);
    }
  });
  return result;
}

/** Applies one comment event; false when it changed nothing (a comment we already have, a removal of one we never had). */
async function applyComment(tx: Tx, channel: ChannelRow, event: CommentEvent, live: InboxEventRecord[], historyLimit: number, receivedAt: Date) {
  const [existing] = await tx.select().from(comments).where(and(eq(comments.channelId, channel.id), eq(comments.externalId, event.commentId)));
  if (event.verb === 'remove') {
    if (!existing || existing.removedAt) return false;
    await tx.update(comments).set({ removedAt: receivedAt }).where(eq(comments.id, existing.id));
    await announceChange(tx, live, existing);
    return true;
  }
  if (existing) {
    if (event.verb !== 'edited' || (event.text ?? '') === existing.text) return false;
    await tx.update(comments).set({ text: event.text ?? '', editedAt: receivedAt }).where(eq(comments.id, existing.id));
    await tx.update(messages).set({ text: event.text ?? '' }).where(eq(messages.commentId, existing.id));
    await announceChange(tx, live, existing);
    return true;
  }
  // a new comment, or an edit of one written while the switch was off: it arrives now
  const at = event.createdAt ?? receivedAt;
  const { chat } = await findOrCreateChat(tx, channel, event.author.id, { displayName: event.author.name, username: event.author.username });
  const post = await postPreviewFor(tx, channel.id, event.postId, event.postUrl ?? null);
  const [comment] = await tx
    .insert(comments)
    .values({
      chatId: chat.id,
      channelId: channel.id,
      externalId: event.commentId,
      postId: event.postId,
      ...post,
      text: event.text ?? '',
      createdAt: at,
      authorName: event.author.name ?? event.author.username ?? null,
      parentExternalId: event.parentCommentId ?? null,
      editedAt: event.verb === 'edited' ? receivedAt : null,
    })
    .onConflictDoNothing()
    .returning();
  if (!comment) return false;
  const [message] = await tx
    .insert(messages)
    .values({
      chatId: chat.id,
      channelId: channel.id,
      direction: 'INBOUND',
      status: initialStatus('inbound'),
      text: comment.text,
      providerMessageId: event.commentId,
      sentAt: at,
      commentId: comment.id,
    })
    .onConflictDoNothing()
    .returning();
  if (!message) return false;
  const newest = at >= chat.lastMessageAt || !chat.lastMessageId;
  // a comment does not open the messaging window: lastInboundAt stays as the last direct message left it
  await tx
    .update(chats)
    .set({
      unread: true,
      awaitingReply: newest ? true : chat.awaitingReply,
      lastMessageId: newest ? message.id : chat.lastMessageId,
      lastMessageAt: newest ? at : chat.lastMessageAt,
      status: 'OPEN',
      archivedAt: null,
      archivedById: null,
    })
    .where(eq(chats.id, chat.id));
  await schedulePrune(tx, chat.id, historyLimit);
  live.push(await recordEvent(tx, 'MessageAdded', { channelId: channel.id, chatId: chat.id, messageId: message.id }));
  live.push(await recordEvent(tx, 'ChatUpdated', { channelId: channel.id, chatId: chat.id }));
  return true;
}

async function announceChange(tx: Tx, live: InboxEventRecord[], comment: typeof comments.$inferSelect) {
  const [message] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.commentId, comment.id));
  if (message) live.push(await recordEvent(tx, 'MessageUpdated', { channelId: comment.channelId, chatId: comment.chatId, messageId: message.id }));
}
