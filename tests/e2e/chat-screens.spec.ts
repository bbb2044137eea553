import { newCustomerId } from './customers';
import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, logIn as logInAs, platform } from './env';

/** What a new operator tripped over in the chat screens (issue 13), fixed and kept fixed. */

// every test (and every retry) writes as customers of its own: a retry never meets the first try's chats
let serial = 0;
const stamp = `${Date.now()}`.slice(-5);
const newPsid = () => newCustomerId();
const newTag = () => `${stamp}-${++serial}`;

async function logIn(page: Page, who: 'admin' | 'operator' = 'operator') {
  await logInAs(page, who);
  await expect(page.getByTestId('chat-list')).toBeVisible();
}

const rowWith = (page: Page, text: string) => page.getByTestId('chat-row').filter({ hasText: text });

/** Opens a chat from the list; the list is server-rendered, so a click before hydration goes nowhere. */
async function openChat(page: Page, text: string) {
  await expect(async () => {
    await rowWith(page, text).click();
    await expect(page.getByTestId('conversation-title')).toBeVisible({ timeout: 1000 });
  }).toPass();
}

test('linking a client renames the chat everywhere, live in a colleague\'s inbox, and shows the client\'s phone on Messenger', async ({ page, browser }) => {
  const tag = newTag();
  const question = `My washing machine is loud ${tag}`;
  const name = `Anna Schmidt ${tag}`;
  await platform('customer-writes', { psid: newPsid(), text: question });

  // a colleague watches the list in their own browser
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await logIn(colleague, 'admin');
  await expect(rowWith(colleague, question)).toContainText('Peter Chang');

  await logIn(page);
  await openChat(page, question);
  const panel = page.getByTestId('data-panel');
  // Messenger gives no phone: none yet
  await expect(page.getByTestId('panel-phone')).toHaveCount(0);

  // a search that finds no one offers to create the client from what was typed
  const search = panel.getByTestId('client-search');
  await search.fill(name);
  const create = panel.getByTestId('client-search-create');
  await expect(create).toHaveText(`Create client “${name}”`);
  await expect(panel.getByTestId('client-search-empty')).toContainText(`No client matches “${name}”`);
  await create.click();
  const form = panel.getByTestId('create-client-form');
  await expect(form.getByLabel('Name')).toHaveValue(name);
  await form.getByLabel('Phone').fill('+491705550199');
  await form.getByRole('button', { name: 'Create and link' }).click();
  await expect(panel.getByTestId('client-card')).toContainText(name);

  // the client's name is the chat's title: header, list, panel, the client's own chat list
  await expect(page.getByTestId('conversation-title')).toHaveText(name);
  await expect(rowWith(page, question).getByTestId('chat-title')).toHaveText(name);
  await expect(panel.getByTestId('client-chats')).toContainText(name);
  // and the colleague's list follows without a reload
  await expect(rowWith(colleague, question).getByTestId('chat-title')).toHaveText(name);

  // the linked client's phone, formatted for people, in the panel and the header (a tel: link)
  await expect(page.getByTestId('panel-phone')).toContainText('+49 170 5550199');
  await expect(page.getByTestId('panel-phone').getByRole('link')).toHaveAttribute('href', 'tel:+491705550199');
  await expect(page.getByTestId('conversation-handle')).toHaveText('+49 170 5550199');
  await expect(panel.getByTestId('client-phone')).toHaveText('+49 170 5550199');

  // the client page shows it the same way
  await panel.getByTestId('client-page-link').click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('client-phone')).toHaveText('+49 170 5550199');
  await expect(page.getByTestId('client-chat')).toContainText(name);
  await colleagueContext.close();
});

test('a client search for a number offers to create the client with that phone', async ({ page }) => {
  const tag = newTag();
  await platform('customer-writes', { psid: newPsid(), text: `Call me back ${tag}` });
  await logIn(page);
  await openChat(page, `Call me back ${tag}`);
  const panel = page.getByTestId('data-panel');
  const number = `+49 171 ${stamp}${String(serial).padStart(2, '0')}`;
  await panel.getByTestId('client-search').fill(number);
  // Enter takes the one offer when nothing matches
  await expect(panel.getByTestId('client-search-create')).toBeVisible();
  await panel.getByTestId('client-search').press('Enter');
  const form = panel.getByTestId('create-client-form');
  await expect(form.getByLabel('Phone')).toHaveValue(number);
  await expect(form.getByLabel('Name')).toHaveValue('Peter Chang');
});

test('Enter in a Messenger chat older than 7 days without a tag says why and moves focus to the tag picker', async ({ page }) => {
  const tag = newTag();
  await platform('customer-writes', { psid: newPsid(), text: `Old order question ${tag}`, ageMs: 9 * 24 * 3600_000 });
  await logIn(page);
  await openChat(page, `Old order question ${tag}`);
  const composer = page.getByTestId('composer');
  await composer.fill('Your order shipped.');
  await composer.press('Enter');
  await expect(page.getByTestId('composer-error')).toHaveText(/Pick a message tag first/);
  const picker = page.getByTestId('tag-picker').getByRole('combobox', { name: 'Message tag' });
  await expect(picker).toBeFocused();
  await expect(composer).toHaveValue('Your order shipped.');

  // the app's own listbox, by keyboard
  await page.keyboard.press('Enter');
  const option = page.getByRole('option', { name: 'Post-purchase update' });
  await expect(option).toBeVisible();
  await option.press('Enter');
  await expect(picker).toHaveText('Post-purchase update');
  await expect(page.getByTestId('composer-error')).toHaveCount(0);
  await composer.press('Enter');
  const reply = page.getByTestId('message').filter({ hasText: 'Your order shipped.' });
  await expect(reply).toHaveAttribute('data-status', 'SENT');
  // who sent it, under the bubble
  await expect(page.getByTestId('message-sender').last()).toHaveText(`Sent by ${e2eEnv().operator.name}`);
  await expect(page.getByTestId('message-sender').last()).toBeVisible();
});

