import {
  MalformedWebhookError,
  type AttachmentKind,
  type InboundAttachment,
  type InboundEvent,
  type UnreadableEvent,
} from '../types';
import { isObject } from '../http';
import { epochDate, idOf, isNonEmptyString, stringOf } from '../meta/json-values';

type JsonObject = Record<string, unknown>;

/**
 * Normalises a Messenger webhook body (`object: "page"`), or an Instagram one (`object:
 * "instagram"`: the same envelope and events, with `read.mid` instead of a watermark). Every entry and every event in
 * `messaging[]` and `standby[]` is read, because Meta batches both levels. Event kinds we don't
 * handle (reactions, referrals, opt-ins...) are skipped silently so one of them never makes Meta
 * retry the whole batch. With `unreadable` given, an event that cannot be read goes there instead
 * of failing the whole body.
 */
export function parseMessengerWebhook(body: unknown, object: 'page' | 'instagram' = 'page', unreadable?: UnreadableEvent[]): InboundEvent[] {
  if (!isObject(body) || body.object !== object || !Array.isArray(body.entry)) {
    throw new MalformedWebhookError(`Expected a Meta webhook: an object with object "${object}" and an entry array.`);
  }
  const events: InboundEvent[] = [];
  body.entry.forEach((entry, index) => {
    if (!isObject(entry)) throw new MalformedWebhookError(`entry[${index}] is not an object.`);
    for (const key of ['messaging', 'standby'] as const) {
      const list = entry[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) throw new MalformedWebhookError(`entry[${index}].${key} is not an array.`);
      for (const event of list) {
        try {
          const parsed = parseEvent(event, entry, `entry[${index}].${key}`);
          if (parsed) events.push(parsed);
        } catch (error) {
          if (!unreadable || !(error instanceof MalformedWebhookError)) throw error;
          unreadable.push({ channelExternalId: idOf(entry.id), reason: error.message, raw: event });
        }
      }
    }
  });
  return events;
}

function parseEvent(event: unknown, entry: JsonObject, where: string): InboundEvent | null {
  if (!isObject(event)) throw new MalformedWebhookError(`${where} holds an event that is not an object.`);
  const message = isObject(event.message) ? event.message : undefined;
  const postback = isObject(event.postback) ? event.postback : undefined;
  const delivery = isObject(event.delivery) ? event.delivery : undefined;
  const read = isObject(event.read) ? event.read : undefined;
  if (!message && !postback && !delivery && !read) return null;

  // Chat-plugin guests come as sender.user_ref and can't be addressed by PSID; not a channel we serve.
  if (isObject(event.sender) && event.sender.id === undefined && event.sender.user_ref !== undefined) return null;

  const senderId = idOf(isObject(event.sender) ? event.sender.id : undefined);
  const recipientId = idOf(isObject(event.recipient) ? event.recipient.id : undefined);
  if (!senderId || !recipientId) throw new MalformedWebhookError(`${where} has an event without sender.id or recipient.id.`);

  const isEcho = message?.is_echo === true;
  // Echoes swap the roles: the page is the sender and the customer the recipient.
  const pageSide = isEcho ? senderId : recipientId;
  const customer = isEcho ? recipientId : senderId;
  const base = { channelExternalId: idOf(entry.id) ?? pageSide, contactExternalId: customer, raw: event };

  // an Instagram unsend: nothing new to show (removing the stored copy comes later)
  if (message?.is_deleted === true) return null;

  if (message) {
    const mid = requireMid(message.mid, where);
    const common = {
      ...base,
      providerMessageId: mid,
      timestamp: requireTime(event.timestamp ?? entry.time, where),
      text: stringOf(message.text),
      attachments: parseAttachments(message.attachments),
    };
    if (!isEcho) return { type: 'message', ...common };
    return {
      type: 'echo',
      ...common,
      appId: idOf(message.app_id),
      metadata: typeof message.metadata === 'string' ? message.metadata : undefined,
    };
  }

  if (postback) {
    // Postbacks carry a mid since Graph v11; without one there's nothing to dedupe or store against.
    const mid = idOf(postback.mid);
    if (!mid) return null;
    return {
      type: 'message',
      ...base,
      providerMessageId: mid,
      timestamp: requireTime(event.timestamp ?? entry.time, where),
      text: stringOf(postback.title),
      attachments: [],
    };
  }

  if (delivery) {
    return {
      type: 'delivery',
      ...base,
      providerMessageIds: Array.isArray(delivery.mids) ? delivery.mids.filter(isNonEmptyString) : [],
      watermark: toDate(delivery.watermark),
    };
  }

  if (read) {
    const watermark = toDate(read.watermark);
    return {
      type: 'read',
      ...base,
      // Instagram names the last message seen instead of giving a watermark
      providerMessageIds: idOf(read.mid) ? [idOf(read.mid)!] : [],
      watermark,
      timestamp: toDate(event.timestamp) ?? watermark ?? requireTime(entry.time, where),
    };
  }
  return null;
}

