import { and, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { channels } from '../../db/schema';
import { canSeeChannelItself } from '../access';
import { channelSummary, type ChannelRow, type ChannelSummary } from '../chats/chat-view';
import { isUuid } from '../chats/get-chat';

/** What screens show of a channel the viewer may see (never its tokens), else null. */
export async function findChannel(db: Executor, viewer: Viewer | null, id: string): Promise<ChannelSummary | null> {
  if (!isUuid(id) || !canSeeChannelItself(viewer, id)) return null;
  const [row] = await db.select(channelSummary).from(channels).where(eq(channels.id, id));
  return row ?? null;
}

/** A Telegram bot's channel by the id in its webhook path, with its secret; null for anything else. */
export async function findTelegramChannel(db: Executor, id: string): Promise<ChannelRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(channels).where(and(eq(channels.id, id), eq(channels.kind, 'TELEGRAM')));
  return row ?? null;
}
