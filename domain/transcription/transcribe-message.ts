import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import { attachments, jobs, messages } from '../../db/schema';
import { recordEvent } from '../../events/record';
import { enqueueJob, type JobContext } from '../../jobs/queue';
import { probeAudioSeconds } from '../../transcription/audio';
import { TRANSCRIBE_MAX_BYTES, TRANSCRIBE_MAX_SECONDS, TranscriptionFailed, type TranscriptionEngine } from '../../transcription/engine';
import { getChatOrThrow } from '../chats/get-chat';
import type { MessageRow } from '../chats/chat-view';
import { inTransaction, type Deps } from '../deps';
import { badInput, notFound } from '../errors';
import { isUuid } from '../chats/get-chat';
import { requirePermission } from '../access';

type AttachmentRow = typeof attachments.$inferSelect;

/** 330 → "5:30". */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

/** The first audio file of a message (voice note or audio file), or null. */
async function audioOf(deps: Deps, messageId: string): Promise<AttachmentRow | null> {
  const [row] = await deps.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.messageId, messageId), eq(attachments.kind, 'audio')))
    .orderBy(asc(attachments.position))
    .limit(1);
  return row ?? null;
}

async function transcriptionQueued(deps: Deps, messageId: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, 'transcribe'), inArray(jobs.state, ['QUEUED', 'RUNNING']), sql`${jobs.payload}->>'messageId' = ${messageId}`))
    .limit(1);
  return Boolean(row);
}

/**
 * `transcribeMessage`: checks the audio (a stored audio file of at most 5 minutes and 25 MB, its
 * length read from the file when the platform did not say) and queues the transcription; the
 * message comes back PENDING. Asking again while it is pending or done changes nothing; after a
 * failure it is tried again.
 */
export async function requestTranscription(deps: Deps, viewer: Viewer | null, messageId: string): Promise<MessageRow> {
  requirePermission(viewer, 'CHATS');
  const [message] = isUuid(messageId) ? await deps.db.select().from(messages).where(eq(messages.id, messageId)) : [];
  if (!message) throw notFound('The message');
  await getChatOrThrow(deps.db, viewer, message.chatId);
  if (message.transcriptionStatus === 'DONE') return message;
  if (message.transcriptionStatus === 'PENDING') {
    if (await transcriptionQueued(deps, message.id)) return message;
    // PENDING with no job left (its job failed outside our handler, or the queue was cleared): queue it again
    return inTransaction(deps, async (tx) => {
      await enqueueJob(tx, 'transcribe', { messageId: message.id }, { maxAttempts: 2 });
      return message;
    });
  }

  const audio = await audioOf(deps, message.id);
  if (!audio) throw badInput('Only voice notes and audio files can be transcribed; this message has no audio.');
  if (!audio.storageKey) {
    throw badInput(audio.error ? 'The audio could not be downloaded from the platform, so it cannot be transcribed.' : 'The audio is still being downloaded. Try again in a moment.');
  }
  if ((audio.size ?? 0) > TRANSCRIBE_MAX_BYTES) throw badInput('The audio is larger than 25 MB; only smaller files can be transcribed.');
  let seconds = audio.durationSeconds;
  if (!seconds || seconds <= 0) {
    const bytes = await deps.media.get(audio.storageKey);
    if (!bytes) throw badInput('The audio file is no longer stored, so it cannot be transcribed.');
    if (bytes.byteLength > TRANSCRIBE_MAX_BYTES) throw badInput('The audio is larger than 25 MB; only smaller files can be transcribed.');
    const probed = await probeAudioSeconds(bytes);
    if (probed === null) throw badInput('This file is empty, damaged or not audio, so it cannot be transcribed.');
    seconds = probed;
    await deps.db.update(attachments).set({ durationSeconds: probed }).where(eq(attachments.id, audio.id));
  }
  if (seconds > TRANSCRIBE_MAX_SECONDS + 0.5) throw badInput(`Audio up to 5 minutes can be transcribed; this one is ${clock(seconds)} long.`);

  return inTransaction(deps, async (tx, events) => {
    const [row] = await tx
      .update(messages)
      .set({ transcriptionStatus: 'PENDING', transcriptionText: null, transcriptionLanguage: null, transcriptionError: null })
      .where(and(eq(messages.id, message.id), or(isNull(messages.transcriptionStatus), eq(messages.transcriptionStatus, 'FAILED'))))
      .returning();
    // someone else asked at the same moment: theirs stands
    if (!row) return (await tx.select().from(messages).where(eq(messages.id, message.id)))[0];
    await enqueueJob(tx, 'transcribe', { messageId: message.id }, { maxAttempts: 2 });
    events.push(await recordEvent(tx, 'MessageUpdated', { channelId: row.channelId, chatId: row.chatId, messageId: row.id }));
    return row;
  });
}

/**
 * The `transcribe` job: the audio through the configured engine, the text (or a reason) stored on
 * the message and announced as MessageUpdated. An engine that is down was already retried by its
 * client; this job tries once more later, then the message is FAILED and "try again" asks anew.
 */
export async function runTranscription(deps: Deps, engine: TranscriptionEngine, payload: { messageId: string }, job: JobContext): Promise<void> {
  const [message] = await deps.db.select().from(messages).where(eq(messages.id, payload.messageId));
  if (!message || message.transcriptionStatus !== 'PENDING') return;
  const finish = (result: { text: string; language: string | null } | { error: string }) =>
    inTransaction(deps, async (tx, events) => {
      const [row] = await tx
        .update(messages)
        .set(
          'error' in result
            ? { transcriptionStatus: 'FAILED', transcriptionError: result.error, transcriptionText: null, transcriptionLanguage: null }
            : { transcriptionStatus: 'DONE', transcriptionText: result.text, transcriptionLanguage: result.language, transcriptionError: null },
        )
        .where(and(eq(messages.id, message.id), eq(messages.transcriptionStatus, 'PENDING')))
        .returning({ id: messages.id });
      if (row) events.push(await recordEvent(tx, 'MessageUpdated', { channelId: message.channelId, chatId: message.chatId, messageId: message.id }));
    });

  const audio = await audioOf(deps, message.id);
  const bytes = audio?.storageKey ? await deps.media.get(audio.storageKey) : null;
  if (!audio || !bytes) return finish({ error: 'The audio file is no longer stored, so it cannot be transcribed.' });
  const started = Date.now();
  try {
    const result = await engine.transcribe({ bytes, mimeType: audio.mimeType }, { signal: AbortSignal.timeout(Math.max(900, deps.config.transcribe.timeoutSeconds * 4) * 1000) });
    deps.log.info({ messageId: message.id, engine: engine.name, ms: Date.now() - started, seconds: audio.durationSeconds }, 'voice note transcribed');
    if (!result.text.trim()) return finish({ error: 'No speech was recognised in this audio.' });
    return finish({ text: result.text.trim(), language: result.language });
  } catch (error) {
    if (error instanceof TranscriptionFailed) {
      if (error.retryable && !job.finalAttempt) throw Object.assign(error, { retryAfterSeconds: error.retryAfterSeconds ?? 5 });
      return finish({ error: error.message });
    }
    deps.log.error({ err: error, messageId: message.id }, 'transcription failed');
    if (!job.finalAttempt) throw error;
    return finish({ error: 'The transcription failed for an unexpected reason. Try again; if it keeps failing, tell your admin.' });
  }
}
