import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signMetaBody, verifyMetaSignature } from '../meta/signature';
import { MalformedWebhookError, eventDedupeKey, type InboundEvent, type InboundMessageEvent } from '../types';
import { parseWhatsAppWebhook } from './parse-webhook';

const PHONE_ID = '106540352242922';
const WA_ID = '16505551234';
const T = 1750857300;
const at = (offsetSeconds: number) => new Date((T + offsetSeconds) * 1000);

function rawFixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));
}

function fixture(name: string): any {
  return JSON.parse(rawFixture(name).toString('utf8'));
}

function messages(events: InboundEvent[]): InboundMessageEvent[] {
  return events.filter((e): e is InboundMessageEvent => e.type === 'message');
}

describe('parseWhatsAppWebhook: text messages', () => {
  it('turns a customer text into a message event routed by phone_number_id, with seconds turned into a Date', () => {
    const body = fixture('text-message');
    const events = parseWhatsAppWebhook(body);

    expect(events).toEqual([
      {
        type: 'message',
        channelExternalId: PHONE_ID,
        contactExternalId: WA_ID,
        providerMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUFCNjE2NkI4RTgzQUE0NjE5MAAA=',
        timestamp: at(0),
        text: 'Olá! My order #9271 is late 😕 see https://shop.example.com/orders/9271',
        attachments: [],
        profile: { displayName: 'Sheena Nélson', phone: WA_ID },
        raw: body.entry[0].changes[0].value.messages[0],
      },
    ]);
  });

  it('works on the bytes Meta signed: verify the raw, escaped body first, then parse it', () => {
    const raw = rawFixture('text-message');
    expect(raw.toString('utf8')).toContain('N\\u00e9lson');
    expect(raw.toString('utf8')).toContain('https:\\/\\/shop.example.com');
    const header = signMetaBody(raw, 'app-secret');

    expect(verifyMetaSignature(raw, header, 'app-secret')).toBe(true);
    expect(verifyMetaSignature(Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')))), header, 'app-secret')).toBe(false);
    expect(parseWhatsAppWebhook(JSON.parse(raw.toString('utf8')))).toHaveLength(1);
  });

  it('gives a re-delivered message the same dedupe key (its wamid)', () => {
    const [first] = parseWhatsAppWebhook(fixture('text-message'));
    const [again] = parseWhatsAppWebhook(fixture('text-message'));
    expect(eventDedupeKey(first)).toBe(`message:${(first as InboundMessageEvent).providerMessageId}`);
    expect(eventDedupeKey(again)).toBe(eventDedupeKey(first));
  });
});

describe('parseWhatsAppWebhook: media messages carry a media id to download later', () => {
  it('maps image, video, audio file, document and sticker to attachments with mediaId and mimeType; captions become text', () => {
    const events = messages(parseWhatsAppWebhook(fixture('media-messages')));
    expect(events.map((e) => ({ text: e.text, attachments: e.attachments }))).toEqual([
      { text: 'The box arrived broken', attachments: [{ kind: 'image', mediaId: '1031562378494412', mimeType: 'image/jpeg' }] },
      { text: undefined, attachments: [{ kind: 'video', mediaId: '1031562378494413', mimeType: 'video/mp4' }] },
      { text: undefined, attachments: [{ kind: 'audio', mediaId: '1031562378494414', mimeType: 'audio/mpeg' }] },
      {
        text: 'Invoice for June',
        attachments: [{ kind: 'file', mediaId: '1031562378494415', mimeType: 'application/pdf', fileName: 'Factura junio 2025.pdf' }],
      },
      { text: undefined, attachments: [{ kind: 'sticker', mediaId: '1031562378494416', mimeType: 'image/webp' }] },
    ]);
    expect(events.map((e) => e.timestamp)).toEqual([at(1), at(2), at(3), at(4), at(5)]);
  });

  it('marks a voice note (audio with voice: true) and ignores the webhook url in favour of the media id', () => {
    const [event] = messages(parseWhatsAppWebhook(fixture('voice-note')));
    expect(event.attachments).toEqual([
      { kind: 'audio', mediaId: '2154849368343129', mimeType: 'audio/ogg; codecs=opus', voice: true },
    ]);
    expect(event.text).toBeUndefined();
  });

  it('does not call a plain audio file a voice note', () => {
    const audio = messages(parseWhatsAppWebhook(fixture('media-messages')))[2];
    expect(audio.attachments[0].voice).toBeUndefined();
  });
});

describe('parseWhatsAppWebhook: locations, contact cards, replies', () => {
  it('turns a location into a geo: attachment with its name and address as text', () => {
    const [location] = messages(parseWhatsAppWebhook(fixture('location-and-contacts')));
    expect(location.attachments).toEqual([{ kind: 'location', url: 'geo:-23.5503,-46.6339' }]);
    expect(location.text).toBe('Catedral da Sé\nPraça da Sé, São Paulo - SP, 01001-000');
  });

  it('turns shared contact cards into readable text, one line per card', () => {
    const [, contacts] = messages(parseWhatsAppWebhook(fixture('location-and-contacts')));
    expect(contacts.text).toBe('Ana Souza: +55 11 98765-4321\nWarehouse: +1 650-555-0199, +1 650-555-0100');
    expect(contacts.attachments).toEqual([]);
  });

  it('reads button replies, list replies and template quick-reply buttons as the text the customer tapped', () => {
    const events = messages(parseWhatsAppWebhook(fixture('interactive-replies')));
    expect(events.map((e) => e.text)).toEqual(['Cancel order', 'Tomorrow 10–12', 'Track my order']);
  });

  it('skips reactions: an emoji on an earlier message is not a new message', () => {
    const events = parseWhatsAppWebhook(fixture('interactive-replies'));
    expect(events).toHaveLength(3);
    expect(events.some((e) => e.type === 'message' && e.text === '👍')).toBe(false);
  });
});

describe('parseWhatsAppWebhook: unsupported and system messages', () => {
  it('keeps an unsupported message (a poll, view-once media...) as a placeholder with an `other` attachment', () => {
    const events = parseWhatsAppWebhook(fixture('unsupported-and-system'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'message',
      contactExternalId: WA_ID,
      providerMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzVU5TVVBQT1JURUQwMDAwMDAwMQAA=',
      attachments: [{ kind: 'other' }],
    });
    expect((events[0] as InboundMessageEvent).text).toBeUndefined();
  });

  it('skips system messages (number changes), which come without contacts', () => {
    const events = parseWhatsAppWebhook(fixture('unsupported-and-system'));
    expect(events.map((e) => (e.raw as { type: string }).type)).toEqual(['unsupported']);
  });

  it('treats a message type it does not know yet like unsupported rather than dropping it', () => {
    const body = fixture('text-message');
    body.entry[0].changes[0].value.messages[0] = { from: WA_ID, id: 'wamid.NEW', timestamp: String(T), type: 'hologram', hologram: {} };
    expect(parseWhatsAppWebhook(body)).toMatchObject([{ type: 'message', attachments: [{ kind: 'other' }] }]);
  });
});

describe('parseWhatsAppWebhook: profiles and identities', () => {
  it('takes the profile name and phone (wa_id) from the contact matching the sender', () => {
    const events = messages(parseWhatsAppWebhook(fixture('batch-several-changes')));
    expect(events.map((e) => [e.contactExternalId, e.profile])).toEqual([
      [WA_ID, { displayName: 'Sheena Nelson', phone: WA_ID }],
      ['447700900456', { displayName: 'Oliver Brown', phone: '447700900456' }],
      ['5511987654321', { displayName: 'Ana Souza', phone: '5511987654321' }],
    ]);
  });

  it('keys a 2026 username user without a number on the business-scoped user_id', () => {
    const [event] = messages(parseWhatsAppWebhook(fixture('username-contact')));
    expect(event.contactExternalId).toBe('US.13491208655302741918');
    expect(event.profile).toEqual({ displayName: 'Kai', username: 'kai.travels' });
  });
});

describe('parseWhatsAppWebhook: statuses', () => {
  const OUT = 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzT1VUQk9VTkQwMDAwMDAwMDAwMQAA=';

  it('turns delivered and read into receipts for that one wamid, each at its own timestamp; sent is skipped', () => {
    const body = fixture('statuses');
    const events = parseWhatsAppWebhook(body);
    expect(events).toEqual([
      {
        type: 'delivery',
        channelExternalId: PHONE_ID,
        contactExternalId: WA_ID,
        providerMessageIds: [OUT],
        watermark: at(61),
        raw: body.entry[0].changes[0].value.statuses[1],
      },
      {
        type: 'read',
        channelExternalId: PHONE_ID,
        contactExternalId: WA_ID,
        providerMessageIds: [OUT],
        watermark: at(75),
        timestamp: at(75),
        raw: body.entry[0].changes[0].value.statuses[2],
      },
    ]);
  });

  it('keeps out-of-order statuses in body order with their own timestamps, and duplicates share a dedupe key', () => {
    const events = parseWhatsAppWebhook(fixture('statuses-out-of-order'));
    expect(events.map((e) => [e.type, e.type === 'delivery' || e.type === 'read' ? e.watermark : undefined])).toEqual([
      ['read', at(120)],
      ['delivery', at(118)],
      ['delivery', at(118)],
    ]);
    expect(eventDedupeKey(events[1])).toBe(eventDedupeKey(events[2]));
    expect(eventDedupeKey(events[0])).not.toBe(eventDedupeKey(events[1]));
  });

  it('turns a failed status into a failed event with a classified, readable error and our callback data', () => {
    const events = parseWhatsAppWebhook(fixture('status-failed'));
    expect(events).toHaveLength(2);
    const [late, blocked] = events;
    expect(late).toMatchObject({
      type: 'failed',
      channelExternalId: PHONE_ID,
      contactExternalId: WA_ID,
      providerMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzTEFURU9VVEJPVU5EMDAwMDAwMQAA=',
      timestamp: at(90000),
      metadata: '9d2b1c3e-7f41-4d0a-8a1b-3c5e7f9a0b12',
      error: { kind: 'window', code: 131047 },
    });
    expect(late.type === 'failed' && late.error.message).toMatch(/^More than 24 hours have passed since the customer last wrote/);
    expect(late.type === 'failed' && late.error.message).toContain('Re-engagement message');
    expect(blocked).toMatchObject({ type: 'failed', contactExternalId: '447700900123', error: { kind: 'recipient', code: 131026 } });
    expect(blocked.type === 'failed' && blocked.metadata).toBeUndefined();
    expect(eventDedupeKey(late)).toBe('failed:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzTEFURU9VVEJPVU5EMDAwMDAwMQAA=');
  });

  it('still explains a failed status that came without errors', () => {
    const body = fixture('status-failed');
    delete body.entry[0].changes[0].value.statuses[0].errors;
    const [event] = parseWhatsAppWebhook(body);
    expect(event).toMatchObject({ type: 'failed', error: { kind: 'permanent', message: 'WhatsApp reported that the message failed, without saying why.' } });
  });

  it('reads a voice note `played` status as read', () => {
    const body = fixture('statuses');
    body.entry[0].changes[0].value.statuses = [{ id: OUT, status: 'played', timestamp: String(T + 80), recipient_id: WA_ID }];
    expect(parseWhatsAppWebhook(body)).toMatchObject([{ type: 'read', providerMessageIds: [OUT], timestamp: at(80) }]);
  });
});

describe('parseWhatsAppWebhook: batching', () => {
  it('reads every entry and every messages change, in order, and skips other fields', () => {
    const events = parseWhatsAppWebhook(fixture('batch-several-changes'));
    expect(events.map((e) => [e.type, e.channelExternalId, e.type === 'message' ? e.text : e.contactExternalId])).toEqual([
      ['message', PHONE_ID, 'first'],
      ['message', PHONE_ID, 'second, from someone else'],
      ['delivery', PHONE_ID, WA_ID],
      ['message', '209876543210987', 'other number'],
    ]);
  });

  it('returns nothing for a webhook with only other fields', () => {
    const body = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }] }] };
    expect(parseWhatsAppWebhook(body)).toEqual([]);
  });
});

