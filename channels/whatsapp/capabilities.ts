import type { ChannelCapabilities } from '../types';

/** What this platform can do, as data (browser-safe: no client code here). */
export const whatsAppCapabilities: ChannelCapabilities = {
  label: 'WhatsApp',
  provider: 'Meta',
  webhookProvider: 'whatsapp',
  window: '24h-template',
  tags: false,
  templates: true,
  readReceipts: true,
  privateReplies: false,
  comments: false,
  startsChatByPhone: true,
  mediaHosts: ['fbsbx.com', 'whatsapp.net'],
  healthCheckPermission: 'whatsapp_business_management',
  connect: {
    idFromToken: false,
    facebookLogin: false,
    throughPage: false,
    missingId: 'Enter the WhatsApp phone-number id.',
    missingToken: 'Paste the Page access token.',
    credentials: 'phone-number id and token',
    accountNoun: 'number',
  },
};
