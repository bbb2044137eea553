import { and, count, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { chats } from '../../db/schema';
import { requirePermission } from '../access';

/** Open chats that are unread or wait for our answer, in the viewer's channels (the red badge). */
export function countInboxBadge(db: Executor, viewer: Viewer | null): Promise<number> {
  return countOpenChats(db, viewer, or(eq(chats.unread, true), eq(chats.awaitingReply, true))!);
}

/** Open chats with a customer message nobody has opened yet, in the viewer's channels (the tab title's count). */
export function countUnreadChats(db: Executor, viewer: Viewer | null): Promise<number> {
  return countOpenChats(db, viewer, eq(chats.unread, true));
}

async function countOpenChats(db: Executor, viewer: Viewer | null, which: SQL): Promise<number> {
  const v = requirePermission(viewer, 'CHATS');
  if (v.channelIds.size === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(chats)
    .where(and(eq(chats.status, 'OPEN'), inArray(chats.channelId, [...v.channelIds]), which));
  return Number(row?.n ?? 0);
}
