import { describe, expect, it } from 'vitest';
import { sendWindow, type ChannelKind } from './send-window';

const now = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const at = (kind: ChannelKind, since: number | null, extra: Partial<Parameters<typeof sendWindow>[0]> = {}) =>
  sendWindow({ kind, state: 'CONNECTED', lastInboundAt: since === null ? null : ago(since), now, ...extra });

describe('send windows', () => {
  it('a Messenger reply within 24 hours needs no tag', () => {
    expect(at('MESSENGER', 23 * H + 59 * M)).toMatchObject({ canSend: true, block: null, autoTag: null });
    expect(at('MESSENGER', 23 * H + 59 * M).windowEndsAt).toEqual(new Date(now.getTime() + M));
  });

  it('a Messenger reply after 24 hours and within 7 days carries HUMAN_AGENT', () => {
    expect(at('MESSENGER', 24 * H + M)).toMatchObject({ canSend: true, autoTag: 'HUMAN_AGENT' });
    expect(at('MESSENGER', 6 * D + 23 * H)).toMatchObject({ canSend: true, autoTag: 'HUMAN_AGENT' });
  });

  it('a Messenger chat older than 7 days needs a message tag', () => {
    expect(at('MESSENGER', 7 * D + M)).toMatchObject({
      canSend: false,
      block: 'TAG_REQUIRED',
      allowedTags: ['ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE', 'CONFIRMED_EVENT_UPDATE'],
    });
  });

  it('a Messenger chat where the customer never wrote needs a tag too', () => {
    expect(at('MESSENGER', null).block).toBe('TAG_REQUIRED');
  });

  it('Instagram closes after 7 days and links to the conversation in Instagram', () => {
    expect(at('INSTAGRAM', 6 * D + 23 * H)).toMatchObject({ canSend: true, autoTag: 'HUMAN_AGENT' });
    expect(at('INSTAGRAM', 7 * D + M, { contactUsername: 'anna.s' })).toMatchObject({
      canSend: false,
      block: 'WINDOW_CLOSED',
      externalUrl: 'https://ig.me/m/anna.s',
    });
  });

  it('WhatsApp after 24 hours allows only a template', () => {
    expect(at('WHATSAPP', 23 * H + 59 * M).canSend).toBe(true);
    expect(at('WHATSAPP', 24 * H + M)).toMatchObject({ canSend: false, block: 'TEMPLATE_REQUIRED' });
  });

  it('Telegram has no window', () => {
    expect(at('TELEGRAM', 365 * D)).toMatchObject({ canSend: true, windowEndsAt: null });
  });

  it('a channel that lost its connection cannot send, whatever the window', () => {
    expect(at('TELEGRAM', M, { state: 'SYNC_LOST' })).toMatchObject({ canSend: false, block: 'SYNC_LOST' });
    expect(at('MESSENGER', M, { state: 'MISSING_PERMISSIONS' }).block).toBe('SYNC_LOST');
  });
});
