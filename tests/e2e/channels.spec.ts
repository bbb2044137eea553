import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, platform, sentToPlatform, logIn, newCustomerId } from './env';

// this try's own texts: a retry never matches the first try's rows
const runTag = newCustomerId().slice(-6);

const card = (page: Page, name: string) => page.getByTestId('channel-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

test('an admin connects a Facebook page, an Instagram account through Facebook Login, a WhatsApp number and a Telegram bot', async ({ page }) => {
  const { url, connect } = e2eEnv();
  await logIn(page);
  await page.goto(`${url}/settings/chats`);

  // a Facebook page, with its id and token
  await page.getByTestId('connect-messenger').click();
  await page.getByTestId('connect-external-id').fill(connect.page.id);
  await page.getByTestId('connect-token').fill(connect.page.token);
  await page.getByTestId('connect-submit').click();
  await expect(card(page, connect.page.name).getByTestId('channel-state')).toHaveAttribute('data-state', 'CONNECTED');

  // an Instagram account, by logging in with Facebook and picking it
  await page.getByTestId('facebook-login').click();
  await page.getByRole('button', { name: `Continue as ${connect.instagram.user}` }).click();
  await expect(page.getByRole('heading', { name: 'Connect Facebook Pages and Instagram accounts' })).toBeVisible();
  const pageRow = page.getByTestId('facebook-page').filter({ hasText: `@${connect.instagram.username}` });
  await pageRow.getByTestId('facebook-account-instagram').check();
  await page.getByTestId('facebook-connect').click();
  await expect(page).toHaveURL(/\/settings\/chats\?facebook=connected/);
  await expect(page.getByTestId('facebook-notice')).toContainText('1 account is connected');
  await expect(card(page, `@${connect.instagram.username}`).getByTestId('channel-state')).toHaveAttribute('data-state', 'CONNECTED');

  // a WhatsApp number
  await page.getByTestId('connect-whatsapp').click();
  await page.getByTestId('connect-external-id').fill(connect.whatsapp.phoneNumberId);
  await page.getByTestId('connect-account-id').fill(connect.whatsapp.businessAccountId);
  await page.getByTestId('connect-name').fill('Fix-It WhatsApp');
  await page.getByTestId('connect-token').fill(connect.whatsapp.token);
  await page.getByTestId('connect-submit').click();
  await expect(card(page, 'Fix-It WhatsApp').getByTestId('channel-state')).toHaveAttribute('data-state', 'CONNECTED');

  // a Telegram bot, with its token alone
  await page.getByTestId('connect-telegram').click();
  await page.getByTestId('connect-token').fill(connect.telegram.token);
  await page.getByTestId('connect-submit').click();
  await expect(card(page, `@${connect.telegram.username}`).getByTestId('channel-state')).toHaveAttribute('data-state', 'CONNECTED');

  // all of it is still there after a reload
  await page.reload();
  for (const name of [connect.page.name, `@${connect.instagram.username}`, 'Fix-It WhatsApp', `@${connect.telegram.username}`]) {
    await expect(card(page, name)).toBeVisible();
  }
});

test('a Telegram customer sends a photo and a voice note; the operator sees the picture and gets a player', async ({ page }) => {
  await logIn(page);
  const userId = Number(newCustomerId());
  await platform('telegram-user-sends', { userId, firstName: 'Tom', lastName: 'Berger', kind: 'photo', caption: 'The screen after the fall' });
  await platform('telegram-user-sends', { userId, kind: 'voice' });
  const row = page.getByTestId('chat-row').filter({ hasText: 'Tom Berger' });
  await row.click();
  const photo = page.getByTestId('message').filter({ hasText: 'The screen after the fall' }).getByRole('img');
  await expect(photo).toHaveAttribute('src', /^\/api\/media\//);
  // the stored picture really loads in the browser
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
  const voice = page.getByTestId('message').locator('audio');
  await expect(voice).toHaveAttribute('src', /^\/api\/media\//);
  const src = await voice.getAttribute('src');
  const served = await page.request.get(`${e2eEnv().url}${src}`);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toMatch(/^audio\//);
});

test('an Instagram chat quiet for more than 7 days cannot be answered here, and links to Instagram', async ({ page }) => {
  await logIn(page);
  const igsid = newCustomerId();
  await platform('instagram-customer-writes', { igsid, name: 'Lena Vogt', username: 'lena.vogt', text: `Did you find my charger? ${runTag}`, ageDays: 8 });
  await page.getByTestId('chat-row').filter({ hasText: `Did you find my charger? ${runTag}` }).click();
  const notice = page.getByTestId('composer-notice');
  await expect(notice).toContainText(/7 days/);
  await expect(notice.getByRole('link')).toHaveAttribute('href', 'https://ig.me/m/lena.vogt');
  await expect(page.getByTestId('composer')).toBeDisabled();

  // a new message from the customer opens it again
  await platform('instagram-customer-writes', { igsid, text: `Hello again! ${runTag}` });
  await expect(page.getByTestId('composer')).toBeEnabled();
  await expect(page.getByTestId('composer-notice')).toHaveCount(0);
});

test('an old Messenger chat needs a message tag: the operator picks one, is warned, and it goes out', async ({ page }) => {
  await platform('customer-writes', { psid: newCustomerId(), text: `Where is my order from last month? ${runTag}`, ageMs: 9 * 24 * 3600_000 });
  await logIn(page);
  await page.getByTestId('chat-row').filter({ hasText: `Where is my order from last month? ${runTag}` }).click();
  const picker = page.getByTestId('tag-picker');
  await expect(picker).toContainText(/blocked|gesperrt/i);
  await picker.getByRole('combobox', { name: 'Message tag' }).click();
  await page.getByRole('option', { name: 'Post-purchase update' }).click();
  await expect(picker.getByRole('combobox')).toHaveText('Post-purchase update');
  await page.getByTestId('composer').fill('Your order shipped today.');
  await page.getByTestId('composer').press('Enter');
  const reply = page.getByTestId('message').filter({ hasText: 'Your order shipped today.' });
  await expect(reply).toHaveAttribute('data-status', 'SENT');
});

test('an operator sends a photo from the composer: it shows in the chat at once and reaches Messenger', async ({ page }) => {
  const psid = newCustomerId();
  await platform('customer-writes', { psid, text: `Can you send me a picture of the repair? ${runTag}` });
  await logIn(page);
  await page.getByTestId('chat-row').filter({ hasText: `Can you send me a picture of the repair? ${runTag}` }).click();
  await page.getByTestId('composer-file-input').setInputFiles('tests/e2e/fixtures/cracked-screen.png');
  await expect(page.getByTestId('composer-file')).toContainText('cracked-screen.png');
  await page.getByTestId('composer').fill('Here it is, before the repair.');
  await page.getByTestId('composer').press('Enter');

  const reply = page.getByTestId('message').filter({ hasText: 'Here it is, before the repair.' });
  await expect(reply).toHaveAttribute('data-status', 'SENT');
  const picture = reply.getByRole('img', { name: 'cracked-screen.png' });
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
  await expect(page.getByTestId('composer-file')).toHaveCount(0);

  const sent = (await sentToPlatform()) as Array<{ psid: string; text?: string; attachment?: { type: string }; file?: { fileName?: string } }>;
  const toCustomer = sent.filter((s) => s.psid === psid);
  expect(toCustomer.map((s) => s.attachment?.type ?? 'text')).toEqual(['image', 'text']);
  expect(toCustomer[0].file?.fileName).toBe('cracked-screen.png');
});
