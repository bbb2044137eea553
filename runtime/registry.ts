import type { Deps } from '../domain/deps';

/**
 * The one runtime of this process, reachable from the custom server's modules and from Next's
 * bundle alike (they are separate module graphs; globalThis is shared).
 */
export interface Runtime {
  deps: Deps;
  close(): Promise<void>;
}

const KEY = Symbol.for('chats.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime | undefined) {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error('The Chats runtime is not started: run the app with `npm start` (server.ts), not `next start`.');
  return runtime;
}

export function getDeps(): Deps {
  return getRuntime().deps;
}
