import { lazy, type ComponentType } from 'react';

/** Waits 1 s, 2 s, 4 s … between attempts, never more than 10 s, with a little jitter. */
export function retryWait(retries: number) {
  const ms = Math.min(10_000, 1000 * 2 ** retries) + Math.random() * 500;
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/**
 * Code fetched after the page (a pane, urql, the reducer): a chunk that did not arrive (offline, a
 * dropped connection) is asked for again with the socket's backoff, so what waits for it shows as
 * loading and then works, instead of failing for good. (Turbopack's runtime forgets a failed chunk,
 * so the next `import()` fetches it again.)
 */
export function retryImport<T>(load: () => Promise<T>, attempt = 0): Promise<T> {
  return load().catch(() => retryWait(attempt).then(() => retryImport(load, attempt + 1)));
}

/**
 * React.lazy over `retryImport`: React keeps a failed import for good (its error boundary's "Try
 * again" could not help), so the chunk is asked for again until it arrives; meanwhile the
 * Suspense fallback shows.
 */
export function lazyRetrying<M, P>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>) {
  return lazy(() => retryImport(load).then((module) => ({ default: pick(module) })));
}
