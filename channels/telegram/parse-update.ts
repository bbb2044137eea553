import { MalformedWebhookError, type InboundAttachment, type InboundEvent, type InboundMessageEvent } from '../types';
import { telegramProviderMessageId } from './ids';
import { isObject } from '../http';

type JsonObject = Record<string, unknown>;

export interface ParseTelegramUpdateOptions {
  /**
   * What to do with `edited_message` (a customer changed a message they sent earlier):
   * - `as-message` (default): report the edit as a new message whose text is the new version, with
   *   provider id `${chat.id}:${message_id}:edit:${edit_date}`, so it neither collides with the
   *   original in dedupe nor is lost. `raw.edited_message` tells it apart from a fresh message.
   * - `ignore`: drop edits; the inbox keeps the text as first received.
   * Live-location updates also arrive as edits; they are always dropped.
   */
  editedMessages?: 'as-message' | 'ignore';
}

/** Message fields that carry content we can't render but the agent should know arrived. */
const OTHER_CONTENT_KEYS = ['game', 'story', 'invoice', 'paid_media', 'checklist', 'giveaway', 'giveaway_winners'] as const;

/**
 * Normalises one Telegram webhook Update (Telegram sends exactly one per POST). Only messages in
 * private chats with the bot become events: group, supergroup and channel traffic, callback
 * queries, member updates, reactions and every other update kind give an empty list, so an
 * update we don't handle is acknowledged rather than retried.
 *
 * `botId` is the bot's numeric id (`getMe().id`, also the part of the token before the colon);
 * it becomes `channelExternalId`. The customer is the private chat's id, which Telegram makes
 * equal to the user's id and which is also what `sendMessage` needs as `chat_id`.
 */
export function parseTelegramUpdate(body: unknown, botId: string, options: ParseTelegramUpdateOptions = {}): InboundEvent[] {
  requireUpdateId(body);
  const update = body as JsonObject;

  if (update.message !== undefined) {
    const event = parseMessage(update.message, 'message', update, botId);
    return event ? [event] : [];
  }
  if (update.edited_message !== undefined) {
    if ((options.editedMessages ?? 'as-message') === 'ignore') return [];
    const event = parseMessage(update.edited_message, 'edited_message', update, botId);
    return event ? [event] : [];
  }
  return [];
}

function requireUpdateId(body: unknown): number {
  if (!isObject(body)) throw new MalformedWebhookError('Expected a Telegram Update: a JSON object.');
  const id = body.update_id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw new MalformedWebhookError('Expected a Telegram Update with a numeric update_id.');
  }
  return id;
}

function parseMessage(value: unknown, key: 'message' | 'edited_message', update: JsonObject, botId: string): InboundMessageEvent | null {
  if (!isObject(value)) throw new MalformedWebhookError(`update.${key} is not an object.`);
  const chat = value.chat;
  if (!isObject(chat)) throw new MalformedWebhookError(`update.${key} has no chat.`);
  // Groups, supergroups and channels are not conversations with one customer; we don't serve them.
  if (chat.type !== 'private') return null;
  const from = isObject(value.from) ? value.from : undefined;
  if (from?.is_bot === true) return null;

  const chatId = integer(chat.id);
  const messageId = integer(value.message_id);
  // a date that is there but absurd becomes the time received (the domain replaces invalid times)
  const date = value.date === undefined || value.date === null ? undefined : (integer(value.date) ?? NaN);
  if (chatId === undefined || messageId === undefined || date === undefined) {
    throw new MalformedWebhookError(`update.${key} lacks chat.id, message_id or date.`);
  }

  let providerMessageId = telegramProviderMessageId(chatId, messageId);
  let timestamp = new Date(date * 1000);
  if (key === 'edited_message') {
    // A live location moving on the map; not something the customer wrote.
    if (value.location !== undefined) return null;
    const editDate = integer(value.edit_date) ?? date;
    providerMessageId = `${providerMessageId}:edit:${editDate}`;
    timestamp = new Date(editDate * 1000);
  }

  const content = parseContent(value);
  if (content === null) return null;

  const event: InboundMessageEvent = {
    type: 'message',
    channelExternalId: botId,
    contactExternalId: String(chatId),
    providerMessageId,
    timestamp,
    attachments: content.attachments,
    raw: update,
  };
  if (content.text !== undefined) event.text = content.text;
  const profile = profileOf(from ?? chat);
  if (profile) event.profile = profile;
  return event;
}

interface Content {
  text?: string;
  attachments: InboundAttachment[];
}

