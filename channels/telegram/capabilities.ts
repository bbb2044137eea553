import type { ChannelCapabilities } from '../types';

/** What this platform can do, as data (browser-safe: no client code here). */
export const telegramCapabilities: ChannelCapabilities = {
  label: 'Telegram',
  provider: 'Telegram',
  webhookProvider: 'telegram',
  window: 'none',
  tags: false,
  templates: false,
  readReceipts: false,
  privateReplies: false,
  comments: false,
  startsChatByPhone: false,
  mediaHosts: [],
  connect: {
    idFromToken: true,
    facebookLogin: false,
    throughPage: false,
    missingId: 'Enter the bot id.',
    missingToken: 'Paste the bot token from @BotFather.',
    credentials: 'bot token',
    accountNoun: 'bot',
    webhookPath: 'telegram',
  },
};
