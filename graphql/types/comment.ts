import { findComment, type CommentRow } from '../../domain/comments/find-comment';
import { repliesToComment } from '../../domain/messages/find-message';
import { builder } from '../builder';
import { ChatRef, CommentRef, MessageRef } from './refs';

export type { CommentRow };

export { CommentRef };

builder.node(CommentRef, {
  id: { resolve: (c) => c.id },
  loadOne: (id, ctx) => findComment(ctx.deps.db, ctx.viewer, id),
  fields: (t) => ({
    chat: t.field({ type: ChatRef, resolve: async (c, _, ctx) => (await ctx.loaders.chat.load(c.chatId))! }),
    postId: t.exposeString('postId'),
    postUrl: t.exposeString('postUrl', { nullable: true }),
    text: t.exposeString('text'),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    replies: t.field({
      type: [MessageRef],
      resolve: (c, _, ctx) => repliesToComment(ctx.deps.db, c.id),
    }),
  }),
});
