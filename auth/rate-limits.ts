import type { InFlight } from './in-flight';
import type { Priority } from './priority';
import type { RefusedCredentials } from './refused';

/** One kind of traffic under a limit: `take` answers null while under it, else the seconds to wait. */
export interface Limit {
  take(key: string): Promise<number | null>;
  /** The same count; when over, answers the epoch ms at which the key's window ends instead. */
  takeUntil(key: string): Promise<number | null>;
  /**
   * Counts a window in which the key came back before its Retry-After (a strike, at most one a
   * window). Past RATE_LIMIT_FLOOD_STRIKES strikes within ten windows the key is flooding and is
   * refused for RATE_LIMIT_FLOOD_BLOCK_SECONDS: answers the epoch ms it is refused until, else
   * null (always null where flooding is not penalised).
   */
  strike(key: string): Promise<number | null>;
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
  /** Credentials the GraphQL limits refused, until their window ends: turned away again before Yoga (http/rate-limit-gate.ts). */
  refused: RefusedCredentials;
  /** Flooding credentials' operations wait until nobody else's runs (off when no in-flight cap is set). */
  priority: Priority;
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
  return new ResponseImpl(rateLimitedBody(retryAfter), { status: 429, headers: rateLimitedHeaders(retryAfter) });
}

/** The body of a 429 (a GraphQL error with code RATE_LIMITED), for Yoga and for the gate in front of it alike. */
export function rateLimitedBody(retryAfter: number): string {
  const message = rateLimitedMessage(retryAfter);
  return JSON.stringify({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfter } }] });
}

export function rateLimitedHeaders(retryAfter: number): Record<string, string> {
  return { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) };
}

/** Whole seconds until an epoch ms, at least 1: what Retry-After says. */
export function secondsUntil(untilMs: number): number {
  return Math.max(1, Math.ceil((untilMs - Date.now()) / 1000));
}

export function rateLimitedMessage(retryAfter: number): string {
  return `Too many requests: try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
}
