import { capabilitiesOf } from '../../channels/capabilities';
import type { ChannelKind } from '../../channels/types';
import type { Deps } from '../deps';

/**
 * Where a platform with one webhook per account (Telegram: `/api/webhooks/telegram/<channel id>`)
 * sends this channel's updates; null where one app-wide webhook serves every account (Meta).
 */
export function accountWebhookUrl(deps: Deps, channel: { id: string; kind: ChannelKind }): string | null {
  const path = capabilitiesOf(channel.kind).connect.webhookPath;
  return path ? `${deps.config.publicUrl}/api/webhooks/${path}/${channel.id}` : null;
}
