import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { e2eEnv, platform, logIn, newCustomerId } from './env';

/** No serious or critical axe findings on the pages an operator and an admin use most. */

for (const locale of ['en', 'de'] as const) {
  test.describe(`in ${locale === 'en' ? 'English' : 'German'}`, () => {
    test.use({ locale: locale === 'de' ? 'de-DE' : 'en-US', extraHTTPHeaders: { 'accept-language': locale === 'de' ? 'de-DE,de;q=0.9' : 'en-US,en;q=0.9' } });

    test('the login page', async ({ page }) => {
      await page.goto(`${e2eEnv().url}/login`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, 'login');
    });

    test('the Chats page with a chat open, its client linked and a document', async ({ page }) => {
      const psid = newCustomerId();
      await platform('customer-writes', { psid, text: `Accessible hello ${locale}` });
      await logIn(page);
      await page.getByTestId('chat-row').filter({ hasText: `Accessible hello ${locale}` }).click();
      await expect(page.getByTestId('message').filter({ hasText: `Accessible hello ${locale}` })).toBeVisible();
      await expectNoSeriousViolations(page, 'chats, unlinked chat');

      // the client search open, then the linked client with a document
      await page.getByTestId('client-search').click();
      await expect(page.getByTestId('client-search-results')).toBeVisible();
      await expectNoSeriousViolations(page, 'chats, client search');
      await page.getByTestId('client-search').press('Escape');
      await page.getByTestId('create-client-open').click();
      await page.getByTestId('create-client-form').getByRole('button').first().click();
      await expect(page.getByTestId('client-card')).toBeVisible();
      await page.getByTestId('document-title').fill('Check-up');
      await page.getByTestId('create-document').click();
      await expect(page.getByTestId('client-document')).toHaveCount(1);
      await page.getByTestId('composer').fill('Hello');
      await page.getByTestId('composer').press('Enter');
      await expect(page.getByTestId('message').filter({ hasText: /^Hello/ }).last()).toBeVisible();
      await expectNoSeriousViolations(page, 'chats, linked chat');

      // archived, with the notice
      await page.getByTestId('archive-chat').click();
      await expect(page.getByTestId('archived-notice')).toBeVisible();
      await expectNoSeriousViolations(page, 'chats, archived chat');

      // the shortcut help
      await page.locator('body').press('?');
      await expect(page.getByTestId('shortcuts-help')).toBeVisible();
      await expectNoSeriousViolations(page, 'shortcut help');
    });

    test('a client page and the clients list', async ({ page }) => {
      await logIn(page);
      await page.goto(`${e2eEnv().url}/clients`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.getByTestId('new-client').click();
      await expectNoSeriousViolations(page, 'new client dialog');
      const dialog = page.getByTestId('new-client-dialog');
      await dialog.locator('input').first().fill(`A11y Client ${locale}`);
      await dialog.locator('button[type=submit]').click();
      await expect(page).toHaveURL(/\/clients\/.+/);
      await expect(page.getByRole('heading', { level: 1, name: `A11y Client ${locale}` })).toBeVisible();
      await expectNoSeriousViolations(page, 'client page');
      await page.getByTestId('start-chat').click();
      await expect(page.getByTestId('start-chat-dialog')).toBeVisible();
      await expectNoSeriousViolations(page, 'start chat dialog');
      await page.keyboard.press('Escape');
      await page.goto(`${e2eEnv().url}/clients`);
      await expect(page.getByTestId('client-row').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'clients list');
    });

    test('Settings › Chats', async ({ page }) => {
      await logIn(page);
      await page.goto(`${e2eEnv().url}/settings/chats`);
      await expect(page.getByTestId('channel-card').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'settings › chats');
      await page.getByTestId('connect-instagram').click();
      await expect(page.getByTestId('connect-form')).toBeVisible();
      await expectNoSeriousViolations(page, 'settings › chats, connecting Instagram');
    });

    test('Settings › Roles, and a role being edited', async ({ page }) => {
      await logIn(page);
      await page.goto(`${e2eEnv().url}/settings/employees/roles`);
      await expect(page.getByTestId('role-row').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'settings › roles');
      await page.getByTestId('role-new').click();
      await expect(page.getByTestId('role-dialog')).toBeVisible();
      await expectNoSeriousViolations(page, 'settings › roles, new role');
    });

    test('the pages offered after logging in with Facebook', async ({ page }) => {
      await logIn(page);
      await page.goto(`${e2eEnv().url}/settings/chats`);
      await page.getByTestId('facebook-login').click();
      await page.getByRole('button', { name: /Continue as/ }).click();
      await expect(page.getByTestId('facebook-page').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'facebook login picker');
    });
  });
}
