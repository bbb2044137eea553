import { replyToMetaComment } from '../meta/comment-replies';
import { checkPageSubscription, namingMissingPermission, pageApi } from '../meta/page';
import { parseMetaComments } from '../meta/parse-comments';
import { fetchFacebookPost } from '../meta/post-preview';
import { baseMimeType, fileLabel, MB, mediaKindOf, sendAsOrRefuse } from '../outbound-media';
import { messengerCapabilities } from './capabilities';
import { notAvailable, unresolvable, type ChannelPlatform, type MediaPlan, type OutgoingFileFacts } from '../types';
import { fetchMessengerProfile, getPage, markMessengerSeen, sendMessengerText, subscribeMessengerPage, uploadMessengerAttachment } from './client';
import { parseMessengerWebhook } from './parse-webhook';

/** The Page `feed` field brings comments under the page's posts (C.1). */
const COMMENT_FIELDS = ['feed'];

// A.4: every attachment type up to 25 MB
const MAX_BYTES = 25 * MB;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** Messenger takes every kind of file up to 25 MB; an image type it can't show goes as a file. */
export function planMessengerMedia(file: OutgoingFileFacts): MediaPlan {
  const type = baseMimeType(file.mimeType);
  if (file.size > MAX_BYTES) return { problem: `${fileLabel(file.fileName)} is larger than the 25 MB Messenger accepts; send a smaller file.` };
  const media = mediaKindOf(type);
  if (media === 'image') return { sendAs: IMAGE_TYPES.includes(type) ? 'image' : 'file' };
  return { sendAs: media };
}

/** Facebook Page conversations through the Messenger Platform (PLATFORMS.md A). */
export const messengerPlatform: ChannelPlatform = {
  kind: 'MESSENGER',
  capabilities: messengerCapabilities,
  planMedia: planMessengerMedia,
  createAdapter: (config) => ({
    kind: 'MESSENGER',
    capabilities: messengerCapabilities,
    parseWebhook: (body, _account, unreadable) => parseMessengerWebhook(body, 'page', unreadable),
    parseComments: (body, unreadable) => parseMetaComments(body, 'page', unreadable),
    replyToComment: (account, reply) =>
      replyToMetaComment(pageApi(config, account), { accountId: account.externalId, publicEdge: 'comments', permissions: messengerCapabilities.commentReplies! }, reply),
    subscribeComments: (account) => subscribeMessengerPage(pageApi(config, account), account.externalId, COMMENT_FIELDS),
    fetchPost: (account, postId) => fetchFacebookPost(pageApi(config, account), postId),
    sendText: (account, message) => sendMessengerText(pageApi(config, account), message),
    sendTemplate: async (account) => notAvailable(account),
    async sendMedia(account, media) {
      const sendAs = sendAsOrRefuse(planMessengerMedia, media);
      // uploaded with the message (multipart `filedata`), since Meta may not be able to reach a URL of ours
      return uploadMessengerAttachment(pageApi(config, account), {
        recipientId: media.recipientId,
        kind: sendAs === 'voice' ? 'audio' : sendAs,
        file: { data: media.bytes, fileName: media.fileName, mimeType: media.mimeType },
        tag: media.tag,
        metadata: media.metadata,
      });
    },
    planMedia: planMessengerMedia,
    listTemplates: async () => [],
    markSeen: (account, seen) => markMessengerSeen(pageApi(config, account), seen.recipientId),
    fetchProfile: (account, contactExternalId) => fetchMessengerProfile(pageApi(config, account), contactExternalId),
    // Page attachments come with their CDN URL; there is no media id to resolve
    mediaSource: async (account, media) => ({ url: media.url || unresolvable(account) }),
    checkHealth: (account) =>
      namingMissingPermission(messengerCapabilities.healthCheckPermission, () => checkPageSubscription(config, account, account.externalId)),
    async connect(account) {
      const page = await getPage(pageApi(config, account), account.externalId);
      await subscribeMessengerPage(pageApi(config, account), account.externalId, COMMENT_FIELDS);
      return { name: page.name };
    },
    newWebhookSecret: () => null,
    registerWebhook: async () => {},
  }),
};
