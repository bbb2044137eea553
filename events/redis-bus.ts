import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Executor } from '../db/client';
import { latestEventLogId, readEventLogAfter } from '../db/inbox-event-log';
import type { EventBus, InboxEventRecord } from './bus';

interface BusLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface RedisBusOptions {
  url: string;
  /** The database holding the event log (inbox_events): what a dropped connection missed is read there. */
  db: Executor;
  log: BusLogger;
  /** The pub/sub channel; one per database, so two deployments on one Redis never mix. */
  channel: string;
  /** Wait between attempts to read the log while the database does not answer. */
  retryMs?: number;
}

/** Ids before the newest one seen that are read again on a catch-up: a transaction may commit after a later one. */
const OVERLAP = 1000;
/** Ids remembered to drop what arrives twice (the log and Redis, or this process's own publish). */
const REMEMBERED = 20_000;
const PAGE = 500;

/** The channel name for a PostgreSQL URL: its host and database, never its password. */
export function redisChannelFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `chats:inbox-events:${url.host}${url.pathname}`;
}

/**
 * Live events across processes (decision 018). The event log stays in PostgreSQL, written in the
 * transaction that made the change; Redis pub/sub only carries the notification (the ids). When
 * the subscriber connection comes back after a drop (or first connects), this process reads the
 * log after the newest event it has seen, so nothing published meanwhile is missed; events that
 * arrive twice (log and Redis, or our own publish echoed) are dropped by id. A publish never waits
 * for Redis: this process's subscribers get its events directly, the others through Redis or the log.
 */
export function createRedisBus(options: RedisBusOptions): EventBus {
  const { db, log, channel } = options;
  const retryMs = options.retryMs ?? 1000;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  // no offline queue: while Redis is away a publish fails at once instead of holding the webhook
  const pub = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // the subscription is renewed by hand on every 'ready', so the catch-up starts only once it is in place
  const sub = new Redis(options.url, { autoResubscribe: false, maxRetriesPerRequest: null });
  const floor = latestEventLogId(db).catch(() => 0);

  const seen = new Set<number>();
  const ring: number[] = [];
  let ringAt = 0;
  let newest = 0;
  /** Arrivals held while the log is read, so they follow what was missed in order. */
  let held: InboxEventRecord[] | null = null;
  let subscribed = false;
  let down = false;
  let closed = false;

  const emit = (record: InboxEventRecord) => {
    if (seen.has(record.id)) return;
    seen.add(record.id);
    const old = ring[ringAt];
    if (old !== undefined) seen.delete(old);
    ring[ringAt] = record.id;
    ringAt = (ringAt + 1) % REMEMBERED;
    newest = Math.max(newest, record.id);
    emitter.emit('event', record);
  };
  const receive = (record: InboxEventRecord) => (held ? held.push(record) : emit(record));

  const outage = (err: Error) => {
    if (down || closed) return;
    down = true;
    log.warn({ err: err.message }, 'Redis (REDIS_URL) is unreachable: live events of other processes arrive once it is back (read from the database then)');
  };
  pub.on('error', outage);
  sub.on('error', outage);
  sub.on('close', () => {
    subscribed = false;
    if (!closed) outage(new Error('connection closed'));
  });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Everything after the newest event seen (less a margin for late commits), or after `from`, from the log. */
  async function catchUp(from?: number) {
    let after = Math.max(await floor, Math.min(newest - OVERLAP, from ?? Number.POSITIVE_INFINITY));
    for (;;) {
      if (closed) return;
      const rows = await readEventLogAfter(db, after, PAGE).catch(async (err: Error) => {
        log.warn({ err: err.message }, 'missed live events could not be read from the database; trying again');
        await pause(retryMs);
        return null;
      });
      if (!rows) continue;
      for (const row of rows) emit({ ...row, type: row.type as InboxEventRecord['type'] });
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }
  /** Reads what was missed while notices hold still, then lets them follow in id order; one at a time. */
  let resuming = Promise.resolve();
  const resume = (options: { subscribe: boolean; from?: number }) => {
    resuming = resuming.then(async () => {
      held ??= [];
      let caughtUp = false;
      try {
        if (options.subscribe) {
          await sub.subscribe(channel);
          subscribed = true;
        }
        await catchUp(options.from);
        caughtUp = true;
      } catch {
        // the connection went again: its next 'ready' subscribes and reads the log once more
      }
      const arrived = held ?? [];
      held = null;
      for (const record of arrived.sort((a, b) => a.id - b.id)) emit(record);
      if (caughtUp && options.subscribe) recovered();
    });
  };
  /** Both connections back: the outage is over (and the next one is reported again). */
  const recovered = () => {
    if (!down || closed || !subscribed || pub.status !== 'ready') return;
    down = false;
    log.info({}, 'Redis (REDIS_URL) is reachable again; missed live events were read from the database');
  };
  sub.on('ready', () => resume({ subscribe: true }));
  sub.on('message', (_channel: string, text: string) => {
    try {
      const notice = JSON.parse(text) as InboxEventRecord[] | { gapAfter: number };
      // another process could not announce some events (its connection was down): read them from the log
      if (!Array.isArray(notice)) return resume({ subscribe: false, from: notice.gapAfter });
      for (const record of notice) receive(record);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'an unreadable live-event notification from Redis was dropped');
    }
  });

  /**
   * Events this process could not announce: once its connection is back it says "read the log
   * after this id", for subscribers that were connected all along and so have no reason to look.
   */
  let gapAfter: number | null = null;
  const noteGap = (after: number) => void (gapAfter = Math.min(gapAfter ?? after, after));
  const announceGap = () => {
    if (gapAfter === null) return;
    const after = gapAfter;
    gapAfter = null;
    pub.publish(channel, JSON.stringify({ gapAfter: after })).catch(() => noteGap(after));
  };
  pub.on('ready', () => {
    announceGap();
    recovered();
  });

  return {
    async publish(events) {
      if (!events.length) return;
      for (const record of events) receive(record);
      if (pub.status === 'ready') announceGap();
      pub.publish(channel, JSON.stringify(events)).catch((err: Error) => {
        outage(err);
        noteGap(Math.min(...events.map((e) => e.id)) - 1);
      });
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async ready() {
      if (pub.status !== 'ready' || !subscribed) return false;
      const answer = pub.ping().then(
        () => true,
        () => false,
      );
      return Promise.race([answer, pause(1000).then(() => false)]);
    },
    async close() {
      closed = true;
      emitter.removeAllListeners();
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}
