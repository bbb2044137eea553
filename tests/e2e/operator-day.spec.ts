import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, platform, logIn as logInAs, newCustomerId, openChat } from './env';

// this try's own texts: a retry never matches the first try's rows
const runTag = newCustomerId().slice(-6);

/** A day at the inbox as an operator: archive and get it back, link a client, write an order, see the badge, use the keyboard. */

async function logIn(page: Page, who: 'admin' | 'operator' = 'operator') {
  await logInAs(page, who);
  await expect(page.getByTestId('chat-list')).toBeVisible();
}

const rowWith = (page: Page, text: string) => page.getByTestId('chat-row').filter({ hasText: text });

test('archiving moves a chat to Archived; the customer writing again brings it back to Open, live', async ({ page }) => {
  const psid = newCustomerId();
  await platform('customer-writes', { psid, text: `Can you replace a hinge? ${runTag}` });
  await logIn(page);
  await rowWith(page, `Can you replace a hinge? ${runTag}`).click();
  await expect(page.getByTestId('message').filter({ hasText: `Can you replace a hinge? ${runTag}` })).toBeVisible();

  await page.getByTestId('archive-chat').click();
  await expect(page.getByTestId('archived-notice')).toContainText(e2eEnv().operator.name);
  await expect(page.getByTestId('reopen-chat')).toBeVisible();
  await expect(rowWith(page, `Can you replace a hinge? ${runTag}`)).toHaveCount(0);
  // the composer stays usable for an archived chat
  await expect(page.getByTestId('composer')).toBeEnabled();

  await page.getByTestId('show-archived').click();
  await expect(page).toHaveURL(/status=archived/);
  await expect(rowWith(page, `Can you replace a hinge? ${runTag}`)).toBeVisible();

  await page.getByTestId('show-open').click();
  await expect(rowWith(page, `Can you replace a hinge? ${runTag}`)).toHaveCount(0);
  await platform('customer-writes', { psid, text: `Hello again, any news on the hinge? ${runTag}` });
  await expect(rowWith(page, 'any news on the hinge?')).toBeVisible();
  await expect(page.getByTestId('archived-notice')).toHaveCount(0);
  await expect(page.getByTestId('archive-chat')).toBeVisible();
});

test('an archived chat reopens with the button and by sending a reply', async ({ page }) => {
  const psid = newCustomerId();
  await platform('customer-writes', { psid, text: `Thanks, all good now ${runTag}` });
  await logIn(page);
  await rowWith(page, `Thanks, all good now ${runTag}`).click();
  await page.getByTestId('archive-chat').click();
  await expect(page.getByTestId('reopen-chat')).toBeVisible();
  await page.getByTestId('reopen-chat').click();
  await expect(page.getByTestId('archive-chat')).toBeVisible();
  await expect(rowWith(page, `Thanks, all good now ${runTag}`)).toBeVisible();

  await page.getByTestId('archive-chat').click();
  await expect(rowWith(page, `Thanks, all good now ${runTag}`)).toHaveCount(0);
  await page.getByTestId('composer').fill('You are welcome!');
  await page.getByTestId('composer').press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: 'You are welcome!' })).toBeVisible();
  await expect(page.getByTestId('archived-notice')).toHaveCount(0);
  await expect(rowWith(page, 'You are welcome!')).toBeVisible();
});

