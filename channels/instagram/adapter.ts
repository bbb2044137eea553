import { markMessengerSeen, sendMessengerAttachment, sendMessengerText, subscribeMessengerPage } from '../messenger/client';
import { parseMessengerWebhook } from '../messenger/parse-webhook';
import { replyToMetaComment } from '../meta/comment-replies';
import { checkPageSubscription, namingMissingPermission, pageApi } from '../meta/page';
import { parseMetaComments } from '../meta/parse-comments';
import { fetchInstagramPost } from '../meta/post-preview';
import { baseMimeType, fileLabel, MB, mediaKindOf, sendAsOrRefuse } from '../outbound-media';
import { instagramCapabilities } from './capabilities';
import { ChannelSendError, notAvailable, unresolvable, type ChannelPlatform, type MediaPlan, type OutgoingFileFacts } from '../types';
import { fetchInstagramProfile, getPageWithInstagram } from './client';

const RULES = {
  image: { types: ['image/png', 'image/jpeg', 'image/gif'], max: 8 * MB },
  // aac, m4a, wav, mp4 (B.3)
  audio: { types: ['audio/aac', 'audio/x-aac', 'audio/mp4', 'audio/m4a', 'audio/x-m4a', 'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'], max: 25 * MB },
  // mp4, ogg, avi, mov, webm (B.3)
  video: { types: ['video/mp4', 'video/ogg', 'video/x-msvideo', 'video/avi', 'video/quicktime', 'video/webm'], max: 25 * MB },
};

/** Instagram takes images, audio and videos of listed types and sizes (PLATFORMS.md B.3), and no documents. */
export function planInstagramMedia(file: OutgoingFileFacts): MediaPlan {
  const type = baseMimeType(file.mimeType);
  const name = fileLabel(file.fileName);
  const media = mediaKindOf(type);
  const rule = media === 'file' ? undefined : RULES[media];
  if (!rule || !rule.types.includes(type)) {
    return {
      problem: `Instagram only accepts images (PNG, JPEG, GIF), audio (AAC, M4A, WAV, MP4) and videos (MP4, OGG, AVI, MOV, WebM); ${name} is ${type}. Share it another way, or convert it.`,
    };
  }
  if (file.size > rule.max) {
    return { problem: `${name} is larger than the ${rule.max / MB} MB Instagram accepts for ${media === 'image' ? 'images' : media}; send a smaller file.` };
  }
  return { sendAs: media };
}

/** Instagram professional accounts, reached through the Facebook Page they are linked to (PLATFORMS.md B). */
export const instagramPlatform: ChannelPlatform = {
  kind: 'INSTAGRAM',
  capabilities: instagramCapabilities,
  planMedia: planInstagramMedia,
  createAdapter: (config) => ({
    kind: 'INSTAGRAM',
    capabilities: instagramCapabilities,
    parseWebhook: (body, _account, unreadable) => parseMessengerWebhook(body, 'instagram', unreadable),
    parseComments: (body, unreadable) => parseMetaComments(body, 'instagram', unreadable),
    replyToComment: (account, reply) =>
      replyToMetaComment(pageApi(config, account), { accountId: account.externalId, publicEdge: 'replies', permissions: instagramCapabilities.commentReplies! }, reply),
    // Instagram's `comments` field is the app's; the linked Page's subscription is what carries it
    async subscribeComments(account) {
      if (account.pageId) await subscribeMessengerPage(pageApi(config, account), account.pageId);
    },
    fetchPost: (account, postId) => fetchInstagramPost(pageApi(config, account), postId),
    sendText: (account, message) => sendMessengerText(pageApi(config, account), message),
    sendTemplate: async (account) => notAvailable(account),
    async sendMedia(account, media) {
      const sendAs = sendAsOrRefuse(planInstagramMedia, media);
      // B.3 only knows attachments by `payload.url`: Instagram fetches a signed, expiring link to the file under PUBLIC_URL
      if (!media.url) {
        throw new ChannelSendError(
          'permanent',
          'Instagram downloads files from a link to this server, and none could be made: set META_APP_SECRET (it signs the link) and PUBLIC_URL.',
        );
      }
      const kind = sendAs === 'voice' ? 'audio' : sendAs;
      return sendMessengerAttachment(pageApi(config, account), { recipientId: media.recipientId, kind, url: media.url, tag: media.tag, metadata: media.metadata });
    },
    planMedia: planInstagramMedia,
    listTemplates: async () => [],
    markSeen: (account, seen) => markMessengerSeen(pageApi(config, account), seen.recipientId),
    fetchProfile: (account, contactExternalId) => fetchInstagramProfile(pageApi(config, account), contactExternalId),
    // Page attachments come with their CDN URL; there is no media id to resolve
    mediaSource: async (account, media) => ({ url: media.url || unresolvable(account) }),
    // the webhooks subscription lives on the linked Page
    checkHealth: (account) => namingMissingPermission(instagramCapabilities.healthCheckPermission, () => checkPageSubscription(config, account, account.pageId)),
    async connect(account) {
      // an Instagram account is reached through the Facebook Page it is linked to, with that Page's token
      const linked = await getPageWithInstagram(pageApi(config, account));
      if (!linked.instagram) {
        throw new ChannelSendError('permission', `the Page "${linked.pageName}" has no Instagram professional account linked to it.`);
      }
      if (account.externalId && account.externalId !== linked.instagram.id) {
        throw new ChannelSendError('permission', `this Page token belongs to Instagram account ${linked.instagram.id}, not ${account.externalId}.`);
      }
      await subscribeMessengerPage(pageApi(config, account), linked.pageId);
      const { username, name } = linked.instagram;
      return { name: username ? `@${username}` : name ?? linked.pageName, externalId: linked.instagram.id, pageId: linked.pageId };
    },
    newWebhookSecret: () => null,
    registerWebhook: async () => {},
  }),
};