/** Text and attachments of a message; null for a service message (pinned message, payment receipt...). */
function parseContent(message: JsonObject): Content | null {
  const attachments: InboundAttachment[] = [];
  const texts: string[] = [];
  const text = nonEmpty(message.text) ?? nonEmpty(message.caption);
  if (text !== undefined) texts.push(text);
  let known = text !== undefined;

  const photo = largestPhoto(message.photo);
  if (photo) {
    attachments.push(fileAttachment('image', photo, { mimeType: 'image/jpeg' }));
    known = true;
  }
  if (isObject(message.voice)) {
    // Voice notes are always OGG/Opus; mime_type is usually there but not guaranteed.
    attachments.push(fileAttachment('audio', message.voice, { mimeType: 'audio/ogg' }));
    known = true;
  }
  if (isObject(message.audio)) {
    attachments.push(fileAttachment('audio', message.audio));
    known = true;
  }
  if (isObject(message.video)) {
    attachments.push(fileAttachment('video', message.video));
    known = true;
  }
  if (isObject(message.video_note)) {
    // Round video messages: square MP4 without a file name or declared type.
    attachments.push(fileAttachment('video', message.video_note, { mimeType: 'video/mp4' }));
    known = true;
  }
  if (isObject(message.animation)) {
    // GIFs arrive as silent MP4 animations; Telegram also fills `document` with the same file.
    attachments.push(fileAttachment('video', message.animation));
    known = true;
  } else if (isObject(message.document)) {
    attachments.push(fileAttachment('file', message.document));
    known = true;
  }
  if (isObject(message.sticker)) {
    attachments.push(fileAttachment('sticker', message.sticker, { mimeType: stickerMimeType(message.sticker) }));
    known = true;
  }

  const venue = isObject(message.venue) ? message.venue : undefined;
  const location = isObject(message.location) ? message.location : isObject(venue?.location) ? venue.location : undefined;
  if (location) {
    const lat = Number(location.latitude);
    const long = Number(location.longitude);
    attachments.push(Number.isFinite(lat) && Number.isFinite(long) ? { kind: 'location', url: `geo:${lat},${long}` } : { kind: 'location' });
    known = true;
  }
  if (venue) {
    const lines = [nonEmpty(venue.title), nonEmpty(venue.address)].filter(isString);
    if (lines.length) texts.push(lines.join('\n'));
    known = true;
  }
  if (isObject(message.contact)) {
    const contact = message.contact;
    const name = [nonEmpty(contact.first_name), nonEmpty(contact.last_name)].filter(isString).join(' ');
    const lines = [name || undefined, nonEmpty(contact.phone_number)].filter(isString);
    if (lines.length) texts.push(lines.join('\n'));
    known = true;
  }
  if (isObject(message.poll)) {
    const question = nonEmpty(message.poll.question);
    if (question) texts.push(question);
    attachments.push({ kind: 'other' });
    known = true;
  }
  if (isObject(message.dice)) {
    const emoji = nonEmpty(message.dice.emoji);
    if (emoji) texts.push(emoji);
    known = true;
  }
  for (const key of OTHER_CONTENT_KEYS) {
    if (message[key] !== undefined) {
      attachments.push({ kind: 'other' });
      known = true;
    }
  }

  if (!known) return null;
  const content: Content = { attachments };
  if (texts.length) content.text = texts.join('\n');
  return content;
}

// Telegram sends several sizes of one photo; the largest is the original (or close to it).
function largestPhoto(value: unknown): JsonObject | undefined {
  if (!Array.isArray(value)) return undefined;
  let best: JsonObject | undefined;
  let bestArea = -1;
  let bestSize = -1;
  for (const size of value) {
    if (!isObject(size) || typeof size.file_id !== 'string') continue;
    const area = (integer(size.width) ?? 0) * (integer(size.height) ?? 0);
    const bytes = integer(size.file_size) ?? 0;
    if (area > bestArea || (area === bestArea && bytes > bestSize)) {
      best = size;
      bestArea = area;
      bestSize = bytes;
    }
  }
  return best;
}

function fileAttachment(kind: InboundAttachment['kind'], file: JsonObject, defaults: { mimeType?: string } = {}): InboundAttachment {
  const attachment: InboundAttachment = { kind };
  const fileId = nonEmpty(file.file_id);
  if (fileId) attachment.mediaId = fileId;
  const mimeType = nonEmpty(file.mime_type) ?? defaults.mimeType;
  if (mimeType) attachment.mimeType = mimeType;
  const fileName = nonEmpty(file.file_name);
  if (fileName) attachment.fileName = fileName;
  const size = integer(file.file_size);
  if (size !== undefined) attachment.size = size;
  const duration = integer(file.duration);
  if (duration !== undefined) attachment.durationSeconds = duration;
  return attachment;
}

function stickerMimeType(sticker: JsonObject): string {
  if (sticker.is_animated === true) return 'application/x-tgsticker';
  if (sticker.is_video === true) return 'video/webm';
  return 'image/webp';
}

function profileOf(user: JsonObject): InboundMessageEvent['profile'] | undefined {
  const displayName = [nonEmpty(user.first_name), nonEmpty(user.last_name)].filter(isString).join(' ');
  const username = nonEmpty(user.username);
  if (!displayName && !username) return undefined;
  const profile: NonNullable<InboundMessageEvent['profile']> = {};
  if (displayName) profile.displayName = displayName;
  if (username) profile.username = username;
  return profile;
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
