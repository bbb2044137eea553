import { META_PAGE_MEDIA_HOSTS } from '../meta/media-hosts';
import type { ChannelCapabilities } from '../types';

/** What this platform can do, as data (browser-safe: no client code here). */
export const instagramCapabilities: ChannelCapabilities = {
  label: 'Instagram',
  provider: 'Meta',
  webhookProvider: 'meta',
  window: '24h-human-agent',
  tags: false,
  templates: false,
  readReceipts: false,
  privateReplies: true,
  comments: true,
  startsChatByPhone: false,
  mediaHosts: META_PAGE_MEDIA_HOSTS,
  healthCheckPermission: 'pages_manage_metadata',
  connect: {
    idFromToken: true,
    facebookLogin: true,
    throughPage: true,
    missingId: 'Enter the Facebook Page id.',
    missingToken: 'Paste the Page access token.',
    credentials: 'Page token for this Instagram account',
    accountNoun: 'Instagram account',
  },
};
