import { and, desc, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { channels, chats, clients } from '../../db/schema';
import { canSeeChannel, requirePermission } from '../access';
import type { Deps } from '../deps';
import { badInput, forbidden, notFound } from '../errors';
import { sendMessage } from '../messages/send-message';
import { getChatOrThrow, isUuid } from './get-chat';

/**
 * Writes to a client on a channel where they already have an identity (a chat of theirs there):
 * the message goes into that chat, which reopens if it was archived.
 */
export async function startChat(deps: Deps, viewer: Viewer | null, input: { clientId: string; channelId: string; text: string }) {
  const v = requirePermission(viewer, 'CLIENTS');
  requirePermission(viewer, 'CHATS');
  const [client] = isUuid(input.clientId) ? await deps.db.select().from(clients).where(eq(clients.id, input.clientId)) : [];
  if (!client) throw notFound('The client');
  const [channel] = isUuid(input.channelId) ? await deps.db.select().from(channels).where(eq(channels.id, input.channelId)) : [];
  if (!channel) throw notFound('The channel');
  if (!canSeeChannel(v, channel.id)) throw forbidden('Your role has no access to this channel. Ask an admin to grant it in Settings > Chats.');

  const [existing] = await deps.db
    .select({ id: chats.id })
    .from(chats)
    .where(and(eq(chats.clientId, client.id), eq(chats.channelId, channel.id)))
    .orderBy(desc(chats.lastMessageAt))
    .limit(1);
  if (!existing) {
    throw badInput(
      `${client.name} has not written to "${channel.name}" yet, so there is no one to address there. Link one of their chats to this client first, or pick a channel they already use.`,
      { field: 'channelId' },
    );
  }
  await sendMessage(deps, viewer, { chatId: existing.id, text: input.text });
  return getChatOrThrow(deps.db, viewer, existing.id);
}
