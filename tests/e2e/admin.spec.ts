import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
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

/** Adds an employee through "Add employee" on Settings › Employees (open in `page`); returns their first password. */
async function addEmployee(page: Page, employee: { name: string; email: string; role: 'Admin' | 'Operator' }): Promise<string> {
  await page.getByTestId('employee-new').click();
  const dialog = page.getByTestId('employee-dialog');
  await dialog.getByTestId('employee-name').fill(employee.name);
  await dialog.getByTestId('employee-email').fill(employee.email);
  await dialog.getByTestId('employee-role-select').selectOption({ label: employee.role });
  const password = await dialog.getByTestId('employee-password').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(8);
  await dialog.getByTestId('employee-save').click();

  const created = page.getByTestId('employee-created');
  await expect(created.getByTestId('employee-created-password')).toHaveText(password);
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(employeeRow(page, employee.email).getByTestId('employee-role')).toHaveText(employee.role);
  await expect(page.getByText(password)).toHaveCount(0);
  return password;
}

const employeeRow = (page: Page, email: string) => page.locator(`[data-testid="employee-row"][data-email="${email}"]`);

/** Clicks a row's action until its dialog opens: the list is server-rendered, and a click before hydration does nothing. */
async function openRowDialog(page: Page, email: string, action: string, dialogTestId: string) {
  const dialog = page.getByTestId(dialogTestId);
  await expect(async () => {
    await employeeRow(page, email).getByTestId(action).click({ timeout: 2000 });
    await expect(dialog).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  return dialog;
}

/** Where a browser's live connection stands: graphql-ws sockets to /api/graphql that the server accepted and that are still open. */
function watchLiveSockets(page: Page) {
  const live = { open: 0, accepted: 0 };
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname !== '/api/graphql') return;
    let accepted = false;
    socket.on('framereceived', (frame) => {
      if (accepted || !String(frame.payload).includes('"connection_ack"')) return;
      accepted = true;
      live.open += 1;
      live.accepted += 1;
    });
    socket.on('close', () => {
      if (accepted) live.open -= 1;
    });
  });
  return live;
}

/**
 * The admin (`page`, on Settings › Employees) adds an employee, who signs in in a browser of their own
 * and lands in the inbox with its live connection open.
 */
async function addEmployeeWhoSignsIn(page: Page, browser: Browser, name: string, role: 'Admin' | 'Operator') {
  const email = `${name.split(' ')[0].toLowerCase()}-${Date.now()}@shop.test`;
  const password = await addEmployee(page, { name, email, role });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const theirPage = await context.newPage();
  const live = watchLiveSockets(theirPage);
  await signInAs(theirPage, email, password);
  await expect(theirPage).toHaveURL(/\/chats/);
  await expect.poll(() => live.open, { message: `${name}’s live connection opens` }).toBe(1);
  expect(code(await graphql(context.request, '{ viewer { name } }'))).toBeUndefined();
  return { email, password, context, page: theirPage, live };
}

