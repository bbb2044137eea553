import { namingMissingPermission } from '../meta/page';
import { baseMimeType, fileLabel, MB, mediaKindOf, sendAsOrRefuse } from '../outbound-media';
import { whatsAppCapabilities } from './capabilities';
import { unresolvable, withoutComments, type AdapterConfig, type ChannelAccount, type ChannelPlatform, type MediaPlan, type OutgoingFileFacts } from '../types';
import {
  getPhoneNumber,
  getWhatsAppMedia,
  listWhatsAppTemplates,
  markWhatsAppRead,
  sendWhatsAppMedia,
  sendWhatsAppTemplate,
  sendWhatsAppText,
  uploadWhatsAppMedia,
  type WhatsAppClientConfig,
} from './client';
import { parseWhatsAppWebhook } from './parse-webhook';

// [UNCONFIRMED] WhatsApp's media reference: images JPEG/PNG up to 5 MB, audio up to 16 MB, video
// MP4/3GPP up to 16 MB, documents up to 100 MB.
const RULES = {
  image: { types: ['image/jpeg', 'image/png'], max: 5 * MB },
  audio: { types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], max: 16 * MB },
  video: { types: ['video/mp4', 'video/3gpp'], max: 16 * MB },
  document: { max: 100 * MB },
};

/** WhatsApp shows listed types as media; anything else up to 100 MB still arrives, as a document. */
export function planWhatsAppMedia(file: OutgoingFileFacts): MediaPlan {
  const type = baseMimeType(file.mimeType);
  if (file.size > RULES.document.max) return { problem: `${fileLabel(file.fileName)} is larger than the 100 MB WhatsApp accepts; send a smaller file.` };
  const media = mediaKindOf(type);
  const rule = media === 'file' ? undefined : RULES[media];
  return { sendAs: rule && rule.types.includes(type) && file.size <= rule.max ? media : 'file' };
}

const cloudApi = (config: AdapterConfig, account: ChannelAccount): WhatsAppClientConfig => ({
  graphUrl: account.apiBaseUrl ?? config.metaGraphUrl,
  accessToken: account.accessToken,
  phoneNumberId: account.externalId,
  businessAccountId: account.businessAccountId ?? undefined,
  fetch: config.fetch,
});

/** A WhatsApp Business number through the Cloud API (PLATFORMS.md D). */
export const whatsAppPlatform: ChannelPlatform = {
  kind: 'WHATSAPP',
  capabilities: whatsAppCapabilities,
  planMedia: planWhatsAppMedia,
  createAdapter: (config) => ({
    kind: 'WHATSAPP',
    capabilities: whatsAppCapabilities,
    ...withoutComments,
    parseWebhook: (body, _account, unreadable) => parseWhatsAppWebhook(body, unreadable),
    sendText: (account, message) => sendWhatsAppText(cloudApi(config, account), { to: message.recipientId, text: message.text, callbackData: message.metadata }),
    sendTemplate: (account, message) =>
      sendWhatsAppTemplate(cloudApi(config, account), {
        to: message.recipientId,
        name: message.name,
        language: message.language,
        params: message.params,
        callbackData: message.metadata,
      }),
    async sendMedia(account, media) {
      const sendAs = sendAsOrRefuse(planWhatsAppMedia, media);
      // uploaded to `/{phone-number-id}/media` first, then sent by its media id
      const api = cloudApi(config, account);
      const mediaId = await uploadWhatsAppMedia(api, { data: media.bytes, fileName: media.fileName, mimeType: media.mimeType });
      const as = sendAs === 'voice' ? 'audio' : sendAs;
      return sendWhatsAppMedia(api, { to: media.recipientId, type: as === 'file' ? 'document' : as, mediaId, fileName: media.fileName, callbackData: media.metadata });
    },
    planMedia: planWhatsAppMedia,
    async listTemplates(account) {
      if (!account.businessAccountId) return [];
      return (await listWhatsAppTemplates(cloudApi(config, account))).map((t) => ({
        name: t.name,
        language: t.language,
        category: t.category ?? null,
        body: t.body ?? null,
        paramCount: t.paramCount,
      }));
    },
    async markSeen(account, seen) {
      if (seen.lastInboundMessageId) await markWhatsAppRead(cloudApi(config, account), seen.lastInboundMessageId);
    },
    fetchProfile: async () => null,
    async mediaSource(account, media) {
      if (media.url) return { url: media.url };
      if (!media.mediaId) return unresolvable(account);
      // two steps: the media id gives a short-lived URL, fetched with the same bearer token
      const info = await getWhatsAppMedia(cloudApi(config, account), media.mediaId);
      return { url: info.url, headers: { authorization: `Bearer ${account.accessToken}` } };
    },
    async checkHealth(account) {
      await namingMissingPermission(whatsAppCapabilities.healthCheckPermission, () => getPhoneNumber(cloudApi(config, account)));
      return { ok: true };
    },
    async connect(account) {
      const number = await getPhoneNumber(cloudApi(config, account));
      return { name: number.verifiedName || number.displayPhoneNumber };
    },
    newWebhookSecret: () => null,
    registerWebhook: async () => {},
  }),
};
