import { expect, test, type Page } from '@playwright/test';
import { logIn, newCustomerId, platform } from './env';

/** The list is server-rendered: click until the conversation opens (a click before hydration goes nowhere). */
async function openChat(page: Page, name: string) {
  await expect(async () => {
    await page.getByTestId('chat-row').filter({ hasText: name }).first().click();
    await expect(page.getByTestId('conversation-title')).toContainText(name, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Issue 10: an operator transcribes a voice note with one click. The e2e server has no
 * TRANSCRIBE_URL, so this is the local engine (pocketsphinx) on real espeak-ng speech.
 */
const stamp = `${Date.now()}`.slice(-5);
const SAID = 'Hello, I would like to book an appointment for tomorrow morning.';

for (const locale of ['en', 'de'] as const) {
  test.describe(locale === 'en' ? 'in English' : 'in German', () => {
    test.use({ locale: locale === 'de' ? 'de-DE' : 'en-US', extraHTTPHeaders: { 'accept-language': locale === 'de' ? 'de-DE,de;q=0.9' : 'en-US,en;q=0.9' } });

    test('clicking Transcribe on a voice note shows the text under the player, with its language', async ({ page }) => {
      // a few seconds on an idle machine; much longer while other suites share the two cores
      test.setTimeout(240_000);
      const name = `Voice ${locale} ${stamp}`;
      await platform('telegram-user-sends', { userId: Number(newCustomerId()), firstName: 'Vera', lastName: name, kind: 'voice', speech: SAID });
      await page.setViewportSize({ width: 1440, height: 900 });
      await logIn(page, 'operator');
      await openChat(page, `Vera ${name}`);
      const message = page.getByTestId('message').filter({ has: page.getByTestId('audio-player') }).last();
      await expect(message.getByTestId('audio-player')).toBeVisible();
      const transcribe = message.getByTestId('transcribe');
      await expect(transcribe).toHaveText(locale === 'en' ? 'Transcribe' : 'Transkribieren');
      await page.screenshot({ path: `test-results/shots/transcribe-${locale}-1440-before.png` });
      await transcribe.click();

      const text = message.getByTestId('transcript-text');
      await expect(text).toContainText('appointment', { timeout: 180_000 });
      await expect(message.getByTestId('transcript')).toContainText(locale === 'en' ? 'Transcript · English' : 'Transkript · Englisch');
      await page.screenshot({ path: `test-results/shots/transcribe-${locale}-1440-done.png` });

      // collapsible
      await message.getByTestId('transcript').getByRole('button').click();
      await expect(text).toBeHidden();
      await message.getByTestId('transcript').getByRole('button').click();
      await expect(text).toBeVisible();

      // on a phone
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(text).toBeVisible();
      await page.screenshot({ path: `test-results/shots/transcribe-${locale}-390-done.png` });
    });
  });
}

test('a voice note that is not really audio says why in a sentence, with Try again', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Broken ${stamp}`;
  await platform('telegram-user-sends', { userId: Number(newCustomerId()), firstName: 'Vera', lastName: name, kind: 'voice', corrupt: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, 'operator');
  await openChat(page, `Vera ${name}`);
  const message = page.getByTestId('message').filter({ has: page.getByTestId('audio-player') }).last();
  await message.getByTestId('transcribe').click();
  // Telegram gave its length, so it is queued; the engine finds it is not audio, and everyone sees why
  await expect(message.getByTestId('transcript-error')).toHaveText('Couldn’t transcribe: The audio file could not be read: it may be damaged or not audio at all.', { timeout: 60_000 });
  await expect(message.getByTestId('transcribe')).toHaveText('Try again');
  await page.screenshot({ path: 'test-results/shots/transcribe-en-1440-failed.png' });
});