test('a chat is linked to a new client from the sidebar, and an order created there shows in the documents', async ({ page }) => {
  const psid = newCustomerId();
  await platform('customer-writes', { psid, text: `My dishwasher is leaking ${runTag}` });
  await logIn(page);
  await rowWith(page, `My dishwasher is leaking ${runTag}`).click();

  const panel = page.getByTestId('data-panel');
  await panel.getByTestId('create-client-open').click();
  const form = panel.getByTestId('create-client-form');
  // prefilled from the chat's contact
  await expect(form.getByLabel('Name')).toHaveValue('Peter Chang');
  await form.getByLabel('Name').fill('Peter Chang (Dishwasher)');
  await form.getByLabel('Phone').fill('+49 170 5550101');
  await form.getByRole('button', { name: 'Create and link' }).click();

  const card = panel.getByTestId('client-card');
  await expect(card).toContainText('Peter Chang (Dishwasher)');
  await expect(card).toContainText('+49 170 5550101');
  await expect(panel.getByTestId('client-chats').getByTestId('client-chat')).toHaveCount(1);

  await panel.getByTestId('document-kind').click();
  await page.getByRole('option', { name: 'Order' }).click();
  await panel.getByTestId('document-title').fill('Dishwasher leak repair');
  await panel.getByTestId('create-document').click();
  const order = panel.getByTestId('client-document').filter({ hasText: 'Dishwasher leak repair' });
  await expect(order).toBeVisible();
  await expect(order).toHaveAttribute('data-kind', 'ORDER');
  await expect(order.getByTestId('document-number')).toHaveText(/^O-\d{4}$/);

  // the client page has the same card, chat and order
  await card.getByTestId('client-page-link').click();
  await expect(page).toHaveURL(/\/clients\/.+/);
  await expect(page.getByRole('heading', { level: 1, name: 'Peter Chang (Dishwasher)' })).toBeVisible();
  await expect(page.getByTestId('client-document').filter({ hasText: 'Dishwasher leak repair' })).toBeVisible();
  await expect(page.getByTestId('client-chat')).toHaveCount(1);

  // "+ Chat" writes on the channel where the client is known and lands in the chat
  await page.getByTestId('start-chat').click();
  const dialog = page.getByTestId('start-chat-dialog');
  // the page the client wrote on is offered (a WhatsApp number, when connected, is too) and picked
  await dialog.getByRole('radio', { name: new RegExp(e2eEnv().pageName) }).check();
  await dialog.getByTestId('start-chat-text').fill('We can come by on Monday.');
  await dialog.getByTestId('start-chat-send').click();
  await expect(page).toHaveURL(/\/chats\/.+/);
  await expect(page.getByTestId('message').filter({ hasText: 'We can come by on Monday.' })).toBeVisible();
});

test('a client never chatted with is told why "+ Chat" cannot reach them', async ({ page }) => {
  await logIn(page);
  await page.goto(`${e2eEnv().url}/clients`);
  await page.getByTestId('new-client').click();
  const dialog = page.getByTestId('new-client-dialog');
  // no chat anywhere and no phone number: nothing can reach them, WhatsApp included
  await dialog.getByLabel('Name').fill('Quinn Nochat');
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(page).toHaveURL(/\/clients\/.+/);
  await expect(page.getByRole('heading', { level: 1, name: 'Quinn Nochat' })).toBeVisible();
  await page.getByTestId('start-chat').click();
  await expect(page.getByTestId('start-chat-unreachable')).toContainText('WhatsApp');

  // and the list finds them as you type
  await page.keyboard.press('Escape');
  await page.goto(`${e2eEnv().url}/clients`);
  await page.getByTestId('clients-search').fill('nochat');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-row')).toContainText('Quinn Nochat');
  await expect(page).toHaveURL(/q=nochat/);
});

test('the red badge on the Chats menu item goes up live while the operator is on another page', async ({ page }) => {
  await logIn(page);
  await page.goto(`${e2eEnv().url}/clients`);
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  const badge = page.getByTestId('inbox-badge');
  const count = async () => ((await badge.count()) ? Number(await badge.textContent()) : 0);
  // the live connection is up once the shell has rendered; give the socket a moment
  await page.waitForTimeout(500);
  const before = await count();
  await platform('customer-writes', { psid: newCustomerId(), text: `Are you open on Sunday? ${runTag}` });
  await expect.poll(count).toBe(before + 1);
});

