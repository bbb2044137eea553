import { and, count, eq, inArray, or } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { chats } from '../../db/schema';
import { requirePermission } from '../access';

/** Open chats that are unread or wait for our answer, in the viewer's channels (the red badge). */
export async function countInboxBadge(db: Executor, viewer: Viewer | null): Promise<number> {
  const v = requirePermission(viewer, 'CHATS');
  if (v.channelIds.size === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(chats)
    .where(and(eq(chats.status, 'OPEN'), inArray(chats.channelId, [...v.channelIds]), or(eq(chats.unread, true), eq(chats.awaitingReply, true))));
  return Number(row?.n ?? 0);
}

/** Open chats with a customer message nobody has opened yet, in the viewer's channels (the tab title's count). */
export async function countUnreadChats(db: Executor, viewer: Viewer | null): Promise<number> {
  const v = requirePermission(viewer, 'CHATS');
  if (v.channelIds.size === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(chats)
    .where(and(eq(chats.status, 'OPEN'), inArray(chats.channelId, [...v.channelIds]), eq(chats.unread, true)));
  return Number(row?.n ?? 0);
}
