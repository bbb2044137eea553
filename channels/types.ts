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

/**
 * A comment under one of the business's posts was written, edited or removed (Facebook Page `feed`,
 * Instagram `comments`). Kept apart from `InboundEvent`: comments reach the inbox only where the
 * channel's switch is on, and they are stored by their own rules (domain/inbound/ingest-comments.ts).
 */
export interface CommentEvent {
  type: 'comment';
  verb: 'add' | 'edited' | 'remove';
  channelExternalId: string;
  commentId: string;
  /** The post (Facebook) or media (Instagram) the comment is under. */
  postId: string;
  postUrl?: string;
  /** The comment this one answers; unset for a comment directly under the post. */
  parentCommentId?: string;
  author: { id: string; name?: string; username?: string };
  /** Written by the Page or account itself (our own replies coming back): never stored as a customer's. */
  ownComment: boolean;
  text?: string;
  /** When the platform says it was written; unset on removals. */
  createdAt?: Date;
  raw: unknown;
}

/** An operator's answer to a comment: under it for everyone, or once as a private message. */
export interface OutgoingCommentReply {
  commentId: string;
  /** The comment it answers, when the comment is itself a reply (Facebook nests one level). */
  parentCommentId?: string | null;
  text: string;
  private: boolean;
}

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

/** What an adapter answers for a send its platform does not have (a template outside WhatsApp). */
export function notAvailable(account: { kind: ChannelKind }): never {
  throw new ChannelSendError('permanent', `Sending on ${account.kind} channels is not available yet.`);
}

/** The comment methods of a platform without posts (WhatsApp, Telegram): nothing to parse, reply to or subscribe. */
export const withoutComments: Pick<ChannelAdapter, 'parseComments' | 'replyToComment' | 'subscribeComments'> = {
  parseComments: () => [],
  replyToComment: async (account) => notAvailable(account),
  subscribeComments: async () => {},
};

/** What an adapter answers for an attachment it has neither a URL nor a media id for. */
export function unresolvable(account: { kind: ChannelKind }): never {
  throw new ChannelSendError('permanent', `Media ids on ${account.kind} channels can't be resolved yet.`);
}

export interface SendResult {
  providerMessageId: string;
}

/** What a post shows beside a comment on it: the start of its text, a picture, where it lives. */
export interface PostPreview {
  /** The first ~140 characters of the post's text or caption. */
  excerpt?: string;
  /** A picture of the post as the platform serves it now (the image, or a video's thumbnail). */
  thumbnailUrl?: string;
  url?: string;
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

// ---------------------------------------------------------------------------------------------
// The adapter: one per platform (channels/<kind>/adapter.ts), found by kind in channels/registry.ts.
// See docs/decisions/014-channel-adapters.md.

/** A connected account as the adapters need it (a `channels` row fits). */
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

export type MessageTag = 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'POST_PURCHASE_UPDATE' | 'CONFIRMED_EVENT_UPDATE';

export interface OutgoingText {
  recipientId: string;
  text: string;
  tag?: MessageTag;
  /** Our own message id, echoed back by platforms that support it, so echoes don't duplicate. */
  metadata?: string;
}

export interface OutgoingTemplate {
  recipientId: string;
  name: string;
  language: string;
  params: string[];
  metadata?: string;
}

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
  tag?: MessageTag;
  /** Our own id for this part, echoed back where the platform supports it. */
  metadata?: string;
}

export interface MessageTemplate {
  name: string;
  language: string;
  category: string | null;
  body: string | null;
  paramCount: number;
}

export type ChannelHealth = { ok: true; note?: string } | { ok: false; reason: string };

export interface MediaSource {
  url: string;
  headers?: Record<string, string>;
}

/** What `connect` learned: the account's name, and ids the admin may have left out. */
export interface ConnectedAccount {
  name?: string;
  externalId?: string;
  pageId?: string;
}

/** What an adapter needs from the runtime: API bases, the app secret and (in tests) a fetch. */
export interface AdapterConfig {
  metaGraphUrl: string;
  telegramApiUrl: string;
  metaAppSecret?: string;
  fetch?: typeof fetch;
}

/** What is stored on an attachment and shown in the bubble. */
export type MediaKind = 'image' | 'audio' | 'video' | 'file';

/** How a file goes out on the platform; `voice` is Telegram's voice note (OGG/Opus). */
export type MediaSendAs = 'image' | 'audio' | 'voice' | 'video' | 'file';

export interface OutgoingFileFacts {
  mimeType: string;
  size: number;
  fileName?: string;
}

export type MediaPlan = { sendAs: MediaSendAs; problem?: undefined } | { sendAs?: undefined; problem: string };

/**
 * What a platform can do, as data: the domain asks these instead of naming platforms. Only the
 * messaging window itself stays a table by kind (domain/messages/send-window.ts); `window` here
 * says which rule applies, for readers and for UI.
 */
