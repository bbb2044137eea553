import type { Release } from './in-flight';

/**
 * Whose operations go first in this process. Operations of credentials that are flooding (refused
 * by their rate limit a moment ago, auth/refused.ts) run in the background: one at a time in the
 * process, and only while no other operation is running, so a flooding key's allowance fills the
 * gaps between everybody else's operations instead of meeting them. None waits longer than
 * `maxWaitMs` (a busy process still serves a flooding key now and then, at its allowance at most).
 * In memory even with Redis: the event loop it protects is the process's own.
 */
export interface Priority {
  /** An operation of well-behaved credentials starts now; answers its end. */
  foreground(): Release;
  /** Waits for the background turn; answers its end. */
  background(): Promise<Release>;
  /** Operations running now: foreground, background (for tests and logs). */
  running(): { foreground: number; background: number };
}

/** The longest a flooding key's operation waits for the process to be idle. */
export const BACKGROUND_MAX_WAIT_MS = 1000;

export function createPriority(enabled: boolean, maxWaitMs = BACKGROUND_MAX_WAIT_MS): Priority {
  let foreground = 0;
  let background = 0;
  const waiting: (() => void)[] = [];

  const once = (end: () => void): Release => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      end();
    };
  };
  const next = () => {
    if (foreground === 0 && background === 0) waiting.shift()?.();
  };

  if (!enabled) return { foreground: () => () => {}, background: async () => () => {}, running: () => ({ foreground: 0, background: 0 }) };
  return {
    foreground() {
      foreground++;
      return once(() => {
        foreground--;
        next();
      });
    },
    background() {
      return new Promise<Release>((resolve) => {
        const start = () => {
          clearTimeout(timer);
          const i = waiting.indexOf(start);
          if (i >= 0) waiting.splice(i, 1);
          background++;
          resolve(
            once(() => {
              background--;
              next();
            }),
          );
        };
        // waited long enough: runs beside whatever runs
        const timer = setTimeout(start, maxWaitMs);
        waiting.push(start);
        next();
      });
    },
    running: () => ({ foreground, background }),
  };
}
