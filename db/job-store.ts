import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from './client';
import { queryRows } from './rows';
import { jobs, messages } from './schema';

/** The statements of the durable job queue (jobs/queue.ts decides what they mean). */

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: Date;
  maxAttempts: number;
  priority: number;
  /** At most one QUEUED job per key: a second enqueue while one waits is a no-op. */
  dedupeKey?: string;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  priority: number;
  /** What the previous attempt had committed to when its worker died (null on a fresh attempt). */
  checkpoint: string | null;
}

const DEDUPE_TARGET = sql`${jobs.state} = 'QUEUED' and ${jobs.dedupeKey} is not null`;

/** Inserts a job; null when a job with the same dedupe key is already waiting. */
export async function insertJob(tx: Executor, job: NewJob): Promise<number | null> {
  const insert = tx.insert(jobs).values({
    kind: job.kind,
    payload: job.payload,
    runAt: job.runAt,
    maxAttempts: job.maxAttempts,
    priority: job.priority,
    dedupeKey: job.dedupeKey ?? null,
  });
  const rows = job.dedupeKey
    ? await insert.onConflictDoNothing({ target: jobs.dedupeKey, where: DEDUPE_TARGET }).returning({ id: jobs.id })
    : await insert.returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/**
 * The same insert as one SQL statement to put inside a caller's larger statement (a CTE of the
 * ingest query): inserted only when `when` holds.
 */
export function insertJobSql(job: NewJob, when: SQL): SQL {
  return sql`insert into ${jobs} (kind, payload, run_at, max_attempts, priority, dedupe_key)
    select ${job.kind}::text, ${JSON.stringify(job.payload)}::jsonb, ${job.runAt.toISOString()}::timestamptz, ${job.maxAttempts}::int, ${job.priority}::int, ${job.dedupeKey ?? null}::text
    where ${when}
    on conflict (dedupe_key) where ${sql.raw(`state = 'QUEUED' and dedupe_key is not null`)} do nothing`;
}

/** A send job's message id as a uuid (null when the payload holds something else, as a test's may). */
const messageIdOf = (alias: 'j' | 'other') =>
  sql.raw(`(case when ${alias}.payload->>'messageId' ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then (${alias}.payload->>'messageId')::uuid end)`);

/**
 * The messages of one chat reach the platform in the order they were sent: a send waits while
 * another send of its chat runs, or while an earlier one of its chat is due (the outer job is `j`).
 */
const sendsInChatOrder = (now: string) => sql`(j.kind <> 'send-message' or not exists (
  select 1 from ${jobs} other
  join ${messages} other_message on other_message.id = ${messageIdOf('other')}
  join ${messages} own_message on own_message.id = ${messageIdOf('j')} and own_message.chat_id = other_message.chat_id
  where other.kind = 'send-message' and other.id <> j.id
    and ((other.state = 'RUNNING' and other.locked_until > ${now}::timestamptz)
      or (other.state = 'QUEUED' and other.run_at <= ${now}::timestamptz and other.id < j.id))))`;

/**
 * Takes up to `limit` due jobs, most urgent first, and jobs whose worker died (RUNNING past their
 * lock). `SKIP LOCKED`: any number of workers claim side by side, each job goes to one of them.
 */
export async function claimJobs(
  db: Db,
  options: { limit: number; priorities: [min: number, max: number]; lockSeconds: number; now: Date; excludeKinds?: string[] },
): Promise<ClaimedJob[]> {
  const now = options.now.toISOString();
  const lockedUntil = new Date(options.now.getTime() + options.lockSeconds * 1000).toISOString();
  const notExcluded = options.excludeKinds?.length
    ? sql`and kind not in (${sql.join(options.excludeKinds.map((k) => sql`${k}`), sql`, `)})`
    : sql``;
  const rows = await queryRows(db, sql`
    with queued as (
      select j.id from ${jobs} j
      where j.state = 'QUEUED' and j.run_at <= ${now}::timestamptz and j.priority between ${options.priorities[0]} and ${options.priorities[1]} ${notExcluded}
        and ${sendsInChatOrder(now)}
      order by j.priority, j.run_at
      limit ${options.limit}
      for update skip locked
    ), expired as (
      select id from ${jobs}
      where state = 'RUNNING' and locked_until <= ${now}::timestamptz ${notExcluded}
      limit ${options.limit}
      for update skip locked
    )
    update ${jobs} set state = 'RUNNING', attempts = attempts + 1, locked_until = ${lockedUntil}::timestamptz
    where id in (select id from queued union all select id from expired)
    returning id, kind, payload, attempts, max_attempts, priority, checkpoint`);
  return rows
    .map((r) => ({
      id: Number(r.id),
      kind: String(r.kind),
      payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
      attempts: Number(r.attempts),
      maxAttempts: Number(r.max_attempts),
      priority: Number(r.priority),
      checkpoint: (r.checkpoint as string | null) ?? null,
    }))
    .sort((a, b) => a.priority - b.priority || a.id - b.id);
}

/** This attempt's row only: a worker whose lock ran out (and whose job was taken back) changes nothing. */
const ownAttempt = (job: Pick<ClaimedJob, 'id' | 'attempts'>) => and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), eq(jobs.state, 'RUNNING'));

export async function markJobDone(db: Db, job: Pick<ClaimedJob, 'id' | 'attempts'>) {
  await db.update(jobs).set({ state: 'DONE', finishedAt: new Date(), lockedUntil: null, checkpoint: null }).where(ownAttempt(job));
}

export async function markJobFailed(db: Db, job: Pick<ClaimedJob, 'id' | 'attempts'>, error: string) {
  await db.update(jobs).set({ state: 'FAILED', lastError: error, finishedAt: new Date(), lockedUntil: null, checkpoint: null }).where(ownAttempt(job));
}

/** Back to the queue for another attempt; a deduplicated job whose twin is already waiting is done instead. */
export async function rescheduleJob(db: Db, job: Pick<ClaimedJob, 'id' | 'attempts'>, error: string, runAt: Date) {
  const twinWaiting = sql`${jobs.dedupeKey} is not null and exists (select 1 from ${jobs} as twin where twin.dedupe_key = ${jobs.dedupeKey} and twin.state = 'QUEUED')`;
  await db
    .update(jobs)
    .set({
      state: sql`case when ${twinWaiting} then 'DONE'::job_state else 'QUEUED'::job_state end`,
      lastError: error,
      runAt,
      lockedUntil: null,
      checkpoint: null,
    })
    .where(ownAttempt(job));
}

/** Commits what the running attempt is about to do, so a worker taking the job back after a crash knows. */
export async function setJobCheckpoint(db: Db, job: Pick<ClaimedJob, 'id' | 'attempts'>, checkpoint: string | null) {
  await db.update(jobs).set({ checkpoint }).where(ownAttempt(job));
}

/** Extends the lock of a long job while it runs (transcription), so no other worker takes it back. */
export async function renewJobLock(db: Db, job: Pick<ClaimedJob, 'id' | 'attempts'>, lockSeconds: number) {
  await db.update(jobs).set({ lockedUntil: new Date(Date.now() + lockSeconds * 1000) }).where(ownAttempt(job));
}

/** Hands a claimed job back untouched: it waits again and this claim does not count as an attempt. */
export async function releaseJob(db: Db, job: Pick<ClaimedJob, 'id' | 'attempts'>) {
  await db.update(jobs).set({ state: 'QUEUED', attempts: sql`${jobs.attempts} - 1`, lockedUntil: null }).where(ownAttempt(job));
}