const DIRECT_KINDS: Record<string, AttachmentKind> = {
  image: 'image',
  audio: 'audio',
  video: 'video',
  file: 'file',
  sticker: 'sticker',
  fallback: 'link',
  location: 'location',
  // Reels arrive as a playable video URL.
  reel: 'video',
  ig_reel: 'video',
};

function parseAttachments(value: unknown): InboundAttachment[] {
  if (!Array.isArray(value)) return [];
  const attachments = value.filter(isObject);

  // Until the sticker transition ends a sticker comes twice, as an image and as a sticker; older
  // payloads send only an image whose payload has a sticker_id. Either way it is one sticker.
  const stickers = attachments.filter((a) => a.type === 'sticker').map((a) => payloadOf(a));
  const stickerUrls = new Set(stickers.map((p) => stringOf(p.url)).filter(isNonEmptyString));
  const stickerIds = new Set(stickers.map((p) => idOf(p.sticker_id)).filter(isNonEmptyString));

  const result: InboundAttachment[] = [];
  for (const attachment of attachments) {
    const payload = payloadOf(attachment);
    const type = typeof attachment.type === 'string' ? attachment.type : '';
    const url = stringOf(payload.url) ?? stringOf(attachment.URL) ?? stringOf(attachment.url);
    const stickerId = idOf(payload.sticker_id);

    if (type === 'image' && ((url && stickerUrls.has(url)) || (stickerId && stickerIds.has(stickerId)))) continue;
    const kind: AttachmentKind = type === 'image' && stickerId ? 'sticker' : (DIRECT_KINDS[type] ?? 'other');

    const parsed: InboundAttachment = { kind };
    const location = kind === 'location' ? geoUri(payload.coordinates) : undefined;
    if (location ?? url) parsed.url = location ?? url;
    if (kind === 'file' && url) {
      const fileName = fileNameFromUrl(url);
      if (fileName) parsed.fileName = fileName;
    }
    result.push(parsed);
  }
  return result;
}

function payloadOf(attachment: JsonObject): JsonObject {
  return isObject(attachment.payload) ? attachment.payload : {};
}

function geoUri(coordinates: unknown): string | undefined {
  if (!isObject(coordinates)) return undefined;
  const lat = Number(coordinates.lat);
  const long = Number(coordinates.long);
  return Number.isFinite(lat) && Number.isFinite(long) ? `geo:${lat},${long}` : undefined;
}

// Messenger file URLs end with the original file name before the signed query string.
function fileNameFromUrl(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    const name = decodeURIComponent(last);
    return name.includes('.') ? name : undefined;
  } catch {
    return undefined;
  }
}

function requireMid(value: unknown, where: string): string {
  const mid = idOf(value);
  if (!mid) throw new MalformedWebhookError(`${where} has a message without a mid.`);
  return mid;
}

/** A time that is there but unreadable (`1e400`, `"soon"`) is an invalid Date: the domain puts the time received instead. */
function requireTime(value: unknown, where: string): Date {
  if (value === undefined || value === null) throw new MalformedWebhookError(`${where} has an event without a timestamp.`);
  return toDate(value) ?? new Date(NaN);
}

/** Meta timestamps and watermarks are epoch milliseconds. */
function toDate(value: unknown): Date | undefined {
  return epochDate(value, 'ms');
}
