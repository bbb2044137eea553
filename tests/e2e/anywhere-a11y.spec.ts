import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { e2eEnv, logIn, newCustomerId, platform } from './env';

/** Issue 11: no serious or critical axe findings on the CRM pages, the client card and the floating window. */

for (const locale of ['en', 'de'] as const) {
  test.describe(`in ${locale === 'en' ? 'English' : 'German'}`, () => {
    test.use({ locale: locale === 'de' ? 'de-DE' : 'en-US', extraHTTPHeaders: { 'accept-language': locale === 'de' ? 'de-DE,de;q=0.9' : 'en-US,en;q=0.9' } });

    test('the CRM pages, a document, the client card and the floating window', async ({ page }) => {
      const { url } = e2eEnv();
      const psid = newCustomerId();
      const tag = `${locale}-${psid.slice(-5)}`;
      await platform('customer-writes', { psid, text: `Accessible order ${tag}` });
      const { number } = await platform('crm-order', { psid, name: `Axe Client ${tag}`, phone: `+49176${psid.slice(-8)}`, title: `Axe repair ${tag}` });
      await logIn(page, 'operator');
      for (const section of ['leads', 'estimates', 'invoices', 'calls']) {
        await page.goto(`${url}/${section}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectNoSeriousViolations(page, section);
      }
      await page.goto(`${url}/orders?q=${number}`);
      await expect(page.getByTestId('document-row')).toHaveCount(1);
      await expectNoSeriousViolations(page, 'orders');

      await page.getByTestId('document-row').getByTestId('phone-card-trigger').click();
      await expect(page.getByTestId('phone-card-chat')).toBeVisible();
      await expectNoSeriousViolations(page, 'client card');
      await page.getByTestId('phone-card-chat').click();
      await expect(page.getByTestId('chat-window').getByTestId('composer')).toBeFocused();
      await expectNoSeriousViolations(page, 'floating chat window');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('chat-window-minimised')).toBeVisible();
      await expectNoSeriousViolations(page, 'minimised chat window');

      await page.getByTestId('document-row').getByRole('link', { name: number }).click();
      await expect(page.getByTestId('document-page')).toBeVisible();
      await expectNoSeriousViolations(page, 'document page');
    });

    test('the inbox search and filters, the menu and the details drawer on small screens', async ({ page }) => {
      const { url } = e2eEnv();
      await platform('customer-writes', { psid: newCustomerId(), text: `Small screen ${locale}` });
      await logIn(page, 'operator');
      await page.goto(`${url}/chats?q=${encodeURIComponent(`Small screen ${locale}`)}&awaiting=1`);
      await expect(page.getByTestId('chat-row')).toHaveCount(1);
      await expectNoSeriousViolations(page, 'chats, searched and filtered');

      await page.setViewportSize({ width: 1024, height: 768 });
      await page.getByTestId('chat-row').click();
      await page.getByTestId('show-details').click();
      await expect(page.getByTestId('details-drawer')).toBeVisible();
      await expectNoSeriousViolations(page, 'details drawer');
      await page.keyboard.press('Escape');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('menu-button').click();
      await expect(page.getByTestId('mobile-menu')).toBeVisible();
      await expectNoSeriousViolations(page, 'menu');
    });
  });
}
