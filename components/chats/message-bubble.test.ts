import compile from 'icu-minify/compile';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createClient } from 'urql';
import { describe, expect, it } from 'vitest';
import de from '../../messages/de.json';
import en from '../../messages/en.json';
import type { ChannelKind } from '../../graphql-client/graphql';
import { ClientSlotContext } from '../../lib/ui/client-slot';
import { IntlProvider } from '../../lib/ui/intl';
import type { MessageItem } from './inbox-state';
import { MessageBubble } from './message-bubble';

const base: MessageItem = {
  id: 'm1',
  direction: 'OUTBOUND',
  status: 'DELIVERED',
  text: 'Your laptop is ready.',
  createdAt: '2026-11-30T09:00:00.000Z',
  deliveredAt: null,
  readAt: null,
  error: null,
  tag: null,
  sentOutside: false,
  transcription: null,
  sender: null,
  attachments: [],
  comment: null,
  replyTo: null,
};

/** The messages as the next-intl plugin precompiles them for the app (`precompile: true`). */
function precompiled(tree: object): object {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, typeof value === 'string' ? compile(value) : precompiled(value as object)]));
}
const MESSAGES = { en: precompiled(en), de: precompiled(de) };

function render(message: Partial<MessageItem>, options: { locale?: 'en' | 'de'; kind?: ChannelKind; showSender?: boolean } = {}) {
  const locale = options.locale ?? 'en';
  return renderToStaticMarkup(
    createElement(IntlProvider, {
      locale,
      messages: MESSAGES[locale],
      timeZone: 'Europe/Berlin',
      children: createElement(ClientSlotContext.Provider, {
        value: { client: createClient({ url: 'http://localhost/api/graphql', exchanges: [] }), socket: () => null },
        children: createElement(MessageBubble, {
          message: { ...base, ...message },
          grouped: false,
          showSender: options.showSender,
          channelKind: options.kind ?? 'MESSENGER',
          onRetry: async () => null,
          onMediaLoad: () => {},
        }),
      }),
    }),
  );
}

const senderLine = (html: string) => html.match(/<p[^>]*data-testid="message-sender"[^>]*>(.*?)<\/p>/)?.[0] ?? null;
const text = (html: string | null) => html?.replace(/<[^>]+>/g, '') ?? null;

describe('who sent one of our messages', () => {
  it('the employee\'s name is under the bubble, and screen readers hear "Sent by"', () => {
    const line = senderLine(render({ sender: { id: 'e1', name: 'Otto Operator' } }));
    expect(text(line)).toBe('Sent by Otto Operator');
    expect(line).not.toMatch(/^<p[^>]*sr-only/);
    expect(line).toContain('<span class="sr-only">Sent by </span>');
  });

  it('a message written in Business Suite says so, in the viewer\'s language', () => {
    expect(text(senderLine(render({ sentOutside: true })))).toBe('Sent from Meta Business Suite');
    expect(text(senderLine(render({ sentOutside: true }, { locale: 'de' })))).toBe('Gesendet über die Meta Business Suite');
    expect(text(senderLine(render({ sentOutside: true }, { kind: 'WHATSAPP' })))).toBe('Sent from the WhatsApp Business app');
  });

  it('within a run by the same sender the name is only for screen readers', () => {
    expect(senderLine(render({ sender: { id: 'e1', name: 'Otto Operator' } }, { showSender: false }))).toMatch(/^<p[^>]*sr-only/);
  });

  it('customer messages and API sends name no one', () => {
    expect(senderLine(render({ direction: 'INBOUND', status: 'RECEIVED' }))).toBeNull();
    expect(senderLine(render({}))).toBeNull();
  });
});

describe('a voice message', () => {
  it('is our own player with play, a slider and its length from the platform, never "0:00 / 0:00"', () => {
    const html = render({ direction: 'INBOUND', status: 'RECEIVED', text: null, attachments: [{ id: 'a1', kind: 'audio', url: '/api/media/a1', mimeType: 'audio/ogg', fileName: null, size: 1000, durationSeconds: 75 }] });
    expect(html).toContain('data-testid="audio-player"');
    expect(html).toMatch(/<button[^>]*aria-label="Play"/);
    expect(html).toMatch(/<input type="range"[^>]*aria-label="Position"/);
    expect(text(html.match(/<span[^>]*data-testid="audio-time"[^>]*>.*?<\/span>/)![0])).toBe('0:00 / 1:15');
    expect(html).toMatch(/<button[^>]*aria-label="Playback speed 1×"/);
    expect(html).not.toMatch(/<audio[^>]*controls/);
  });
});

describe('a voice message\'s transcript', () => {
  const voice = (transcription: MessageItem['transcription']): Partial<MessageItem> => ({
    direction: 'INBOUND',
    status: 'RECEIVED',
    text: null,
    attachments: [{ id: 'a1', kind: 'audio', url: '/api/media/a1', mimeType: 'audio/ogg', fileName: null, size: 1000, durationSeconds: 12 }],
    transcription,
  });

  it('offers "Transcribe" until asked, then shows it is working', () => {
    expect(text(render(voice(null)).match(/<button[^>]*data-testid="transcribe"[^>]*>.*?<\/button>/)![0])).toBe('Transcribe');
    expect(text(render(voice(null), { locale: 'de' }).match(/<button[^>]*data-testid="transcribe"[^>]*>.*?<\/button>/)![0])).toBe('Transkribieren');
    const pending = render(voice({ status: 'PENDING', text: null, language: null, error: null }));
    expect(pending).toContain('Transcribing…');
    expect(pending).not.toContain('data-testid="transcribe"');
  });

  it('shows the text under the player with its language named in the viewer\'s language', () => {
    const done = voice({ status: 'DONE', text: 'I would like to book an appointment.', language: 'en', error: null });
    const en = render(done);
    expect(en).toContain('Transcript · English');
    expect(text(en.match(/<p[^>]*data-testid="transcript-text"[^>]*>.*?<\/p>/)![0])).toBe('I would like to book an appointment.');
    expect(en).toMatch(/<button[^>]*aria-expanded="true"/);
    expect(render(done, { locale: 'de' })).toContain('Transkript · Englisch');
  });

  it('a failure is a sentence with "Try again"', () => {
    const html = render(voice({ status: 'FAILED', text: null, language: null, error: 'The transcription server is busy or over its quota.' }), { locale: 'de' });
    expect(text(html.match(/<span[^>]*data-testid="transcript-error"[^>]*>.*?<\/span>/)![0])).toBe('Nicht transkribiert: The transcription server is busy or over its quota.');
    expect(text(html.match(/<button[^>]*data-testid="transcribe"[^>]*>.*?<\/button>/)![0])).toBe('Erneut versuchen');
  });
});
