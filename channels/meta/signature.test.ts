import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metaJsonStringify } from './meta-json';
import { signMetaBody, verifyMetaHandshake, verifyMetaSignature } from './signature';

const secret = 'app-secret-123';
const bytes = (s: string) => new TextEncoder().encode(s);

describe('verifyMetaSignature', () => {
  const body = bytes('{"object":"page","entry":[]}');

  it('accepts the HMAC-SHA256 of the raw bytes, keyed with the app secret', () => {
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(verifyMetaSignature(body, `sha256=${hex}`, secret)).toBe(true);
  });

  it('accepts what signMetaBody produces, for strings and bytes alike', () => {
    expect(verifyMetaSignature(body, signMetaBody(body, secret), secret)).toBe(true);
    expect(verifyMetaSignature(body, signMetaBody('{"object":"page","entry":[]}', secret), secret)).toBe(true);
  });

  it('accepts upper-case hex', () => {
    const header = signMetaBody(body, secret);
    expect(verifyMetaSignature(body, `sha256=${header.slice(7).toUpperCase()}`, secret)).toBe(true);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyMetaSignature(body, signMetaBody(body, 'other-secret'), secret)).toBe(false);
  });

  it('rejects a tampered body', () => {
    const header = signMetaBody(body, secret);
    expect(verifyMetaSignature(bytes('{"object":"page","entry":[{}]}'), header, secret)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['sha1 only', 'sha1=0123456789abcdef0123456789abcdef01234567'],
    ['no prefix', 'a'.repeat(64)],
    ['too short', 'sha256=abcd'],
    ['too long', `sha256=${'a'.repeat(66)}`],
    ['not hex', `sha256=${'z'.repeat(64)}`],
  ])('rejects a %s header', (_label, header) => {
    expect(verifyMetaSignature(body, header, secret)).toBe(false);
  });

  it('rejects everything when the app secret is not configured', () => {
    expect(verifyMetaSignature(body, signMetaBody(body, ''), '')).toBe(false);
  });

  it('must be checked against the bytes Meta sent, not a re-serialisation of them', () => {
    const payload = { object: 'page', entry: [{ id: '1', messaging: [{ message: { text: 'Olá 😊 see https://a.b/c' } }] }] };
    const sent = metaJsonStringify(payload);
    expect(sent).toContain('Ol\\u00e1 \\ud83d\\ude0a');
    expect(sent).toContain('https:\\/\\/a.b\\/c');
    const header = signMetaBody(sent, secret);

    expect(verifyMetaSignature(bytes(sent), header, secret)).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(sent));
    expect(reserialised).toEqual(expect.stringContaining('Olá 😊 see https://a.b/c'));
    expect(verifyMetaSignature(bytes(reserialised), header, secret)).toBe(false);
  });
});

describe('verifyMetaHandshake', () => {
  const params = (q: string) => new URLSearchParams(q);

  it('returns the challenge when mode is subscribe and the token matches', () => {
    expect(verifyMetaHandshake(params('hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=s3cret'), 's3cret')).toEqual({
      ok: true,
      challenge: '1158201444',
    });
  });

  it.each([
    ['a wrong token', 'hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope'],
    ['a token that only shares a prefix', 'hub.mode=subscribe&hub.challenge=1&hub.verify_token=s3cretX'],
    ['another mode', 'hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=s3cret'],
    ['no challenge', 'hub.mode=subscribe&hub.verify_token=s3cret'],
    ['no token', 'hub.mode=subscribe&hub.challenge=1'],
    ['nothing at all', ''],
  ])('refuses %s', (_label, q) => {
    expect(verifyMetaHandshake(params(q), 's3cret')).toEqual({ ok: false });
  });

  it('refuses everything when no verify token is configured', () => {
    expect(verifyMetaHandshake(params('hub.mode=subscribe&hub.challenge=1&hub.verify_token='), '')).toEqual({ ok: false });
  });
});
