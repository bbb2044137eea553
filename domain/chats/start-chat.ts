import { and, desc, eq } from 'drizzle-orm';
import { capabilitiesOf } from '../../channels/capabilities';
import type { Viewer } from '../../auth/viewer';
import { channels, chats, clients, contacts } from '../../db/schema';
import { canSeeChannel, requirePermission } from '../access';
import type { Deps } from '../deps';
import { badInput, DomainError, notFound } from '../errors';
import { sendMessage, type TemplateChoice } from '../messages/send-message';
import { getChatOrThrow, isUuid } from './get-chat';

/**
 * Writes to a client on a channel where they already have an identity (a chat of theirs there):
 * the message goes into that chat, which reopens if it was archived.
 */
export async function startChat(
  deps: Deps,
  viewer: Viewer | null,
  input: { clientId: string; channelId: string; text: string; template?: TemplateChoice | null },
) {
  const v = requirePermission(viewer, 'CLIENTS');
  requirePermission(viewer, 'CHATS');
  const [client] = isUuid(input.clientId) ? await deps.db.select().from(clients).where(eq(clients.id, input.clientId)) : [];
  if (!client) throw notFound('The client');
  const [channel] = isUuid(input.channelId) ? await deps.db.select().from(channels).where(eq(channels.id, input.channelId)) : [];
  if (!channel || !canSeeChannel(v, channel.id)) throw notFound('The channel');

  const [existing] = await deps.db
    .select({ id: chats.id })
    .from(chats)
    .where(and(eq(chats.clientId, client.id), eq(chats.channelId, channel.id)))
    .orderBy(desc(chats.lastMessageAt))
    .limit(1);
  if (existing) {
    await sendMessage(deps, viewer, { chatId: existing.id, text: input.text, template: input.template });
    return getChatOrThrow(deps.db, viewer, existing.id);
  }
  const byPhone = capabilitiesOf(channel.kind).startsChatByPhone;
  const waId = byPhone ? client.phone?.replace(/\D/g, '') : undefined;
  if (!waId || waId.length < 8) {
    throw badInput(
      byPhone
        ? `${client.name} has no phone number we can write to on ${capabilitiesOf(channel.kind).label}. Add it on the client card, with the country code.`
        : `${client.name} has not written to "${channel.name}" yet, so there is no one to address there. Link one of their chats to this client first, or pick a channel they already use.`,
      { field: byPhone ? 'phone' : 'channelId' },
    );
  }
  // WhatsApp by phone number: no conversation is open yet, so only an approved template may go out
  if (!input.template) {
    throw new DomainError('SEND_BLOCKED', `${client.name} has no open WhatsApp conversation: pick an approved template for the first message.`, {
      block: 'TEMPLATE_REQUIRED',
    });
  }
  const chatId = await deps.db.transaction(async (tx) => {
    await tx.insert(contacts).values({ channelId: channel.id, externalId: waId, phone: `+${waId}`, displayName: client.name }).onConflictDoNothing();
    const [contact] = await tx.select().from(contacts).where(and(eq(contacts.channelId, channel.id), eq(contacts.externalId, waId)));
    await tx.insert(chats).values({ channelId: channel.id, contactId: contact.id, clientId: client.id }).onConflictDoNothing();
    const [chat] = await tx.select({ id: chats.id }).from(chats).where(eq(chats.contactId, contact.id));
    await tx.update(chats).set({ clientId: client.id }).where(eq(chats.id, chat.id));
    return chat.id;
  });
  await sendMessage(deps, viewer, { chatId, text: input.text, template: input.template });
  return getChatOrThrow(deps.db, viewer, chatId);
}