test('an admin adds an employee who signs in; deactivated, they are signed out at once', async ({ page, browser }) => {
  await logIn(page);
  await page.goto(`${e2eEnv().url}/settings/employees`);
  await expect(page.getByRole('link', { name: 'Employees', exact: true })).toHaveAttribute('aria-current', 'page');

  const { email, password, context: greta, page: gretaPage } = await addEmployeeWhoSignsIn(page, browser, 'Greta Green', 'Operator');
  const row = employeeRow(page, email);

  // deactivated after a confirmation: her very next request is refused
  await row.getByTestId('employee-deactivate').click();
  await page.getByTestId('employee-active-confirm').click();
  await expect(row).toHaveAttribute('data-active', 'false');
  expect(code(await graphql(greta.request, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
  // her open inbox goes to the sign-in page by itself, and so does her next page
  await expect(gretaPage).toHaveURL(/\/login\?next=%2Fchats$/);
  await gretaPage.goto(`${e2eEnv().url}/chats`);
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

/** Opens "Change role" on an employee's row and saves `role`. */
async function changeRole(page: Page, email: string, role: 'Admin' | 'Operator') {
  const dialog = await openRowDialog(page, email, 'employee-role-change', 'employee-role-dialog');
  await dialog.getByTestId('employee-role-change-select').selectOption({ label: role });
  await dialog.getByTestId('employee-role-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(employeeRow(page, email).getByTestId('employee-role')).toHaveText(role);
}

test('a role an admin gives in Settings › Employees holds after a reload and rules the employee’s very next page: Settings goes, and comes back', async ({ page, browser }) => {
  const { url } = e2eEnv();
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page);
  await page.goto(`${url}/settings/employees`);
  const { email, context: rita, page: ritaPage } = await addEmployeeWhoSignsIn(page, browser, 'Rita Roleswap', 'Admin');

  // Rita, in her own browser, works in Settings
  const crmMenu = ritaPage.getByRole('navigation', { name: 'CRM sections' });
  await expect(crmMenu.getByRole('link', { name: 'Settings' })).toBeVisible();
  await ritaPage.goto(`${url}/settings/employees`);
  await expect(employeeRow(ritaPage, email)).toBeVisible();
  const sessionCookie = async () => (await rita.cookies()).find((c) => c.name === 'chats_session')?.value;
  const ritaSession = await sessionCookie();
  expect(ritaSession).toBeTruthy();

  // the admin makes her an Operator; the table says so, also after a reload
  await changeRole(page, email, 'Operator');
  await expect(page.getByTestId('employees-status')).toHaveText('Rita Roleswap now has the role Operator.');
  await page.reload();
  await expect(employeeRow(page, email).getByTestId('employee-role')).toHaveText('Operator');

  // Rita, still signed in, on her very next page (a click in the open Settings): no access
  await ritaPage.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Roles' }).click();
  await expect(ritaPage).toHaveURL(/\/settings\/employees\/roles/);
  await expect(ritaPage.getByTestId('no-access')).toBeVisible();
  expect(code(await graphql(rita.request, '{ employees { id } }'))).toBe('FORBIDDEN');
  // the menu no longer offers Settings; she is still signed in, in the same session, with her inbox
  await ritaPage.goto(`${url}/chats`);
  await expect(ritaPage).toHaveURL(/\/chats/);
  await expect(ritaPage.getByTestId('chat-list')).toBeVisible();
  await expect(crmMenu.getByRole('link', { name: 'Chats' })).toBeVisible();
  await expect(crmMenu.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  expect(await sessionCookie()).toBe(ritaSession);

  // made an Admin again, she has Settings back on her next page, without signing in again
  await changeRole(page, email, 'Admin');
  await ritaPage.reload();
  await expect(crmMenu.getByRole('link', { name: 'Settings' })).toBeVisible();
  await crmMenu.getByRole('link', { name: 'Settings' }).click();
  await expect(ritaPage).toHaveURL(/\/settings\/chats/);
  await ritaPage.goto(`${url}/settings/employees`);
  await expect(employeeRow(ritaPage, email).getByTestId('employee-role')).toHaveText('Admin');
  await expect(ritaPage.getByTestId('no-access')).toHaveCount(0);

  await page.screenshot({ path: 'test-results/admin/role-change-admin.png' });
  await ritaPage.screenshot({ path: 'test-results/admin/role-change-employee.png' });
  await rita.close();
});

test('an admin signs out an employee’s browser from their row: its live connection ends and its open page goes to the sign-in page at once', async ({ page, browser }) => {
  const { url } = e2eEnv();
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page);
  await page.goto(`${url}/settings/employees`);
  const { email, context: sam, page: samPage, live } = await addEmployeeWhoSignsIn(page, browser, 'Sam Signedin', 'Operator');
  await expect(samPage.getByTestId('chat-list')).toBeVisible();
  expect(code(await graphql(sam.request, '{ inboxBadge }'))).toBeUndefined();

  // the admin finds his browser in his row's sessions and signs it out
  await page.reload();
  const row = employeeRow(page, email);
  await expect(row.getByTestId('employee-state')).toHaveText('Active · 1 session');
  const dialog = await openRowDialog(page, email, 'employee-sessions', 'employee-sessions-dialog');
  await expect(dialog.getByTestId('session-row')).toHaveCount(1);
  await expect(dialog.getByTestId('session-row')).toContainText('Chrome');
  await dialog.getByTestId('session-revoke').click();
  await dialog.getByTestId('session-revoke-confirm').click();
  await expect(dialog.getByTestId('sessions-empty')).toBeVisible();

  // at once: his live connection ends, and the open inbox goes to the sign-in page by itself (not "Reconnecting…")
  await expect.poll(() => live.open, { message: 'Sam’s live connection ends' }).toBe(0);
  await expect(samPage).toHaveURL(/\/login\?next=%2Fchats$/);
  await expect(samPage.getByRole('button', { name: /sign in/i })).toBeVisible();
  await samPage.screenshot({ path: 'test-results/admin/session-revoke-employee.png' });
  // his next request and his next page are refused
  expect(code(await graphql(sam.request, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
  await samPage.goto(`${url}/chats`);
  await expect(samPage).toHaveURL(/\/login/);
  expect(live.accepted).toBe(1);

  // the admin's page agrees: no session left in his row, also when the dialog is opened again
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row.getByTestId('employee-state')).toHaveText('Active · not signed in');
  await openRowDialog(page, email, 'employee-sessions', 'employee-sessions-dialog');
  await expect(dialog.getByTestId('sessions-empty')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await expect(row.getByTestId('employee-state')).toHaveText('Active · not signed in');

  await page.screenshot({ path: 'test-results/admin/session-revoke-admin.png' });
  await sam.close();
});

test('a tab whose live connection was away while its session was signed out goes to the sign-in page once it reconnects', async ({ page, browser }) => {
  const { url } = e2eEnv();
  await logIn(page);
  await page.goto(`${url}/settings/employees`);
  const email = `tina-${Date.now()}@shop.test`;
  const password = await addEmployee(page, { name: 'Tina Away', email, role: 'Operator' });

  // her live connection goes through a gate the test can shut, as a train's tunnel would
  const tina = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const tinaPage = await tina.newPage();
  let away = false;
  let attemptsWhileAway = 0;
  const open: { close(options: { code: number; reason: string }): Promise<void> }[] = [];
  await tinaPage.routeWebSocket(/\/api\/graphql/, (ws) => {
    if (away) {
      attemptsWhileAway += 1;
      return void ws.close({ code: 1001, reason: 'away' });
    }
    ws.connectToServer();
    open.push(ws);
  });
  await signInAs(tinaPage, email, password);
  await expect(tinaPage).toHaveURL(/\/chats/);
  await expect(tinaPage.getByTestId('chat-list')).toBeVisible();
  await expect.poll(() => open.length, { message: 'her live connection opens' }).toBeGreaterThan(0);

  away = true;
  for (const ws of open.splice(0)) await ws.close({ code: 1001, reason: 'away' });
  await expect.poll(() => attemptsWhileAway, { message: 'her tab keeps trying to reconnect' }).toBeGreaterThan(0);
  await expect(tinaPage).toHaveURL(/\/chats/);

  // meanwhile the admin signs her out: no socket of hers is open to be closed
  await page.reload();
  const dialog = await openRowDialog(page, email, 'employee-sessions', 'employee-sessions-dialog');
  await dialog.getByTestId('session-revoke').click();
  await dialog.getByTestId('session-revoke-confirm').click();
  await expect(dialog.getByTestId('sessions-empty')).toBeVisible();

  // back in reach, the server refuses her socket, and the tab goes to the sign-in page instead of "Reconnecting…" for ever
  away = false;
  await expect(tinaPage).toHaveURL(/\/login\?next=%2Fchats$/, { timeout: 30_000 });
  await expect(tinaPage.getByRole('button', { name: /sign in/i })).toBeVisible();
  await tina.close();
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
