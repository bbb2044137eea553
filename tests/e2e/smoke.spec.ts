import { expect, test } from '@playwright/test';

// Proves the browser setup works (Debian Chromium launches and is scriptable), independent of the app.
test('chromium launches and handles a click', async ({ page }) => {
  await page.setContent(`<button onclick="this.textContent = 'clicked'">hi</button>`);
  const button = page.getByRole('button', { name: 'hi' });
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.getByRole('button')).toHaveText('clicked');
});
