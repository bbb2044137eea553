import type { Db, Executor } from '../db/client';
import { claimJobs, insertJob, insertJobSql, markJobDone, markJobFailed, releaseJob, renewJobLock, rescheduleJob, setJobCheckpoint, type ClaimedJob, type NewJob } from '../db/job-store';
import type { SQL } from 'drizzle-orm';

/** What each kind of job carries: the row it serves, by id. */
export interface JobPayloads {
  'send-message': { messageId: string };
  'mark-seen': { chatId: string };
  'fetch-profile': { contactId: string };
  'download-media': { attachmentId: string };
  'prune-history': { chatId: string };
  'check-channels': Record<string, never>;
  transcribe: { messageId: string };
  'fetch-post': { channelId: string; postId: string };
}

export type JobKind = keyof JobPayloads;

/**
 * Who waits for whom (lower runs first): an operator's send is what someone is looking at, then
 * telling the platform they read the chat, then what fills the inbox in (media, profiles), and
 * housekeeping last, however many of it wait.
 */
export const JOB_PRIORITY: Record<JobKind, number> = {
  'send-message': 0,
  'mark-seen': 1,
  'download-media': 2,
  'fetch-profile': 2,
  transcribe: 2,
  'fetch-post': 2,
  'prune-history': 3,
  'check-channels': 3,
};

/** Housekeeping: never takes the last free slot, so a send never waits behind it. */
const HOUSEKEEPING = 3;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Only one job with this key waits at a time: enqueueing another while it waits is a no-op. */
  dedupeKey?: string;
}

function newJob<K extends JobKind>(kind: K, payload: JobPayloads[K], options: EnqueueOptions): NewJob {
  return {
    kind,
    payload,
    runAt: options.runAt ?? new Date(),
    maxAttempts: options.maxAttempts ?? 6,
    priority: JOB_PRIORITY[kind],
    dedupeKey: options.dedupeKey,
  };
}

/**
 * Adds a job inside the caller's transaction, so it exists exactly when the row it serves does.
 * Null when a job with the same dedupe key already waits.
 */
export async function enqueueJob<K extends JobKind>(tx: Executor, kind: K, payload: JobPayloads[K], options: EnqueueOptions = {}) {
  return insertJob(tx, newJob(kind, payload, options));
}

/** The same as one SQL statement, for a caller that folds it into a larger statement; runs only when `when` holds. */
export function enqueueJobSql<K extends JobKind>(kind: K, payload: JobPayloads[K], options: EnqueueOptions, when: SQL): SQL {
  return insertJobSql(newJob(kind, payload, options), when);
}

