import { EventEmitter } from 'node:events';
import type { Database } from '../db/client';
import { isDatabaseUnreachable } from '../db/unreachable';
import type { Logger } from '../domain/deps';
import { setDatabaseUp } from './metrics';

/** Seconds a platform is asked to wait (`Retry-After`) while this process cannot store anything. */
export const RETRY_AFTER_SECONDS = 5;

/** How long one database probe may take before the database counts as unreachable. */
const PROBE_TIMEOUT_MS = 2000;
/** How often an unreachable database is probed again. */
const PROBE_EVERY_MS = 500;

/**
 * Whether this process can take work now. It stops when shutting down, and while the database is
 * known to be unreachable: a request that meets a connection error reports it here, a probe
 * confirms it, and from then on checks the database twice a second until it answers, so requests are refused at once
 * (503) instead of piling up behind the driver's reconnects, and taken again as soon as it is back.
 */
export interface Availability {
  /** Why new webhooks are refused right now, or undefined when they are taken. */
  refusal(): 'stopping' | 'database' | undefined;
  databaseUp(): boolean;
  /** Reports an error a request met; returns true when it means the database is unreachable. */
  report(error: unknown): boolean;
  /** Runs a probe now (a request took too long); resolves to whether the database answered. */
  probe(): Promise<boolean>;
  /** Calls `listener` when the database is found unreachable; returns the unsubscribe. */
  onDown(listener: () => void): () => void;
  /** From now on refuse webhooks: the process is shutting down. */
  stop(): void;
  close(): void;
}

export function createAvailability(database: Pick<Database, 'ping'>, log: Logger): Availability {
  let up = true;
  let stopping = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let probing: Promise<boolean> | undefined;
  const downs = new EventEmitter();
  // one listener per webhook in flight
  downs.setMaxListeners(0);
  setDatabaseUp(true);

  const ping = async () => {
    let deadline: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => (deadline = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS))),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(deadline);
    }
  };

  const markDown = () => {
    if (!up || closed) return;
    up = false;
    setDatabaseUp(false);
    log.error({}, 'the database is unreachable: webhooks are answered 503 until it is back');
    downs.emit('down');
    schedule();
  };

  const markUp = () => {
    if (up) return;
    up = true;
    setDatabaseUp(true);
    log.info({}, 'the database answers again: taking webhooks');
  };

  function schedule() {
    if (closed || timer) return;
    timer = setTimeout(async () => {
      timer = undefined;
      if (await probe()) markUp();
      else schedule();
    }, PROBE_EVERY_MS);
    timer.unref();
  }

  function probe(): Promise<boolean> {
    probing ??= ping().then((ok) => {
      probing = undefined;
      if (ok) markUp();
      else markDown();
      return ok;
    });
    return probing;
  }

  return {
    refusal: () => (stopping ? 'stopping' : up ? undefined : 'database'),
    databaseUp: () => up,
    report(error) {
      if (!isDatabaseUnreachable(error)) return false;
      // one failed connection is not an outage (a stale attempt can time out after a restart):
      // the probe decides, within PROBE_TIMEOUT_MS
      if (up) void probe();
      return true;
    },
    probe,
    onDown(listener) {
      downs.on('down', listener);
      return () => downs.off('down', listener);
    },
    stop() {
      stopping = true;
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
