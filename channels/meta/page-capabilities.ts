import type { ChannelCapabilities } from '../types';
import { META_PAGE_MEDIA_HOSTS } from './media-hosts';

/**
 * What Facebook Pages and the Instagram accounts linked to them share (PLATFORMS.md A, B, C):
 * Meta's webhooks, the 24 h window stretched to 7 days by HUMAN_AGENT, comments under posts that
 * can be answered publicly or once privately within 7 days, Facebook's CDNs, Facebook Login.
 */
export function metaPageCapabilities(
  own: Pick<ChannelCapabilities, 'label' | 'tags' | 'readReceipts'> & {
    connect: Pick<ChannelCapabilities['connect'], 'idFromToken' | 'throughPage' | 'missingId' | 'credentials' | 'accountNoun'>;
    commentReplies: Pick<NonNullable<ChannelCapabilities['commentReplies']>, 'publicPermission' | 'privatePermission'>;
  },
): ChannelCapabilities {
  return {
    ...own,
    provider: 'Meta',
    webhookProvider: 'meta',
    window: '24h-human-agent',
    templates: false,
    privateReplies: true,
    comments: true,
    startsChatByPhone: false,
    mediaHosts: META_PAGE_MEDIA_HOSTS,
    healthCheckPermission: 'pages_manage_metadata',
    commentReplies: { privateWithinDays: 7, ...own.commentReplies },
    connect: { facebookLogin: true, missingToken: 'Paste the Page access token.', ...own.connect },
  };
}
