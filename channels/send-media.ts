/**
 * One file to one customer, on any platform (the gateway's `sendMedia`):
 * - Messenger: uploaded with the message (multipart `filedata`), since Meta may not be able to
 *   reach a URL of ours;
 * - Instagram: PLATFORMS.md B.3 only knows attachments by `payload.url`, so Instagram gets a
 *   signed, expiring link to the file under PUBLIC_URL (`OutgoingMedia.url`) and fetches it;
 * - WhatsApp: uploaded to `/{phone-number-id}/media`, then sent by its media id;
 * - Telegram: uploaded with sendPhoto / sendAudio / sendVoice / sendVideo / sendDocument.
 * Which form a file takes (photo or document...) is decided by `planOutboundMedia`.
 */
import { sendMessengerAttachment, uploadMessengerAttachment, type MessengerClientConfig } from './messenger/client';
import { planOutboundMedia } from './outbound-media';
import {
  sendTelegramAudio,
  sendTelegramDocument,
  sendTelegramPhoto,
  sendTelegramVideo,
  sendTelegramVoice,
  type TelegramClientConfig,
} from './telegram/client';
import { ChannelSendError, type ChannelKind, type SendResult } from './types';
import { sendWhatsAppMedia, uploadWhatsAppMedia, type WhatsAppClientConfig } from './whatsapp/client';

export interface OutgoingMedia {
  recipientId: string;
  bytes: Uint8Array;
  mimeType: string;
  fileName: string;
  /**
   * A public, signed, expiring link to the same bytes under PUBLIC_URL, for platforms that only
   * take a URL and download the file themselves (Instagram). Unset when no link can be signed.
   */
  url?: string;
  tag?: 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'POST_PURCHASE_UPDATE' | 'CONFIRMED_EVENT_UPDATE';
  /** Our own id for this part, echoed back where the platform supports it. */
  metadata?: string;
}

export interface MediaClients {
  meta: MessengerClientConfig;
  telegram: TelegramClientConfig;
  whatsapp: WhatsAppClientConfig;
}

export async function sendMediaOn(kind: ChannelKind, media: OutgoingMedia, clients: MediaClients): Promise<SendResult> {
  const plan = planOutboundMedia(kind, { mimeType: media.mimeType, size: media.bytes.byteLength, fileName: media.fileName });
  if (plan.problem !== undefined) throw new ChannelSendError('permanent', plan.problem);
  const file = { data: media.bytes, fileName: media.fileName, mimeType: media.mimeType };
  const as = plan.sendAs === 'voice' ? 'audio' : plan.sendAs;
  switch (kind) {
    case 'MESSENGER':
      return uploadMessengerAttachment(clients.meta, { recipientId: media.recipientId, kind: as, file, tag: media.tag, metadata: media.metadata });
    case 'INSTAGRAM':
      if (!media.url) {
        throw new ChannelSendError(
          'permanent',
          'Instagram downloads files from a link to this server, and none could be made: set META_APP_SECRET (it signs the link) and PUBLIC_URL.',
        );
      }
      return sendMessengerAttachment(clients.meta, { recipientId: media.recipientId, kind: as, url: media.url, tag: media.tag, metadata: media.metadata });
    case 'WHATSAPP': {
      const mediaId = await uploadWhatsAppMedia(clients.whatsapp, file);
      return sendWhatsAppMedia(clients.whatsapp, {
        to: media.recipientId,
        type: as === 'file' ? 'document' : as,
        mediaId,
        fileName: media.fileName,
        callbackData: media.metadata,
      });
    }
    case 'TELEGRAM': {
      const input = { chatId: media.recipientId, file };
      switch (plan.sendAs) {
        case 'image':
          return sendTelegramPhoto(clients.telegram, input);
        case 'audio':
          return sendTelegramAudio(clients.telegram, input);
        case 'voice':
          return sendTelegramVoice(clients.telegram, input);
        case 'video':
          return sendTelegramVideo(clients.telegram, input);
        default:
          return sendTelegramDocument(clients.telegram, input);
      }
    }
  }
}
