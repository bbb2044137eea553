import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, isValidWebhookSecret, TELEGRAM_SECRET_HEADER, verifyTelegramSecret } from './verify';

describe('verifyTelegramSecret', () => {
  const secret = 'Zq3_x-9KpA';

  it('accepts the exact secret we registered', () => {
    expect(verifyTelegramSecret(secret, secret)).toBe(true);
  });

  it.each([
    ['a missing header', undefined],
    ['a null header', null],
    ['an empty header', ''],
    ['another secret', 'Zq3_x-9KpB'],
    ['a prefix of the secret', 'Zq3_x'],
    ['the secret with trailing space', `${secret} `],
    ['a different case', secret.toLowerCase()],
  ])('rejects %s', (_name, header) => {
    expect(verifyTelegramSecret(header, secret)).toBe(false);
  });

  it('never matches when no secret is configured, even a request without the header', () => {
    expect(verifyTelegramSecret('', '')).toBe(false);
    expect(verifyTelegramSecret(undefined, '')).toBe(false);
  });

  it('names the header in lowercase, as Node presents incoming headers', () => {
    expect(TELEGRAM_SECRET_HEADER).toBe('x-telegram-bot-api-secret-token');
  });
});

describe('generateWebhookSecret', () => {
  it('makes secrets Telegram accepts (1-256 of A-Za-z0-9_-) and never the same twice', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateWebhookSecret()));
    expect(secrets.size).toBe(50);
    for (const s of secrets) {
      expect(s).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
      expect(isValidWebhookSecret(s)).toBe(true);
    }
  });

  it('knows what Telegram rejects', () => {
    expect(isValidWebhookSecret('')).toBe(false);
    expect(isValidWebhookSecret('a'.repeat(257))).toBe(false);
    expect(isValidWebhookSecret('a'.repeat(256))).toBe(true);
    expect(isValidWebhookSecret('has space')).toBe(false);
    expect(isValidWebhookSecret('dot.ted')).toBe(false);
  });
});
