import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChannelSendError, type SendErrorKind } from '../types';
import { MetaGraphError, parseGraphError, parseRetryAfter } from './graph-error';

interface ErrorFixture {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

function fixture(name: string): ErrorFixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as ErrorFixture;
}

function parseFixture(name: string): MetaGraphError {
  const f = fixture(name);
  return parseGraphError(f.status, f.body, f.headers?.['retry-after']);
}

const cases: Array<[fixture: string, kind: SendErrorKind]> = [
  ['token-expired', 'auth'],
  ['token-invalid-401', 'auth'],
  ['session-invalid', 'auth'],
  ['window-closed', 'window'],
  ['window-news-messaging', 'window'],
  ['window-subscription-messaging', 'window'],
  ['permission-10', 'permission'],
  ['permission-200', 'permission'],
  ['permission-230', 'permission'],
  ['user-unavailable', 'recipient'],
  ['no-matching-user', 'recipient'],
  ['private-reply-already-sent', 'recipient'],
  ['cannot-reply-to-activity', 'recipient'],
  ['rate-limit-app', 'rate_limit'],
  ['rate-limit-user', 'rate_limit'],
  ['rate-limit-page', 'rate_limit'],
  ['rate-limit-613', 'rate_limit'],
  ['temporary-2', 'transient'],
  ['send-failure-1200', 'transient'],
  ['bad-gateway-html', 'transient'],
  ['server-error-unknown-code', 'transient'],
  ['policy-blocked-368', 'permanent'],
  ['invalid-parameter', 'permanent'],
  ['unknown-path-2500', 'permanent'],
  ['not-found-plain-text', 'permanent'],
];

describe('parseGraphError', () => {
  it.each(cases)('classifies %s as %s', (name, kind) => {
    const error = parseFixture(name);
    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(kind === 'transient' || kind === 'rate_limit');
  });

  it.each(cases)('explains %s in a sentence, never as raw JSON', (name) => {
    const error = parseFixture(name);
    expect(error.message).toMatch(/^[A-Z][^{}]*[.)]$/);
    expect(error.message).not.toContain('"error"');
  });

  it('keeps code, subcode and what Meta said', () => {
    const error = parseFixture('window-closed');
    expect(error.code).toBe(10);
    expect(error.subcode).toBe(2018278);
    expect(error.httpStatus).toBe(400);
    expect(error.fbtraceId).toBe('AwX3nQ1f2kLhT0pYq7rZ9cM');
    expect(error.providerType).toBe('OAuthException');
    expect(error.providerMessage).toMatch(/^\(#10\) This message is sent outside of allowed window/);
    expect(error.message).toMatch(
      /^The customer's 24-hour\/7-day messaging window has closed\. \(Meta error 10\/2018278: This message is sent outside/,
    );
  });

  it('tells the operator how to recover from a dead token', () => {
    const error = parseFixture('token-expired');
    expect(error.message).toMatch(/^The page's access token has expired or was revoked; reconnect the channel in Settings > Chats\./);
    expect(error.message).toContain('Session has expired');
  });

  it('keeps the user-facing title and text Meta sometimes adds', () => {
    const error = parseFixture('policy-blocked-368');
    expect(error.userTitle).toBe("You Can't Use This Feature Right Now");
    expect(error.userMessage).toMatch(/^We limit how often/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseFixture('rate-limit-613').retryAfterSeconds).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jul 2026 10:00:30 GMT', Date.parse('2026-07-01T10:00:00Z'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('accepts the body as raw text and still finds the envelope', () => {
    const f = fixture('window-closed');
    expect(parseGraphError(400, JSON.stringify(f.body)).kind).toBe('window');
  });

  it('lets Meta\'s code win over the HTTP status', () => {
    const f = fixture('token-expired');
    expect(parseGraphError(500, f.body).kind).toBe('auth');
  });

  it('treats a 5xx without any body as transient and a 429 as a rate limit', () => {
    expect(parseGraphError(503, undefined).kind).toBe('transient');
    expect(parseGraphError(503, '').message).toBe("Meta's servers answered HTTP 503; the request can be retried.");
    expect(parseGraphError(429, 'Too Many Requests').kind).toBe('rate_limit');
  });

  it('treats an unknown code with is_transient as transient, and without it as permanent', () => {
    expect(parseGraphError(400, { error: { message: 'Try later', code: 9999, is_transient: true } }).kind).toBe('transient');
    const other = parseGraphError(400, { error: { message: 'Nope', code: 9999 } });
    expect(other.kind).toBe('permanent');
    expect(other.message).toBe('Meta rejected the request (error 9999). (Meta error 9999: Nope)');
  });

  it('classifies business-use-case rate limits (80006 for Messenger)', () => {
    expect(parseGraphError(400, { error: { message: 'There have been too many messenger api calls', code: 80006 } }).kind).toBe(
      'rate_limit',
    );
  });
});
