import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { messages } from '../../db/schema';

export interface ChatItemKinds {
  /** Comments under posts arrived in the chat. */
  comments: boolean;
  /** Direct messages were written in the chat (ours or the customer's), besides replies to comments. */
  directMessages: boolean;
}

/** What kinds of items each chat holds, for the list's "messages / comments" filter (a batch loader: unchecked). */
export async function chatItemKinds(db: Executor, chatIds: readonly string[]): Promise<Map<string, ChatItemKinds>> {
  if (chatIds.length === 0) return new Map();
  const rows = await db
    .select({
      chatId: messages.chatId,
      comments: sql<boolean>`bool_or(${messages.commentId} is not null)`,
      directMessages: sql<boolean>`bool_or(${messages.commentId} is null and ${messages.replyToCommentId} is null)`,
    })
    .from(messages)
    .where(inArray(messages.chatId, [...chatIds]))
    .groupBy(messages.chatId);
  return new Map(rows.map((r) => [r.chatId, { comments: Boolean(r.comments), directMessages: Boolean(r.directMessages) }]));
}
