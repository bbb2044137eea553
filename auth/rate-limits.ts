import type { InFlight } from './in-flight';

/** One kind of traffic under a limit: `take` answers null while under it, else the seconds to wait. */
export interface Limit {
  take(key: string): Promise<number | null>;
}

/** Failures that are free up to a point, then each one makes the key wait longer (1 s, 2 s, 4 s...). */
export interface Backoff {
  /** Seconds the key still has to wait, or null. */
  waiting(key: string): Promise<number | null>;
  /** Counts a failure; answers the wait it starts, or null while failures are still free. */
  fail(key: string): Promise<number | null>;
  forget(key: string): Promise<void>;
}

export interface RateLimits {
  /** GraphQL operations per API key, per session, and per client address when signed out. */
  apiKey: Limit;
  session: Limit;
  signedOut: Limit;
  /** GraphQL operations running at once per API key, per session, per signed-out address (in this process). */
  inFlight: { apiKey: InFlight; session: InFlight; signedOut: InFlight };
  /** GraphQL multipart requests per key or session. */
  uploads: Limit;
  /** Sign-in attempts per client address. */
  signIn: Limit;
  /** Wrong passwords per e-mail address and per client address. */
  signInByAccount: Backoff;
  signInByAddress: Backoff;
  /** True when the counts are kept in Redis and shared by every process on it. */
  shared: boolean;
  /** Resolves once Redis answers (at once without Redis); until then each process counts on its own. */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The answer to a request over a limit: 429 with Retry-After, and the GraphQL error an integrator can act on. */
export function rateLimitedResponse(retryAfter: number, ResponseImpl: typeof Response = Response): Response {
  const message = rateLimitedMessage(retryAfter);
  return new ResponseImpl(JSON.stringify({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfter } }] }), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) },
  });
}

export function rateLimitedMessage(retryAfter: number): string {
  return `Too many requests: try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
}
