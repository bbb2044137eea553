import { expect, test } from '@playwright/test';
import { logIn, newCustomerId, platform } from './env';

/**
 * Screenshots of comments in the chat feed, in both languages at desktop and phone widths, for a
 * person to look at (`SCREENSHOTS=1 npx playwright test tests/e2e/comments-shots.spec.ts`; files in
 * test-results/shots). Skipped otherwise.
 */

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to take them');

for (const locale of ['en', 'de'] as const) {
  for (const width of [1440, 390]) {
    test.describe(`${locale} at ${width}px`, () => {
      test.use({
        locale: locale === 'de' ? 'de-DE' : 'en-US',
        extraHTTPHeaders: { 'accept-language': locale === 'de' ? 'de-DE,de;q=0.9' : 'en-US,en;q=0.9' },
        viewport: { width, height: width > 1000 ? 900 : 844 },
      });

      test('comments in the chat feed', async ({ page }) => {
        const shot = (name: string) => page.screenshot({ path: `test-results/shots/comments-${locale}-${width}-${name}.png` });
        await platform('comments-switch', { enabled: true });
        const text = `Do you also repair tablets? ${locale}${width}`;
        const userId = newCustomerId();
        const post = { message: 'Cracked screen? We fit a new one while you wait, for iPhone, Samsung and Pixel, with a one-year warranty on every part. Walk in or book online.', picture: true };
        const { commentId } = await platform('page-comment', { userId, name: 'Jane Doe', text, post });
        await platform('page-comment', { userId: newCustomerId(), name: 'Max Muster', text: `Same question, and do you have cases? ${locale}${width}`, parentId: commentId });
        await logIn(page, 'operator');
        await page.getByTestId('show-comments').click();
        await expect(async () => {
          await page.getByTestId('chat-row').filter({ hasText: text }).first().click();
          await expect(page.getByTestId('comment').filter({ hasText: text })).toBeVisible({ timeout: 2000 });
        }).toPass({ timeout: 20_000 });
        const item = page.getByTestId('comment').filter({ hasText: text });
        await expect(item.getByTestId('comment-post-excerpt')).toBeVisible();
        await item.hover();
        await shot('1-comment-hover');
        await page.getByTestId('comment-reply').click();
        await page.getByTestId('comment-composer-input').fill('Yes, iPads and Android tablets.');
        await page.getByTestId('comment-composer-input').press('Enter');
        await expect(page.getByTestId('message').filter({ hasText: 'Yes, iPads' })).toBeVisible();
        await item.hover();
        await page.getByTestId('comment-reply').click();
        await page.getByTestId('reply-privately').click();
        await page.getByTestId('comment-composer-input').fill('Send us the model and we quote you a price.');
        await shot('2-composer-private');
        await page.getByTestId('comment-composer-input').press('Enter');
        await expect(page.getByTestId('message').filter({ hasText: 'Send us the model' })).toBeVisible();
        await item.hover();
        await page.getByTestId('comment-reply').click();
        await expect(page.getByTestId('reply-privately')).toBeDisabled();
        await shot('3-private-used');
        await page.keyboard.press('Escape');
        if (await page.getByTestId('conversation-back').isVisible()) await page.getByTestId('conversation-back').click();
        await shot('4-list-comments');
        await platform('comments-switch', { enabled: false });
      });
    });
  }
}
