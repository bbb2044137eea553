import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export { newCustomerId } from './customers';

export interface E2EEnv {
  url: string;
  control: string;
  admin: { email: string; password: string; name: string };
  operator: { email: string; password: string; name: string };
  pageName: string;
  /** What the Settings tests type in to connect each kind of channel. */
  connect: {
    page: { id: string; token: string; name: string };
    instagram: { username: string; user: string };
    whatsapp: { phoneNumberId: string; businessAccountId: string; token: string };
    telegram: { token: string; username: string };
  };
}

export function e2eEnv(): E2EEnv {
  return JSON.parse(readFileSync(path.resolve('.tmp/e2e-env.json'), 'utf8'));
}

/** Tells the fake platform to act: a customer writes, their phone confirms delivery, they read. */
export async function platform(
  action:
    | 'customer-writes'
    | 'deliver'
    | 'read'
    | 'instagram-customer-writes'
    | 'telegram-user-sends'
    | 'telegram-revoke'
    | 'check-channels'
    | 'connect-whatsapp'
    | 'client'
    | 'config'
    | 'demo-page'
    | 'page-comment'
    | 'page-comments'
    | 'comments-switch'
    | 'crm-order',
  body: Record<string, unknown> = {},
): Promise<any> {
  const res = await fetch(`${e2eEnv().control}/${action}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${action} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** What the fake platform has received from us so far. */
export async function sentToPlatform(): Promise<unknown[]> {
  const res = await fetch(`${e2eEnv().control}/sent`, { method: 'POST' });
  return res.json();
}

/** Signs in through the login page, as a person would, and waits for the inbox. */
export async function logIn(page: Page, who: 'admin' | 'operator' = 'admin') {
  const env = e2eEnv();
  await page.goto(`${env.url}/login`);
  await page.getByLabel(/e-mail/i).fill(env[who].email);
  await page.getByLabel(/password|passwort/i).fill(env[who].password);
  await page.getByRole('button', { name: /sign in|anmelden/i }).click();
  await expect(page).toHaveURL(/\/chats/);
}

/**
 * Opens the chat whose row shows `text`. The list is server-rendered: a click that lands before the
 * page has hydrated does nothing, so click until the conversation shows the message.
 */
export async function openChat(page: Page, text: string) {
  await expect(async () => {
    await page.getByTestId('chat-row').filter({ hasText: text }).first().click();
    await expect(page.getByTestId('message').filter({ hasText: text }).first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}
