import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetaGraphError } from '../meta/graph-error';
import { ChannelSendError } from '../types';
import { describeWhatsAppStatusError, parseWhatsAppError } from './errors';

function errorFixture(name: string): { status: number; body: unknown } {
  return JSON.parse(readFileSync(new URL(`./fixtures/errors/${name}.json`, import.meta.url), 'utf8'));
}

function parse(name: string) {
  const { status, body } = errorFixture(name);
  return parseWhatsAppError(status, body);
}

describe('parseWhatsAppError: every D.5 code maps to a kind the domain can act on', () => {
  it.each([
    ['re-engagement-131047', 'window', 131047, false],
    ['token-expired-190', 'auth', 190, false],
    ['token-invalid-190', 'auth', 190, false],
    ['rate-limit-130429', 'rate_limit', 130429, true],
    ['pair-rate-limit-131056', 'rate_limit', 131056, true],
    ['waba-rate-limit-80007', 'rate_limit', 80007, true],
    ['app-rate-limit-4', 'rate_limit', 4, true],
    ['undeliverable-131026', 'recipient', 131026, false],
    ['not-allow-listed-131030', 'recipient', 131030, false],
    ['template-missing-132001', 'permanent', 132001, false],
    ['template-params-132000', 'permanent', 132000, false],
    ['template-paused-132015', 'permanent', 132015, false],
    ['service-131000', 'transient', 131000, true],
    ['overloaded-131016', 'transient', 131016, true],
    ['spam-rate-limit-131048', 'permanent', 131048, false],
    ['invalid-parameter-100', 'permanent', 100, false],
    ['unknown-message-131009', 'permanent', 131009, false],
    ['permission-10', 'permission', 10, false],
  ] as const)('%s → %s', (name, kind, code, retryable) => {
    const error = parse(name);
    expect(error).toBeInstanceOf(MetaGraphError);
    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error.kind).toBe(kind);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it('says what happened in operator terms, then WhatsApp’s own title and details', () => {
    const error = parse('re-engagement-131047');
    expect(error.message).toBe(
      'More than 24 hours have passed since the customer last wrote, so WhatsApp only allows an approved template message now. ' +
        '(WhatsApp error 131047: Re-engagement message — Message failed to send because more than 24 hours have passed since the customer last replied to this number.)',
    );
    expect(error.httpStatus).toBe(400);
    expect(error.fbtraceId).toBe('A7x0Qm3Jk2Lr9Ts1Uv5Wy8Z');
    expect(error.providerMessage).toContain('Re-engagement message');
  });

  it('explains template problems readably, including 132xxx codes it has no sentence for', () => {
    expect(parse('template-params-132000').message).toMatch(/^The number of template parameters doesn't match the approved template/);
    expect(parse('template-params-132000').message).toContain('body: number of localizable_params (1)');
    expect(parse('template-missing-132001').message).toContain('template name (order_updat) does not exist in en_US');
    const other = parseWhatsAppError(400, { error: { message: '(#132068) Flow is in blocked state', code: 132068 } });
    expect(other.kind).toBe('permanent');
    expect(other.message).toMatch(/^WhatsApp refused the template message; check the template in WhatsApp Manager\./);
  });

  it('tells operators to reconnect when the token is gone, and keeps the subcode', () => {
    const error = parse('token-expired-190');
    expect(error.message).toMatch(/^The WhatsApp access token has expired or was revoked; reconnect the WhatsApp number/);
    expect(error.subcode).toBe(463);
    expect(error.httpStatus).toBe(401);
  });

  it('treats gateway pages and 5xx without an envelope as transient, 429 as a rate limit', () => {
    const { status, body } = errorFixture('bad-gateway-html');
    expect(parseWhatsAppError(status, body).kind).toBe('transient');
    expect(parseWhatsAppError(503, '').kind).toBe('transient');
    expect(parseWhatsAppError(429, undefined, '30')).toMatchObject({ kind: 'rate_limit', retryAfterSeconds: 30 });
  });

  it('falls back to the Meta-wide rules for codes WhatsApp does not define', () => {
    expect(parseWhatsAppError(400, { error: { message: '(#613) Calls to this api have exceeded the rate limit.', code: 613 } }).kind).toBe('rate_limit');
    expect(parseWhatsAppError(400, { error: { message: 'Odd', code: 99999 } }).kind).toBe('permanent');
  });

  it('reads the Retry-After header when Meta sends one', () => {
    const { status, body } = errorFixture('rate-limit-130429');
    expect(parseWhatsAppError(status, body, '120').retryAfterSeconds).toBe(120);
  });
});

describe('describeWhatsAppStatusError: the errors[] of a failed status', () => {
  it('classifies by the first error and keeps the readable title and details', () => {
    expect(
      describeWhatsAppStatusError([
        { code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } },
      ]),
    ).toEqual({
      kind: 'recipient',
      code: 131026,
      message:
        "WhatsApp couldn't deliver the message: the number may not be on WhatsApp, the customer may have blocked this business, or their app is out of date. (WhatsApp error 131026: Message undeliverable — Message Undeliverable.)",
    });
  });

  it('describes unknown codes and empty lists without losing the failure', () => {
    expect(describeWhatsAppStatusError([{ code: 135000, title: 'Generic user error' }])).toEqual({
      kind: 'permanent',
      code: 135000,
      message: "WhatsApp couldn't deliver the message (error 135000). (WhatsApp error 135000: Generic user error)",
    });
    expect(describeWhatsAppStatusError(undefined)).toEqual({
      kind: 'permanent',
      message: 'WhatsApp reported that the message failed, without saying why.',
    });
  });
});
