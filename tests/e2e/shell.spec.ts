import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, logIn, newCustomerId, openChat, platform } from './env';

const clientPath = (id: string) => `/clients/${encodeURIComponent(Buffer.from(`Client:${id}`).toString('base64'))}`;

async function inGerman(page: Page) {
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'de', url: e2eEnv().url }]);
}

test('the menu shows only what the viewer may use: Settings for an admin, not for an operator', async ({ page }) => {
  await logIn(page, 'operator');
  const menu = page.getByRole('navigation', { name: 'CRM sections' });
  await expect(menu.getByRole('link', { name: 'Chats' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Clients' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /settings/i })).toHaveCount(0);

  await page.context().clearCookies();
  await logIn(page, 'admin');
  await expect(page.getByRole('navigation', { name: 'CRM sections' }).getByRole('link', { name: 'Settings' })).toBeVisible();
});

test('an address that leads nowhere shows the app\'s own 404, in English and German, with a way back', async ({ page }) => {
  await logIn(page);
  const response = await page.goto(`${e2eEnv().url}/no-such-page`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the chats' }).click();
  await expect(page).toHaveURL(/\/chats/);

  await inGerman(page);
  await page.goto(`${e2eEnv().url}/gibt-es-nicht`);
  await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zurück zu den Chats' })).toHaveAttribute('href', '/chats');
});

test('a bot that lost sync is reconnected from its chat\'s banner with a new token: same channel, same chats', async ({ page }) => {
  const userId = Number(newCustomerId());
  await platform('telegram-user-sends', { userId, firstName: 'Rita', lastName: 'Reconnect', kind: 'photo', caption: 'Is the bot still there?' });
  const { token } = await platform('telegram-revoke');
  await platform('check-channels');

  await logIn(page);
  await openChat(page, 'Is the bot still there?');
  const chatUrl = page.url();
  await page.getByTestId('sync-lost-reconnect').click();
  await expect(page).toHaveURL(/\/settings\/chats\?reconnect=/);

  const opened = page.getByTestId('channel-card').filter({ has: page.getByTestId('reconnect-form') });
  await expect(opened).toHaveCount(1);
  const card = page.locator(`[id="${await opened.getAttribute('id')}"]`);
  await expect(card.getByTestId('channel-state')).toHaveAttribute('data-state', 'SYNC_LOST');
  // the reason is shown, without sending the admin to the page they are on
  await expect(card.getByTestId('channel-last-error')).toContainText('Telegram');
  await expect(card.getByTestId('channel-last-error')).not.toContainText('Settings');
  await expect(card.getByTestId('reconnect-token')).toBeFocused();
  await card.getByTestId('reconnect-token').fill(token);
  await card.getByTestId('reconnect-submit').click();
  await expect(card.getByTestId('channel-state')).toHaveAttribute('data-state', 'CONNECTED');
  await expect(card.getByTestId('reconnect-done')).toBeVisible();
  await expect(card.getByText('Operator')).toBeVisible();

  // the chat is the same chat, and can be answered again
  await page.goto(chatUrl);
  await expect(page.getByTestId('sync-lost-reconnect')).toHaveCount(0);
  await expect(page.getByTestId('composer')).toBeEnabled();
});

test('the Instagram form mentions Facebook Login only when it is set up, and else says how', async ({ page }) => {
  await logIn(page);
  await page.goto(`${e2eEnv().url}/settings/chats`);
  await page.getByTestId('connect-instagram').click();
  await expect(page.getByTestId('instagram-login-hint')).toContainText('Logging in with Facebook is easier');

  const was = await platform('config', { metaAppId: null });
  try {
    await page.reload();
    await page.getByTestId('connect-instagram').click();
    const hint = page.getByTestId('instagram-login-hint');
    await expect(hint).toContainText('not set up on this server');
    await expect(hint).toContainText('META_APP_ID');
    await expect(hint).toContainText('/api/auth/facebook/callback');
    await expect(page.getByTestId('facebook-login')).toHaveCount(0);
  } finally {
    await platform('config', { metaAppId: was.metaAppId });
  }
});

test('the demo box shows only with the demo page, stays collapsed once collapsed, and never with SEED_DEMO=0', async ({ page }) => {
  await logIn(page, 'operator');
  await expect(page.getByTestId('chat-list')).toBeVisible();
  await expect(page.getByTestId('demo-control')).toHaveCount(0);

  await platform('demo-page', { present: true });
  try {
    await page.reload();
    const box = page.getByTestId('demo-control');
    await expect(box).toHaveAttribute('data-open', 'false');
    await box.getByRole('button', { expanded: false }).click();
    await expect(box).toHaveAttribute('data-open', 'true');
    await page.reload();
    await expect(box).toHaveAttribute('data-open', 'true');
    await box.getByRole('button', { expanded: true }).click();
    await page.reload();
    await expect(box).toHaveAttribute('data-open', 'false');

    const was = await platform('config', { seedDemo: false });
    try {
      await page.reload();
      await expect(page.getByTestId('chat-list')).toBeVisible();
      await expect(page.getByTestId('demo-control')).toHaveCount(0);
    } finally {
      await platform('config', { seedDemo: was.seedDemo });
    }
  } finally {
    await platform('demo-page', { present: false });
  }
});

test('"+ Chat" and the chat panel say the right words: "to +49 …", what a phone-less client needs, "Telegram bot"', async ({ page }) => {
  await platform('connect-whatsapp');
  const withPhone = await platform('client', { name: `Paula Phone ${newCustomerId()}`, phone: '+49 170 1234567' });
  const noPhone = await platform('client', { name: `Nora Nophone ${newCustomerId()}` });
  await logIn(page);

  await page.goto(`${e2eEnv().url}${clientPath(withPhone.id)}`);
  await page.getByTestId('start-chat').click();
  const dialog = page.getByTestId('start-chat-dialog');
  await expect(dialog.getByText(/^to \+49/)).toBeVisible();
  await expect(dialog).not.toContainText('as by phone');
  await page.keyboard.press('Escape');

  await page.goto(`${e2eEnv().url}${clientPath(noPhone.id)}`);
  await page.getByTestId('start-chat').click();
  const hint = page.getByTestId('start-chat-whatsapp-hint');
  await expect(hint).toContainText('A WhatsApp number is connected');
  await expect(hint).toContainText('phone number');
  await expect(hint).not.toContainText('connect a WhatsApp number');
  await page.keyboard.press('Escape');

  const userId = Number(newCustomerId());
  await platform('telegram-user-sends', { userId, firstName: 'Tina', lastName: 'Panel', kind: 'photo', caption: 'Which bot is this?' });
  await page.goto(`${e2eEnv().url}/chats`);
  await openChat(page, 'Which bot is this?');
  const panel = page.getByTestId('data-panel');
  await expect(panel.getByText('Telegram bot', { exact: true })).toBeVisible();
  await expect(panel.getByText('Page', { exact: true })).toHaveCount(0);
});
