import { ChannelSendError } from './types';

/**
 * A platform we could not reach, or that did not answer in time: always retryable, and the
 * operator is told the request may have gone through (a timed-out send can still arrive).
 */
export function networkError(platform: string, error: unknown, timeoutMs: number, secret?: string): ChannelSendError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChannelSendError('transient', `${platform} did not answer within ${timeoutMs} ms; the request may or may not have gone through.`);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const detail = cause ?? (error instanceof Error ? error.message : String(error));
  // a token that travels in the URL (Telegram) must never show up in an error text
  return new ChannelSendError('transient', `Could not reach ${platform} (${secret ? detail.split(secret).join('<token>') : detail}).`);
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
