import {
  MalformedWebhookError,
  type AttachmentKind,
  type InboundAttachment,
  type InboundEvent,
  type InboundMessageEvent,
  type SendFailedEvent,
  type UnreadableEvent,
} from '../types';
import { describeWhatsAppStatusError } from './errors';
import { isObject } from '../http';
import { epochDate, idOf, stringOf } from '../meta/json-values';

type JsonObject = Record<string, unknown>;

/**
 * Normalises a WhatsApp Cloud API webhook body (`object: "whatsapp_business_account"`,
 * PLATFORMS.md D.1). Every entry and every change is read; only changes with field `messages` carry
 * events (template status updates, account updates... are skipped). The channel is the business
 * phone number: `value.metadata.phone_number_id`.
 *
 * Messages: every Cloud API type becomes a `message` event.
 * - text → text; image / video / audio / document / sticker → one attachment with the platform
 *   `mediaId` and `mimeType` (the caption becomes the text). Media is fetched later in two steps
 *   (client.ts), so the webhook's own `url`, which needs the token anyway, is not used.
 * - audio with `voice: true` is a recorded voice note: attachment `{ kind: 'audio', voice: true }`.
 * - document keeps its `filename`; location becomes a `geo:lat,long` location attachment with the
 *   place name and address as text; a shared contact card becomes text ("Name: +phone").
 * - interactive button / list replies and template quick-reply buttons become the tapped title as
 *   text, so the operator reads what the customer chose.
 * - `unsupported` (and any type this parser doesn't know) becomes a message with one `other`
 *   attachment: a placeholder, so nothing the customer sent silently disappears.
 * - Skipped: `reaction` (an emoji on an earlier message is not a new message, and there is no
 *   event kind for it yet), `system` (number changes; no customer content) and
 *   `request_welcome` (the customer opened the chat; nothing was written).
 * The profile comes from the matching `contacts[]` entry: `profile.name`, `profile.username` and
 * the phone `wa_id`. Customers are keyed on `wa_id` (the number we send to); for 2026 username
 * users without a number, on the business-scoped `user_id`.
 *
 * Statuses: `delivered` → delivery event, `read` (and `played`, for voice notes) → read event, each
 * naming the one wamid in `providerMessageIds` with the status's own timestamp as watermark (and
 * read timestamp); `failed` → a `failed` event with a readable, classified error. `sent` is
 * skipped: the send call's 200 already made the message SENT. Statuses arrive out of order and
 * more than once; events keep the body's order and the dedupe key collapses repeats, so the
 * domain must apply them monotonically (sent < delivered < read, failed terminal).
 *
 * Throws MalformedWebhookError when the body is not shaped like a WhatsApp webhook.
 */
export function parseWhatsAppWebhook(body: unknown, unreadable?: UnreadableEvent[]): InboundEvent[] {
  if (!isObject(body) || body.object !== 'whatsapp_business_account' || !Array.isArray(body.entry)) {
    throw new MalformedWebhookError(
      'Expected a WhatsApp webhook: an object with object "whatsapp_business_account" and an entry array.',
    );
  }
  const events: InboundEvent[] = [];
  body.entry.forEach((entry, e) => {
    if (!isObject(entry)) throw new MalformedWebhookError(`entry[${e}] is not an object.`);
    if (!Array.isArray(entry.changes)) throw new MalformedWebhookError(`entry[${e}].changes is not an array.`);
    entry.changes.forEach((change, c) => {
      const where = `entry[${e}].changes[${c}]`;
      if (!isObject(change)) throw new MalformedWebhookError(`${where} is not an object.`);
      if (change.field !== 'messages') return;
      events.push(...parseMessagesValue(change.value, where, unreadable));
    });
  });
  return events;
}

