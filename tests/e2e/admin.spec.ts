import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { e2eEnv, logIn } from './env';

/** A GraphQL request as an integrator or the page's own client makes it. */
async function graphql(request: APIRequestContext, query: string, headers: Record<string, string> = {}) {
  const res = await request.post(`${e2eEnv().url}/api/graphql`, { headers: { 'content-type': 'application/json', ...headers }, data: { query } });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}
const code = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

async function signInAs(page: Page, email: string, password: string) {
  await page.goto(`${e2eEnv().url}/login`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/password|passwort/i).fill(password);
  await page.getByRole('button', { name: /sign in|anmelden/i }).click();
}

test('an admin adds an employee who signs in; deactivated, they are signed out at once', async ({ page, browser }) => {
  await logIn(page);
  await page.goto(`${e2eEnv().url}/settings/employees`);
  await expect(page.getByRole('link', { name: 'Employees', exact: true })).toHaveAttribute('aria-current', 'page');

  const email = `greta-${Date.now()}@shop.test`;
  await page.getByTestId('employee-new').click();
  const dialog = page.getByTestId('employee-dialog');
  await dialog.getByTestId('employee-name').fill('Greta Green');
  await dialog.getByTestId('employee-email').fill(email);
  await dialog.getByTestId('employee-role-select').selectOption({ label: 'Operator' });
  const password = await dialog.getByTestId('employee-password').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(8);
  await dialog.getByTestId('employee-save').click();

  const created = page.getByTestId('employee-created');
  await expect(created.getByTestId('employee-created-password')).toHaveText(password);
  await created.getByRole('button', { name: 'Done' }).click();
  const row = page.locator(`[data-testid="employee-row"][data-email="${email}"]`);
  await expect(row.getByTestId('employee-role')).toHaveText('Operator');
  await expect(page.getByText(password)).toHaveCount(0);

  // Greta signs in in her own browser
  const greta = await browser.newContext();
  const gretaPage = await greta.newPage();
  await signInAs(gretaPage, email, password);
  await expect(gretaPage).toHaveURL(/\/chats/);
  expect(code(await graphql(greta.request, '{ viewer { name } }'))).toBeUndefined();

  // deactivated after a confirmation: her very next request is refused
  await row.getByTestId('employee-deactivate').click();
  await page.getByTestId('employee-active-confirm').click();
  await expect(row).toHaveAttribute('data-active', 'false');
  expect(code(await graphql(greta.request, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
  await gretaPage.reload();
  await expect(gretaPage).toHaveURL(/\/login/);
  await signInAs(gretaPage, email, password);
  await expect(gretaPage).toHaveURL(/\/login/);
  await greta.close();

  // reactivated, she may sign in again
  await row.getByTestId('employee-reactivate').click();
  await page.getByTestId('employee-active-confirm').click();
  await expect(row).toHaveAttribute('data-active', 'true');
});

test('an admin creates an API key shown once, sees its last use, and revokes it: refused at once', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await logIn(page);
  await page.goto(`${e2eEnv().url}/settings/api-keys`);

  const name = `Website form ${Date.now()}`;
  await page.getByTestId('api-key-new').click();
  await page.getByTestId('api-key-name').fill(name);
  await page.getByTestId('api-key-role').selectOption({ label: 'Operator' });
  await page.getByTestId('api-key-save').click();
  const secret = (await page.getByTestId('api-key-secret').textContent())!.trim();
  expect(secret).toMatch(/^chk_/);
  await page.getByTestId('api-key-copy').click();
  await expect(page.getByTestId('api-key-copy')).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await page.getByTestId('api-key-created').getByRole('button', { name: 'Done' }).click();

  const bearer = { authorization: `Bearer ${secret}` };
  expect(code(await graphql(request, '{ inboxBadge }', bearer))).toBeUndefined();
  // shown once: not on the page after a reload, but its last use is
  await page.reload();
  const row = page.locator('[data-testid="api-key-row"]', { hasText: name });
  await expect(row).toContainText('Operator');
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(row.getByTestId('api-key-last-used')).not.toHaveText('never');

  await row.getByTestId('api-key-revoke').click();
  await page.getByTestId('api-key-revoke-confirm').click();
  await expect(row).toHaveCount(0);
  expect(code(await graphql(request, '{ inboxBadge }', bearer))).toBe('UNAUTHENTICATED');
});

test('signing out from the page ends the session for the API at once, and Your sessions lists this browser', async ({ page, context }) => {
  await logIn(page, 'operator');
  await page.goto(`${e2eEnv().url}/settings/sessions`);
  const current = page.getByTestId('session-row').filter({ hasText: 'This browser' });
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('Chrome');

  // the API has this session's viewer cached now
  expect(code(await graphql(context.request, '{ viewer { name } }'))).toBeUndefined();
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await page.locator('form[action="/api/auth/logout"] button').click();
  await expect(page).toHaveURL(/\/login/);
  // the sign-out ran in Next's route; the very next API request with the old cookie is refused
  expect(code(await graphql(context.request, '{ inboxBadge }', { cookie }))).toBe('UNAUTHENTICATED');
});

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(report, `${what}:\n${report.join('\n')}`).toEqual([]);
}

for (const locale of ['en', 'de'] as const) {
  test.describe(`admin pages in ${locale === 'en' ? 'English' : 'German'}`, () => {
    test.use({ locale: locale === 'de' ? 'de-DE' : 'en-US', extraHTTPHeaders: { 'accept-language': locale === 'de' ? 'de-DE,de;q=0.9' : 'en-US,en;q=0.9' } });

    test('Employees, API keys and Your sessions have no serious accessibility findings and work by keyboard', async ({ page }) => {
      await logIn(page);
      await page.goto(`${e2eEnv().url}/settings/employees`);
      await expect(page.getByTestId('employee-row').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'settings › employees');

      // by keyboard: open "Add employee", the first field has focus, Escape closes and focus returns
      await page.getByTestId('employee-new').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('employee-name')).toBeFocused();
      await expectNoSeriousViolations(page, 'settings › employees, add');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('employee-dialog')).toHaveCount(0);
      await expect(page.getByTestId('employee-new')).toBeFocused();

      await page.goto(`${e2eEnv().url}/settings/api-keys`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, 'settings › api keys');
      await page.goto(`${e2eEnv().url}/settings/sessions`);
      await expect(page.getByTestId('session-row').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'settings › your sessions');
    });
  });
}
