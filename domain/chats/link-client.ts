import { eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { chats, clients } from '../../db/schema';
import { recordEvent } from '../../events/record';
import { requirePermission } from '../access';
import { inTransaction, type Deps } from '../deps';
import { notFound } from '../errors';
import { isUuid } from './get-chat';
import { getChatOrThrow } from './get-chat';

export async function linkClient(deps: Deps, viewer: Viewer | null, chatId: string, clientId: string) {
  requirePermission(viewer, 'CLIENTS');
  const view = await getChatOrThrow(deps.db, viewer, chatId);
  const [client] = isUuid(clientId) ? await deps.db.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId)) : [];
  if (!client) throw notFound('The client');
  await inTransaction(deps, async (tx, events) => {
    await tx.update(chats).set({ clientId }).where(eq(chats.id, chatId));
    events.push(await recordEvent(tx, 'ChatUpdated', { channelId: view.chat.channelId, chatId }));
  });
  return getChatOrThrow(deps.db, viewer, chatId);
}
