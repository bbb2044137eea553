/**
 * The registry: every platform by its kind, and the one object the domain talks to
 * (`deps.channels`). It forwards each call to the account's adapter and never branches on a
 * platform itself: adding a platform is one folder under channels/ and one line in PLATFORMS.
 */
import { CHANNEL_KINDS } from './capabilities';
import { instagramPlatform } from './instagram/adapter';
import { messengerPlatform } from './messenger/adapter';
import { telegramPlatform } from './telegram/adapter';
import type {
  AdapterConfig,
  ChannelAccount,
  ChannelAdapter,
  ChannelHealth,
  ChannelKind,
  ChannelPlatform,
  ConnectedAccount,
  ContactProfile,
  MediaPlan,
  MediaSource,
  MessageTemplate,
  OutgoingFileFacts,
  OutgoingMedia,
  OutgoingTemplate,
  OutgoingCommentReply,
  OutgoingText,
  PostPreview,
  SendResult,
} from './types';
import { whatsAppPlatform } from './whatsapp/adapter';

export { capabilitiesOf, CHANNEL_KINDS, kindsWith } from './capabilities';
export type { ChannelAccount, ChannelHealth, MediaSource, MessageTemplate, OutgoingMedia, OutgoingTemplate, OutgoingText } from './types';

const PLATFORMS: Record<ChannelKind, ChannelPlatform> = {
  MESSENGER: messengerPlatform,
  INSTAGRAM: instagramPlatform,
  WHATSAPP: whatsAppPlatform,
  TELEGRAM: telegramPlatform,
};

/** How `kind` sends this file, or why it can't (a sentence that says what to do). */
export function planOutboundMedia(kind: ChannelKind, file: OutgoingFileFacts): MediaPlan {
  return PLATFORMS[kind].planMedia(file);
}

/** One shape for every platform: the domain talks to this, never to a platform's API. */
export interface ChannelRegistry {
  /** The platform's adapter, for what the calls below don't forward (parsing its webhooks). */
  adapter(kind: ChannelKind): ChannelAdapter;
  sendText(account: ChannelAccount, message: OutgoingText): Promise<SendResult>;
  /** An approved template (WhatsApp outside the 24-hour window). */
  sendTemplate(account: ChannelAccount, message: OutgoingTemplate): Promise<SendResult>;
  /** One file (photo, audio, video, document) as its own message. */
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
  connect(account: ChannelAccount): Promise<ConnectedAccount>;
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
  /** Answers a comment under a post, publicly or once privately (where `capabilities.comments`). */
  replyToComment(account: ChannelAccount, reply: OutgoingCommentReply): Promise<SendResult>;
  /** Subscribes our app to the account's comment webhooks (when "receive post comments" is turned on). */
  subscribeComments(account: ChannelAccount): Promise<void>;
  /** The post a comment is under (its text, picture, link); `{}` where the platform has no posts to read. */
  fetchPost(account: ChannelAccount, postId: string): Promise<PostPreview>;
}

export function createChannelRegistry(config: AdapterConfig): ChannelRegistry {
  const adapters = Object.fromEntries(CHANNEL_KINDS.map((kind) => [kind, PLATFORMS[kind].createAdapter(config)])) as Record<ChannelKind, ChannelAdapter>;
  const of = (account: { kind: ChannelKind }) => adapters[account.kind];
  return {
    adapter: (kind) => adapters[kind],
    sendText: (account, message) => of(account).sendText(account, message),
    sendTemplate: (account, message) => of(account).sendTemplate(account, message),
    sendMedia: (account, media) => of(account).sendMedia(account, media),
    mediaProblem: (kind, file) => PLATFORMS[kind].planMedia(file).problem ?? null,
    listTemplates: (account) => of(account).listTemplates(account),
    markSeen: (account, seen) => of(account).markSeen(account, seen),
    fetchProfile: (account, contactExternalId) => of(account).fetchProfile(account, contactExternalId),
    connect: (account) => of(account).connect(account),
    registerWebhook: (account, url, secret) => of(account).registerWebhook(account, url, secret),
    mediaSource: (account, media) => of(account).mediaSource(account, media),
    checkHealth: (account, expected) => of(account).checkHealth(account, expected),
    mediaHosts: (kind) => [...PLATFORMS[kind].capabilities.mediaHosts],
    replyToComment: (account, reply) => of(account).replyToComment(account, reply),
    subscribeComments: (account) => of(account).subscribeComments(account),
    fetchPost: async (account, postId) => (await of(account).fetchPost?.(account, postId)) ?? {},
  };
}
