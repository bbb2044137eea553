import { expect, test, type Page } from '@playwright/test';
import { logIn, newCustomerId, platform } from './env';

/**
 * F14: comments under the page's posts in the chat feed. A comment arrives live as a comment (the
 * post with its text and picture, the comment, a reply arrow), is answered publicly twice and privately once, and a second
 * private reply is refused with a sentence. With the switch off nothing arrives.
 */

const shots = !!process.env.SCREENSHOTS;

async function openChatWith(page: Page, text: string) {
  await expect(async () => {
    await page.getByTestId('chat-row').filter({ hasText: text }).first().click();
    await expect(page.getByTestId('comment').filter({ hasText: text })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

async function replyTo(page: Page, comment: string, text: string, mode: 'publicly' | 'privately') {
  const item = page.getByTestId('comment').filter({ hasText: comment });
  await item.hover();
  await page.getByTestId('comment-reply').click();
  const composer = page.getByTestId('comment-composer');
  await expect(composer).toBeVisible();
  await composer.getByTestId(`reply-${mode}`).click();
  await composer.getByTestId('comment-composer-input').fill(text);
  await composer.getByTestId('comment-composer-input').press('Enter');
  await expect(composer).toBeHidden();
  await expect(page.getByTestId('message').filter({ hasText: text })).toBeVisible();
}

test.describe('post comments in the chat feed', () => {
  test.afterEach(async () => {
    await platform('comments-switch', { enabled: false });
  });

  test('with the switch off a comment never arrives', async ({ page }) => {
    await platform('comments-switch', { enabled: false });
    await logIn(page, 'operator');
    const text = `Switched off? ${newCustomerId()}`;
    await platform('page-comment', { userId: newCustomerId(), text });
    await page.reload();
    await expect(page.getByTestId('chat-list')).toBeVisible();
    await expect(page.getByTestId('chat-row').filter({ hasText: text })).toHaveCount(0);
  });

  test('a comment arrives live, is answered publicly twice and privately once, and a second private reply is refused', async ({ page }) => {
    await platform('comments-switch', { enabled: true });
    await logIn(page, 'operator');
    const text = `How much is a new screen? ${newCustomerId()}`;
    const excerpt = `New screens for every phone, fitted while you wait. ${newCustomerId()}`;
    await platform('page-comment', { userId: newCustomerId(), name: 'Jane Doe', text, post: { message: excerpt, picture: true } });

    // live, without a reload, and shown as a comment under a post
    await expect(page.getByTestId('chat-row').filter({ hasText: text })).toBeVisible();
    await page.getByTestId('show-comments').click();
    await expect(page.getByTestId('chat-row').filter({ hasText: text })).toBeVisible();
    await openChatWith(page, text);
    const item = page.getByTestId('comment').filter({ hasText: text });
    await expect(item.getByTestId('comment-post-link')).toHaveAttribute('href', /facebook\.com/);
    await expect(item).toContainText('Jane Doe');
    // the post itself arrives a moment later (read from the platform by a job), live: its text and our copy of its picture
    await expect(item.getByTestId('comment-post-excerpt')).toHaveText(excerpt);
    await expect(item.getByTestId('comment-post-thumbnail')).toHaveAttribute('src', /^\/api\/post-pictures\//);
    await expect.poll(() => item.getByTestId('comment-post-thumbnail').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Esc leaves the reply without sending
    await item.hover();
    await page.getByTestId('comment-reply').click();
    await expect(page.getByTestId('reply-publicly')).toHaveAttribute('aria-checked', 'true');
    if (shots) await page.screenshot({ path: 'test-results/shots/comments-composer.png' });
    await page.getByTestId('comment-composer-input').press('Escape');
    await expect(page.getByTestId('comment-composer')).toBeHidden();
    // the person has only commented: no direct message can go to them, the notice says how to answer
    await expect(page.getByTestId('comments-only')).toBeVisible();
    await expect(page.getByTestId('composer')).toHaveCount(0);

    await replyTo(page, text, 'It is 89 EUR with fitting.', 'publicly');
    await replyTo(page, text, 'We have the part in stock.', 'publicly');
    await replyTo(page, text, 'Send us your phone model and we hold one for you.', 'privately');
    await expect(page.locator('[data-testid=comment-reply-label][data-private=true]')).toHaveCount(1);
    for (const reply of ['It is 89 EUR with fitting.', 'We have the part in stock.', 'Send us your phone model and we hold one for you.']) {
      await expect(page.getByTestId('message').filter({ hasText: reply })).toHaveAttribute('data-status', /SENT|DELIVERED|READ/);
    }
    const onPlatform = (await platform('page-comments')) as Array<{ id: string; text: string; parentId?: string; privatelyRepliedAt?: number }>;
    const commented = onPlatform.find((c) => c.text === text)!;
    expect(onPlatform.filter((c) => c.parentId === commented.id).map((c) => c.text)).toEqual(['It is 89 EUR with fitting.', 'We have the part in stock.']);
    expect(commented.privatelyRepliedAt).toBeTruthy();

    // the one private reply is used up: the composer says so and offers only the public one
    await item.hover();
    await page.getByTestId('comment-reply').click();
    await expect(page.getByTestId('reply-privately')).toBeDisabled();
    await expect(page.getByTestId('comment-composer-hint')).toContainText(/already been answered privately/);
    if (shots) await page.screenshot({ path: 'test-results/shots/comments-thread.png' });
    await page.keyboard.press('Escape');
  });
});
