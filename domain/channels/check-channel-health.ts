import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { ChannelSendError } from '../../channels/types';
import { channels, chats, jobs } from '../../db/schema';
import { recordEvent } from '../../events/record';
import { enqueueJob } from '../../jobs/queue';
import { inTransaction, type Deps } from '../deps';
import { accountWebhookUrl } from './webhook-url';

/** How often every connected channel is checked with its platform. */
export const HEALTH_CHECK_EVERY_MS = 15 * 60 * 1000;
/** Chats told live that their channel changed: the ones an operator may have open. */
const LIVE_CHATS = 100;

/**
 * Asks each platform whether a connected channel still works: Meta silently unsubscribes an app
 * whose webhooks went unanswered, and a token can die without any send noticing. A channel that
 * fails turns SYNC_LOST (or MISSING_PERMISSIONS) with the reason, so operators see why it is
 * quiet; reconnecting it in Settings restores it.
 */
export async function checkChannelHealth(deps: Deps, options: { channelIds?: string[] } = {}): Promise<void> {
  const connected = await deps.db
    .select()
    .from(channels)
    .where(options.channelIds ? and(eq(channels.state, 'CONNECTED'), inArray(channels.id, options.channelIds)) : eq(channels.state, 'CONNECTED'));
  for (const channel of connected) {
    let lost: { state: 'SYNC_LOST' | 'MISSING_PERMISSIONS'; reason: string } | null = null;
    let note: string | undefined;
    try {
      const health = await deps.channels.checkHealth(channel, { webhookUrl: accountWebhookUrl(deps, channel) ?? '' });
      if (!health.ok) lost = { state: 'SYNC_LOST', reason: health.reason };
      else note = health.note;
    } catch (error) {
      if (!(error instanceof ChannelSendError)) throw error;
      // a platform that is down or busy says nothing about the channel: try again next round
      if (error.kind === 'auth') lost = { state: 'SYNC_LOST', reason: error.message };
      else if (error.kind === 'permission') lost = { state: 'MISSING_PERMISSIONS', reason: missingPermissionReason(error) };
      else deps.log.warn({ channelId: channel.id, err: error.message }, 'channel health check could not reach the platform');
    }
    if (lost) await markChannelLost(deps, channel.id, lost.state, lost.reason);
    else if (note) await deps.db.update(channels).set({ lastError: note, lastErrorAt: new Date() }).where(eq(channels.id, channel.id));
  }
}

/** Names the permission first, so Settings can say what to grant when reconnecting. */
export function missingPermissionReason(error: ChannelSendError): string {
  if (!error.missingPermission) return error.message;
  return `Missing permission: ${error.missingPermission}. Reconnect with a token (or a Facebook Login) that grants it. ${error.message}`;
}

async function markChannelLost(deps: Deps, channelId: string, state: 'SYNC_LOST' | 'MISSING_PERMISSIONS', reason: string) {
  deps.log.warn({ channelId, state, reason }, 'channel lost its connection');
  await inTransaction(deps, async (tx, events) => {
    await tx.update(channels).set({ state, lastError: reason, lastErrorAt: new Date() }).where(and(eq(channels.id, channelId), eq(channels.state, 'CONNECTED')));
    const recent = await tx.select({ id: chats.id }).from(chats).where(eq(chats.channelId, channelId)).orderBy(desc(chats.lastMessageAt)).limit(LIVE_CHATS);
    for (const chat of recent) events.push(await recordEvent(tx, 'ChatUpdated', { channelId, chatId: chat.id }));
  });
}

/** Finished jobs are kept a week for looking into what happened, then cleared. */
const KEEP_FINISHED_JOBS_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The periodic job: checks the channels, clears old finished jobs, then queues the next round
 * (one chain, however many processes start).
 */
export async function runScheduledHealthCheck(deps: Deps): Promise<void> {
  try {
    await checkChannelHealth(deps);
    await deps.db.delete(jobs).where(and(inArray(jobs.state, ['DONE', 'FAILED']), lt(jobs.finishedAt, new Date(Date.now() - KEEP_FINISHED_JOBS_MS))));
  } finally {
    await scheduleHealthCheck(deps, new Date(Date.now() + HEALTH_CHECK_EVERY_MS));
  }
}

export async function scheduleHealthCheck(deps: Deps, runAt: Date): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // two processes starting at once must not both start a chain
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('check-channels'))`);
    const queued = await tx.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.kind, 'check-channels'), eq(jobs.state, 'QUEUED')));
    if (queued.length === 0) await enqueueJob(tx, 'check-channels', {}, { runAt, maxAttempts: 1 });
  });
}
