import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MalformedWebhookError, eventDedupeKey, type InboundMessageEvent } from '../types';
import { telegramProviderMessageId } from './ids';
import { parseTelegramUpdate } from './parse-update';

const BOT = '7012345678';
const ANA = '123456789';

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}

function only(body: unknown): InboundMessageEvent {
  const events = parseTelegramUpdate(body, BOT);
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event.type !== 'message') throw new Error('expected a message event');
  return event;
}

describe('parseTelegramUpdate: text', () => {
  it('turns a private text message into a message event: bot as channel, chat id as customer, chat:message as id', () => {
    const update = fixture('text');
    expect(parseTelegramUpdate(update, BOT)).toEqual([
      {
        type: 'message',
        channelExternalId: BOT,
        contactExternalId: ANA,
        providerMessageId: `${ANA}:4321`,
        timestamp: new Date(1718000000 * 1000),
        text: 'Olá! O café está aberto? 😊 https://example.com/menu',
        attachments: [],
        profile: { displayName: 'Ana Lima', username: 'analima' },
        raw: update,
      },
    ]);
  });

  it('keeps the raw Update verbatim, update_id included', () => {
    const update = fixture('text');
    expect(only(update).raw).toBe(update);
  });

  it('takes the name from `from`, without a last name or username when Telegram has none', () => {
    expect(only(fixture('start-command')).profile).toEqual({ displayName: 'Kenji' });
  });

  it('passes /start through as text: it is the first thing every customer sends a bot', () => {
    expect(only(fixture('start-command'))).toMatchObject({ text: '/start', contactExternalId: '987654321', providerMessageId: '987654321:1' });
  });
});

describe('parseTelegramUpdate: media', () => {
  it('keeps only the largest photo size, as an image attachment resolvable by file_id, with the caption as text', () => {
    const event = only(fixture('photo'));
    expect(event.text).toBe('The receipt from yesterday');
    expect(event.attachments).toEqual([
      {
        kind: 'image',
        mediaId: 'AgACAgQAAxkBAAIQ2mZm1large0aBcDeFgHiJkLmNoPqRsTuVwXyZ-AAJ4uTEbq2E4UFxM4AAQMAA3kAAzUE',
        mimeType: 'image/jpeg',
        size: 98765,
      },
    ]);
  });

  it('reads a voice note as OGG audio with its duration, ready for speech-to-text', () => {
    expect(only(fixture('voice')).attachments).toEqual([
      { kind: 'audio', mediaId: 'AwACAgQAAxkBAAIQ3GZm2voiceXyZ0aBcDeFgHiJkLmNoPqRsAAJ9FQACq2E4UBx7rC0tH9FnNQQ', mimeType: 'audio/ogg', size: 21456, durationSeconds: 7 },
    ]);
  });

  it('assumes audio/ogg for a voice note that does not say', () => {
    const update = fixture('voice');
    delete update.message.voice.mime_type;
    expect(only(update).attachments[0].mimeType).toBe('audio/ogg');
  });

  it('reads a document with its file name, type and size (not its thumbnail)', () => {
    const event = only(fixture('document'));
    expect(event.text).toBe('segue a fatura');
    expect(event.attachments).toEqual([
      {
        kind: 'file',
        mediaId: 'BQACAgQAAxkBAAIQ3WZm2docXyZ0aBcDeFgHiJkLmNoPqRsTAAIWFgACq2E4UK0kX5v1l1WZNQQ',
        mimeType: 'application/pdf',
        fileName: 'Fatura junho.pdf',
        size: 184220,
      },
    ]);
  });

  it('reads a sticker, typed by its format (animated stickers are TGS, not images)', () => {
    const event = only(fixture('sticker'));
    expect(event.text).toBeUndefined();
    expect(event.attachments).toEqual([
      { kind: 'sticker', mediaId: 'CAACAgIAAxkBAAIQ3mZm2stickerAAJpAAOvxlEaVTUSmKhYKT0zBA', mimeType: 'application/x-tgsticker', size: 28134 },
    ]);
    const still = fixture('sticker');
    still.message.sticker.is_animated = false;
    expect(only(still).attachments[0].mimeType).toBe('image/webp');
    still.message.sticker.is_video = true;
    expect(only(still).attachments[0].mimeType).toBe('video/webm');
  });

  it('maps audio, video, round video, GIF, location, venue, contact and poll messages', () => {
    const events = (fixture('media-kinds') as unknown[]).flatMap((update) => parseTelegramUpdate(update, BOT));
    const summary = events.map((e) => (e.type === 'message' ? { id: e.providerMessageId, text: e.text, attachments: e.attachments } : e));
    expect(summary).toEqual([
      {
        id: '555000111:4340',
        text: undefined,
        attachments: [
          { kind: 'audio', mediaId: 'CQACAgQAAxkBAAIQ4GZmaudioAAJ0FgACq2E4UGJb7cV0T8zMNQQ', mimeType: 'audio/mpeg', fileName: 'demo.mp3', size: 2944120, durationSeconds: 184 },
        ],
      },
      {
        id: '555000111:4341',
        text: 'the noise it makes',
        attachments: [
          { kind: 'video', mediaId: 'BAACAgQAAxkBAAIQ4WZmvideoAAJ1FgACq2E4UNoK6p9YvF0hNQQ', mimeType: 'video/quicktime', fileName: 'IMG_2041.MOV', size: 4021337, durationSeconds: 12 },
        ],
      },
      {
        id: '555000111:4342',
        text: undefined,
        attachments: [{ kind: 'video', mediaId: 'DQACAgQAAxkBAAIQ4mZmnoteAAJ2FgACq2E4UOp6sWcCUbGiNQQ', mimeType: 'video/mp4', size: 611840, durationSeconds: 9 }],
      },
      {
        // A GIF also fills `document` with the same file; it is reported once.
        id: '555000111:4343',
        text: undefined,
        attachments: [
          { kind: 'video', mediaId: 'CgACAgQAAxkBAAIQ42ZmgifAAJ3FgACq2E4UDkCHwABfJ0w9jUE', mimeType: 'video/mp4', fileName: 'thumbs-up.mp4', size: 88312, durationSeconds: 3 },
        ],
      },
      { id: '555000111:4344', text: undefined, attachments: [{ kind: 'location', url: 'geo:35.658581,139.745433' }] },
      {
        id: '555000111:4345',
        text: 'Tokyo Tower\n4 Chome-2-8 Shibakoen, Minato City',
        attachments: [{ kind: 'location', url: 'geo:35.658581,139.745433' }],
      },
      { id: '555000111:4346', text: 'Yuki Sato\n+81312345678', attachments: [] },
      { id: '555000111:4347', text: 'Which size?', attachments: [{ kind: 'other' }] },
      // 4348 pins a message: a service message, not something the customer wrote.
    ]);
  });

  it('marks content it cannot show (games, stories, invoices...) as an `other` attachment rather than dropping it', () => {
    const update = fixture('start-command');
    delete update.message.text;
    delete update.message.entities;
    update.message.story = { chat: update.message.chat, id: 42 };
    expect(only(update).attachments).toEqual([{ kind: 'other' }]);
  });
});

