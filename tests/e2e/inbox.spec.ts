import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, platform } from './env';

async function logIn(page: Page, who: 'admin' | 'operator' = 'admin') {
  const env = e2eEnv();
  await page.goto(`${env.url}/login`);
  await page.getByLabel(/e-mail/i).fill(env[who].email);
  await page.getByLabel(/password|passwort/i).fill(env[who].password);
  await page.getByRole('button', { name: /sign in|anmelden/i }).click();
  await expect(page).toHaveURL(/\/chats/);
}

test('a customer writes, the chat appears live, the operator answers, and it is delivered and read', async ({ page }) => {
  await logIn(page);
  await expect(page.getByTestId('chat-list')).toBeVisible();

  // a customer nobody has talked to yet writes through the (fake) Messenger platform
  await platform('customer-writes', { psid: '6543210987650101', text: 'Hello! Is my laptop repaired?' });
  const row = page.getByTestId('chat-row').filter({ hasText: 'Is my laptop repaired?' });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('chat-row').first()).toContainText('Is my laptop repaired?');
  await expect(page.getByTestId('inbox-badge')).toHaveText('1');

  await row.click();
  const customerMessage = page.getByTestId('message').filter({ hasText: 'Is my laptop repaired?' });
  await expect(customerMessage).toHaveAttribute('data-direction', 'INBOUND');

  const composer = page.getByTestId('composer');
  await composer.fill('Yes, it is ready.');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('Pick it up any time.');
  await expect(page.getByTestId('composer-counter')).toContainText('38 / 1000');
  await composer.press('Enter');

  const reply = page.getByTestId('message').filter({ hasText: 'Pick it up any time.' });
  await expect(reply).toHaveAttribute('data-direction', 'OUTBOUND');
  await expect(reply).toHaveAttribute('data-status', 'SENT');
  await expect(composer).toHaveValue('');

  await platform('deliver', { psid: '6543210987650101' });
  await expect(reply).toHaveAttribute('data-status', 'DELIVERED');
  await platform('read', { psid: '6543210987650101' });
  await expect(reply).toHaveAttribute('data-status', 'READ');
  await expect(reply.getByTestId('ticks-read')).toBeVisible();
  await expect(page.getByTestId('read-at')).toBeVisible();
});

test('the composer counts to 1000 and will not send more', async ({ page }) => {
  await platform('customer-writes', { psid: '6543210987650102', text: 'A long answer, please' });
  await logIn(page);
  await page.getByTestId('chat-row').filter({ hasText: 'A long answer, please' }).click();
  const composer = page.getByTestId('composer');
  await composer.fill('x'.repeat(1001));
  await expect(page.getByTestId('composer-counter')).toContainText('1001 / 1000');
  await composer.press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: 'xxxxxxxxxx' })).toHaveCount(0);
  await expect(composer).toHaveValue('x'.repeat(1001));
});

test('an operator without the Settings permission sees why Settings is closed', async ({ page }) => {
  await logIn(page, 'operator');
  await page.goto(`${e2eEnv().url}/settings/chats`);
  await expect(page.getByTestId('no-access')).toBeVisible();
});

test('a German browser gets the German inbox', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE', extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9' } });
  const page = await context.newPage();
  const env = e2eEnv();
  await page.goto(`${env.url}/login`);
  await expect(page.getByRole('heading', { name: 'Bei Chats anmelden' })).toBeVisible();
  await page.getByLabel('E-Mail').fill(env.admin.email);
  await page.getByLabel('Passwort').fill(env.admin.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByTestId('composer').or(page.getByTestId('chat-list'))).toBeVisible();
  await expect(page.getByRole('tab', { name: /Offen/ }).or(page.getByText('Offen', { exact: true })).first()).toBeVisible();
  await context.close();
});
