import { describe, expect, it } from 'vitest';
import { mediaKindOf } from './outbound-media';
import { planOutboundMedia } from './registry';

const MB = 1024 * 1024;

describe('how each platform takes an operator\'s file', () => {
  it('the stored kind follows the MIME type', () => {
    expect(['image/png', 'audio/ogg; codecs=opus', 'video/mp4', 'application/pdf'].map(mediaKindOf)).toEqual(['image', 'audio', 'video', 'file']);
  });

  it('Messenger sends common images as images, anything else up to 25 MB as a file', () => {
    expect(planOutboundMedia('MESSENGER', { mimeType: 'image/jpeg', size: MB })).toEqual({ sendAs: 'image' });
    expect(planOutboundMedia('MESSENGER', { mimeType: 'image/heic', size: MB })).toEqual({ sendAs: 'file' });
    expect(planOutboundMedia('MESSENGER', { mimeType: 'application/pdf', size: MB })).toEqual({ sendAs: 'file' });
    expect(planOutboundMedia('MESSENGER', { mimeType: 'video/mp4', size: 26 * MB, fileName: 'a.mp4' }).problem).toMatch(/"a\.mp4" is larger than the 25 MB/);
  });

  it('Instagram takes only the types and sizes of PLATFORMS.md B.3, and says so', () => {
    expect(planOutboundMedia('INSTAGRAM', { mimeType: 'image/gif', size: MB })).toEqual({ sendAs: 'image' });
    expect(planOutboundMedia('INSTAGRAM', { mimeType: 'video/quicktime', size: 20 * MB })).toEqual({ sendAs: 'video' });
    expect(planOutboundMedia('INSTAGRAM', { mimeType: 'audio/x-m4a', size: MB })).toEqual({ sendAs: 'audio' });
    expect(planOutboundMedia('INSTAGRAM', { mimeType: 'image/png', size: 9 * MB, fileName: 'big.png' }).problem).toMatch(/"big\.png" is larger than the 8 MB Instagram accepts for images/);
    expect(planOutboundMedia('INSTAGRAM', { mimeType: 'application/pdf', size: MB, fileName: 'x.pdf' }).problem).toMatch(/Instagram only accepts images .* "x\.pdf" is application\/pdf/);
    expect(planOutboundMedia('INSTAGRAM', { mimeType: 'image/webp', size: MB }).problem).toBeDefined();
  });

  it('WhatsApp sends what it would not show as media as a document instead', () => {
    expect(planOutboundMedia('WHATSAPP', { mimeType: 'image/png', size: MB })).toEqual({ sendAs: 'image' });
    expect(planOutboundMedia('WHATSAPP', { mimeType: 'image/png', size: 6 * MB })).toEqual({ sendAs: 'file' });
    expect(planOutboundMedia('WHATSAPP', { mimeType: 'image/gif', size: MB })).toEqual({ sendAs: 'file' });
    expect(planOutboundMedia('WHATSAPP', { mimeType: 'audio/ogg', size: MB })).toEqual({ sendAs: 'audio' });
    expect(planOutboundMedia('WHATSAPP', { mimeType: 'video/webm', size: MB })).toEqual({ sendAs: 'file' });
  });

  it('Telegram picks sendPhoto, sendVoice, sendAudio, sendVideo or sendDocument', () => {
    expect(planOutboundMedia('TELEGRAM', { mimeType: 'image/webp', size: MB })).toEqual({ sendAs: 'image' });
    expect(planOutboundMedia('TELEGRAM', { mimeType: 'image/jpeg', size: 11 * MB })).toEqual({ sendAs: 'file' });
    expect(planOutboundMedia('TELEGRAM', { mimeType: 'audio/ogg', size: MB })).toEqual({ sendAs: 'voice' });
    expect(planOutboundMedia('TELEGRAM', { mimeType: 'audio/mpeg', size: MB })).toEqual({ sendAs: 'audio' });
    expect(planOutboundMedia('TELEGRAM', { mimeType: 'video/mp4', size: MB })).toEqual({ sendAs: 'video' });
    expect(planOutboundMedia('TELEGRAM', { mimeType: 'application/zip', size: MB })).toEqual({ sendAs: 'file' });
  });
});
