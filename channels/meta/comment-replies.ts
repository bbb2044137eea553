import { isObject } from '../http';
import type { MessengerClientConfig } from '../messenger/client';
import { ChannelSendError, type ChannelCapabilities, type OutgoingCommentReply, type SendResult } from '../types';
import { graphCall } from './graph-call';
import { idOf } from './json-values';
import { namingMissingPermission } from './page';

/**
 * Answers a comment under a Page's or Instagram account's post (PLATFORMS.md C.1, C.2).
 * Public: a reply under the comment (`/{id}/comments` on Facebook, `/{id}/replies` on Instagram),
 * to the comment's parent when it is itself a reply, since comments nest one level deep. Private:
 * one message to the commenter's inbox, addressed by the comment (`recipient.comment_id`), sent
 * as the Page or the Instagram account (`accountId`). A refusal that names no permission (code 10)
 * names the one this kind of reply needs.
 */
export function replyToMetaComment(
  cfg: MessengerClientConfig,
  rules: { accountId: string; publicEdge: 'comments' | 'replies'; permissions: NonNullable<ChannelCapabilities['commentReplies']> },
  reply: OutgoingCommentReply,
): Promise<SendResult> {
  if (reply.private) {
    return namingMissingPermission(rules.permissions.privatePermission, async () => {
      const body = await graphCall(cfg, 'POST', `/${encodeURIComponent(rules.accountId)}/messages`, {}, {
        recipient: { comment_id: reply.commentId },
        message: { text: reply.text },
      });
      return idFrom(body, 'message_id');
    });
  }
  const target = reply.parentCommentId || reply.commentId;
  return namingMissingPermission(rules.permissions.publicPermission, async () =>
    idFrom(await graphCall(cfg, 'POST', `/${encodeURIComponent(target)}/${rules.publicEdge}`, {}, { message: reply.text }), 'id'),
  );
}

function idFrom(body: unknown, key: 'id' | 'message_id'): SendResult {
  const id = isObject(body) ? idOf(body[key]) : undefined;
  // the reply may well be out; trying again could post it twice
  if (!id) throw new ChannelSendError('permanent', 'Meta accepted the reply but returned no id for it.');
  return { providerMessageId: id };
}
