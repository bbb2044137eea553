import { and, eq, isNull } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { comments, messages } from '../../db/schema';
import { recordEvent } from '../../events/record';
import type { Executor } from '../../db/client';
import type { ChannelRow, MessageRow } from '../chats/chat-view';
import { requirePermission } from '../access';
import { getChatOrThrow } from '../chats/get-chat';
import type { Deps } from '../deps';
import { DomainError, notFound } from '../errors';
import { checkedText, queueOutbound } from '../messages/send-message';
import { commentReplyability } from './comment-replies';
import { findComment, loadComments } from './find-comment';

export interface ReplyToCommentInput {
  commentId: string;
  text: string;
  /** In the commenter's inbox (once per comment) instead of under the post. */
  private?: boolean | null;
}

/**
 * An operator answers a comment: publicly under it, or privately in the commenter's inbox. The
 * reply is a message of the comment's chat (`replyTo` the comment) and goes out through the same
 * send job as any message. The one private reply a comment allows is claimed in the transaction
 * that queues it, so two operators answering at once cannot both send one.
 */
export async function replyToComment(deps: Deps, viewer: Viewer | null, input: ReplyToCommentInput): Promise<MessageRow> {
  requirePermission(viewer, 'CHATS');
  const comment = await findComment(deps.db, viewer, input.commentId);
  if (!comment) throw notFound('The comment');
  const view = await getChatOrThrow(deps.db, viewer, comment.chatId);
  const text = checkedText(input.text, 'Write a reply before sending.');
  const replyability = commentReplyability(comment, view.channel);
  const block = input.private ? replyability.privateBlock : replyability.publicBlock;
  if (block) throw replyBlocked(block);
  return queueOutbound(deps, viewer, view, { text, tag: null, replyToCommentId: comment.id }, [], async (tx, message, events) => {
    // the comment's own item shows what is still possible (replies, the one private reply)
    const [item] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.commentId, comment.id));
    if (item) events.push(await recordEvent(tx, 'MessageUpdated', { channelId: comment.channelId, chatId: comment.chatId, messageId: item.id }));
    if (!input.private) return;
    const claimed = await tx
      .update(comments)
      .set({ privateReplyMessageId: message.id })
      .where(and(eq(comments.id, comment.id), isNull(comments.privateReplyMessageId)))
      .returning({ id: comments.id });
    if (claimed.length === 0) throw replyBlocked(commentReplyability({ ...comment, privateReplyMessageId: 'taken' }, view.channel).privateBlock!);
  });
}

export function replyBlocked(sentence: string): DomainError {
  return new DomainError('SEND_BLOCKED', sentence, { block: 'COMMENT_REPLY' });
}

/** Why a failed reply to a comment may not go out again now (the comment removed, its days over...), or null. */
export async function commentRetryBlock(db: Executor, message: MessageRow, channel: Pick<ChannelRow, 'kind' | 'state'>): Promise<string | null> {
  const [comment] = await loadComments(db, [message.replyToCommentId!]);
  if (!comment) return 'The comment this reply answers is no longer stored.';
  const replyability = commentReplyability(comment, channel, { retrying: message.id });
  return comment.privateReplyMessageId === message.id ? replyability.privateBlock : replyability.publicBlock;
}
