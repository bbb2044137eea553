import { capabilitiesOf } from '../../channels/capabilities';
import type { ChannelRow } from '../chats/chat-view';
import type { CommentRow } from './find-comment';

const DAY_MS = 24 * 3600_000;

export interface CommentReplyability {
  /** Why the comment can't be answered under the post now, or null. */
  publicBlock: string | null;
  /** Why the comment can't be answered privately now, or null (one private reply per comment, within the platform's days). */
  privateBlock: string | null;
}

/**
 * What an operator may still do with a comment: answer it under the post (any number of times) and
 * answer it once in the commenter's inbox within the platform's days (7 on Facebook and Instagram).
 * `retrying` is our own failed private reply going out again: it holds the comment's one private reply.
 */
export function commentReplyability(
  comment: CommentRow,
  channel: Pick<ChannelRow, 'kind' | 'state'>,
  options: { now?: Date; retrying?: string } = {},
): CommentReplyability {
  const now = options.now ?? new Date();
  const rules = capabilitiesOf(channel.kind).commentReplies;
  const common = !rules
    ? 'Comments on this kind of channel cannot be answered here.'
    : channel.state === 'MISSING_PERMISSIONS'
      ? 'This channel is missing a permission replies need. An admin can reconnect it in Settings > Chats.'
      : channel.state !== 'CONNECTED'
        ? 'This channel has lost its connection. Reconnect it in Settings > Chats, then reply.'
        : comment.removedAt
          ? 'The comment was removed, so it can no longer be answered.'
          : null;
  if (common || !rules) return { publicBlock: common, privateBlock: common };
  const privateBlock =
    comment.privateReplyMessageId && comment.privateReplyMessageId !== options.retrying
      ? 'This comment has already been answered privately; each comment can be answered privately only once. Reply publicly instead.'
      : now.getTime() - comment.createdAt.getTime() > rules.privateWithinDays * DAY_MS
        ? `A private reply is only possible within ${rules.privateWithinDays} days of the comment. Reply publicly instead.`
        : null;
  return { publicBlock: null, privateBlock };
}
