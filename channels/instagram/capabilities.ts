import { metaPageCapabilities } from '../meta/page-capabilities';
import type { ChannelCapabilities } from '../types';

/** What this platform can do, as data (browser-safe: no client code here). */
export const instagramCapabilities: ChannelCapabilities = metaPageCapabilities({
  label: 'Instagram',
  tags: false,
  readReceipts: false,
  commentReplies: { publicPermission: 'instagram_manage_comments', privatePermission: 'instagram_manage_messages' },
  connect: {
    idFromToken: true,
    throughPage: true,
    missingId: 'Enter the Facebook Page id.',
    credentials: 'Page token for this Instagram account',
    accountNoun: 'Instagram account',
  },
});
