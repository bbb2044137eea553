import type { ServerResponse } from 'node:http';
import { isDatabaseUnreachable } from '../db/unreachable';
import { RETRY_AFTER_SECONDS, type Availability } from '../runtime/availability';

/**
 * The longest a webhook is held. Messenger gives up after 20 s and delivers again; answering 503
 * well before that keeps requests from piling up while the database is slow or away. A late
 * commit is harmless: the redelivery finds the event stored and is a no-op.
 */
export const WEBHOOK_DEADLINE_MS = 10_000;

/**
 * A webhook still unanswered after this long makes the database suspect: a probe runs, and if the
 * database does not answer it either (a network partition, a frozen server: no error, just
 * silence), every webhook waiting on it is answered 503 at once.
 */
export const WEBHOOK_SUSPECT_MS = 1000;

const SENTENCES = {
  stopping: 'This server is shutting down; deliver again (another server takes it).',
  database: 'The database cannot be reached; nothing was stored. Deliver again later.',
  slow: 'The database did not answer in time; deliver again later (a repeated event is stored once).',
};

export type Refusal = keyof typeof SENTENCES;

/** The 503 a platform retries on, with `Retry-After`: nothing was acknowledged. */
export function sendWebhookRefused(res: ServerResponse, reason: Refusal) {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS) });
  res.end(SENTENCES[reason]);
}

/** A webhook the guard answered itself (503): why. */
export class Refused {
  constructor(readonly reason: Refusal) {}
}

/**
 * Runs a webhook handler so that it never hangs and never turns an outage into a 500: refused at
 * once while the process stops or the database is known to be away, 503 when the database fails
 * under it or it runs past the deadline (a probe then decides whether the database is away).
 * Answers the handler's own answer, or `Refused` with the reason for the 503.
 */
export async function guardWebhook<T>(availability: Availability | undefined, run: () => Promise<T>): Promise<T | Refused> {
  const refusal = availability?.refusal();
  if (refusal) return new Refused(refusal);
  let late: ReturnType<typeof setTimeout> | undefined;
  let suspect: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};
  const work = run();
  // once answered, the handler may still fail; that is already answered
  work.catch(() => {});
  try {
    const gaveUp = new Promise<Refused>((resolve) => {
      late = setTimeout(() => resolve(new Refused('slow')), WEBHOOK_DEADLINE_MS);
      suspect = setTimeout(() => void availability?.probe(), WEBHOOK_SUSPECT_MS);
      if (availability) unsubscribe = availability.onDown(() => resolve(new Refused('database')));
    });
    const outcome = await Promise.race([work, gaveUp]);
    if (outcome instanceof Refused && outcome.reason === 'slow') void availability?.probe();
    return outcome;
  } catch (error) {
    if (availability ? availability.report(error) : isDatabaseUnreachable(error)) return new Refused('database');
    throw error;
  } finally {
    clearTimeout(late);
    clearTimeout(suspect);
    unsubscribe();
  }
}
