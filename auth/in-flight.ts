/** Ends an operation's turn; calling it again does nothing. */
export type Release = () => void;

/**
 * How many operations of one identity (API key, session, signed-out address) run at once in this
 * process. `enter` answers a release at once while the identity has a free slot, a promise of one
 * while it waits its turn (first come, first served), or null when its queue is full as well.
 */
export interface InFlight {
  enter(key: string): Release | null | Promise<Release | null>;
  /** Operations of the key running now (for tests and logs). */
  running(key: string): number;
}

const free: Release = () => {};

/** At most `limit` at once per key (0: no cap), up to `queue` more waiting. In memory: the event loop it protects is this process's. */
export function createInFlight(limit: number, queue: number): InFlight {
  if (limit <= 0) return { enter: () => free, running: () => 0 };
  const lanes = new Map<string, { running: number; waiting: ((release: Release) => void)[] }>();

  const releaser = (key: string, lane: { running: number; waiting: ((release: Release) => void)[] }): Release => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = lane.waiting.shift();
      // the slot passes straight to the next in line
      if (next) next(releaser(key, lane));
      else if (--lane.running === 0) lanes.delete(key);
    };
  };

  return {
    enter(key) {
      let lane = lanes.get(key);
      if (!lane) lanes.set(key, (lane = { running: 0, waiting: [] }));
      if (lane.running < limit) {
        lane.running++;
        return releaser(key, lane);
      }
      if (lane.waiting.length >= queue) return null;
      const waiting = lane.waiting;
      return new Promise<Release>((resolve) => waiting.push(resolve));
    },
    running: (key) => lanes.get(key)?.running ?? 0,
  };
}
