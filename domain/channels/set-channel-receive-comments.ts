import { eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { capabilitiesOf, kindsWith } from '../../channels/capabilities';
import { ChannelSendError } from '../../channels/types';
import { channels } from '../../db/schema';
import { requirePermission } from '../access';
import type { Deps } from '../deps';
import { badInput, notFound } from '../errors';
import { missingPermissionReason } from './check-channel-health';
import { isUuid } from '../chats/get-chat';

/** Only platforms with posts (Facebook pages, Instagram accounts) have comments that can reach the inbox. */
export const COMMENT_KINDS = kindsWith('comments');

/** "Receive post comments in the chat feed", per channel. */
export async function setChannelReceiveComments(deps: Deps, viewer: Viewer | null, channelId: string, enabled: boolean) {
  requirePermission(viewer, 'SETTINGS');
  const [channel] = isUuid(channelId) ? await deps.db.select().from(channels).where(eq(channels.id, channelId)) : [];
  if (!channel) throw notFound('The channel');
  if (enabled && !COMMENT_KINDS.includes(channel.kind)) {
    throw badInput('Only Facebook pages and Instagram accounts have post comments to receive.', { field: 'enabled' });
  }
  // the account's comment webhooks: subscribed on connect, and again here in case that was before
  // comments existed. The switch is the admin's choice and is kept either way; a refusal shows on
  // the channel (its permission named), and Reconnect subscribes again.
  let lastError: Partial<typeof channels.$inferInsert> = {};
  if (enabled && !channel.receiveComments) {
    try {
      await deps.channels.subscribeComments(channel);
    } catch (error) {
      if (!(error instanceof ChannelSendError)) throw error;
      deps.log.warn({ channelId: channel.id, err: error.message }, 'comment webhooks could not be subscribed');
      lastError = { lastError: `Comments are switched on, but ${capabilitiesOf(channel.kind).provider} did not subscribe them: ${missingPermissionReason(error)}`, lastErrorAt: new Date() };
    }
  }
  const [updated] = await deps.db
    .update(channels)
    .set({ receiveComments: enabled, ...lastError })
    .where(eq(channels.id, channel.id))
    .returning();
  return updated;
}
