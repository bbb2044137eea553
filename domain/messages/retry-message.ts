import { eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { messages } from '../../db/schema';
import { enqueueJob } from '../../jobs/queue';
import { requirePermission } from '../access';
import { getChatOrThrow, isUuid } from '../chats/get-chat';
import { inTransaction, type Deps } from '../deps';
import { badInput, notFound } from '../errors';
import { commentRetryBlock, replyBlocked } from '../comments/reply-to-comment';
import { canMove, markRetried } from './message-status';
import { chatSendability, sendBlocked } from './send-message';

/** The operator's "Retry" on a FAILED message: back to PENDING and into the queue. */
export async function retryMessage(deps: Deps, viewer: Viewer | null, messageId: string) {
  requirePermission(viewer, 'CHATS');
  const [message] = isUuid(messageId) ? await deps.db.select().from(messages).where(eq(messages.id, messageId)) : [];
  if (!message) throw notFound('The message');
  const view = await getChatOrThrow(deps.db, viewer, message.chatId);
  if (!canMove('retry', message.status)) throw badInput('Only a failed message can be retried.');
  if (message.replyToCommentId) {
    // a reply to a comment is not bound to the messaging window, but to the comment's own rules
    const block = await commentRetryBlock(deps.db, message, view.channel);
    if (block) throw replyBlocked(block);
  } else {
    const window = chatSendability(view);
    const allowed = window.canSend || (message.tag && window.block === 'TAG_REQUIRED') || (message.templateName && window.block === 'TEMPLATE_REQUIRED');
    if (!allowed) throw sendBlocked(window);
  }
  return inTransaction(deps, async (tx, events) => {
    const row = await markRetried(tx, events, message);
    await enqueueJob(tx, 'send-message', { messageId: message.id });
    return row;
  });
}
