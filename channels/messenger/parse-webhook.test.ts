import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signMetaBody, verifyMetaSignature } from '../meta/signature';
import { MalformedWebhookError, eventDedupeKey } from '../types';
import { parseMessengerWebhook } from './parse-webhook';

const PAGE = '107538155271623';
const PSID = '6543210987654321';

function rawFixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));
}

function fixture(name: string): unknown {
  return JSON.parse(rawFixture(name).toString('utf8'));
}

describe('parseMessengerWebhook: messages', () => {
  it('turns a customer text into a message event with ms timestamps and the page as channel', () => {
    const raw = rawFixture('text-message');
    const body = JSON.parse(raw.toString('utf8')) as { entry: Array<{ messaging: unknown[] }> };
    const [event] = parseMessengerWebhook(body);

    expect(event).toEqual({
      type: 'message',
      channelExternalId: PAGE,
      contactExternalId: PSID,
      providerMessageId: 'm_AbC123xYz-olA5F2kq9V0Lw',
      timestamp: new Date(1718000000000),
      text: 'Olá! Is the café open? 😊 See https://example.com/menu',
      attachments: [],
      raw: body.entry[0].messaging[0],
    });
  });

  it('works on the bytes Meta signed: verify the raw body first, then parse it', () => {
    const raw = rawFixture('text-message');
    expect(raw.toString('utf8')).toContain('caf\\u00e9');
    expect(raw.toString('utf8')).toContain('https:\\/\\/example.com');
    const header = signMetaBody(raw, 'app-secret');

    expect(verifyMetaSignature(raw, header, 'app-secret')).toBe(true);
    expect(parseMessengerWebhook(JSON.parse(raw.toString('utf8')))).toHaveLength(1);
  });

  it('reads every entry and every event in messaging[] and standby[], in order', () => {
    const events = parseMessengerWebhook(fixture('batched-entries'));
    expect(events.map((e) => [e.type, e.channelExternalId, e.contactExternalId, e.type === 'message' && e.text])).toEqual([
      ['message', PAGE, PSID, 'first'],
      ['message', PAGE, PSID, 'second'],
      ['message', '209876543210987', '7000000000000042', 'other page'],
      ['message', '209876543210987', '7000000000000043', 'while another app owns the thread'],
    ]);
  });

  it('gives a re-delivered message the same dedupe key', () => {
    const first = parseMessengerWebhook(fixture('text-message'));
    const again = parseMessengerWebhook(fixture('text-message'));
    expect(eventDedupeKey(again[0])).toBe(eventDedupeKey(first[0]));
  });
});

