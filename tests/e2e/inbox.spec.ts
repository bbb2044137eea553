import { expect, test } from '@playwright/test';
import { e2eEnv, platform, sentToPlatform, logIn, newCustomerId } from './env';

// this try's own texts: a retry never matches the first try's rows
const runTag = newCustomerId().slice(-6);

test('a customer writes, the chat appears live, the operator answers, and it is delivered and read', async ({ page }, testInfo) => {
  // a retry runs against the same server: a customer of its own keeps it from seeing the first try's chat
  const psid = newCustomerId();
  const question = `Hello! Is my laptop repaired? #${testInfo.retry + 1}`;
  await logIn(page);
  await expect(page.getByTestId('chat-list')).toBeVisible();
  // other tests leave chats waiting for an answer: the badge goes up by one from where it is
  const badge = page.getByTestId('inbox-badge');
  const before = (await badge.count()) ? Number(await badge.textContent()) : 0;

  // a customer nobody has talked to yet writes through the (fake) Messenger platform
  await platform('customer-writes', { psid, text: question });
  const row = page.getByTestId('chat-row').filter({ hasText: question });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('chat-row').first()).toContainText(question);
  await expect(badge).toHaveText(String(before + 1));

  await row.click();
  const customerMessage = page.getByTestId('message').filter({ hasText: question });
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

  await platform('deliver', { psid });
  await expect(reply).toHaveAttribute('data-status', 'DELIVERED');
  await platform('read', { psid });
  await expect(reply).toHaveAttribute('data-status', 'READ');
  await expect(reply.getByTestId('ticks-read')).toBeVisible();
  await expect(page.getByTestId('read-at')).toBeVisible();
});

test('a reply whose own answer comes back after the platform took it still shows as sent', async ({ page }) => {
  const text = 'Your phone is ready, slow network edition.';
  await platform('customer-writes', { psid: newCustomerId(), text: `Any news about my phone? ${runTag}` });
  await logIn(page);
  // hold back the sendMessage answer until the platform has the message and the live SENT event is out
  await page.route('**/api/graphql', async (route) => {
    if (!route.request().postData()?.includes('mutation SendMessage')) return route.continue();
    const response = await route.fetch();
    await expect.poll(async () => JSON.stringify(await sentToPlatform()), { timeout: 10_000 }).toContain(text);
    await page.waitForTimeout(500);
    await route.fulfill({ response });
  });
  await page.getByTestId('chat-row').filter({ hasText: `Any news about my phone? ${runTag}` }).click();
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
  const reply = page.getByTestId('message').filter({ hasText: text });
  await expect(reply).toHaveAttribute('data-status', 'SENT');
  await expect(page.getByTestId('composer')).toHaveValue('');
  // and it stays so once the late PENDING answer has been applied
  await page.waitForTimeout(300);
  await expect(reply).toHaveAttribute('data-status', 'SENT');
});

test('the composer counts to 1000 and will not send more', async ({ page }) => {
  await platform('customer-writes', { psid: newCustomerId(), text: `A long answer, please ${runTag}` });
  await logIn(page);
  await page.getByTestId('chat-row').filter({ hasText: `A long answer, please ${runTag}` }).click();
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

test('a chat opened while its code cannot be fetched opens by itself once the connection is back', async ({ page }) => {
  const question = `Is the printer fixed? ${runTag}-offline`;
  await platform('customer-writes', { psid: newCustomerId(), text: question });
  await logIn(page, 'operator');
  await page.getByTestId('chat-row').filter({ hasText: question }).click();
  await expect(page.getByTestId('conversation-title')).toBeVisible();
  const chatUrl = page.url();

  // the page's own scripts arrive; everything fetched after it (the conversation, urql, the reducer) fails
  const html = await (await page.request.get(chatUrl)).text();
  const firstLoad = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1].replaceAll('&amp;', '&'), chatUrl).pathname));
  let offline = true;
  let refused = 0;
  await page.route('**/_next/static/chunks/**', async (route) => {
    if (offline && !firstLoad.has(new URL(route.request().url()).pathname)) {
      refused++;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  await page.goto(chatUrl);
  await expect.poll(() => refused).toBeGreaterThan(0);
  await page.waitForTimeout(2500);
  await expect(page.getByTestId('error-page')).toHaveCount(0);
  offline = false;
  await expect(page.getByTestId('conversation-title')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('message').filter({ hasText: question })).toBeVisible();
});