test('a customer message in another chat rings (unless muted); the mute choice is remembered', async ({ page }) => {
  const first = newCustomerId();
  await platform('customer-writes', { psid: first, text: `First chat here ${runTag}` });
  await logIn(page);
  await openChat(page, `First chat here ${runTag}`);
  await page.evaluate(() => {
    (window as unknown as { chimes: unknown[] }).chimes = [];
    window.addEventListener('chats:chime', (e) => (window as unknown as { chimes: unknown[] }).chimes.push((e as CustomEvent).detail));
  });
  await platform('customer-writes', { psid: newCustomerId(), text: `A second customer writes ${runTag}` });
  await expect(rowWith(page, `A second customer writes ${runTag}`)).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { chimes: unknown[] }).chimes.length)).toBe(1);

  // the chat on screen does not ring
  await platform('customer-writes', { psid: first, text: `Still me in the first chat ${runTag}` });
  await expect(page.getByTestId('message').filter({ hasText: `Still me in the first chat ${runTag}` })).toBeVisible();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { chimes: unknown[] }).chimes.length)).toBe(1);

  const toggle = page.getByTestId('sound-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByTestId('sound-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('sound-toggle').click();
  await expect(page.getByTestId('sound-toggle')).toHaveAttribute('aria-pressed', 'false');
});

test('keyboard: "?" opens the shortcut help, j/k move, Enter opens, r writes, e archives, a/o switch lists', async ({ page }, testInfo) => {
  // a retry runs against the same server: customers of its own keep the first try's chats out of the way
  const run = testInfo.retry ? ` (${testInfo.retry + 1})` : '';
  await platform('customer-writes', { psid: newCustomerId(), text: `Keyboard customer one${runTag}` });
  await platform('customer-writes', { psid: newCustomerId(), text: `Keyboard customer two${runTag}` });
  await logIn(page);

  // the list is server-rendered: until the page has hydrated, a key press goes nowhere
  const help = page.getByTestId('shortcuts-help');
  await expect(async () => {
    await page.keyboard.press('?');
    await expect(help).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(help).toContainText('Archive the chat');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // j focuses the first row (the newest chat), j again the next one
  await page.keyboard.press('j');
  await expect(page.getByTestId('chat-row').first()).toBeFocused();
  await expect(page.getByTestId('chat-row').first()).toContainText(`Keyboard customer two${runTag}`);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('chat-row').nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(page.getByTestId('chat-row').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('conversation-title')).toBeVisible();
  await expect(page.getByTestId('message').filter({ hasText: `Keyboard customer two${runTag}` })).toBeVisible();

  await page.keyboard.press('r');
  const composer = page.getByTestId('composer');
  await expect(composer).toBeFocused();
  // typing never fires shortcuts
  await page.keyboard.type('e?a');
  await expect(composer).toHaveValue('e?a');
  await expect(help).toBeHidden();
  await expect(page).not.toHaveURL(/status=archived/);
  await composer.fill('');
  await page.keyboard.press('Escape');
  await expect(composer).not.toBeFocused();

  await page.keyboard.press('e');
  await expect(page.getByTestId('reopen-chat')).toBeVisible();
  await expect(rowWith(page, `Keyboard customer two${runTag}`)).toHaveCount(0);
  await page.keyboard.press('a');
  await expect(page).toHaveURL(/status=archived/);
  await expect(rowWith(page, `Keyboard customer two${runTag}`)).toBeVisible();
  await page.keyboard.press('o');
  await expect(page).not.toHaveURL(/status=archived/);
  await expect(rowWith(page, `Keyboard customer one${runTag}`)).toBeVisible();
});

test('a long history loads older messages on scroll-up and keeps the reading position', async ({ page }) => {
  const psid = newCustomerId();
  for (let i = 1; i <= 60; i++) await platform('customer-writes', { psid, text: `History line ${String(i).padStart(2, '0')}` });
  await logIn(page);
  await rowWith(page, 'History line 60').click();
  const list = page.getByTestId('message-list');
  await expect(list.getByTestId('message').filter({ hasText: 'History line 60' })).toBeVisible();
  // the newest page is shown; the oldest messages are not loaded yet
  await expect(list.getByTestId('message').filter({ hasText: 'History line 01' })).toHaveCount(0);
  const anchorId = await list.getByTestId('message').first().getAttribute('data-message-id');
  const anchor = list.locator(`[data-message-id="${anchorId}"]`);

  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(list.getByTestId('message').filter({ hasText: 'History line 01' })).toHaveCount(1);
  // what was at the top is still in view right after the older page went in above it (no jump to the top)
  await expect(anchor).toBeInViewport();
  await expect(list.getByTestId('message').filter({ hasText: 'History line 01' })).not.toBeInViewport();
});
