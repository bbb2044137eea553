/**
 * What every channel adapter hands the domain, and what the domain hands back. Adapters turn a
 * platform's JSON into these shapes; the domain never sees a platform's JSON.
 */

export type ChannelKind = 'MESSENGER' | 'INSTAGRAM' | 'WHATSAPP' | 'TELEGRAM';

export type AttachmentKind = 'image' | 'audio' | 'video' | 'file' | 'sticker' | 'location' | 'link' | 'other';

export interface InboundAttachment {
  kind: AttachmentKind;
  /** Where the platform serves it (Messenger CDN URL), or a platform media id to resolve later. */
  url?: string;
  mediaId?: string;
  mimeType?: string;
  fileName?: string;
  size?: number;
  durationSeconds?: number;
  /** A recorded voice note (WhatsApp `audio.voice: true`), as opposed to a forwarded audio file. */
  voice?: boolean;
}

interface EventBase {
  /** The page / account / number / bot the event belongs to, as the platform names it. */
  channelExternalId: string;
  /** The customer's id on the platform (PSID, IGSID, wa_id, Telegram user id). */
  contactExternalId: string;
  /** The raw event object, stored verbatim beside the normalised rows. */
  raw: unknown;
}

/** A customer wrote to us. */
export interface InboundMessageEvent extends EventBase {
  type: 'message';
  providerMessageId: string;
  timestamp: Date;
  text?: string;
  attachments: InboundAttachment[];
  /** Profile facts that came with the event itself (WhatsApp profile name, Telegram from). */
  profile?: { displayName?: string; username?: string; phone?: string };
}

/** Something we (this app or another inbox on the same page) sent, echoed back by the platform. */
export interface EchoEvent extends EventBase {
  type: 'echo';
  providerMessageId: string;
  timestamp: Date;
  text?: string;
  attachments: InboundAttachment[];
  appId?: string;
  /** The metadata we attached when sending: our own message id. */
  metadata?: string;
}

/** Our messages up to `watermark` (or those listed) reached the customer's device. */
export interface DeliveryEvent extends EventBase {
  type: 'delivery';
  providerMessageIds: string[];
  watermark?: Date;
}

/** The customer read our messages up to `watermark` (or the one listed). */
export interface ReadEvent extends EventBase {
  type: 'read';
  providerMessageIds: string[];
  watermark?: Date;
  timestamp: Date;
}

/**
 * One of our messages could not be delivered after the platform accepted it (WhatsApp status
 * `failed`, e.g. 131047 outside the 24-hour window or 131026 undeliverable). Terminal for that
 * message: a later `delivery`/`read` for the same id must not revive it.
 */
export interface SendFailedEvent extends EventBase {
  type: 'failed';
  providerMessageId: string;
  /** When the platform reported the failure. */
  timestamp: Date;
  /** What went wrong, classified like a synchronous send error, with an operator-readable message. */
  error: { kind: SendErrorKind; message: string; code?: number | string };
  /** What we attached when sending (WhatsApp `biz_opaque_callback_data`): our own message id. */
  metadata?: string;
}

export type InboundEvent = InboundMessageEvent | EchoEvent | DeliveryEvent | ReadEvent | SendFailedEvent;

/** The platform's own dedupe key for an event: unique per channel. */
export function eventDedupeKey(event: InboundEvent): string {
  switch (event.type) {
    case 'message':
    case 'echo':
      return `${event.type}:${event.providerMessageId}`;
    case 'delivery':
      return `delivery:${event.contactExternalId}:${event.providerMessageIds.join(',')}:${event.watermark?.getTime() ?? ''}`;
    case 'read':
      return `read:${event.contactExternalId}:${event.providerMessageIds.join(',')}:${event.watermark?.getTime() ?? ''}`;
    case 'failed':
      return `failed:${event.providerMessageId}`;
  }
}

/**
 * Why a send failed, in terms the domain can act on:
 * - `transient`: retry with backoff (5xx, timeouts, code 2 / 1200)
 * - `rate_limit`: retry later (codes 4, 17, 32, 613)
 * - `auth`: token expired or revoked; the channel lost sync, do not retry (190, 102)
 * - `permission`: a permission is missing (200, 230, 10 without window subcode); do not retry
 * - `window`: outside the allowed messaging window; do not retry
 * - `recipient`: the person can't be reached (551, 100/2018001); do not retry
 * - `permanent`: anything else we should not repeat
 */
export type SendErrorKind = 'transient' | 'rate_limit' | 'auth' | 'permission' | 'window' | 'recipient' | 'permanent';

export class ChannelSendError extends Error {
  constructor(
    readonly kind: SendErrorKind,
    message: string,
    readonly code?: number | string,
    readonly subcode?: number,
    /** Seconds the platform asked us to wait, when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }

  /** For `permission`: the platform permission that is missing (e.g. "pages_messaging"), when known. */
  missingPermission?: string;

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'rate_limit';
  }
}

export interface SendResult {
  providerMessageId: string;
}

export interface ContactProfile {
  displayName?: string;
  username?: string;
  phone?: string;
  /** Where the platform serves the picture now (Messenger, Instagram); it expires, so copy it. */
  avatarUrl?: string;
  /** A platform file id for the picture (Telegram), resolved like an attachment's (`mediaSource`). */
  avatarMediaId?: string;
}

/**
 * One event of a batch that a parser could not read (no sender, no id...). Given a list to fill,
 * parsers put such events there instead of throwing, so the rest of the batch is still stored.
 */
export interface UnreadableEvent {
  /** The page / account / number / bot, when the envelope names it. */
  channelExternalId?: string;
  reason: string;
  raw: unknown;
}

/** Thrown by webhook parsers when a body is not the shape the platform sends. */
export class MalformedWebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedWebhookError';
  }
}