export interface ChannelCapabilities {
  /** How sentences name the platform: "Facebook", "Instagram", "WhatsApp", "Telegram". */
  label: string;
  /** Who runs the API, for "Could not reach Meta": "Meta" or "Telegram". */
  provider: string;
  /** The name this platform's webhook events are stored under (`webhook_events.provider`). */
  webhookProvider: string;
  /** The messaging window: none, 24 h (+7 days with HUMAN_AGENT), or 24 h then templates only. */
  window: 'none' | '24h-human-agent' | '24h-template';
  /** Operators may pick a message tag to write outside the window (Messenger). */
  tags: boolean;
  /** Approved templates can be listed and sent (WhatsApp). */
  templates: boolean;
  /** Marking a chat read tells the customer (Messenger "seen", WhatsApp blue ticks). */
  readReceipts: boolean;
  /** A comment can be answered with a private message (Facebook Pages, Instagram). */
  privateReplies: boolean;
  /** Posts whose comments can reach the inbox (Facebook Pages, Instagram). */
  comments: boolean;
  /**
   * Where `comments`: a private reply is possible for this many days after the comment (once), and
   * the permissions public and private replies need, named when the platform refuses without naming one.
   */
  commentReplies?: { privateWithinDays: number; publicPermission: string; privatePermission: string };
  /** A new chat can be opened from a client's phone number (WhatsApp: the number is the id). */
  startsChatByPhone: boolean;
  /** Hosts the platform serves media from (besides its API base). */
  mediaHosts: readonly string[];
  /** The permission the health check's own call needs, named when the platform's refusal does not. */
  healthCheckPermission?: string;
  /** How an admin connects an account. */
  connect: {
    /** The account id may be left out: the token names it (a Telegram bot, a Page's Instagram account). */
    idFromToken: boolean;
    /** The account is reached through a Facebook Page, which `connect` must name (Instagram). */
    throughPage: boolean;
    /** A Facebook Login can list and connect these accounts (Pages, their Instagram accounts). */
    facebookLogin: boolean;
    /** What the admin is asked for when the id is missing. */
    missingId: string;
    /** What the admin is asked for when the token is missing. */
    missingToken: string;
    /** "Telegram did not accept this <what>". */
    credentials: string;
    /** "This token belongs to <account> 123, not 456." */
    accountNoun: string;
    /**
     * Updates come to one URL per account (`/api/webhooks/<path>/<channel id>`), registered on
     * connect with a fresh secret (Telegram); unset where one app-wide webhook serves every account.
     */
    webhookPath?: string;
  };
}

/**
 * One platform, behind one interface: everything the domain may ask of Messenger, Instagram,
 * WhatsApp or Telegram. Errors are ChannelSendErrors (PlatformUnreachableError when nothing
 * answered), so the domain decides retries and channel state without knowing the platform.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  readonly capabilities: ChannelCapabilities;
  /** The platform's webhook body as events; events it cannot read go to `unreadable`. */
  parseWebhook(body: unknown, account: { externalId: string } | null, unreadable: UnreadableEvent[]): InboundEvent[];
  /** The comments in a webhook body (where `capabilities.comments`); empty elsewhere. */
  parseComments(body: unknown, unreadable: UnreadableEvent[]): CommentEvent[];
  /** Answers a comment publicly (returns the new comment's id) or privately (the message's id). */
  replyToComment(account: ChannelAccount, reply: OutgoingCommentReply): Promise<SendResult>;
  /** Subscribes our app to the account's comment webhooks besides its messages (where `capabilities.comments`). */
  subscribeComments(account: ChannelAccount): Promise<void>;
  /** The post a comment is under (where `capabilities.comments`); absent on platforms without comments. */
  fetchPost?(account: ChannelAccount, postId: string): Promise<PostPreview>;
  sendText(account: ChannelAccount, message: OutgoingText): Promise<SendResult>;
  /** An approved template (where `capabilities.templates`). */
  sendTemplate(account: ChannelAccount, message: OutgoingTemplate): Promise<SendResult>;
  /** One file (photo, audio, video, document) as its own message, in the form `planMedia` chose. */
  sendMedia(account: ChannelAccount, media: OutgoingMedia): Promise<SendResult>;
  /** How this platform takes a file, or why it won't (a sentence for the operator). Pure. */
  planMedia(file: OutgoingFileFacts): MediaPlan;
  /** The account's approved templates; empty where the platform has none. */
  listTemplates(account: ChannelAccount): Promise<MessageTemplate[]>;
  /** Tells the platform the operator has seen the chat, up to the customer's last message. */
  markSeen(account: ChannelAccount, seen: { recipientId: string; lastInboundMessageId?: string | null }): Promise<void>;
  /** The customer's name and picture as the platform shows them; null when it withholds them. */
  fetchProfile(account: ChannelAccount, contactExternalId: string): Promise<ContactProfile | null>;
  /** Where an inbound attachment (or a profile's `avatarMediaId`) is downloaded, with the headers it needs. */
  mediaSource(account: ChannelAccount, media: { url?: string | null; mediaId?: string | null }): Promise<MediaSource>;
  /** Whether the platform still sends this account's webhooks to us and accepts its token. */
  checkHealth(account: ChannelAccount, expected: { webhookUrl: string }): Promise<ChannelHealth>;
  /** Checks the token and subscribes our app to the account's webhooks; names what the admin left out. */
  connect(account: ChannelAccount): Promise<ConnectedAccount>;
  /** A fresh secret for a per-account webhook (`capabilities.connect.webhookPath`). */
  newWebhookSecret(): string | null;
  /** Points a per-account webhook at `url`, signed with `secret`; nothing where the app's webhook serves all. */
  registerWebhook(account: ChannelAccount, url: string, secret: string): Promise<void>;
}

/** A platform as the registry knows it: its kind, what it can do, its pure media rules, and its adapter. */
export interface ChannelPlatform {
  kind: ChannelKind;
  capabilities: ChannelCapabilities;
  planMedia(file: OutgoingFileFacts): MediaPlan;
  createAdapter(config: AdapterConfig): ChannelAdapter;
}
