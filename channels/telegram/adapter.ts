import { baseMimeType, fileLabel, MB, sendAsOrRefuse } from '../outbound-media';
import { telegramCapabilities } from './capabilities';
import { MalformedWebhookError, notAvailable, unresolvable, withoutComments, type AdapterConfig, type ChannelAccount, type ChannelPlatform, type InboundEvent, type MediaPlan, type OutgoingFileFacts } from '../types';
import {
  fetchTelegramProfile,
  fileDownloadUrl,
  getFile,
  getMe,
  getWebhookInfo,
  sendTelegramAudio,
  sendTelegramDocument,
  sendTelegramPhoto,
  sendTelegramText,
  sendTelegramVideo,
  sendTelegramVoice,
  setWebhook,
  type TelegramClientConfig,
} from './client';
import { parseTelegramUpdate } from './parse-update';
import { generateWebhookSecret } from './verify';

// [UNCONFIRMED] Bot API: photos up to 10 MB, other uploads up to 50 MB; sendAudio takes MP3/M4A,
// sendVoice OGG/Opus, sendVideo MP4.
const RULES = {
  image: { types: ['image/jpeg', 'image/png', 'image/webp'], max: 10 * MB },
  audio: { types: ['audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/m4a', 'audio/x-m4a'] },
  voice: { types: ['audio/ogg', 'audio/opus'] },
  video: { types: ['video/mp4'] },
  upload: { max: 50 * MB },
};

/** A bot sends up to 50 MB: photos, MP3/M4A audio, OGG voice notes and MP4 videos as such, anything else as a document. */
export function planTelegramMedia(file: OutgoingFileFacts): MediaPlan {
  const type = baseMimeType(file.mimeType);
  if (file.size > RULES.upload.max) return { problem: `${fileLabel(file.fileName)} is larger than the 50 MB a Telegram bot can send; send a smaller file.` };
  if (RULES.image.types.includes(type) && file.size <= RULES.image.max) return { sendAs: 'image' };
  if (RULES.voice.types.includes(type)) return { sendAs: 'voice' };
  if (RULES.audio.types.includes(type)) return { sendAs: 'audio' };
  if (RULES.video.types.includes(type)) return { sendAs: 'video' };
  return { sendAs: 'file' };
}

const SEND_AS = { image: sendTelegramPhoto, audio: sendTelegramAudio, voice: sendTelegramVoice, video: sendTelegramVideo, file: sendTelegramDocument };

const botApi = (config: AdapterConfig, account: ChannelAccount): TelegramClientConfig => ({
  apiUrl: account.apiBaseUrl ?? config.telegramApiUrl,
  token: account.accessToken,
  fetch: config.fetch,
});

/** A Telegram bot through the Bot API, with one webhook URL and secret per bot (PLATFORMS.md E). */
export const telegramPlatform: ChannelPlatform = {
  kind: 'TELEGRAM',
  capabilities: telegramCapabilities,
  planMedia: planTelegramMedia,
  createAdapter: (config) => ({
    kind: 'TELEGRAM',
    capabilities: telegramCapabilities,
    ...withoutComments,
    parseWebhook(body, account, unreadable) {
      // an update we cannot read is kept as rejected and acknowledged: Telegram would otherwise
      // retry it, holding back every later update of the bot
      const botId = account?.externalId ?? '';
      try {
        return parseTelegramUpdate(body, botId);
      } catch (error) {
        if (!(error instanceof MalformedWebhookError)) throw error;
        unreadable.push({ channelExternalId: botId, reason: error.message, raw: body });
        return [] as InboundEvent[];
      }
    },
    sendText: (account, message) => sendTelegramText(botApi(config, account), { chatId: message.recipientId, text: message.text }),
    sendTemplate: async (account) => notAvailable(account),
    async sendMedia(account, media) {
      const sendAs = sendAsOrRefuse(planTelegramMedia, media);
      const file = { data: media.bytes, fileName: media.fileName, mimeType: media.mimeType };
      return SEND_AS[sendAs](botApi(config, account), { chatId: media.recipientId, file });
    },
    planMedia: planTelegramMedia,
    listTemplates: async () => [],
    markSeen: async () => {},
    async fetchProfile(account, contactExternalId) {
      // no URL here: a file URL holds the bot token; the picture is fetched through mediaSource
      const profile = await fetchTelegramProfile(botApi(config, account), contactExternalId);
      if (!profile) return null;
      const { avatarFileId, ...rest } = profile;
      return avatarFileId ? { ...rest, avatarMediaId: avatarFileId } : rest;
    },
    async mediaSource(account, media) {
      if (media.url) return { url: media.url };
      if (!media.mediaId) return unresolvable(account);
      const api = botApi(config, account);
      const file = await getFile(api, media.mediaId);
      return { url: fileDownloadUrl(api, file.file_path) };
    },
    async checkHealth(account, expected) {
      // Telegram loses a bot's webhook when something else takes it over
      const info = await getWebhookInfo(botApi(config, account));
      if (info.url !== expected.webhookUrl) {
        return { ok: false, reason: `Telegram no longer sends this bot's updates here (its webhook ${info.url ? `points to ${new URL(info.url).host}` : 'was removed'}). Reconnect it.` };
      }
      const recent = info.last_error_date && Date.now() / 1000 - info.last_error_date < 3600;
      return recent ? { ok: true, note: `Telegram could not deliver an update: ${info.last_error_message ?? 'no reason given'} (${info.pending_update_count} waiting).` } : { ok: true };
    },
    async connect(account) {
      // a token is all an admin pastes: the bot names its own id
      const bot = await getMe(botApi(config, account));
      return { name: `@${bot.username}`, externalId: String(bot.id) };
    },
    newWebhookSecret: generateWebhookSecret,
    registerWebhook: (account, url, secret) => setWebhook(botApi(config, account), { url, secretToken: secret }),
  }),
};
