import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { attachments, messages } from '../../db/schema';
import type { Executor } from '../../db/client';
import { enqueueJob, enqueueJobSql, type EnqueueOptions } from '../../jobs/queue';
import type { Deps } from '../deps';

/**
 * A chat's trim waits this long, so a burst of messages in a chat is trimmed once: while one trim
 * waits, more messages queue nothing (its dedupe key), and a chat may hold a few more than the
 * limit until it runs.
 */
export const PRUNE_DELAY_MS = 30_000;

const pruneOptions = (chatId: string): EnqueueOptions => ({
  maxAttempts: 3,
  dedupeKey: `prune-history:${chatId}`,
  runAt: new Date(Date.now() + PRUNE_DELAY_MS),
});

/** Called in the transaction that adds a message: the chat's history is trimmed soon after, once per chat. */
export async function schedulePrune(tx: Executor, chatId: string, limit: number) {
  if (limit > 0) await enqueueJob(tx, 'prune-history', { chatId }, pruneOptions(chatId));
}

/** The same as part of a larger statement (the ingest's), when `when` holds. */
export function pruneJobSql(chatId: string, when: SQL): SQL {
  return enqueueJobSql('prune-history', { chatId }, pruneOptions(chatId), when);
}

/**
 * Keeps the newest CHAT_HISTORY_LIMIT messages of a chat (F10); older messages go, and so do
 * their media files (after the rows, so a crash leaves a stray file, never a broken message).
 */
export async function pruneHistory(deps: Deps, payload: { chatId: string }): Promise<number> {
  const limit = deps.config.chatHistoryLimit;
  if (limit <= 0) return 0;
  const doomed = deps.db
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.chatId, payload.chatId))
    .orderBy(sql`${messages.sentAt} desc, ${messages.id} desc`)
    .offset(limit);
  const files = await deps.db
    .select({ key: attachments.storageKey })
    .from(attachments)
    .where(and(inArray(attachments.messageId, doomed), isNotNull(attachments.storageKey)));
  const removed = await deps.db.delete(messages).where(inArray(messages.id, doomed)).returning({ id: messages.id });
  for (const file of files) await deps.media.remove(file.key!);
  return removed.length;
}
