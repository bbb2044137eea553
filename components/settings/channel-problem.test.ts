import { describe, expect, it } from 'vitest';
import { parseGraphError } from '../../channels/meta/graph-error';
import { parseTelegramError } from '../../channels/telegram/errors';
import { parseWhatsAppError } from '../../channels/whatsapp/errors';
import { withoutSettingsAdvice } from './channel-problem';

describe('a lost channel\'s reason in Settings', () => {
  it('does not tell the admin to go to Settings › Chats, the page they are on', () => {
    const reasons = [
      parseGraphError(400, { error: { code: 190, message: 'Error validating access token' } }).message,
      parseTelegramError(401, { ok: false, error_code: 401, description: 'Unauthorized' }).message,
      parseWhatsAppError(401, { error: { code: 190, message: 'Error validating access token' } }).message,
      "Meta stopped sending this page's messages to us (the app is no longer subscribed, e.g. after webhooks went unanswered). Reconnect it.",
    ];
    for (const reason of reasons) {
      expect(reason).toMatch(/reconnect/i);
      const shown = withoutSettingsAdvice(reason);
      expect(shown).not.toMatch(/Settings\s*[>›]\s*Chats/);
      expect(shown).not.toMatch(/reconnect/i);
    }
    expect(withoutSettingsAdvice(reasons[0])).toBe("The page's access token has expired or was revoked. (Meta error 190: Error validating access token)");
  });

  it('keeps reasons without such advice as they are', () => {
    expect(withoutSettingsAdvice('Missing permission: pages_messaging. Reconnect with a token (or a Facebook Login) that grants it.')).toBe(
      'Missing permission: pages_messaging. Reconnect with a token (or a Facebook Login) that grants it.',
    );
  });
});
