import { ChannelSendError } from './types';

/**
 * The platform never answered (DNS, refused or reset connection, timeout): it says nothing about
 * the token or the account, so callers tell it apart from a refusal.
 */
export class PlatformUnreachableError extends ChannelSendError {
  constructor(
    /** Who we tried to talk to: "Meta", "WhatsApp", "Facebook", "Telegram". */
    readonly platform: string,
    message: string,
    /** What the network layer said (e.g. "getaddrinfo ENOTFOUND graph.facebook.com"), token removed. */
    readonly detail: string,
    readonly timedOut: boolean,
  ) {
    super('transient', message);
    this.name = 'PlatformUnreachableError';
  }
}

/**
 * A platform we could not reach, or that did not answer in time: always retryable, and the
 * operator is told the request may have gone through (a timed-out send can still arrive).
 */
export function networkError(platform: string, error: unknown, timeoutMs: number, secret?: string): PlatformUnreachableError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    const detail = `no answer within ${timeoutMs} ms`;
    return new PlatformUnreachableError(platform, `${platform} did not answer within ${timeoutMs} ms; the request may or may not have gone through.`, detail, true);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const raw = cause ?? (error instanceof Error ? error.message : String(error));
  // a token that travels in the URL (Telegram) must never show up in an error text
  const detail = secret ? raw.split(secret).join('<token>') : raw;
  return new PlatformUnreachableError(platform, `Could not reach ${platform} (${detail}).`, detail, false);
}

/** A response body as JSON, or undefined when it is empty or not JSON (gateway pages, plain text). */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
