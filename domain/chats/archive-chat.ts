import { and, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { chats } from '../../db/schema';
import { recordEvent } from '../../events/record';
import { inTransaction, type Deps } from '../deps';
import { getChatOrThrow } from './get-chat';

/** Closes a finished conversation; it remembers who archived it and when. */
export async function archiveChat(deps: Deps, viewer: Viewer | null, chatId: string) {
  const view = await getChatOrThrow(deps.db, viewer, chatId);
  if (view.chat.status === 'ARCHIVED') return view;
  await inTransaction(deps, async (tx, events) => {
    const done = await tx
      .update(chats)
      .set({ status: 'ARCHIVED', archivedAt: new Date(), archivedById: viewer?.employeeId ?? null, unread: false })
      .where(and(eq(chats.id, chatId), eq(chats.status, 'OPEN')))
      .returning({ id: chats.id });
    if (done.length) events.push(await recordEvent(tx, 'ChatUpdated', { channelId: view.chat.channelId, chatId }));
  });
  return getChatOrThrow(deps.db, viewer, chatId);
}

/** Brings an archived chat back to the open list (sending and customer messages do it too). */
export async function reopenChat(deps: Deps, viewer: Viewer | null, chatId: string) {
  const view = await getChatOrThrow(deps.db, viewer, chatId);
  if (view.chat.status === 'OPEN') return view;
  await inTransaction(deps, async (tx, events) => {
    const done = await tx
      .update(chats)
      .set({ status: 'OPEN', archivedAt: null, archivedById: null })
      .where(and(eq(chats.id, chatId), eq(chats.status, 'ARCHIVED')))
      .returning({ id: chats.id });
    if (done.length) events.push(await recordEvent(tx, 'ChatUpdated', { channelId: view.chat.channelId, chatId }));
  });
  return getChatOrThrow(deps.db, viewer, chatId);
}
