import type { ChannelRegistry } from '../channels/registry';
import type { Config } from '../config';
import type { Db, Tx } from '../db/client';
import type { EventBus, InboxEventRecord } from '../events/bus';
import type { MediaStore } from '../media/store';
import type { RateLimits } from '../auth/rate-limits';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** What domain functions need from the runtime; tests build their own. */
export interface Deps {
  db: Db;
  bus: EventBus;
  config: Config;
  log: Logger;
  /** Called after a commit that queued jobs, so the worker starts now instead of at its next poll. */
  wakeJobs(): void;
  /** Talks to the platforms (Graph API, Bot API); tests point it at fakes through the config URLs. */
  channels: ChannelRegistry;
  /** Downloaded media files (DATA_DIR by default). */
  media: MediaStore;
  /** Rate limits of GraphQL, uploads and sign-in (in Redis when REDIS_URL is set). */
  limits: RateLimits;
}

/**
 * Runs `work` in one transaction; the live events it records are published only after commit,
 * so a subscriber never sees a row that was rolled back.
 */
export async function inTransaction<T>(deps: Deps, work: (tx: Tx, events: InboxEventRecord[]) => Promise<T>): Promise<T> {
  const events: InboxEventRecord[] = [];
  const result = await deps.db.transaction((tx) => work(tx as Tx, events));
  if (events.length) await deps.bus.publish(events);
  deps.wakeJobs();
  return result;
}