describe('parseTelegramUpdate: what is ignored', () => {
  it.each([
    ['group-message', 'a message in a group or supergroup'],
    ['channel-post', 'a channel post'],
    ['callback-query', 'an inline-button press (callback_query)'],
    ['my-chat-member-blocked', 'a my_chat_member change (the user blocked the bot)'],
    ['edited-live-location', 'a live location moving (arrives as an edit)'],
  ])('ignores %s: %s', (name) => {
    expect(parseTelegramUpdate(fixture(name), BOT)).toEqual([]);
  });

  it('ignores service messages and update kinds it does not know, without throwing', () => {
    expect(parseTelegramUpdate({ update_id: 1, message_reaction: { chat: { id: 1, type: 'private' } } }, BOT)).toEqual([]);
    expect(parseTelegramUpdate({ update_id: 2 }, BOT)).toEqual([]);
    const pinned = (fixture('media-kinds') as unknown[]).at(-1);
    expect(parseTelegramUpdate(pinned, BOT)).toEqual([]);
  });
});

describe('parseTelegramUpdate: edited messages', () => {
  it('reports an edit as a new message with the new text, its own id and the edit time', () => {
    const update = fixture('edited-message');
    expect(parseTelegramUpdate(update, BOT)).toEqual([
      {
        type: 'message',
        channelExternalId: BOT,
        contactExternalId: ANA,
        providerMessageId: `${ANA}:4321:edit:1718000420`,
        timestamp: new Date(1718000420 * 1000),
        text: 'Olá! A padaria está aberta?',
        attachments: [],
        profile: { displayName: 'Ana Lima', username: 'analima' },
        raw: update,
      },
    ]);
  });

  it('does not collide with the original message in dedupe', () => {
    const original = only(fixture('text'));
    const edit = only(fixture('edited-message'));
    expect(eventDedupeKey(edit)).not.toBe(eventDedupeKey(original));
    expect(edit.providerMessageId).toMatch(new RegExp(`^${ANA}:4321:edit:\\d+$`));
  });

  it('can drop edits instead', () => {
    expect(parseTelegramUpdate(fixture('edited-message'), BOT, { editedMessages: 'ignore' })).toEqual([]);
  });
});

describe('parseTelegramUpdate: dedupe', () => {
  it('a redelivered Update gets the same event key', () => {
    const first = only(fixture('text'));
    const again = only(fixture('text'));
    expect(eventDedupeKey(again)).toBe(eventDedupeKey(first));
    expect(eventDedupeKey(first)).toBe(`message:${ANA}:4321`);
  });

  it('builds provider message ids, negative (group) chat ids included', () => {
    expect(telegramProviderMessageId(-1001234567890, 77)).toBe('-1001234567890:77');
  });
});

describe('parseTelegramUpdate: malformed bodies', () => {
  it.each([
    ['null', null],
    ['an array', [fixture('text')]],
    ['a string', '{"update_id":1}'],
    ['no update_id', { message: fixture('text').message }],
    ['a string update_id', { update_id: '912345678', message: fixture('text').message }],
  ])('throws MalformedWebhookError for %s', (_name, body) => {
    expect(() => parseTelegramUpdate(body, BOT)).toThrow(MalformedWebhookError);
  });

  it('throws for a private message without its ids or date', () => {
    const update = fixture('text');
    delete update.message.message_id;
    expect(() => parseTelegramUpdate(update, BOT)).toThrow(/message_id/);
    expect(() => parseTelegramUpdate({ update_id: 1, message: 'hi' }, BOT)).toThrow(MalformedWebhookError);
    expect(() => parseTelegramUpdate({ update_id: 1, message: { message_id: 1, date: 1 } }, BOT)).toThrow(MalformedWebhookError);
  });
});