export interface JobContext {
  jobId: number;
  attempt: number;
  /** True when this is the last attempt: a failure now is final. */
  finalAttempt: boolean;
  /**
   * What an earlier attempt had committed to with `checkpoint` when its worker died (the job was
   * taken back after its lock ran out); null otherwise.
   */
  interruptedAt: string | null;
  /** Commits a note of what this attempt is about to do (cleared when the attempt ends). */
  checkpoint(note: string | null): Promise<void>;
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

export interface JobWorker {
  start(): void;
  /** Runs every job that is due now, until none is left (tests and the first tick). */
  drain(): Promise<number>;
  /** Tell the worker new work is waiting (after a commit) so it doesn't wait for the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

export interface JobWorkerOptions {
  pollMs?: number;
  /** Jobs run at once by this process (default 4); housekeeping gets all but one of them. */
  concurrency?: number;
  /**
   * How long a claimed job belongs to this worker. A worker that dies leaves its job RUNNING; any
   * worker takes it back once this runs out, so it must exceed the longest platform call (uploads: 2 min).
   */
  lockSeconds?: number;
  /**
   * Slow kinds (transcription): at most N of each run at once in this process, so a burst of them
   * never holds every slot; their lock is renewed while they run, however long that takes.
   */
  kindLimits?: Partial<Record<JobKind, number>>;
  onError?: (error: unknown, job: { id: number; kind: string }) => void;
}

export function createJobWorker(db: Db, handlers: JobHandlers, options: JobWorkerOptions = {}): JobWorker {
  const pollMs = options.pollMs ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const housekeepingSlots = Math.max(1, concurrency - 1);
  const lockSeconds = options.lockSeconds ?? 300;
  const kindLimits: Partial<Record<string, number>> = options.kindLimits ?? {};
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let halted = false;
  let again = false;
  // wakes a drain that waits for a slot, so a send just queued takes the slot housekeeping leaves free
  let nudge: (() => void) | undefined;
  const nudged = () => new Promise<void>((resolve) => (nudge = resolve));

  async function runOne(job: ClaimedJob) {
    // the row was written by enqueueJob with the payload of its kind
    const handler = handlers[job.kind as JobKind] as JobHandler | undefined;
    const finalAttempt = job.attempts >= job.maxAttempts;
    let renew: NodeJS.Timeout | undefined;
    try {
      if (!handler) throw Object.assign(new Error(`No handler for job kind ${job.kind}`), { retryable: false });
      const limited = kindLimits[job.kind] !== undefined;
      renew = limited ? setInterval(() => void renewJobLock(db, job, lockSeconds).catch(() => {}), (lockSeconds * 1000) / 2) : undefined;
      await handler(job.payload as JobPayloads[JobKind], {
        jobId: job.id,
        attempt: job.attempts,
        finalAttempt,
        interruptedAt: job.checkpoint,
        checkpoint: (note) => setJobCheckpoint(db, job, note),
      });
      clearInterval(renew);
      await markJobDone(db, job);
    } catch (error) {
      clearInterval(renew);
      const hint = error as RetryHint;
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = finalAttempt || hint.retryable === false;
      const delay = Math.max(hint.retryAfterSeconds ?? 0, backoffSeconds(job.attempts));
      if (giveUp) await markJobFailed(db, job, message);
      else await rescheduleJob(db, job, message, new Date(Date.now() + delay * 1000));
      if (hint.retryable === undefined) options.onError?.(error, job);
    }
  }

  /**
   * Keeps up to `concurrency` jobs running, claiming as slots free up, most urgent first, until
   * nothing is due and nothing runs.
   */
  async function drainOnce(): Promise<number> {
    let total = 0;
    const inFlight = new Map<number, { priority: number; kind: string; done: Promise<void> }>();
    for (;;) {
      // stopping: no new claims, only the jobs already running are finished
      if (halted && inFlight.size === 0) return total;
      const free = halted ? 0 : concurrency - inFlight.size;
      if (free > 0) {
        const housekeeping = [...inFlight.values()].filter((j) => j.priority >= HOUSEKEEPING).length;
        const running = (kind: string) => [...inFlight.values()].filter((j) => j.kind === kind).length;
        // kinds at their limit wait in the queue; one claim takes at most one of each limited kind
        const excludeKinds = Object.keys(kindLimits).filter((kind) => running(kind) >= kindLimits[kind]!);
        const claim = async (priorities: [number, number], limit: number) => {
          const claimed = await claimJobs(db, { limit, priorities, lockSeconds, now: new Date(), excludeKinds });
          const kept: ClaimedJob[] = [];
          for (const job of claimed) {
            const cap = kindLimits[job.kind];
            const taken = running(job.kind) + kept.filter((k) => k.kind === job.kind).length;
            // more of a limited kind than it has room for: back to the queue, this try not counted
            if (cap !== undefined && taken >= cap) await releaseJob(db, job);
            else kept.push(job);
          }
          return kept;
        };
        const batch = await claim([0, HOUSEKEEPING - 1], free);
        const housekeepingFree = Math.min(free - batch.length, housekeepingSlots - housekeeping);
        if (housekeepingFree > 0) batch.push(...(await claim([HOUSEKEEPING, 1000], housekeepingFree)));
        for (const job of batch) {
          const done = runOne(job)
            .catch((error) => options.onError?.(error, job))
            .finally(() => inFlight.delete(job.id));
          inFlight.set(job.id, { priority: job.priority, kind: job.kind, done });
        }
        total += batch.length;
        if (batch.length === 0 && inFlight.size === 0) return total;
        if (batch.length > 0 && inFlight.size < concurrency) continue;
      }
      await Promise.race([...[...inFlight.values()].map((j) => j.done), nudged()]);
      nudge = undefined;
    }
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      nudge?.();
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
        await drain();
      } catch (error) {
        options.onError?.(error, { id: 0, kind: 'poll' });
      }
      schedule();
    }, pollMs);
    timer.unref?.();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    drain,
    wake() {
      if (stopped) return;
      void drain().catch((error) => options.onError?.(error, { id: 0, kind: 'wake' }));
    },
    async stop() {
      stopped = true;
      halted = true;
      nudge?.();
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
