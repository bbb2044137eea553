import { META_PAGE_MEDIA_HOSTS } from '../meta/media-hosts';
import type { ChannelCapabilities } from '../types';

/** What this platform can do, as data (browser-safe: no client code here). */
export const messengerCapabilities: ChannelCapabilities = {
  label: 'Facebook',
  provider: 'Meta',
  webhookProvider: 'meta',
  window: '24h-human-agent',
  tags: true,
  templates: false,
  readReceipts: true,
  privateReplies: true,
  comments: true,
  startsChatByPhone: false,
  mediaHosts: META_PAGE_MEDIA_HOSTS,
  healthCheckPermission: 'pages_manage_metadata',
  connect: {
    idFromToken: false,
    facebookLogin: true,
    throughPage: false,
    missingId: 'Enter the Facebook Page id.',
    missingToken: 'Paste the Page access token.',
    credentials: 'page and token',
    accountNoun: 'Page',
  },
};