function parseMessagesValue(value: unknown, where: string, unreadable?: UnreadableEvent[]): InboundEvent[] {
  if (!isObject(value)) throw new MalformedWebhookError(`${where}.value is not an object.`);
  const metadata = value.metadata;
  const channelExternalId = isObject(metadata) ? idOf(metadata.phone_number_id) : undefined;
  if (!channelExternalId) throw new MalformedWebhookError(`${where}.value has no metadata.phone_number_id.`);

  const contacts = optionalArray(value.contacts, `${where}.value.contacts`).filter(isObject);
  const messages = optionalArray(value.messages, `${where}.value.messages`);
  const statuses = optionalArray(value.statuses, `${where}.value.statuses`);

  const events: InboundEvent[] = [];
  // one unreadable message or status is set aside (when the caller collects them), not the batch
  const each = (raw: unknown, parse: () => InboundEvent | null) => {
    try {
      const event = parse();
      if (event) events.push(event);
    } catch (error) {
      if (!unreadable || !(error instanceof MalformedWebhookError)) throw error;
      unreadable.push({ channelExternalId, reason: error.message, raw });
    }
  };
  messages.forEach((message, i) => each(message, () => parseMessage(message, contacts, channelExternalId, `${where}.value.messages[${i}]`)));
  statuses.forEach((status, i) => each(status, () => parseStatus(status, channelExternalId, `${where}.value.statuses[${i}]`)));
  return events;
}

// ------------------------------------------------------------------------------------ Messages

const SKIPPED_TYPES = new Set(['reaction', 'system', 'request_welcome']);
const MEDIA_KINDS: Record<string, AttachmentKind> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  sticker: 'sticker',
};

function parseMessage(message: unknown, contacts: JsonObject[], channelExternalId: string, where: string): InboundMessageEvent | null {
  if (!isObject(message)) throw new MalformedWebhookError(`${where} is not an object.`);
  const type = stringOf(message.type);
  if (!type) throw new MalformedWebhookError(`${where} has no type.`);
  if (SKIPPED_TYPES.has(type)) return null;

  const id = idOf(message.id);
  if (!id) throw new MalformedWebhookError(`${where} has no id.`);
  const timestamp = requireTime(message.timestamp, `${where} has no timestamp.`);

  const from = idOf(message.from);
  const fromUserId = idOf(message.from_user_id);
  const contact =
    contacts.find((c) => (from !== undefined && idOf(c.wa_id) === from) || (fromUserId !== undefined && idOf(c.user_id) === fromUserId)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const waId = from ?? idOf(contact?.wa_id);
  const contactExternalId = waId ?? fromUserId ?? idOf(contact?.user_id);
  if (!contactExternalId) throw new MalformedWebhookError(`${where} has no sender (from, wa_id or user_id).`);

  const content = parseContent(type, message, where);
  const event: InboundMessageEvent = {
    type: 'message',
    channelExternalId,
    contactExternalId,
    providerMessageId: id,
    timestamp,
    attachments: content.attachments,
    raw: message,
  };
  if (content.text !== undefined) event.text = content.text;
  const profile = profileOf(contact, waId);
  if (profile) event.profile = profile;
  return event;
}

interface Content {
  text?: string;
  attachments: InboundAttachment[];
}

function parseContent(type: string, message: JsonObject, where: string): Content {
  const media = MEDIA_KINDS[type];
  if (media) {
    const payload = message[type];
    if (!isObject(payload)) throw new MalformedWebhookError(`${where} is a ${type} message without a ${type} object.`);
    const mediaId = idOf(payload.id);
    if (!mediaId) throw new MalformedWebhookError(`${where} is a ${type} message without a media id.`);
    const attachment: InboundAttachment = { kind: media, mediaId };
    const mimeType = stringOf(payload.mime_type);
    if (mimeType) attachment.mimeType = mimeType;
    if (type === 'document') {
      const fileName = stringOf(payload.filename);
      if (fileName) attachment.fileName = fileName;
    }
    if (type === 'audio' && payload.voice === true) attachment.voice = true;
    return { text: stringOf(payload.caption), attachments: [attachment] };
  }

  switch (type) {
    case 'text': {
      const text = isObject(message.text) ? stringOf(message.text.body) : undefined;
      if (text === undefined) throw new MalformedWebhookError(`${where} is a text message without text.body.`);
      return { text, attachments: [] };
    }
    case 'location':
      return parseLocation(message.location, where);
    case 'contacts':
      return { text: contactCardsText(message.contacts), attachments: [] };
    case 'interactive':
      return { text: interactiveText(message.interactive), attachments: [] };
    case 'button': {
      const button = isObject(message.button) ? message.button : {};
      return { text: stringOf(button.text) ?? stringOf(button.payload), attachments: [] };
    }
    default:
      // `unsupported` (polls, view-once media, ...) and types newer than this parser.
      return { attachments: [{ kind: 'other' }] };
  }
}

function parseLocation(value: unknown, where: string): Content {
  if (!isObject(value)) throw new MalformedWebhookError(`${where} is a location message without a location object.`);
  const lat = Number(value.latitude);
  const long = Number(value.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(long)) {
    throw new MalformedWebhookError(`${where} is a location without latitude/longitude.`);
  }
  const text = [stringOf(value.name), stringOf(value.address)].filter(Boolean).join('\n');
  const content: Content = { attachments: [{ kind: 'location', url: `geo:${lat},${long}` }] };
  if (text) content.text = text;
  return content;
}

/** "Ana Souza: +55 11 98765-4321, +5511...": one line per shared card. */
function contactCardsText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const lines = value.filter(isObject).map((card) => {
    const name = isObject(card.name)
      ? (stringOf(card.name.formatted_name) ??
        [stringOf(card.name.first_name), stringOf(card.name.last_name)].filter(Boolean).join(' '))
      : undefined;
    const phones = Array.isArray(card.phones)
      ? card.phones.filter(isObject).map((p) => stringOf(p.phone) ?? (idOf(p.wa_id) ? `+${idOf(p.wa_id)}` : undefined))
      : [];
    const numbers = phones.filter(Boolean).join(', ');
    const label = name || 'Contact';
    return numbers ? `${label}: ${numbers}` : label;
  });
  return lines.length ? lines.join('\n') : undefined;
}

