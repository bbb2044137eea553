import { metaPageCapabilities } from '../meta/page-capabilities';
import type { ChannelCapabilities } from '../types';

/** What this platform can do, as data (browser-safe: no client code here). */
export const messengerCapabilities: ChannelCapabilities = metaPageCapabilities({
  label: 'Facebook',
  tags: true,
  readReceipts: true,
  commentReplies: { publicPermission: 'pages_manage_engagement', privatePermission: 'pages_messaging' },
  connect: {
    idFromToken: false,
    throughPage: false,
    missingId: 'Enter the Facebook Page id.',
    credentials: 'page and token',
    accountNoun: 'Page',
  },
});
