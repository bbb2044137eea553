import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyRecord } from '../../domain/roles/api-keys';
import { customerMessage, postMessengerWebhook } from '../../demo/simulate';
import { startServer, type AppServer } from '../../server';
import { getDeps } from '../../runtime/registry';
import { builtinRoles, makeChannel, makeEmployee, makeRole } from '../helpers/factories';
import { testConfig, TEST_APP_SECRET } from '../helpers/runtime';
import { collect, openSocket } from '../helpers/ws-client';

const SUBSCRIPTION = 'subscription($after: String) { inboxEvents(after: $after) { __typename ... on MessageAdded { cursor message { text } } ... on ChatUpdated { cursor } ... on MessageUpdated { cursor } } }';
type Event = { inboxEvents: { __typename: string; cursor: string; message?: { text: string } } };

describe('live events over a real socket', () => {
  let app: AppServer;
  let pageId: string;
  let hiddenPageId: string;
  let keyWithAccess: string;
  let operatorCookie: string;

  beforeAll(async () => {
    if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (npm test does it first).');
    app = await startServer({ config: testConfig({ PORT: '0', META_GRAPH_URL: 'http://127.0.0.1:9/v24.0' }), dev: false, seed: false });
    const deps = getDeps();
    await builtinRoles(deps);
    const role = await makeRole(deps, ['CHATS']);
    const channel = await makeChannel(deps, { roleIds: [role.id] });
    const hidden = await makeChannel(deps, {});
    pageId = channel.externalId;
    hiddenPageId = hidden.externalId;
    keyWithAccess = await createApiKeyRecord(deps.db, 'integrator', role.id);
    operatorCookie = (await makeEmployee(deps, role.id)).cookie;
  });
  afterAll(() => app?.stop());

  const customerWrites = async (page: string, text: string) => {
    const target = { baseUrl: app.url, appSecret: TEST_APP_SECRET, pageId: page };
    const res = await postMessengerWebhook(target, [customerMessage(target, '3100000000000001', text)]);
    expect(res.status).toBe(200);
  };

  it('an integrator with an API key receives a new message from a signed webhook', async () => {
    const client = openSocket({ url: app.url, authorization: `Bearer ${keyWithAccess}` });
    const sub = collect<Event>(client, SUBSCRIPTION);
    await new Promise((r) => setTimeout(r, 300));
    await customerWrites(pageId, 'over the wire');
    await expect.poll(() => sub.events.some((e) => e.inboxEvents.message?.text === 'over the wire'), { timeout: 5000 }).toBe(true);
    sub.stop();
    await client.dispose();
  });

  it('a subscription opened after a page load works (Next does not take over the upgrade)', async () => {
    const page = await fetch(`${app.url}/login`);
    expect(page.status).toBe(200);
    const client = openSocket({ url: app.url, cookie: operatorCookie, origin: app.url });
    const sub = collect<Event>(client, SUBSCRIPTION);
    await new Promise((r) => setTimeout(r, 300));
    await customerWrites(pageId, 'after a page load');
    await customerWrites(hiddenPageId, 'not for this operator');
    await expect.poll(() => sub.events.some((e) => e.inboxEvents.message?.text === 'after a page load'), { timeout: 5000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events.map((e) => e.inboxEvents.message?.text)).not.toContain('not for this operator');
    sub.stop();
    await client.dispose();
  });

  it('a socket from another origin is refused', async () => {
    const client = openSocket({ url: app.url, cookie: operatorCookie, origin: 'https://evil.example' });
    const sub = collect<Event>(client, SUBSCRIPTION);
    await expect.poll(() => sub.done, { timeout: 5000 }).toBe(true);
    expect(sub.events).toEqual([]);
    await client.dispose();
  });

  it('a socket with a wrong key is closed as forbidden', async () => {
    const client = openSocket({ url: app.url, authorization: 'Bearer chk_wrong' });
    const sub = collect<Event>(client, SUBSCRIPTION);
    await expect.poll(() => sub.done, { timeout: 5000 }).toBe(true);
    expect((sub.error as { code?: number })?.code).toBe(4403);
    await client.dispose();
  });

  it('a client that reconnects with its last cursor gets what it missed', async () => {
    const first = openSocket({ url: app.url, authorization: `Bearer ${keyWithAccess}` });
    const sub = collect<Event>(first, SUBSCRIPTION);
    await new Promise((r) => setTimeout(r, 300));
    await customerWrites(pageId, 'before the drop');
    await expect.poll(() => sub.events.some((e) => e.inboxEvents.message?.text === 'before the drop'), { timeout: 5000 }).toBe(true);
    const lastCursor = sub.events.at(-1)!.inboxEvents.cursor;
    sub.stop();
    await first.dispose();

    await customerWrites(pageId, 'while offline');

    const second = openSocket({ url: app.url, authorization: `Bearer ${keyWithAccess}` });
    const resumed = collect<Event>(second, SUBSCRIPTION, { after: lastCursor });
    await expect.poll(() => resumed.events.some((e) => e.inboxEvents.message?.text === 'while offline'), { timeout: 5000 }).toBe(true);
    expect(resumed.events.map((e) => e.inboxEvents.message?.text)).not.toContain('before the drop');
    resumed.stop();
    await second.dispose();
  });
});
