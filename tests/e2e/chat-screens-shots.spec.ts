import { newCustomerId } from './customers';
import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, logIn, platform } from './env';

/**
 * Screenshots of the chat screens in both languages and at desktop and phone widths, for a person
 * to look at (`SCREENSHOTS=1 npx playwright test tests/e2e/chat-screens-shots.spec.ts`; files in
 * test-results/shots). Skipped otherwise: they assert little and take a while.
 */

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to take them');

const stamp = `${Date.now()}`.slice(-5);
let serial = 0;

for (const locale of ['en', 'de'] as const) {
  for (const width of [1440, 390]) {
    test.describe(`${locale} at ${width}px`, () => {
      test.use({
        locale: locale === 'de' ? 'de-DE' : 'en-US',
        extraHTTPHeaders: { 'accept-language': locale === 'de' ? 'de-DE,de;q=0.9' : 'en-US,en;q=0.9' },
        viewport: { width, height: width > 1000 ? 900 : 844 },
      });

      test('the chat screens', async ({ page }) => {
        const shot = (name: string) => page.screenshot({ path: `test-results/shots/${locale}-${width}-${name}.png` });
        const open = async (text: string) => {
          // on a phone the open chat covers the list: go back to it first
          if (await page.getByTestId('conversation-back').isVisible()) await page.getByTestId('conversation-back').click();
          await expect(async () => {
            await page.getByTestId('chat-row').filter({ hasText: text }).click();
            await expect(page.getByTestId('conversation-title')).toBeVisible({ timeout: 1000 });
          }).toPass();
        };
        const id = `${locale}${width}`;
        const psid = (_n: number) => newCustomerId();

        // a short thread with our answer under it, then a linked client with a phone
        await platform('customer-writes', { psid: psid(1), text: `Is my coffee machine fixed? ${id}` });
        await logIn(page, 'operator');
        await open(`Is my coffee machine fixed? ${id}`);
        await page.getByTestId('composer').fill('Yes, you can pick it up tomorrow.');
        await page.getByTestId('composer').press('Enter');
        await expect(page.getByTestId('message-sender').last()).toBeVisible();
        await shot('1-short-thread');

        if (width > 1000) {
          const panel = page.getByTestId('data-panel');
          await panel.getByTestId('client-search').fill(`Marco ${id}-${++serial}`);
          await expect(panel.getByTestId('client-search-create')).toBeVisible();
          await shot('2-search-create');
          await panel.getByTestId('client-search-create').click();
          await panel.getByTestId('create-client-form').locator('input[type=tel]').fill('+4917699988877');
          await panel.getByTestId('create-client-form').locator('button[type=submit]').click();
          await expect(panel.getByTestId('client-card')).toBeVisible();
          await shot('3-linked');
          await panel.getByTestId('document-kind').click();
          await expect(page.getByRole('listbox')).toBeVisible();
          await shot('4-document-kind');
          await page.keyboard.press('Escape');
        }

        // an old Messenger chat: Enter without a tag
        await platform('customer-writes', { psid: psid(2), text: `Where is my order? ${id}`, ageMs: 9 * 24 * 3600_000 });
        await open(`Where is my order? ${id}`);
        await page.getByTestId('composer').fill('It shipped today.');
        await page.getByTestId('composer').press('Enter');
        await expect(page.getByTestId('composer-error')).toBeVisible();
        await shot('5-tag-refused');
        await page.keyboard.press('Enter');
        await expect(page.getByRole('listbox')).toBeVisible();
        await shot('6-tag-open');
        await page.keyboard.press('Escape');

        // a voice note
        await platform('telegram-user-sends', { userId: Number(newCustomerId()), firstName: 'Vera', lastName: `Voice ${id}`, kind: 'voice' });
        await open(`Vera Voice ${id}`);
        await expect(page.getByTestId('audio-player')).toBeVisible();
        await shot('7-voice');
        if (width < 1000) {
          await page.getByTestId('conversation-back').click();
          await expect(page.getByTestId('chat-list')).toBeVisible();
          await shot('8-list');
        }
      });

      test('the + Chat dialog by phone on WhatsApp, with a template', async ({ page }) => {
        const shot = (name: string) => page.screenshot({ path: `test-results/shots/${locale}-${width}-${name}.png` });
        const { url, connect } = e2eEnv();
        await logIn(page, 'admin');
        // a WhatsApp number, connected once for all of these
        await page.goto(`${url}/settings/chats`);
        if ((await page.getByText('Shots WhatsApp').count()) === 0) {
          await page.getByTestId('connect-whatsapp').click();
          await page.getByTestId('connect-external-id').fill(connect.whatsapp.phoneNumberId);
          await page.getByTestId('connect-account-id').fill(connect.whatsapp.businessAccountId);
          await page.getByTestId('connect-name').fill('Shots WhatsApp');
          await page.getByTestId('connect-token').fill(connect.whatsapp.token);
          await page.getByTestId('connect-submit').click();
          await expect(page.getByText('Shots WhatsApp').first()).toBeVisible();
        }
        await page.goto(`${url}/clients`);
        await page.getByTestId('new-client').click();
        const dialog = page.getByTestId('new-client-dialog');
        await dialog.locator('input').first().fill(`Phone Client ${locale}${width}`);
        await dialog.locator('input[type=tel]').fill('4917699988877');
        await dialog.locator('button[type=submit]').click();
        await expect(page).toHaveURL(/\/clients\/.+/);
        await expect(page.getByTestId('client-phone')).toHaveText('+49 176 99988877');
        await shot('9-client-page');
        await page.getByTestId('start-chat').click();
        const start = page.getByTestId('start-chat-dialog');
        await expect(start).toBeVisible();
        await start.getByRole('radio').first().check();
        await shot('10-start-chat');
        const select = start.getByTestId('template-select');
        if (await select.count()) {
          await select.click();
          await expect(page.getByRole('listbox')).toBeVisible();
          await shot('11-template-open');
          await page.keyboard.press('Escape');
          // Escape closed the listbox, not the dialog
          await expect(start).toBeVisible();
        }
      });
    });
  }
}
