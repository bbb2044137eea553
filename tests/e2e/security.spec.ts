import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { e2eEnv, logIn } from './env';

const PLANTED = 'Planted by another site';
const MUTATION = `mutation { createClient(name: "${PLANTED}") { id } }`;

/**
 * A page on another origin of the same site (another port on 127.0.0.1: the browser sends the
 * SameSite=Lax cookie to it) that tries to run a mutation with the operator's session: a plain
 * form, a multipart form, and a credentialed fetch.
 */
function attackerPage(target: string) {
  const escaped = MUTATION.replace(/"/g, '&quot;');
  return `<!doctype html><html><body>
  <form id="urlencoded" method="post" action="${target}/api/graphql" target="sink1"><input name="query" value="${escaped}"></form>
  <form id="multipart" method="post" action="${target}/api/graphql" enctype="multipart/form-data" target="sink2">
    <input name="operations" value='${JSON.stringify({ query: MUTATION }).replace(/'/g, '&#39;')}'><input name="map" value="{}">
  </form>
  <iframe name="sink1"></iframe><iframe name="sink2"></iframe>
  <script>
    window.attack = async () => {
      const results = {};
      for (const [name, init] of Object.entries({
        noCors: { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: ${JSON.stringify(MUTATION)} }) },
        cors: { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ${JSON.stringify(MUTATION)} }) },
      })) {
        try { const r = await fetch('${target}/api/graphql', init); results[name] = r.type + ' ' + r.status; }
        catch (e) { results[name] = 'blocked'; }
      }
      return results;
    };
  </script></body></html>`;
}

async function plantedClients(page: Page) {
  const res = await page.request.post(`${e2eEnv().url}/api/graphql`, {
    headers: { 'content-type': 'application/json' },
    data: { query: `{ clients(search: "${PLANTED}") { edges { node { id } } } }` },
  });
  const body = await res.json();
  return body.data.clients.edges.length as number;
}

test.describe('another site cannot act with the operator\'s session', () => {
  let attacker: Server;
  let attackerUrl: string;

  test.beforeAll(async () => {
    const target = e2eEnv().url;
    attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage(target)));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

  test('a form POST and a credentialed fetch from another origin run no mutation', async ({ page }) => {
    await logIn(page, 'admin');
    expect(await plantedClients(page)).toBe(0);

    await page.goto(attackerUrl);
    const answers = Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/graphql') && r.request().postData()?.includes('query=') === true),
      page.waitForResponse((r) => r.url().endsWith('/api/graphql') && r.request().headers()['content-type']?.startsWith('multipart/form-data') === true),
    ]);
    await page.evaluate(() => {
      (document.getElementById('urlencoded') as HTMLFormElement).submit();
      (document.getElementById('multipart') as HTMLFormElement).submit();
    });
    const [urlencoded, multipart] = await answers;
    expect(urlencoded.status()).toBe(403);
    expect(multipart.status()).toBe(403);
    const fetched = await page.evaluate(() => (window as unknown as { attack(): Promise<Record<string, string>> }).attack());
    // the no-cors request is refused by the server (its answer is opaque to the page); the JSON one
    // never leaves the browser: its preflight gets no Access-Control-Allow-Origin
    expect(fetched.cors).toBe('blocked');

    await page.goto(`${e2eEnv().url}/chats`);
    expect(await plantedClients(page)).toBe(0);
  });
});

test('pages carry a nonce CSP and the browser reports no violation on login, chats and settings', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`));
  });
  const login = await page.goto(`${e2eEnv().url}/login`);
  const csp = login!.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(login!.headers()['x-content-type-options']).toBe('nosniff');
  expect(login!.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');

  await logIn(page, 'admin');
  await expect(page.getByRole('navigation').first()).toBeVisible();
  for (const path of ['/chats', '/settings/chats', '/settings/employees/roles', '/clients']) {
    const res = await page.goto(`${e2eEnv().url}${path}`);
    expect(res!.headers()['content-security-policy']).toContain("'strict-dynamic'");
    await page.waitForLoadState('networkidle');
  }
  // the client-side app runs under the policy: the page hydrates (the shortcuts dialog opens on "?")
  await page.goto(`${e2eEnv().url}/chats`);
  await expect(page.getByTestId('chat-list')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  expect(violations).toEqual([]);

  const api = await page.request.get(`${e2eEnv().url}/api/graphql?query=${encodeURIComponent('{ inboxBadge }')}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});
