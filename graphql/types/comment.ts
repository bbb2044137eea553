import { commentReplyability } from '../../domain/comments/comment-replies';
import { findComment, parentComment, type CommentRow } from '../../domain/comments/find-comment';
import { postPicturePath } from '../../domain/comments/post-preview';
import { replyToComment } from '../../domain/comments/reply-to-comment';
import { repliesToComment } from '../../domain/messages/find-message';
import { builder } from '../builder';
import type { Context } from '../context';
import { parseId } from '../ids';
import { ChatRef, CommentRef, MessageRef } from './refs';

export type { CommentRow };

export { CommentRef };

async function replyability(c: CommentRow, ctx: Context) {
  const view = await ctx.loaders.chat.load(c.chatId);
  return commentReplyability(c, view!.channel);
}

builder.node(CommentRef, {
  id: { resolve: (c) => c.id },
  loadOne: (id, ctx) => findComment(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    chat: t.field({ type: ChatRef, resolve: async (c, _, ctx) => (await ctx.loaders.chat.load(c.chatId))! }),
    postId: t.exposeString('postId'),
    postUrl: t.exposeString('postUrl', { nullable: true }),
    postExcerpt: t.exposeString('postExcerpt', {
      nullable: true,
      description: "The start of the post's text or caption (about 140 characters); null until the platform was asked, or when it has none.",
    }),
    postThumbnailUrl: t.string({
      nullable: true,
      description: "Our copy of the post's picture (the image, or a video's thumbnail), for a signed-in viewer of the chat. Null until known, or when the post has none.",
      resolve: (c) => postPicturePath(c),
    }),
    text: t.exposeString('text'),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    replies: t.field({
      type: [MessageRef],
      resolve: (c, _, ctx) => repliesToComment(ctx.deps.db, c.id),
    }),
    author: t.exposeString('authorName', { nullable: true, description: "The commenter's name (Facebook) or username (Instagram)." }),
    parent: t.field({
      type: CommentRef,
      nullable: true,
      description: 'The comment this one answers, when it is a reply to another comment we have.',
      resolve: (c, _, ctx) => parentComment(ctx.deps.db, c),
    }),
    editedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.editedAt }),
    removedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the comment was removed on the platform.', resolve: (c) => c.removedAt }),
    privateReply: t.field({
      type: MessageRef,
      nullable: true,
      description: 'Our one private reply to this comment, whatever its status.',
      resolve: async (c, _, ctx) =>
        c.privateReplyMessageId ? ((await repliesToComment(ctx.deps.db, c.id)).find((m) => m.id === c.privateReplyMessageId) ?? null) : null,
    }),
    canReplyPublicly: t.boolean({ resolve: async (c, _, ctx) => !(await replyability(c, ctx)).publicBlock }),
    publicReplyBlock: t.string({
      nullable: true,
      description: 'Why the comment cannot be answered under the post now, in a sentence.',
      resolve: async (c, _, ctx) => (await replyability(c, ctx)).publicBlock,
    }),
    canReplyPrivately: t.boolean({ resolve: async (c, _, ctx) => !(await replyability(c, ctx)).privateBlock }),
    privateReplyBlock: t.string({
      nullable: true,
      description: 'Why the comment cannot be answered privately now (one private reply per comment, within 7 days), in a sentence.',
      resolve: async (c, _, ctx) => (await replyability(c, ctx)).privateBlock,
    }),
  }),
});

builder.mutationField('replyToComment', (t) =>
  t.field({
    type: MessageRef,
    description:
      'Answers a comment: publicly under it (any number of times), or privately in the commenter\'s inbox (once per comment, within 7 days; it does not open the messaging window). The reply is a message of the comment\'s chat with `replyTo` set, sent like any message.',
    args: {
      commentId: t.arg.id({ required: true }),
      text: t.arg.string({ required: true }),
      private: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_, args, ctx) =>
      replyToComment(ctx.deps, ctx.viewer, { commentId: parseId(args.commentId, 'Comment', 'The comment'), text: args.text, private: args.private }),
  }),
);
