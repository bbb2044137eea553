import { fetchMessengerProfile, getPage, markMessengerSeen, subscribedApps, sendMessengerText, subscribeMessengerPage } from './messenger/client';
import { fetchInstagramProfile, getPageWithInstagram } from './instagram/client';
import { fetchTelegramProfile, fileDownloadUrl, getFile, getMe, getWebhookInfo, sendTelegramText, setWebhook } from './telegram/client';
import { ChannelSendError, type ChannelKind, type ContactProfile, type SendResult } from './types';
import { planOutboundMedia, type OutgoingFileFacts } from './outbound-media';
import { sendMediaOn, type OutgoingMedia } from './send-media';
import { getPhoneNumber, getWhatsAppMedia, listWhatsAppTemplates, markWhatsAppRead, sendWhatsAppTemplate, sendWhatsAppText } from './whatsapp/client';

export interface ChannelAccount {
  kind: ChannelKind;
  externalId: string;
  accessToken: string;
  /** Overrides the platform's API base for this account (the built-in demo channel). */
  apiBaseUrl?: string | null;
  /** WhatsApp Business Account id: where the approved templates are listed. */
  businessAccountId?: string | null;
  /** Instagram: the Facebook Page the account is linked to (its webhooks subscription lives there). */
  pageId?: string | null;
}

export interface OutgoingTemplate {
  recipientId: string;
  name: string;
  language: string;
  params: string[];
  metadata?: string;
}

export interface MessageTemplate {
  name: string;
  language: string;
  category: string | null;
  body: string | null;
  paramCount: number;
}

export interface OutgoingText {
  recipientId: string;
  text: string;
  tag?: 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'POST_PURCHASE_UPDATE' | 'CONFIRMED_EVENT_UPDATE';
  /** Our own message id, echoed back by platforms that support it, so echoes don't duplicate. */
  metadata?: string;
}

/** One shape for every platform: the domain talks to this, never to a platform's API. */
export interface ChannelGateway {
  sendText(account: ChannelAccount, message: OutgoingText): Promise<SendResult>;
  /** An approved template (WhatsApp outside the 24-hour window). */
  sendTemplate(account: ChannelAccount, message: OutgoingTemplate): Promise<SendResult>;
  /** One file (photo, audio, video, document) as its own message; see channels/send-media.ts. */
  sendMedia(account: ChannelAccount, media: OutgoingMedia): Promise<SendResult>;
  /** Why the platform won't take this file, in a sentence for the operator; null when it will. */
  mediaProblem(kind: ChannelKind, file: OutgoingFileFacts): string | null;
  /** The account's approved templates; empty where the platform has none. */
  listTemplates(account: ChannelAccount): Promise<MessageTemplate[]>;
  /** Tells the platform the operator has seen the chat, up to the customer's last message. */
  markSeen(account: ChannelAccount, seen: { recipientId: string; lastInboundMessageId?: string | null }): Promise<void>;
  /** The customer's name and picture as the platform shows them; null when it withholds them. */
  fetchProfile(account: ChannelAccount, contactExternalId: string): Promise<ContactProfile | null>;
  /**
   * Checks the token against the platform and subscribes our app to the account's webhooks.
   * Telegram names the bot's id here (`externalId`), since a token is all an admin pastes.
   */
  connect(account: ChannelAccount): Promise<{ name?: string; externalId?: string; pageId?: string }>;
  /** Points a platform that pushes to a per-account URL (Telegram) at our webhook. */
  registerWebhook(account: ChannelAccount, url: string, secret: string): Promise<void>;
  /** Where an inbound attachment (or a profile's `avatarMediaId`) can be downloaded, and the headers the download needs. */
  mediaSource(account: ChannelAccount, media: { url?: string | null; mediaId?: string | null }): Promise<MediaSource>;
  /**
   * Whether the platform still sends this account's webhooks to us and accepts its token. Meta
   * drops an app's page subscription when webhooks keep failing; Telegram loses a bot's webhook
   * when something else takes it over. Errors are typed like send errors.
   */
  checkHealth(account: ChannelAccount, expected: { webhookUrl: string }): Promise<ChannelHealth>;
  /** Hosts this platform serves media from (besides its API base). */
  mediaHosts(kind: ChannelKind): string[];
}

