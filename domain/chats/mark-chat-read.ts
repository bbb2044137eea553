import { and, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { capabilitiesOf } from '../../channels/capabilities';
import { chats } from '../../db/schema';
import { recordEvent } from '../../events/record';
import { enqueueJob } from '../../jobs/queue';
import { inTransaction, type Deps } from '../deps';
import { getChatOrThrow } from './get-chat';

/** The operator has seen the chat: drop the blue marker and let the customer see it as read. */
export async function markChatRead(deps: Deps, viewer: Viewer | null, chatId: string) {
  const view = await getChatOrThrow(deps.db, viewer, chatId);
  if (!view.chat.unread) return view;
  await inTransaction(deps, async (tx, events) => {
    const updated = await tx
      .update(chats)
      .set({ unread: false })
      .where(and(eq(chats.id, chatId), eq(chats.unread, true)))
      .returning({ id: chats.id });
    if (updated.length === 0) return;
    events.push(await recordEvent(tx, 'ChatUpdated', { channelId: view.chat.channelId, chatId }));
    // only where the customer sees it (Messenger "seen", WhatsApp blue ticks)
    if (capabilitiesOf(view.channel.kind).readReceipts) {
      await enqueueJob(tx, 'mark-seen', { chatId }, { maxAttempts: 3 });
    }
  });
  return getChatOrThrow(deps.db, viewer, chatId);
}
