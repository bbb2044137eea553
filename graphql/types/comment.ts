import { eq } from 'drizzle-orm';
import { comments, messages } from '../../db/schema';
import { canSeeChannel } from '../../domain/access';
import { isUuid } from '../../domain/chats/get-chat';
import { builder } from '../builder';
import { ChatRef } from './chat';
import { MessageRef } from './message';

export type CommentRow = typeof comments.$inferSelect;

export const CommentRef = builder.objectRef<CommentRow>('Comment');

builder.node(CommentRef, {
  id: { resolve: (c) => c.id },
  loadOne: async (id, ctx) => {
    if (!isUuid(id)) return null;
    if (!ctx.viewer) return null;
    const row = await ctx.loaders.comment.load(id);
    return row && canSeeChannel(ctx.viewer, row.channelId) ? row : null;
  },
  fields: (t) => ({
    chat: t.field({ type: ChatRef, resolve: async (c, _, ctx) => (await ctx.loaders.chat.load(c.chatId))! }),
    postId: t.exposeString('postId'),
    postUrl: t.exposeString('postUrl', { nullable: true }),
    text: t.exposeString('text'),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    replies: t.field({
      type: [MessageRef],
      resolve: (c, _, ctx) => ctx.deps.db.select().from(messages).where(eq(messages.replyToCommentId, c.id)).orderBy(messages.sentAt),
    }),
  }),
});
