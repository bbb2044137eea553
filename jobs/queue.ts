import { and, eq, inArray, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import { jobs } from '../db/schema';

/** What each kind of job carries: the row it serves, by id. */
export interface JobPayloads {
  'send-message': { messageId: string };
  'mark-seen': { chatId: string };
  'fetch-profile': { contactId: string };
  'download-media': { attachmentId: string };
  'prune-history': { chatId: string };
  'check-channels': Record<string, never>;
  transcribe: { messageId: string };
}

export type JobKind = keyof JobPayloads;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job inside the caller's transaction, so it exists exactly when the row it serves does. */
export async function enqueueJob<K extends JobKind>(tx: Executor, kind: K, payload: JobPayloads[K], options: EnqueueOptions = {}) {
  const [row] = await tx
    .insert(jobs)
    .values({ kind, payload, runAt: options.runAt ?? new Date(), maxAttempts: options.maxAttempts ?? 6 })
    .returning({ id: jobs.id });
  return row.id;
}

export interface JobContext {
  jobId: number;
  attempt: number;
  /** True when this is the last attempt: a failure now is final. */
  finalAttempt: boolean;
}

export type JobHandler<K extends JobKind = JobKind> = (payload: JobPayloads[K], context: JobContext) => Promise<void>;

/** One handler per kind, each typed by its payload. */
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };

/** An error that says whether trying again can help, and when. */
export interface RetryHint {
  retryable?: boolean;
  retryAfterSeconds?: number;
}

export function backoffSeconds(attempt: number): number {
  // 2s, 4s, 8s ... capped at 5 minutes
  return Math.min(300, 2 ** attempt);
}

const LOCK_SECONDS = 120;

export interface JobWorker {
  start(): void;
  /** Runs every job that is due now, until none is left (tests and the first tick). */
  drain(): Promise<number>;
  /** Tell the worker new work is waiting (after a commit) so it doesn't wait for the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

export function createJobWorker(
  db: Db,
  handlers: JobHandlers,
  options: {
    pollMs?: number;
    onError?: (error: unknown, job: { id: number; kind: string }) => void;
    /**
     * Slow kinds (transcription) that run beside the loop, at most N at once in this process, so a
     * burst of them never holds up sends; the rest of their kind wait in the queue meanwhile.
     */
    aside?: Partial<Record<JobKind, number>>;
  } = {},
): JobWorker {
  const pollMs = options.pollMs ?? 1000;
  const asideRunning = new Map<string, number>();
  const asideTasks = new Set<Promise<void>>();
  const fullKinds = () => Object.entries(options.aside ?? {}).filter(([kind, limit]) => (asideRunning.get(kind) ?? 0) >= (limit ?? 1)).map(([kind]) => kind);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let again = false;

  async function claim() {
    const now = new Date();
    const full = fullKinds();
    const due = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          or(
            and(eq(jobs.state, 'QUEUED'), lte(jobs.runAt, now)),
            // a worker that died mid-job leaves it RUNNING: take it back once its lock runs out
            and(eq(jobs.state, 'RUNNING'), lte(jobs.lockedUntil, now)),
          ),
          // kinds running aside at their limit wait in the queue
          full.length ? notInArray(jobs.kind, full) : undefined,
        ),
      )
      .orderBy(jobs.runAt)
      .limit(10)
      .for('update', { skipLocked: true });
    return db
      .update(jobs)
      .set({
        state: 'RUNNING',
        attempts: sql`${jobs.attempts} + 1`,
        lockedUntil: new Date(now.getTime() + LOCK_SECONDS * 1000),
      })
      .where(inArray(jobs.id, due))
      .returning();
  }

  async function runOne(job: typeof jobs.$inferSelect) {
    // the row was written by enqueueJob with the payload of its kind
    const handler = handlers[job.kind as JobKind] as JobHandler | undefined;
    const finalAttempt = job.attempts >= job.maxAttempts;
    try {
      if (!handler) throw Object.assign(new Error(`No handler for job kind ${job.kind}`), { retryable: false });
      await handler(job.payload as JobPayloads[JobKind], { jobId: job.id, attempt: job.attempts, finalAttempt });
      await db.update(jobs).set({ state: 'DONE', finishedAt: new Date(), lockedUntil: null }).where(eq(jobs.id, job.id));
    } catch (error) {
      const hint = error as RetryHint;
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = finalAttempt || hint.retryable === false;
      const delay = Math.max(hint.retryAfterSeconds ?? 0, backoffSeconds(job.attempts));
      await db
        .update(jobs)
        .set(
          giveUp
            ? { state: 'FAILED', lastError: message, finishedAt: new Date(), lockedUntil: null }
            : { state: 'QUEUED', lastError: message, runAt: new Date(Date.now() + delay * 1000), lockedUntil: null },
        )
        .where(eq(jobs.id, job.id));
      if (hint.retryable === undefined) options.onError?.(error, job);
    }
  }

  /** Starts a job of an `aside` kind without waiting for it; its lock is renewed while it runs. */
  async function runAside(job: typeof jobs.$inferSelect) {
    const limit = options.aside?.[job.kind as JobKind] ?? 1;
    if ((asideRunning.get(job.kind) ?? 0) >= limit) {
      // claimed in the same batch as others of its kind: back to the queue, this try not counted
      await db.update(jobs).set({ state: 'QUEUED', attempts: sql`${jobs.attempts} - 1`, lockedUntil: null }).where(eq(jobs.id, job.id));
      return;
    }
    asideRunning.set(job.kind, (asideRunning.get(job.kind) ?? 0) + 1);
    const renew = setInterval(() => {
      void db.update(jobs).set({ lockedUntil: new Date(Date.now() + LOCK_SECONDS * 1000) }).where(eq(jobs.id, job.id)).catch(() => {});
    }, (LOCK_SECONDS * 1000) / 2);
    const task: Promise<void> = runOne(job)
      .catch((error) => options.onError?.(error, job))
      .finally(() => {
        clearInterval(renew);
        asideRunning.set(job.kind, (asideRunning.get(job.kind) ?? 1) - 1);
        asideTasks.delete(task);
        if (!stopped) worker.wake();
      });
    asideTasks.add(task);
  }

  async function drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await claim();
      if (batch.length === 0) return total;
      for (const job of batch) await (options.aside?.[job.kind as JobKind] ? runAside(job) : runOne(job));
      total += batch.length;
    }
  }

  /** Runs every due job, and waits for the ones running aside (tests, and the first tick). */
  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      total += await pump();
      if (asideTasks.size === 0) return total;
      await Promise.allSettled([...asideTasks]);
    }
  }

  function pump(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drainOnce();
      } while (again);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await pump();
      } catch (error) {
        options.onError?.(error, { id: 0, kind: 'poll' });
      }
      schedule();
    }, pollMs);
    timer.unref?.();
  }

  const worker: JobWorker = {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    drain,
    wake() {
      if (stopped) return;
      void pump().catch((error) => options.onError?.(error, { id: 0, kind: 'wake' }));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
      await Promise.allSettled([...asideTasks]);
    },
  };
  return worker;
}