function interactiveText(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const reply =
    (isObject(value.button_reply) && value.button_reply) || (isObject(value.list_reply) && value.list_reply) || undefined;
  if (reply) return stringOf(reply.title) ?? idOf(reply.id);
  // WhatsApp Flows answer with `nfm_reply`: a summary in `body`, the answers in `response_json`.
  if (isObject(value.nfm_reply)) return stringOf(value.nfm_reply.body) ?? stringOf(value.nfm_reply.name);
  return undefined;
}

function profileOf(contact: JsonObject | undefined, waId: string | undefined): InboundMessageEvent['profile'] {
  const profile: NonNullable<InboundMessageEvent['profile']> = {};
  const fromContact = isObject(contact?.profile) ? contact.profile : {};
  const displayName = stringOf(fromContact.name);
  const username = stringOf(fromContact.username);
  if (displayName) profile.displayName = displayName;
  if (username) profile.username = username;
  if (waId) profile.phone = waId;
  return Object.keys(profile).length ? profile : undefined;
}

// ------------------------------------------------------------------------------------ Statuses

function parseStatus(status: unknown, channelExternalId: string, where: string): InboundEvent | null {
  if (!isObject(status)) throw new MalformedWebhookError(`${where} is not an object.`);
  const id = idOf(status.id);
  const state = stringOf(status.status);
  if (!id || !state) throw new MalformedWebhookError(`${where} needs id, status and timestamp.`);
  const timestamp = requireTime(status.timestamp, `${where} needs id, status and timestamp.`);
  const contactExternalId = idOf(status.recipient_id) ?? idOf(status.recipient_user_id);
  if (!contactExternalId) throw new MalformedWebhookError(`${where} has no recipient_id.`);
  const base = { channelExternalId, contactExternalId, raw: status };

  switch (state) {
    case 'delivered':
      return { type: 'delivery', ...base, providerMessageIds: [id], watermark: timestamp };
    case 'read':
    case 'played':
      return { type: 'read', ...base, providerMessageIds: [id], watermark: timestamp, timestamp };
    case 'failed': {
      const error = describeWhatsAppStatusError(status.errors);
      const event: SendFailedEvent = { type: 'failed', ...base, providerMessageId: id, timestamp, error: { ...error } };
      const metadata = stringOf(status.biz_opaque_callback_data);
      if (metadata) event.metadata = metadata;
      return event;
    }
    default:
      // `sent` (already known from the send call) and anything newer, e.g. `deleted`.
      return null;
  }
}

// ------------------------------------------------------------------------------------ Helpers

function optionalArray(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedWebhookError(`${where} is not an array.`);
  return value;
}

/** A time that is there but unreadable is an invalid Date: the domain puts the time received instead. */
function requireTime(value: unknown, missing: string): Date {
  if (value === undefined || value === null || value === '') throw new MalformedWebhookError(missing);
  return toDate(value) ?? new Date(NaN);
}

/** WhatsApp timestamps are epoch SECONDS as strings. */
function toDate(value: unknown): Date | undefined {
  return epochDate(value, 's');
}
