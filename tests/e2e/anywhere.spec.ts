import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, logIn, newCustomerId, platform, sentToPlatform } from './env';

/**
 * Chat from anywhere (issue 11): the inbox on a phone and a small laptop. Screenshots of each
 * width land in test-results/anywhere for a person to look at.
 */

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/anywhere/${name}.png` });

/** Nothing on the page is wider than the screen (no sideways scrolling of the whole page). */
async function expectNoPageOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Every visible button and link in `scope` is at least 44 × 44 px (a finger, not a mouse). */
async function expectTouchTargets(page: Page, scope: string) {
  const small = await page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (!root) return ['missing ' + selector];
    return [...root.querySelectorAll<HTMLElement>('button, a[href], [role="button"]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
      .map(({ el, box }) => `${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`);
  }, scope);
  expect(small).toEqual([]);
}

for (const size of WIDTHS) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the inbox fits the screen, and the client details are one tap away', async ({ page }) => {
      const text = `Is the laptop ready? w${size.width}-${newCustomerId()}`;
      await platform('customer-writes', { psid: newCustomerId(), text });
      await logIn(page, 'operator');
      await expectNoPageOverflow(page);
      await shot(page, `${size.width}-1-list`);

      await page.getByTestId('chat-row').filter({ hasText: text }).click();
      await expect(page.getByTestId('conversation-title')).toBeVisible();
      const list = page.getByTestId('chat-list');
      if (size.width < 768) await expect(list).toBeHidden();
      else await expect(list).toBeVisible();
      // the conversation takes the room it needs
      const pane = await page.getByTestId('message-list').boundingBox();
      expect(pane!.width).toBeGreaterThan(size.width < 768 ? size.width - 2 : 300);
      await expectNoPageOverflow(page);

      // reply
      const reply = `On its way w${size.width}`;
      await page.getByTestId('composer').fill(reply);
      await page.getByTestId('composer').press('Enter');
      await expect(page.getByTestId('message-list')).toContainText(reply);
      await expect.poll(async () => JSON.stringify(await sentToPlatform())).toContain(reply);
      await shot(page, `${size.width}-2-conversation`);

      if (size.width >= 1280) {
        await expect(page.getByTestId('data-panel')).toBeVisible();
        await expect(page.getByTestId('show-details')).toBeHidden();
        return;
      }
      await expect(page.getByTestId('data-panel')).toBeHidden();
      await page.getByTestId('show-details').click();
      const drawer = page.getByTestId('details-drawer');
      await expect(drawer).toBeVisible();
      await expect(drawer.getByTestId('drawer-data-panel')).toBeVisible();
      await shot(page, `${size.width}-3-details`);
      const box = await drawer.boundingBox();
      if (size.width < 768) expect(box!.width).toBe(size.width);
      else expect(box!.width).toBeLessThan(size.width / 2);
      // Escape (or the back arrow on a phone) returns to the conversation, focus on the button that opened it
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();
      await expect(page.getByTestId('show-details')).toBeFocused();

      if (size.width < 768) {
        await expectTouchTargets(page, 'section[aria-label]');
        await page.getByTestId('conversation-back').click();
        await expect(list).toBeVisible();
        await expect(page).toHaveURL(/\/chats$/);
      }
    });

    test('the top bar fits, and on a phone the sections are behind the menu', async ({ page }) => {
      await logIn(page, 'admin');
      await page.goto(`${e2eEnv().url}/clients`);
      await expectNoPageOverflow(page);
      if (size.width >= 768) {
        await expect(page.getByTestId('menu-button')).toBeHidden();
        await expect(page.getByRole('navigation').getByRole('link', { name: /settings/i })).toBeVisible();
        return;
      }
      await expectTouchTargets(page, 'header');
      await page.getByTestId('menu-button').click();
      const menu = page.getByTestId('mobile-menu');
      await expect(menu).toBeVisible();
      await shot(page, `${size.width}-4-menu`);
      await expectTouchTargets(page, '[data-testid="mobile-menu"]');
      await menu.getByRole('link', { name: /settings/i }).click();
      await expect(page).toHaveURL(/\/settings/);
      await expect(menu).toBeHidden();
      await expectNoPageOverflow(page);
    });
  });
}

test.describe('finding a chat', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('words typed into the search before the page has its scripts are searched once it has', async ({ page }) => {
    const word = `yak${newCustomerId().slice(-6)}`;
    await platform('customer-writes', { psid: newCustomerId(), text: `The ${word} broke again` });
    await logIn(page, 'operator');
    await expect(page.getByTestId('chat-row').first()).toBeVisible();
    // the next load's scripts are held back until the words are typed
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_next/static/chunks/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.reload({ waitUntil: 'commit' });
    await expect(page.getByTestId('chat-search')).toBeVisible();
    await page.getByTestId('chat-search').fill(word);
    release();
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(page.getByTestId('chat-row')).toHaveCount(1);
    await expect(page.getByTestId('chat-row')).toContainText(word);
  });

  test('the search and the filters live in the URL and survive a reload', async ({ page }) => {
    const word = `zebra${newCustomerId().slice(-6)}`;
    await platform('customer-writes', { psid: newCustomerId(), text: `My ${word} lamp flickers` });
    await platform('customer-writes', { psid: newCustomerId(), text: 'Something else entirely' });
    await logIn(page, 'operator');
    const rows = page.getByTestId('chat-row');
    await expect(rows.filter({ hasText: 'Something else entirely' }).first()).toBeVisible();

    await page.getByTestId('chat-search').fill(word.toUpperCase());
    await expect(page).toHaveURL(new RegExp(`q=${word.toUpperCase()}`));
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(word);
    await page.reload();
    await expect(page.getByTestId('chat-search')).toHaveValue(word.toUpperCase());
    await expect(rows).toHaveCount(1);
    // opening the chat keeps the search
    await rows.click();
    await expect(page).toHaveURL(/\/chats\/.+q=/);
    await expect(page.getByTestId('message-list')).toContainText(word);

    await page.getByTestId('chat-search').fill(`nobody wrote this ${word}`);
    await expect(page.getByTestId('chat-list-no-match')).toBeVisible();
    await page.getByTestId('chat-list-no-match').getByRole('button').click();
    await expect(page.getByTestId('chat-search')).toHaveValue('');
    await expect(page).not.toHaveURL(/q=/);

    await page.getByTestId('filter-awaiting').click();
    await expect(page).toHaveURL(/awaiting=1/);
    await expect(page.getByTestId('filter-awaiting')).toHaveAttribute('aria-pressed', 'true');
    await expect(rows.first()).toBeVisible();
    for (const marker of await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-marker')))) expect(marker).not.toBe('none');
    await page.goBack();
    await expect(page.getByTestId('filter-awaiting')).toHaveAttribute('aria-pressed', 'false');
  });
});

for (const size of WIDTHS) {
  test.describe(`chat from anywhere at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('a phone on Orders opens the client card; the chat goes on in a floating window, live, across pages', async ({ page }) => {
      const { url } = e2eEnv();
      const psid = newCustomerId();
      const tag = `w${size.width}-${psid.slice(-5)}`;
      await platform('customer-writes', { psid, text: `Is the order ready? ${tag}` });
      const { number } = await platform('crm-order', { psid, name: `Card Client ${tag}`, phone: `+49176${psid.slice(-8)}`, title: `Repair ${tag}` });
      await logIn(page, 'operator');
      await page.goto(`${url}/orders?q=${number}`);
      const row = page.getByTestId(size.width < 768 ? 'document-card' : 'document-row');
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(`Repair ${tag}`);
      const trigger = row.getByTestId('phone-card-trigger');
      if (size.width < 768) await trigger.click();
      else await trigger.hover();
      const card = page.getByTestId('phone-card');
      await expect(card).toBeVisible();
      await expect(card.getByTestId('phone-card-name')).toHaveText(`Card Client ${tag}`);
      await expect(card.getByTestId('phone-card-chat')).toContainText(`Is the order ready? ${tag}`);
      await shot(page, `${size.width}-5-card`);
      await card.getByTestId('phone-card-chat').click();

      const win = page.getByTestId('chat-window');
      await expect(win).toBeVisible();
      await expect(win.getByTestId('message-list')).toContainText(`Is the order ready? ${tag}`);
      const composer = win.getByTestId('composer');
      await expect(composer).toBeFocused();
      await composer.fill(`Ready at five ${tag}`);
      await composer.press('Enter');
      const reply = win.getByTestId('message').filter({ hasText: `Ready at five ${tag}` });
      await expect(reply).toHaveAttribute('data-status', 'SENT');
      await expect.poll(async () => JSON.stringify(await sentToPlatform())).toContain(`Ready at five ${tag}`);
      await platform('deliver', { psid });
      await expect(reply).toHaveAttribute('data-status', 'DELIVERED');
      await platform('read', { psid });
      await expect(reply).toHaveAttribute('data-status', 'READ');
      await shot(page, `${size.width}-6-window`);

      // Escape minimises, and focus goes back to the number it came from
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('chat-window-minimised')).toBeVisible();
      await expect(trigger).toBeFocused();
      await page.getByTestId('chat-window-minimised').getByRole('button').first().click();
      await expect(win).toBeVisible();

      // to Invoices: the window stays, and stays live
      if (size.width < 768) {
        await page.getByTestId('menu-button').click();
        await page.getByTestId('mobile-menu').getByRole('link', { name: 'Invoices' }).click();
      } else {
        await page.getByRole('navigation').getByRole('link', { name: 'Invoices' }).click();
      }
      await expect(page).toHaveURL(/\/invoices/);
      await expect(page.getByTestId('documents')).toBeVisible();
      await expect(win.getByTestId('message-list')).toContainText(`Ready at five ${tag}`);
      await platform('customer-writes', { psid, text: `Thanks, see you! ${tag}` });
      await expect(win.getByTestId('message-list')).toContainText(`Thanks, see you! ${tag}`);
      await expectNoPageOverflow(page);
      await shot(page, `${size.width}-7-invoices`);
      await win.getByTestId('chat-window-close').click();
      await expect(win).toBeHidden();
    });
  });
}