test('the tab title counts unread chats, live: "(n) Chats"', async ({ page }) => {
  const tag = newTag();
  await logIn(page);
  const unreadOnServer = async () => {
    const res = await page.request.post(`${e2eEnv().url}/api/graphql`, { data: { query: '{ unreadChats }' } });
    return ((await res.json()) as { data: { unreadChats: number } }).data.unreadChats;
  };
  const titled = (unread: number) => (unread > 0 ? `(${unread}) Chats · CRM` : 'Chats · CRM');
  const before = await unreadOnServer();
  // the page says what the server says, whenever its scripts have arrived
  await expect(page).toHaveTitle(titled(before));
  await platform('customer-writes', { psid: newPsid(), text: `Title counter ${tag}` });
  await expect(page).toHaveTitle(titled(before + 1));
  // opening it reads it: the count drops again
  await openChat(page, `Title counter ${tag}`);
  await expect(page).toHaveTitle(titled(before));
});

test('a voice note gets the app\'s player: play, slider, length and speed', async ({ page }) => {
  const userId = Number(newCustomerId());
  await logIn(page);
  await platform('telegram-user-sends', { userId, firstName: 'Vera', lastName: `Voice ${stamp}`, kind: 'voice' });
  await openChat(page, `Vera Voice ${stamp}`);
  const player = page.getByTestId('message').getByTestId('audio-player');
  await expect(player).toBeVisible();
  // the platform said 3 seconds: no "0:00 / 0:00" before it loaded
  await expect(player.getByTestId('audio-time')).toHaveText('0:00 / 0:03');
  await expect(player.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(player.getByRole('slider', { name: 'Position' })).toBeVisible();
  const speed = player.getByTestId('audio-speed');
  await expect(speed).toHaveText('1×');
  await speed.click();
  await expect(speed).toHaveText('1.5×');
  await expect(speed).toHaveAccessibleName('Playback speed 1.5×');
  expect(await player.locator('audio').evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(1.5);
  await speed.click();
  await speed.click();
  await expect(speed).toHaveText('1×');
});

test('a short thread sits on the composer, not at the top of the conversation', async ({ page }) => {
  const tag = newTag();
  await platform('customer-writes', { psid: newPsid(), text: `Short thread ${tag}` });
  await logIn(page);
  await openChat(page, `Short thread ${tag}`);
  const message = page.getByTestId('message').filter({ hasText: `Short thread ${tag}` });
  await expect(message).toBeVisible();
  const list = (await page.getByTestId('message-list').boundingBox())!;
  const bubble = (await message.boundingBox())!;
  // the newest message ends just above the composer; the empty space is above the thread
  expect(list.y + list.height - (bubble.y + bubble.height)).toBeLessThan(48);
  expect(bubble.y - list.y).toBeGreaterThan(list.height / 2);
});

test('the + Chat dialog offers WhatsApp by the client\'s number, formatted, with the app\'s template select', async ({ page }) => {
  const { url, connect } = e2eEnv();
  await logIn(page, 'admin');
  // a WhatsApp number (the channels spec connects one; on its own this spec connects it here)
  await page.goto(`${url}/settings/chats`);
  await expect(page.getByTestId('connect-whatsapp')).toBeVisible();
  if ((await page.getByText(/WhatsApp/).filter({ hasText: /Fix-It WhatsApp|Screens WhatsApp/ }).count()) === 0) {
    await page.getByTestId('connect-whatsapp').click();
    await page.getByTestId('connect-external-id').fill(connect.whatsapp.phoneNumberId);
    await page.getByTestId('connect-account-id').fill(connect.whatsapp.businessAccountId);
    await page.getByTestId('connect-name').fill('Screens WhatsApp');
    await page.getByTestId('connect-token').fill(connect.whatsapp.token);
    await page.getByTestId('connect-submit').click();
    await expect(page.getByText('Screens WhatsApp').first()).toBeVisible();
  }

  const name = `Phone Client ${newTag()}`;
  await page.goto(`${url}/clients`);
  await page.getByTestId('new-client').click();
  const created = page.getByTestId('new-client-dialog');
  await created.getByLabel('Name').fill(name);
  // stored as WhatsApp ids a customer: digits, no "+"
  await created.getByLabel('Phone').fill('4917699988877');
  await created.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('client-phone')).toHaveText('+49 176 99988877');
  // F22: the number opens the client card, which keeps the tel: link
  await page.getByTestId('client-phone').getByRole('button').click();
  await expect(page.getByTestId('phone-card-tel')).toHaveAttribute('href', 'tel:+4917699988877');
  await page.keyboard.press('Escape');

  await page.getByTestId('start-chat').click();
  const dialog = page.getByTestId('start-chat-dialog');
  const whatsapp = dialog.getByRole('radio', { name: /WhatsApp/ }).first();
  await expect(dialog.getByText('+49 176 99988877').first()).toBeVisible();
  await expect(dialog).not.toContainText('4917699988877');
  await whatsapp.check();
  const select = dialog.getByRole('combobox', { name: 'Template' });
  await select.click();
  await page.getByRole('option', { name: /order_update \(en_US\)/ }).click();
  await expect(select).toContainText('order_update (en_US)');
  await expect(dialog.getByTestId('template-preview')).toBeVisible();
  // Escape in an open listbox closes the listbox, not the dialog
  await select.click();
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(dialog).toBeVisible();
});