export type ChannelHealth = { ok: true; note?: string } | { ok: false; reason: string };

export interface MediaSource {
  url: string;
  headers?: Record<string, string>;
}

export interface GatewayConfig {
  metaGraphUrl: string;
  telegramApiUrl: string;
  metaAppSecret?: string;
  fetch?: typeof fetch;
}

/** What the health check's own call needs, for an error that does not name the missing permission. */
const HEALTH_CHECK_PERMISSION: Record<ChannelKind, string | undefined> = {
  MESSENGER: 'pages_manage_metadata',
  INSTAGRAM: 'pages_manage_metadata',
  WHATSAPP: 'whatsapp_business_management',
  TELEGRAM: undefined,
};

export function createChannelGateway(config: GatewayConfig): ChannelGateway {
  const meta = (account: ChannelAccount) => ({
    graphUrl: account.apiBaseUrl ?? config.metaGraphUrl,
    accessToken: account.accessToken,
    appSecret: config.metaAppSecret,
    fetch: config.fetch,
  });
  const telegram = (account: ChannelAccount) => ({ apiUrl: account.apiBaseUrl ?? config.telegramApiUrl, token: account.accessToken, fetch: config.fetch });
  const whatsapp = (account: ChannelAccount) => ({
    graphUrl: account.apiBaseUrl ?? config.metaGraphUrl,
    accessToken: account.accessToken,
    phoneNumberId: account.externalId,
    businessAccountId: account.businessAccountId ?? undefined,
    fetch: config.fetch,
  });
  const unsupported = (account: ChannelAccount): never => {
    throw new ChannelSendError('permanent', `Sending on ${account.kind} channels is not available yet.`);
  };
  return {
    async sendText(account, message) {
      if (account.kind === 'MESSENGER' || account.kind === 'INSTAGRAM') return sendMessengerText(meta(account), message);
      if (account.kind === 'TELEGRAM') return sendTelegramText(telegram(account), { chatId: message.recipientId, text: message.text });
      if (account.kind === 'WHATSAPP') {
        return sendWhatsAppText(whatsapp(account), { to: message.recipientId, text: message.text, callbackData: message.metadata });
      }
      return unsupported(account);
    },
    async sendTemplate(account, message) {
      if (account.kind !== 'WHATSAPP') return unsupported(account);
      return sendWhatsAppTemplate(whatsapp(account), {
        to: message.recipientId,
        name: message.name,
        language: message.language,
        params: message.params,
        callbackData: message.metadata,
      });
    },
    async sendMedia(account, media) {
      return sendMediaOn(account.kind, media, { meta: meta(account), telegram: telegram(account), whatsapp: whatsapp(account) });
    },
    mediaProblem(kind, file) {
      return planOutboundMedia(kind, file).problem ?? null;
    },
    async listTemplates(account) {
      if (account.kind !== 'WHATSAPP' || !account.businessAccountId) return [];
      return (await listWhatsAppTemplates(whatsapp(account))).map((t) => ({
        name: t.name,
        language: t.language,
        category: t.category ?? null,
        body: t.body ?? null,
        paramCount: t.paramCount,
      }));
    },
    async markSeen(account, seen) {
      if (account.kind === 'MESSENGER' || account.kind === 'INSTAGRAM') await markMessengerSeen(meta(account), seen.recipientId);
      if (account.kind === 'WHATSAPP' && seen.lastInboundMessageId) await markWhatsAppRead(whatsapp(account), seen.lastInboundMessageId);
    },
    async fetchProfile(account, contactExternalId) {
      if (account.kind === 'MESSENGER') return fetchMessengerProfile(meta(account), contactExternalId);
      if (account.kind === 'INSTAGRAM') return fetchInstagramProfile(meta(account), contactExternalId);
      if (account.kind === 'TELEGRAM') {
        // no URL here: a file URL holds the bot token; the picture is fetched through mediaSource
        const profile = await fetchTelegramProfile(telegram(account), contactExternalId);
        if (!profile) return null;
        const { avatarFileId, ...rest } = profile;
        return avatarFileId ? { ...rest, avatarMediaId: avatarFileId } : rest;
      }
      return null;
    },
    async mediaSource(account, media) {
      if (media.url) return { url: media.url };
      if (account.kind === 'WHATSAPP' && media.mediaId) {
        // two steps: the media id gives a short-lived URL, fetched with the same bearer token
        const info = await getWhatsAppMedia(whatsapp(account), media.mediaId);
        return { url: info.url, headers: { authorization: `Bearer ${account.accessToken}` } };
      }
      if (account.kind === 'TELEGRAM' && media.mediaId) {
        const file = await getFile(telegram(account), media.mediaId);
        return { url: fileDownloadUrl(telegram(account), file.file_path) };
      }
      throw new ChannelSendError('permanent', `Media ids on ${account.kind} channels can't be resolved yet.`);
    },
    mediaHosts(kind) {
      // Messenger and Instagram serve attachments from Facebook's CDNs (signed, expiring URLs)
      if (kind === 'MESSENGER' || kind === 'INSTAGRAM') return ['fbcdn.net', 'fbsbx.com', 'facebook.com', 'cdninstagram.com'];
      if (kind === 'WHATSAPP') return ['fbsbx.com', 'whatsapp.net'];
      return [];
    },
    async checkHealth(account, expected) {
      try {
        if (account.kind === 'MESSENGER' || account.kind === 'INSTAGRAM') {
          const pageId = account.kind === 'INSTAGRAM' ? account.pageId : account.externalId;
          if (!pageId) return { ok: true };
          const apps = await subscribedApps(meta(account), pageId);
          if (apps.length === 0) {
            return { ok: false, reason: 'Meta stopped sending this page\'s messages to us (the app is no longer subscribed, e.g. after webhooks went unanswered). Reconnect it.' };
          }
          return { ok: true };
        }
        if (account.kind === 'TELEGRAM') {
          const info = await getWebhookInfo(telegram(account));
          if (info.url !== expected.webhookUrl) {
            return { ok: false, reason: `Telegram no longer sends this bot's updates here (its webhook ${info.url ? `points to ${new URL(info.url).host}` : 'was removed'}). Reconnect it.` };
          }
          const recent = info.last_error_date && Date.now() / 1000 - info.last_error_date < 3600;
          return recent ? { ok: true, note: `Telegram could not deliver an update: ${info.last_error_message ?? 'no reason given'} (${info.pending_update_count} waiting).` } : { ok: true };
        }
        if (account.kind === 'WHATSAPP') await getPhoneNumber(whatsapp(account));
        return { ok: true };
      } catch (error) {
        // Meta often says only "(#10) Application does not have permission": name the one this check needs
        if (error instanceof ChannelSendError && error.kind === 'permission' && !error.missingPermission) error.missingPermission = HEALTH_CHECK_PERMISSION[account.kind];
        throw error;
      }
    },
    async registerWebhook(account, url, secret) {
      if (account.kind === 'TELEGRAM') await setWebhook(telegram(account), { url, secretToken: secret });
    },
    async connect(account) {
      if (account.kind === 'TELEGRAM') {
        const bot = await getMe(telegram(account));
        return { name: `@${bot.username}`, externalId: String(bot.id) };
      }
      if (account.kind === 'WHATSAPP') {
        const number = await getPhoneNumber(whatsapp(account));
        return { name: number.verifiedName || number.displayPhoneNumber };
      }
      if (account.kind === 'INSTAGRAM') {
        // an Instagram account is reached through the Facebook Page it is linked to, with that Page's token
        const linked = await getPageWithInstagram(meta(account));
        if (!linked.instagram) {
          throw new ChannelSendError('permission', `the Page "${linked.pageName}" has no Instagram professional account linked to it.`);
        }
        if (account.externalId && account.externalId !== linked.instagram.id) {
          throw new ChannelSendError('permission', `this Page token belongs to Instagram account ${linked.instagram.id}, not ${account.externalId}.`);
        }
        await subscribeMessengerPage(meta(account), linked.pageId);
        const { username, name } = linked.instagram;
        return { name: username ? `@${username}` : name ?? linked.pageName, externalId: linked.instagram.id, pageId: linked.pageId };
      }
      if (account.kind !== 'MESSENGER') return unsupported(account);
      const page = await getPage(meta(account), account.externalId);
      await subscribeMessengerPage(meta(account), account.externalId);
      return { name: page.name };
    },
  };
}
