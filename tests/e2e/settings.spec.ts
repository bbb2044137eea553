import { expect, test } from '@playwright/test';
import { e2eEnv, logIn } from './env';

test('an admin creates a role, gives it another permission, and deletes it', async ({ page }) => {
  await logIn(page);
  await page.goto(`${e2eEnv().url}/settings/employees/roles`);

  await page.getByTestId('role-new').click();
  const dialog = page.getByTestId('role-dialog');
  await dialog.getByTestId('role-name').fill('Front desk');
  await dialog.getByTestId('role-permission-CLIENTS-checkbox').check();
  await dialog.getByTestId('role-save').click();
  const row = page.locator('[data-testid="role-row"][data-role-name="Front desk"]');
  await expect(row.getByTestId('role-permission-CHATS')).toHaveAttribute('data-granted', 'true');
  await expect(row.getByTestId('role-permission-CLIENTS')).toHaveAttribute('data-granted', 'true');
  await expect(row.getByTestId('role-permission-DOCUMENTS')).toHaveAttribute('data-granted', 'false');

  // a second role of the same name, in other letters, is refused with a sentence
  await page.getByTestId('role-new').click();
  await dialog.getByTestId('role-name').fill('FRONT DESK');
  await dialog.getByTestId('role-save').click();
  await expect(dialog.getByTestId('role-error')).toBeVisible();
  await page.keyboard.press('Escape');

  await row.getByTestId('role-edit').click();
  await dialog.getByTestId('role-permission-DOCUMENTS-checkbox').check();
  await dialog.getByTestId('role-save').click();
  await expect(row.getByTestId('role-permission-DOCUMENTS')).toHaveAttribute('data-granted', 'true');

  // the role is now offered for channel access
  await page.goto(`${e2eEnv().url}/settings/chats`);
  await expect(page.getByTestId('channel-card').first().getByText('Front desk')).toBeVisible();

  await page.goto(`${e2eEnv().url}/settings/employees/roles`);
  await row.getByTestId('role-delete').click();
  await page.getByTestId('role-delete-confirm').click();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-testid="role-row"][data-role-name="Front desk"]')).toHaveCount(0);
});

test('post comments in the feed are switched on per Facebook page and stay so', async ({ page }) => {
  await logIn(page);
  await page.goto(`${e2eEnv().url}/settings/chats`);
  const pageCard = page.getByTestId('channel-card').filter({ has: page.getByRole('heading', { name: e2eEnv().pageName, exact: true }) });
  const toggle = pageCard.getByTestId('receive-comments-switch');
  const was = await toggle.getAttribute('aria-checked');
  await toggle.click();
  const now = was === 'true' ? 'false' : 'true';
  await expect(toggle).toHaveAttribute('aria-checked', now);
  await expect(pageCard.getByTestId('receive-comments-saved')).toBeVisible();
  await page.reload();
  await expect(pageCard.getByTestId('receive-comments-switch')).toHaveAttribute('aria-checked', now);
  // Telegram bots have no posts, so no switch
  const bot = page.getByTestId('channel-card').filter({ has: page.getByRole('heading', { name: '@fixit_shop_bot', exact: true }) });
  await expect(bot.getByTestId('receive-comments-switch')).toHaveCount(0);
});
