import { and, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { kindOfWebhookPath } from '../../channels/capabilities';
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

/** The channel a per-channel webhook path names (a Telegram bot's), with its secret; null for anything else. */
export async function findChannelOfWebhook(db: Executor, webhookPath: string, id: string): Promise<ChannelRow | null> {
  const kind = kindOfWebhookPath(webhookPath);
  if (!kind || !isUuid(id)) return null;
  const [row] = await db.select().from(channels).where(and(eq(channels.id, id), eq(channels.kind, kind)));
  return row ?? null;
}
