import { desc, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { channels, chats } from '../../db/schema';
import { recordEvent } from '../../events/record';
import { isUuid } from '../chats/get-chat';
import { requirePermission } from '../access';
import { inTransaction, type Deps } from '../deps';
import { notFound } from '../errors';
import { connectChannel } from './connect-channel';

/** Chats told live that their channel works again: the ones an operator may have open. */
const LIVE_CHATS = 100;

/**
 * Brings a channel that lost sync (or permissions) back, as the same channel: its chats, name and
 * role access stay. With a new token the platform checks that one; without, the stored token is
 * tried again (Meta re-subscribes the app, Telegram gets its webhook back).
 */
export async function reconnectChannel(deps: Deps, viewer: Viewer | null, input: { channelId: string; accessToken?: string | null }) {
  requirePermission(viewer, 'SETTINGS');
  const [channel] = isUuid(input.channelId) ? await deps.db.select().from(channels).where(eq(channels.id, input.channelId)) : [];
  if (!channel) throw notFound('This channel');
  const token = input.accessToken?.trim() || channel.accessToken;
  const reconnected = await connectChannel(deps, viewer, {
    kind: channel.kind,
    externalId: channel.externalId,
    name: channel.name,
    accessToken: token,
    // null keeps the roles that may use the channel
    roleIds: null,
    businessAccountId: channel.businessAccountId,
    tokenExpiresAt: token === channel.accessToken ? channel.tokenExpiresAt : null,
  });
  deps.log.info({ channelId: channel.id, kind: channel.kind, was: channel.state, newToken: token !== channel.accessToken }, 'channel reconnected');
  // open chats drop their "sync lost" banner without a reload
  await inTransaction(deps, async (tx, events) => {
    const recent = await tx.select({ id: chats.id }).from(chats).where(eq(chats.channelId, channel.id)).orderBy(desc(chats.lastMessageAt)).limit(LIVE_CHATS);
    for (const chat of recent) events.push(await recordEvent(tx, 'ChatUpdated', { channelId: channel.id, chatId: chat.id }));
  });
  return reconnected;
}
