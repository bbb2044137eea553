import { expect, test, type Page } from '@playwright/test';
import { e2eEnv } from './env';

/** The form's alert (Next's route announcer is another, empty one). */
const problem = (page: Page) => page.getByRole('alert').and(page.locator('#sign-in-problem'));

test.describe('signing in', () => {
  test('a wrong password keeps the e-mail, clears the password and announces the error', async ({ page }) => {
    const env = e2eEnv();
    await page.goto(`${env.url}/login`);
    const email = page.getByLabel(/e-mail/i);
    const password = page.getByLabel(/password|passwort/i);
    await email.fill(env.operator.email);
    await password.fill('not-the-password');
    await page.getByRole('button', { name: /sign in|anmelden/i }).click();

    await expect(problem(page)).toContainText(/e-mail and password don.t match/i);
    await expect(email).toHaveValue(env.operator.email);
    await expect(password).toHaveValue('');
    await expect(password).toBeFocused();

    // the kept e-mail is enough: type the password and go
    await password.fill(env.operator.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/chats/);
  });

  test('a throttled sign-in says how long to wait, in German too', async ({ page, context }) => {
    const env = e2eEnv();
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'de', url: env.url }]);
    await page.goto(`${env.url}/login`);
    const email = page.getByLabel(/e-mail/i);
    const password = page.getByLabel(/passwort/i);
    const submit = page.getByRole('button', { name: /anmelden/i });
    await email.fill(`nobody-${Date.now()}@e2e.local`);
    // five wrong tries in a row are free; the sixth makes the e-mail wait
    for (let i = 0; i < 6; i++) {
      await password.fill(`guess-${i}`);
      await submit.click();
      await expect(password).toHaveValue('');
    }
    await expect(problem(page)).toContainText(/passen nicht zusammen\. Sie können es in 1 Sekunde erneut versuchen/);
    await expect(submit).toBeEnabled({ timeout: 5000 });

    // the seventh makes it wait 2 s; another tab trying meanwhile is told to wait
    const ghost = await email.inputValue();
    await password.fill('guess-6');
    await submit.click();
    await expect(problem(page)).toContainText(/in 2 Sekunden erneut/);
    const other = await context.newPage();
    await other.goto(`${env.url}/login`);
    await other.getByLabel(/e-mail/i).fill(ghost);
    await other.getByLabel(/passwort/i).fill('guess-7');
    await other.getByRole('button', { name: /anmelden/i }).click();
    await expect(problem(other)).toContainText(/Zu viele Anmeldeversuche\. Bitte warten Sie \d Sekunden?/);
    await expect(other.getByLabel(/e-mail/i)).toHaveValue(ghost);
  });
});
