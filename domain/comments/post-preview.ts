import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { ChannelSendError } from '../../channels/types';
import type { Executor } from '../../db/client';
import { channels, comments, messages } from '../../db/schema';
import { recordEvents } from '../../events/record';
import { enqueueJob } from '../../jobs/queue';
import { canSeeChannel } from '../access';
import { isUuid } from '../chats/get-chat';
import { inTransaction, type Deps } from '../deps';
import { copyPlatformPicture, pictureFailure } from '../media/copy-picture';

export interface PostPreviewColumns {
  postUrl: string | null;
  postExcerpt: string | null;
  postPictureKey: string | null;
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
    .select({ postUrl: comments.postUrl, postExcerpt: comments.postExcerpt, postPictureKey: comments.postPictureKey })
    .from(comments)
    .where(and(eq(comments.channelId, channelId), eq(comments.postId, postId)))
    .orderBy(sql`${comments.postExcerpt} is null and ${comments.postPictureKey} is null`)
    .limit(1);
  if (known) return { postUrl: postUrl ?? known.postUrl, postExcerpt: known.postExcerpt, postPictureKey: known.postPictureKey };
  await enqueueJob(tx, 'fetch-post', { channelId, postId }, { maxAttempts: 3, dedupeKey: `fetch-post:${channelId}:${postId}` });
  return { postUrl, postExcerpt: null, postPictureKey: null };
}

/**
 * The `fetch-post` job: asks the platform for the post the channel's comments are under, copies
 * its picture into our media store (the platform's link expires, and the page may only load
 * pictures from us), and stores excerpt, picture and link on each of its comments, announcing
 * each comment's message as updated. A post the platform refuses (deleted, not ours, no
 * permission) gives up at once: the comments stay as they are, with the link the webhook brought.
 * A picture that can't be copied is left out; the excerpt and link are still shown.
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
  let pictureKey: string | null = null;
  if (preview.thumbnailUrl) {
    try {
      pictureKey = await copyPlatformPicture(deps, channel, { url: preview.thumbnailUrl });
    } catch (error) {
      deps.log.warn({ channelId: channel.id, postId: payload.postId, reason: pictureFailure(error, channel) }, "post picture not downloaded; its comments show the post's text only");
    }
  }
  const url = preview.url;
  const stored = await inTransaction(deps, async (tx, live) => {
    const updated = await tx
      .update(comments)
      .set({
        postExcerpt: preview.excerpt ?? null,
        postPictureKey: pictureKey,
        postUrl: url ? sql`coalesce(${comments.postUrl}, ${url})` : comments.postUrl,
      })
      .where(and(eq(comments.channelId, channel.id), eq(comments.postId, payload.postId)))
      .returning({ id: comments.id, chatId: comments.chatId });
    if (updated.length === 0) return false;
    const chatOf = new Map(updated.map((c) => [c.id, c.chatId]));
    const rows = await tx.select({ id: messages.id, commentId: messages.commentId }).from(messages).where(inArray(messages.commentId, [...chatOf.keys()]));
    const events = rows.map((m) => ({ type: 'MessageUpdated' as const, channelId: channel.id, chatId: chatOf.get(m.commentId!)!, messageId: m.id }));
    if (events.length) live.push(...(await recordEvents(tx, events)));
    return true;
  });
  // the comments went away meanwhile: so does the picture we just stored
  if (!stored && pictureKey) await deps.media.remove(pictureKey).catch(() => {});
}

/** Our route for the picture of a comment's post, or null when we have none; `v` changes with the file. */
export function postPicturePath(comment: { id: string; postPictureKey: string | null }): string | null {
  if (!comment.postPictureKey) return null;
  return `/api/post-pictures/${comment.id}?v=${createHash('sha256').update(comment.postPictureKey).digest('hex').slice(0, 12)}`;
}

/** Where our copy of a comment's post picture is stored, for a viewer who may see its channel; else null. */
export async function findPostPictureKey(db: Executor, viewer: Viewer, commentId: string): Promise<string | null> {
  if (!isUuid(commentId)) return null;
  const [row] = await db.select({ channelId: comments.channelId, key: comments.postPictureKey }).from(comments).where(eq(comments.id, commentId));
  if (!row || !canSeeChannel(viewer, row.channelId)) return null;
  return row.key;
}
