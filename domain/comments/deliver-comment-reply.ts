import { eq } from 'drizzle-orm';
import type { ChannelAccount, SendResult } from '../../channels/types';
import { ChannelSendError } from '../../channels/types';
import type { Executor } from '../../db/client';
import { comments } from '../../db/schema';
import type { MessageRow } from '../chats/chat-view';
import type { Deps } from '../deps';

/** The send job's part for a reply to a comment: under it, or as the comment's one private message. */
export async function sendCommentReply(deps: Deps, account: ChannelAccount, message: MessageRow): Promise<SendResult> {
  const comment = await commentOf(deps.db, message.replyToCommentId!);
  if (!comment) throw new ChannelSendError('permanent', 'The comment this reply answers is no longer stored, so the reply was not sent.');
  return deps.channels.replyToComment(account, {
    commentId: comment.externalId,
    parentCommentId: comment.parentExternalId,
    text: message.text ?? '',
    private: comment.privateReplyMessageId === message.id,
  });
}

async function commentOf(db: Executor, id: string) {
  const [row] = await db.select().from(comments).where(eq(comments.id, id));
  return row ?? null;
}
