import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChannelSendError, type SendErrorKind } from '../types';
import { parseTelegramError, TelegramApiError } from './errors';

interface ErrorFixture {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/errors.json', import.meta.url), 'utf8')) as Record<string, ErrorFixture>;

function parse(name: string): TelegramApiError {
  const f = fixtures[name];
  if (!f) throw new Error(`no fixture ${name}`);
  return parseTelegramError(f.status, f.body, f.headers?.['retry-after']);
}

const cases: Array<[fixture: string, kind: SendErrorKind]> = [
  ['token-revoked', 'auth'],
  ['token-malformed', 'auth'],
  ['blocked-by-user', 'recipient'],
  ['user-deactivated', 'recipient'],
  ['cant-initiate', 'recipient'],
  ['kicked-from-group', 'recipient'],
  ['chat-not-found', 'recipient'],
  ['peer-id-invalid', 'recipient'],
  ['message-too-long', 'permanent'],
  ['text-empty', 'permanent'],
  ['cant-parse-entities', 'permanent'],
  ['file-too-big', 'permanent'],
  ['wrong-file-id', 'permanent'],
  ['url-content-failed', 'permanent'],
  ['reply-not-found', 'permanent'],
  ['migrated-to-supergroup', 'permanent'],
  ['bad-webhook-https', 'permanent'],
  ['secret-unallowed', 'permanent'],
  ['too-many-requests', 'rate_limit'],
  ['too-many-requests-description-only', 'rate_limit'],
  ['conflict-getupdates', 'permanent'],
  ['internal-server-error', 'transient'],
  ['bad-gateway-html', 'transient'],
  ['gateway-timeout-empty', 'transient'],
  ['teapot-plain', 'permanent'],
];

describe('parseTelegramError', () => {
  it('has a case for every fixture', () => {
    expect(cases.map(([name]) => name).sort()).toEqual(Object.keys(fixtures).sort());
  });

  it.each(cases)('classifies %s as %s', (name, kind) => {
    const error = parse(name);
    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(kind === 'transient' || kind === 'rate_limit');
  });

  it.each(cases)('explains %s in a sentence, never as raw JSON or HTML', (name) => {
    const error = parse(name);
    expect(error.message).toMatch(/^[A-Z][^{}<]*[.)]$/);
  });

  it('tells the operator in plain words that the customer blocked the bot, keeping Telegram\'s wording', () => {
    const error = parse('blocked-by-user');
    expect(error.message).toBe(
      "The customer blocked the bot, so Telegram won't deliver messages to them. (Telegram error 403: Forbidden: bot was blocked by the user)",
    );
    expect(error).toMatchObject({ code: 403, httpStatus: 403, description: 'Forbidden: bot was blocked by the user' });
  });

  it('says a revoked token needs reconnecting', () => {
    expect(parse('token-revoked').message).toMatch(/^Telegram rejected the bot token.*reconnect the channel/);
  });

  it('takes the wait from parameters.retry_after, then Retry-After, then the description', () => {
    expect(parse('too-many-requests').retryAfterSeconds).toBe(35);
    expect(parse('too-many-requests').message).toContain('try again in 35 s');
    expect(parse('too-many-requests-description-only').retryAfterSeconds).toBe(12);
    expect(parseTelegramError(429, { ok: false, error_code: 429, description: 'Too Many Requests' }, '7').retryAfterSeconds).toBe(7);
    expect(parseTelegramError(429, '', null).retryAfterSeconds).toBeUndefined();
  });

  it('keeps the new chat id of a group upgraded to a supergroup', () => {
    expect(parse('migrated-to-supergroup').migrateToChatId).toBe(-1001234567890);
  });

  it('reads the envelope from raw text too', () => {
    const error = parseTelegramError(403, JSON.stringify(fixtures['user-deactivated'].body));
    expect(error.kind).toBe('recipient');
    expect(error.description).toBe('Forbidden: user is deactivated');
  });

  it('uses the HTTP status when the body is not an envelope', () => {
    expect(parse('bad-gateway-html')).toMatchObject({ kind: 'transient', code: 502, httpStatus: 502, description: undefined });
    expect(parse('bad-gateway-html').message).toBe('Telegram had a temporary problem (HTTP 502); the request can be retried.');
  });
});