describe('parseWhatsAppWebhook: malformed bodies', () => {
  const bad = (mutate: (body: any) => void) => {
    const body = fixture('text-message');
    mutate(body);
    return () => parseWhatsAppWebhook(body);
  };

  it.each([
    ['not an object', () => parseWhatsAppWebhook('hello')],
    ['a Messenger body', () => parseWhatsAppWebhook({ object: 'page', entry: [] })],
    ['entry not an array', bad((b) => (b.entry = {}))],
    ['changes missing', bad((b) => delete b.entry[0].changes)],
    ['value missing', bad((b) => delete b.entry[0].changes[0].value)],
    ['no phone_number_id', bad((b) => delete b.entry[0].changes[0].value.metadata.phone_number_id)],
    ['messages not an array', bad((b) => (b.entry[0].changes[0].value.messages = {}))],
    ['a message without id', bad((b) => delete b.entry[0].changes[0].value.messages[0].id)],
    ['a message without timestamp', bad((b) => delete b.entry[0].changes[0].value.messages[0].timestamp)],
    ['a text without body', bad((b) => (b.entry[0].changes[0].value.messages[0].text = {}))],
    ['an image without media id', bad((b) => (b.entry[0].changes[0].value.messages[0] = { ...b.entry[0].changes[0].value.messages[0], type: 'image', image: {} }))],
    ['a sender nobody can identify', bad((b) => {
      delete b.entry[0].changes[0].value.messages[0].from;
      b.entry[0].changes[0].value.contacts = [];
    })],
    ['a status without recipient', bad((b) => (b.entry[0].changes[0].value.statuses = [{ id: 'wamid.X', status: 'read', timestamp: '1' }]))],
  ])('throws MalformedWebhookError for %s', (_name, run) => {
    expect(run).toThrow(MalformedWebhookError);
  });
});