describe('parseMessengerWebhook: attachments', () => {
  it('maps each Messenger attachment type to an AttachmentKind, keeping the CDN url', () => {
    const [event] = parseMessengerWebhook(fixture('attachments'));
    if (event.type !== 'message') throw new Error('expected a message');
    expect(event.text).toBe('here you go');
    expect(event.attachments).toEqual([
      { kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg?_nc_cat=104&oh=00_AfA' },
      { kind: 'audio', url: 'https://cdn.fbsbx.com/v/t59.3654-21/audioclip-1718000002.mp4?_nc_cat=1&oh=01' },
      { kind: 'video', url: 'https://video.xx.fbcdn.net/v/t42.3356-2/clip.mp4?_nc_cat=2' },
      { kind: 'file', url: 'https://cdn.fbsbx.com/v/t59.2708-21/Invoice%20June.pdf?_nc_cat=3&oh=02', fileName: 'Invoice June.pdf' },
      { kind: 'link', url: 'https://example.com/article' },
      { kind: 'link', url: 'https://example.com/other' },
      { kind: 'link' },
      { kind: 'location', url: 'geo:52.3731,4.8922' },
      { kind: 'video', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' },
      { kind: 'other' },
    ]);
  });

  it('reports a sticker once while Meta sends it both as an image and as a sticker', () => {
    const events = parseMessengerWebhook(fixture('sticker-transition'));
    expect(events.map((e) => (e.type === 'message' ? [e.providerMessageId, e.attachments] : null))).toEqual([
      ['m_sticker_both', [{ kind: 'sticker', url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/thumbsup.png?_nc_cat=1' }]],
      ['m_sticker_legacy', [{ kind: 'sticker', url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/heart.png?_nc_cat=2' }]],
      ['m_sticker_only', [{ kind: 'sticker', url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/wave.png?_nc_cat=3' }]],
    ]);
  });

  it('drops the image twin even when only the sticker_id matches (urls signed differently)', () => {
    const body = {
      object: 'page',
      entry: [
        {
          id: PAGE,
          messaging: [
            {
              sender: { id: PSID },
              recipient: { id: PAGE },
              timestamp: 1,
              message: {
                mid: 'm_x',
                attachments: [
                  { type: 'image', payload: { url: 'https://cdn/a?sig=1', sticker_id: 42 } },
                  { type: 'sticker', payload: { url: 'https://cdn/a?sig=2', sticker_id: 42 } },
                ],
              },
            },
          ],
        },
      ],
    };
    const [event] = parseMessengerWebhook(body);
    expect(event.type === 'message' && event.attachments).toEqual([{ kind: 'sticker', url: 'https://cdn/a?sig=2' }]);
  });
});

describe('parseMessengerWebhook: echoes', () => {
  it('swaps sender and recipient back: the customer is the recipient, the page the sender', () => {
    const body = fixture('echo') as { entry: Array<{ messaging: unknown[] }> };
    const [ours, fromInbox] = parseMessengerWebhook(body);

    expect(ours).toEqual({
      type: 'echo',
      channelExternalId: PAGE,
      contactExternalId: PSID,
      providerMessageId: 'm_echo_from_our_app',
      timestamp: new Date(1718000000500),
      text: 'Hi, how can we help?',
      attachments: [],
      appId: '1517776481860111',
      metadata: 'outbox-42',
      raw: body.entry[0].messaging[0],
    });
    expect(fromInbox).toMatchObject({
      type: 'echo',
      contactExternalId: PSID,
      providerMessageId: 'm_echo_from_page_inbox',
      appId: undefined,
      metadata: undefined,
      attachments: [{ kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/echo.jpg?_nc_cat=1&oh=abc' }],
    });
  });
});

describe('parseMessengerWebhook: receipts', () => {
  it('reads deliveries with or without mids, watermark as a Date', () => {
    const [withMids, watermarkOnly] = parseMessengerWebhook(fixture('delivery'));
    expect(withMids).toMatchObject({
      type: 'delivery',
      channelExternalId: PAGE,
      contactExternalId: PSID,
      providerMessageIds: ['m_echo_from_our_app', 'm_second_reply'],
      watermark: new Date(1718000000900),
    });
    expect(watermarkOnly).toMatchObject({ type: 'delivery', providerMessageIds: [], watermark: new Date(1718000001100) });
  });

  it('reads read receipts as a watermark with no message ids', () => {
    const [read] = parseMessengerWebhook(fixture('read'));
    expect(read).toMatchObject({
      type: 'read',
      channelExternalId: PAGE,
      contactExternalId: PSID,
      providerMessageIds: [],
      watermark: new Date(1718000000900),
      timestamp: new Date(1718000001000),
    });
  });
});

describe('parseMessengerWebhook: postbacks', () => {
  it('treats a button tap as a message whose text is the button title, and skips taps without a mid', () => {
    const events = parseMessengerWebhook(fixture('postback'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'message',
      providerMessageId: 'm_postback_get_started',
      text: 'Get Started',
      contactExternalId: PSID,
      timestamp: new Date(1718000002000),
      attachments: [],
    });
  });
});

describe('parseMessengerWebhook: what it ignores and what it refuses', () => {
  it('skips reactions, referrals, feed changes and chat-plugin guests silently', () => {
    expect(parseMessengerWebhook(fixture('unhandled-events'))).toEqual([]);
  });

  it('accepts an entry with nothing in it', () => {
    expect(parseMessengerWebhook({ object: 'page', entry: [{ id: PAGE, time: 1 }] })).toEqual([]);
  });

  it.each([
    ['null', null],
    ['a string', '{"object":"page"}'],
    ['an Instagram body', { object: 'instagram', entry: [] }],
    ['no entry', { object: 'page' }],
    ['entry not an array', { object: 'page', entry: {} }],
    ['an entry that is not an object', { object: 'page', entry: [42] }],
    ['messaging not an array', { object: 'page', entry: [{ id: PAGE, messaging: {} }] }],
  ])('throws MalformedWebhookError for %s', (_label, body) => {
    expect(() => parseMessengerWebhook(body)).toThrow(MalformedWebhookError);
  });

  it.each([
    ['no sender', { recipient: { id: PAGE }, timestamp: 1, message: { mid: 'm', text: 'x' } }],
    ['no recipient id', { sender: { id: PSID }, recipient: {}, timestamp: 1, message: { mid: 'm', text: 'x' } }],
    ['a read without sender', { recipient: { id: PAGE }, timestamp: 1, read: { watermark: 1 } }],
    ['a message without mid', { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1, message: { text: 'x' } }],
    ['a message without any timestamp', { sender: { id: PSID }, recipient: { id: PAGE }, message: { mid: 'm' } }],
  ])('throws MalformedWebhookError for a handled event with %s', (_label, event) => {
    expect(() => parseMessengerWebhook({ object: 'page', entry: [{ id: PAGE, messaging: [event] }] })).toThrow(
      MalformedWebhookError,
    );
  });

  it('falls back to entry.time when an event has no timestamp of its own', () => {
    const [event] = parseMessengerWebhook({
      object: 'page',
      entry: [{ id: PAGE, time: 1718000009000, messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, message: { mid: 'm', text: 'x' } }] }],
    });
    expect(event).toMatchObject({ timestamp: new Date(1718000009000) });
  });
});
