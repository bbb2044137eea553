import type { MessageRow } from '../../domain/chats/chat-view';
import { findMessage, type AttachmentRow } from '../../domain/messages/find-message';
import { retryMessage } from '../../domain/messages/retry-message';
import { sendMessage } from '../../domain/messages/send-message';
import { requestTranscription } from '../../domain/transcription/transcribe-message';
import { builder } from '../builder';
import { parseId } from '../ids';
import { TemplateInputRef } from './channel';
import { ChatRef, CommentRef, MessageRef, MessageTagEnum } from './refs';
import { EmployeeRef } from './employee';

export const MessageDirectionEnum = builder.enumType('MessageDirection', { values: ['INBOUND', 'OUTBOUND'] as const });
export const MessageStatusEnum = builder.enumType('MessageStatus', {
  values: ['RECEIVED', 'PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED'] as const,
});
export { MessageTagEnum };
export const TranscriptionStatusEnum = builder.enumType('TranscriptionStatus', { values: ['PENDING', 'DONE', 'FAILED'] as const });


/** Never the platform's own link (any scheme, expiring, sometimes carrying a token): our route, or a location's geo: URI. */
function attachmentUrl(a: AttachmentRow): string {
  if (a.storageKey) return `/api/media/${a.id}`;
  if (a.kind === 'location' && a.sourceUrl?.startsWith('geo:')) return a.sourceUrl;
  // a shared link is what the customer sent, not a file: kept as written, http(s) only (domain/media/source-url.ts)
  if (a.kind === 'link' && a.sourceUrl && /^https?:\/\//.test(a.sourceUrl)) return a.sourceUrl;
  return `/api/media/${a.id}?pending`;
}

export const AttachmentRef = builder.objectRef<AttachmentRow>('Attachment');
AttachmentRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind'),
    url: t.string({
      description:
        'Our media route, `/api/media/<id>`, answering with the file once it is stored. While it is still being fetched from the platform the URL ends in `?pending` and answers 202 with Retry-After (404 if it could not be fetched); a `MessageUpdated` event brings the final URL. A location is its `geo:` URI, a shared link the http(s) link.',
      resolve: (a) => attachmentUrl(a),
    }),
    mimeType: t.exposeString('mimeType', { nullable: true }),
    fileName: t.exposeString('fileName', { nullable: true }),
    size: t.exposeInt('size', { nullable: true }),
    durationSeconds: t.exposeFloat('durationSeconds', { nullable: true }),
  }),
});

export const TranscriptionRef = builder.objectRef<MessageRow>('Transcription');
TranscriptionRef.implement({
  fields: (t) => ({
    status: t.field({ type: TranscriptionStatusEnum, resolve: (m) => m.transcriptionStatus! }),
    text: t.exposeString('transcriptionText', { nullable: true }),
    language: t.exposeString('transcriptionLanguage', { nullable: true }),
    error: t.exposeString('transcriptionError', { nullable: true }),
  }),
});

export { MessageRef };

builder.node(MessageRef, {
  id: { resolve: (m) => m.id },
  loadOne: (id, ctx) => findMessage(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    chat: t.field({ type: ChatRef, resolve: async (m, _, ctx) => (await ctx.loaders.chat.load(m.chatId))! }),
    direction: t.field({ type: MessageDirectionEnum, resolve: (m) => m.direction }),
    status: t.field({ type: MessageStatusEnum, resolve: (m) => m.status }),
    text: t.exposeString('text', { nullable: true }),
    attachments: t.field({ type: [AttachmentRef], resolve: (m, _, ctx) => ctx.loaders.attachmentsOfMessage.load(m.id) }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was written, by the platform\'s clock.', resolve: (m) => m.sentAt }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.deliveredAt }),
    readAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.readAt }),
    sender: t.field({
      type: EmployeeRef,
      nullable: true,
      description: 'The employee who sent it; null for customer messages and for ours sent from elsewhere.',
      resolve: (m, _, ctx) => (m.senderId ? ctx.loaders.employee.load(m.senderId) : null),
    }),
    sentOutside: t.exposeBoolean('sentOutside', {
      description: 'Ours, but written outside this app (Meta Business Suite, the platform\'s own app) and seen through the platform\'s echo; such messages have no sender.',
    }),
    tag: t.field({ type: MessageTagEnum, nullable: true, resolve: (m) => m.tag }),
    error: t.exposeString('error', { nullable: true, description: 'Why sending failed or is being retried, in words an operator can act on.' }),
    transcription: t.field({ type: TranscriptionRef, nullable: true, resolve: (m) => (m.transcriptionStatus ? m : null) }),
    comment: t.field({ type: CommentRef, nullable: true, resolve: (m, _, ctx) => (m.commentId ? ctx.loaders.comment.load(m.commentId) : null) }),
    replyTo: t.field({
      type: CommentRef,
      nullable: true,
      resolve: (m, _, ctx) => (m.replyToCommentId ? ctx.loaders.comment.load(m.replyToCommentId) : null),
    }),
  }),
});

builder.mutationFields((t) => ({
  sendMessage: t.field({
    type: MessageRef,
    args: {
      chatId: t.arg.id({ required: true }),
      text: t.arg.string({ required: true }),
      tag: t.arg({ type: MessageTagEnum }),
      template: t.arg({ type: TemplateInputRef, description: 'An approved WhatsApp template; `text` is then ignored.' }),
      attachments: t.arg({
        type: ['File'],
        description:
          'Files by GraphQL multipart upload: at most 10, each at most 25 MB, sent before the text (which may then be empty).',
      }),
    },
    resolve: (_, args, ctx) =>
      sendMessage(ctx.deps, ctx.viewer, {
        chatId: parseId(args.chatId, 'Chat', 'The chat'),
        text: args.text,
        tag: args.tag === 'HUMAN_AGENT' ? null : args.tag,
        template: args.template,
        attachments: args.attachments,
      }),
  }),
  retryMessage: t.field({
    type: MessageRef,
    description: 'Sends a FAILED message again.',
    args: { messageId: t.arg.id({ required: true }) },
    resolve: (_, args, ctx) => retryMessage(ctx.deps, ctx.viewer, parseId(args.messageId, 'Message', 'The message')),
  }),
}));

builder.mutationFields((t) => ({
  transcribeMessage: t.field({
    type: MessageRef,
    description:
      'Transcribes a voice note or audio file (at most 5 minutes and 25 MB): the message comes back with `transcription.status = PENDING`, and a `MessageUpdated` event brings DONE (text and language) or FAILED (a reason). Asking again while pending or done changes nothing; after FAILED it tries again.',
    args: { messageId: t.arg.id({ required: true }) },
    resolve: (_, args, ctx) => requestTranscription(ctx.deps, ctx.viewer, parseId(args.messageId, 'Message', 'The message')),
  }),
}));
