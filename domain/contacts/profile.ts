import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { ContactProfile } from '../../channels/types';
import type { Executor } from '../../db/client';
import { channels, contacts, jobs } from '../../db/schema';
import { recordEvent } from '../../events/record';
import { enqueueJob, type JobContext } from '../../jobs/queue';
import { inTransaction, type Deps } from '../deps';
import { copyPlatformPicture, pictureFailure } from '../media/copy-picture';

/** A profile older than this is fetched again when the customer next writes. */
export const PROFILE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * After a profile job failed on every attempt: try again when the customer next writes, but no
 * sooner than this, growing with each failure in a row (1 h, 4 h, 16 h, 64 h), at most a week.
 */
export function profileRetryAfterFailureMs(failuresInARow: number): number {
  const HOUR = 60 * 60 * 1000;
  return Math.min(PROFILE_MAX_AGE_MS, HOUR * 4 ** Math.max(0, failuresInARow - 1));
}

type ChannelRow = typeof channels.$inferSelect;

/**
 * In the transaction that stores a customer's message: queue one `fetch-profile` job when the
 * profile was never fetched or is older than a week. The stamp is set now, with the queueing, so
 * the next messages (and a webhook racing this one: the row is locked) queue nothing more.
 */
export async function scheduleProfileRefresh(tx: Executor, contactId: string, now = new Date()): Promise<boolean> {
  const due = await tx
    .update(contacts)
    .set({ profileFetchedAt: now })
    .where(
      and(eq(contacts.id, contactId), or(isNull(contacts.profileFetchedAt), lt(contacts.profileFetchedAt, new Date(now.getTime() - PROFILE_MAX_AGE_MS)))),
    )
    .returning({ id: contacts.id });
  if (due.length) await enqueueJob(tx, 'fetch-profile', { contactId }, { maxAttempts: 3 });
  return due.length > 0;
}

/**
 * Our route for a contact's picture, or null when we have none. `v` changes with the file, so a
 * browser may cache each version for a day and still sees a new picture at once.
 */
export function contactAvatarPath(contact: { id: string; avatarKey: string | null }): string | null {
  if (!contact.avatarKey) return null;
  return `/api/avatars/${contact.id}?v=${createHash('sha256').update(contact.avatarKey).digest('hex').slice(0, 12)}`;
}

/**
 * The profile job: the customer's name, username and picture as the platform shows them now. The
 * picture is copied into our media store (the platform's URL expires and would send the operator's
 * browser to the platform); the file it replaces is removed. A platform that withholds the profile
 * (Messenger privacy, Instagram without consent) leaves what we had: for a new contact "Unknown
 * client" and no picture. A picture that can't be downloaded is logged and left out, never linked.
 */
export async function refreshProfile(deps: Deps, payload: { contactId: string }, job?: Pick<JobContext, 'finalAttempt'>): Promise<void> {
  try {
    await fetchAndStoreProfile(deps, payload);
  } catch (error) {
    const retryable = (error as { retryable?: boolean }).retryable !== false;
    if (job && (job.finalAttempt || !retryable)) await retrySoonerAfterFailure(deps, payload.contactId);
    throw error;
  }
}

/**
 * The stamp set when the job was queued says "fresh for a week": for a profile that could not be
 * fetched, move it back so the next message after a short (growing) wait queues another try.
 */
async function retrySoonerAfterFailure(deps: Deps, contactId: string, now = new Date()) {
  const [{ failed }] = await deps.db
    .select({ failed: sql<number>`count(*)::int` })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, 'fetch-profile'),
        eq(jobs.state, 'FAILED'),
        sql`${jobs.payload}->>'contactId' = ${contactId}`,
        gt(jobs.finishedAt, new Date(now.getTime() - PROFILE_MAX_AGE_MS)),
      ),
    );
  // this job is not marked FAILED yet: it is one more in the row
  const wait = profileRetryAfterFailureMs(Number(failed) + 1);
  await deps.db
    .update(contacts)
    .set({ profileFetchedAt: new Date(now.getTime() - PROFILE_MAX_AGE_MS + wait) })
    .where(eq(contacts.id, contactId));
  deps.log.warn({ contactId, failuresInARow: Number(failed) + 1, retryInMinutes: Math.round(wait / 60_000) }, 'customer profile could not be fetched; trying again later');
}

async function fetchAndStoreProfile(deps: Deps, payload: { contactId: string }): Promise<void> {
  const [row] = await deps.db
    .select({ contact: contacts, channel: channels })
    .from(contacts)
    .innerJoin(channels, eq(channels.id, contacts.channelId))
    .where(eq(contacts.id, payload.contactId));
  if (!row) return;
  const profile = await deps.channels.fetchProfile(row.channel, row.contact.externalId);
  // a new key; null when the profile has no picture (any we had goes); undefined keeps what we have
  const picture = profile ? await copyPicture(deps, row.channel, row.contact.id, profile) : undefined;
  let replaced: string | null = null;
  try {
    await inTransaction(deps, async (tx, events) => {
      const [current] = await tx.select({ avatarKey: contacts.avatarKey }).from(contacts).where(eq(contacts.id, row.contact.id)).for('update');
      if (!current) {
        // the contact went away meanwhile: so does the file we just stored
        replaced = picture ?? null;
        return;
      }
      const avatarKey = picture === undefined ? current.avatarKey : picture;
      if (current.avatarKey && current.avatarKey !== avatarKey) replaced = current.avatarKey;
      await tx
        .update(contacts)
        .set({
          displayName: profile?.displayName ?? row.contact.displayName,
          username: profile?.username ?? row.contact.username,
          phone: profile?.phone ?? row.contact.phone,
          avatarKey,
          profileFetchedAt: new Date(),
        })
        .where(eq(contacts.id, row.contact.id));
      const chatRows = await tx.query.chats.findMany({ where: (c, { eq }) => eq(c.contactId, row.contact.id), columns: { id: true } });
      for (const chat of chatRows) events.push(await recordEvent(tx, 'ChatUpdated', { channelId: row.channel.id, chatId: chat.id }));
    });
  } catch (error) {
    // nothing refers to the new file: don't leave it behind
    if (picture) await removeFile(deps, picture, row.contact.id);
    throw error;
  }
  // after the commit: a crash in between leaves a stray file, never a contact without its picture
  if (replaced) await removeFile(deps, replaced, row.contact.id);
}

/** Downloads the profile's picture the way attachments are downloaded, and stores it; undefined when that fails. */
async function copyPicture(deps: Deps, channel: ChannelRow, contactId: string, profile: ContactProfile): Promise<string | null | undefined> {
  if (!profile.avatarUrl && !profile.avatarMediaId) return null;
  try {
    return await copyPlatformPicture(deps, channel, { url: profile.avatarUrl, mediaId: profile.avatarMediaId });
  } catch (error) {
    deps.log.warn({ contactId, channelId: channel.id, kind: channel.kind, reason: pictureFailure(error, channel) }, 'customer picture not downloaded; the contact is shown without one');
    return undefined;
  }
}

async function removeFile(deps: Deps, key: string, contactId: string) {
  try {
    await deps.media.remove(key);
  } catch (error) {
    deps.log.warn({ contactId, key, reason: error instanceof Error ? error.message : String(error) }, 'old customer picture not removed');
  }
}