test.describe('the client card', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a client in no chat is offered "+ Chat", which starts one in the floating window', async ({ page }) => {
    const { url } = e2eEnv();
    await platform('connect-whatsapp');
    const tag = newCustomerId().slice(-6);
    const { number } = await platform('crm-order', { name: `Newcomer ${tag}`, phone: `+49151${tag}77`, title: `First job ${tag}` });
    // the WhatsApp number is connected for the admin's role
    await logIn(page, 'admin');
    await page.goto(`${url}/orders?q=${number}`);
    // keyboard: focus the number, Enter moves into the card
    await page.getByTestId('document-row').getByTestId('phone-card-trigger').focus();
    const card = page.getByTestId('phone-card');
    await expect(card).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(card.getByTestId('phone-card-name')).toHaveText(`Newcomer ${tag}`);
    await expect(card).toContainText('No chat with this client yet.');
    await card.getByTestId('start-chat').click();
    const dialog = page.getByTestId('start-chat-dialog');
    await dialog.getByRole('radio', { name: /WhatsApp/ }).first().check();
    await dialog.getByRole('combobox', { name: 'Template' }).click();
    await page.getByRole('option', { name: /order_update \(en_US\)/ }).click();
    await dialog.getByLabel('Value for {{1}}').fill('Newcomer');
    await dialog.getByLabel('Value for {{2}}').fill(number);
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    const win = page.getByTestId('chat-window');
    await expect(win).toBeVisible();
    await expect(win.getByTestId('conversation-title')).toHaveText(`Newcomer ${tag}`);
    await expect(win.getByTestId('message')).toHaveCount(1);
  });

  test('a number that is not one stays plain text, and the Calls page lists what logCall reported', async ({ page }) => {
    const { url } = e2eEnv();
    await logIn(page, 'admin');
    const res = await page.request.post(`${url}/api/graphql`, {
      data: { query: 'mutation { a: logCall(phone: "ext. 42", direction: INBOUND, startedAt: "2026-11-30T09:00:00Z", durationSeconds: 75) { id } }' },
    });
    expect((await res.json()).errors).toBeUndefined();
    await page.goto(`${url}/calls`);
    const row = page.getByTestId('call-row').filter({ hasText: 'ext. 42' }).first();
    await expect(row).toContainText('Unknown caller');
    await expect(row).toContainText('1:15 min');
    await expect(row.getByTestId('phone-card-trigger')).toHaveCount(0);
    await expect(row.getByTestId('phone-number')).toHaveText('ext. 42');
  });
});
