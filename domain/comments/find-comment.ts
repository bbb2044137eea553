import { and, eq, inArray } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { comments } from '../../db/schema';
import { canSeeChannel } from '../access';
import { isUuid } from '../chats/get-chat';

export type CommentRow = typeof comments.$inferSelect;

/** Comments by id, for a batch loader: whoever reached them has checked the viewer. */
export async function loadComments(db: Executor, ids: readonly string[]): Promise<CommentRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(comments).where(inArray(comments.id, [...ids]));
}

/** The comment if the viewer may see its channel, else null. */
function visibleComment(viewer: Viewer | null, row: CommentRow | null): CommentRow | null {
  return row && viewer && canSeeChannel(viewer, row.channelId) ? row : null;
}

export async function findComment(db: Executor, viewer: Viewer | null, id: string): Promise<CommentRow | null> {
  if (!viewer || !isUuid(id)) return null;
  const [row] = await loadComments(db, [id]);
  return visibleComment(viewer, row ?? null);
}

/** The comment a reply answers, by its platform id on the same channel (unchecked: the reply's viewer reached it). */
export async function parentComment(db: Executor, comment: CommentRow): Promise<CommentRow | null> {
  if (!comment.parentExternalId) return null;
  const [row] = await db
    .select()
    .from(comments)
    .where(and(eq(comments.channelId, comment.channelId), eq(comments.externalId, comment.parentExternalId)));
  return row ?? null;
}
