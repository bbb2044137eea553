import { and, eq, inArray, sql } from 'drizzle-orm';
import { ChannelSendError } from '../../channels/types';
import type { Executor } from '../../db/client';
import { channels, comments, messages } from '../../db/schema';
import { recordEvents } from '../../events/record';
import { enqueueJob } from '../../jobs/queue';
import { inTransaction, type Deps } from '../deps';

export interface PostPreviewColumns {
  postUrl: string | null;
  postExcerpt: string | null;
  postThumbnailUrl: string | null;
}

/**
 * For a comment about to be stored: the post preview the other comments on the same post have
 * (copied onto the new one). The first comment we get on a post queues one `fetch-post` job for it
 * (keyed by the post, so two first comments racing queue one); it fills in every comment on the
 * post when it runs, so the comments that come meanwhile need none, and a post the platform
 * refused is not asked for again with each new comment.
 */
export async function postPreviewFor(tx: Executor, channelId: string, postId: string, postUrl: string | null): Promise<PostPreviewColumns> {
  const [known] = await tx
    .select({ postUrl: comments.postUrl, postExcerpt: comments.postExcerpt, postThumbnailUrl: comments.postThumbnailUrl })
    .from(comments)
    .where(and(eq(comments.channelId, channelId), eq(comments.postId, postId)))
    .orderBy(sql`${comments.postExcerpt} is null and ${comments.postThumbnailUrl} is null`)
    .limit(1);
  if (known) return { postUrl: postUrl ?? known.postUrl, postExcerpt: known.postExcerpt, postThumbnailUrl: known.postThumbnailUrl };
  await enqueueJob(tx, 'fetch-post', { channelId, postId }, { maxAttempts: 3, dedupeKey: `fetch-post:${channelId}:${postId}` });
  return { postUrl, postExcerpt: null, postThumbnailUrl: null };
}

/**
 * The `fetch-post` job: asks the platform for the post the channel's comments are under and
 * stores its excerpt, picture and link on each of them, announcing each comment's message as
 * updated. A post the platform refuses (deleted, not ours, no permission) gives up at once: the
 * comments stay as they are, with the link the webhook brought.
 */
export async function fetchPostPreview(deps: Deps, payload: { channelId: string; postId: string }): Promise<void> {
  const [channel] = await deps.db.select().from(channels).where(eq(channels.id, payload.channelId));
  if (!channel) return;
  let preview;
  try {
    preview = await deps.channels.fetchPost(channel, payload.postId);
  } catch (error) {
    if (error instanceof ChannelSendError && !error.retryable) {
      deps.log.warn({ channelId: channel.id, postId: payload.postId, reason: error.message }, 'post preview not available; its comments show the link only');
    }
    throw error;
  }
  await inTransaction(deps, async (tx, live) => {
    const updated = await tx
      .update(comments)
      .set({
        postExcerpt: preview.excerpt ?? null,
        postThumbnailUrl: preview.thumbnailUrl ?? null,
        postUrl: preview.url ? sql`coalesce(${comments.postUrl}, ${preview.url})` : comments.postUrl,
      })
      .where(and(eq(comments.channelId, channel.id), eq(comments.postId, payload.postId)))
      .returning({ id: comments.id, chatId: comments.chatId });
    if (updated.length === 0) return;
    const chatOf = new Map(updated.map((c) => [c.id, c.chatId]));
    const rows = await tx.select({ id: messages.id, commentId: messages.commentId }).from(messages).where(inArray(messages.commentId, [...chatOf.keys()]));
    const events = rows.map((m) => ({ type: 'MessageUpdated' as const, channelId: channel.id, chatId: chatOf.get(m.commentId!)!, messageId: m.id }));
    if (events.length) live.push(...(await recordEvents(tx, events)));
  });
}
