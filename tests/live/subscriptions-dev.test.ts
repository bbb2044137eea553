import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyRecord } from '../../domain/roles/api-keys';
import { customerMessage, postMessengerWebhook } from '../../demo/simulate';
import { getDeps } from '../../runtime/registry';
import { startServer, type AppServer } from '../../server';
import { builtinRoles, makeChannel, makeRole } from '../helpers/factories';
import { testConfig, TEST_APP_SECRET } from '../helpers/runtime';
import { collect, openSocket } from '../helpers/ws-client';

// In development Next attaches its own upgrade listener (hot reload) once a page is served; our
// graphql-ws sockets must keep working after that.
describe('live events in development mode', () => {
  let app: AppServer;
  let pageId: string;
  let key: string;

  beforeAll(async () => {
    app = await startServer({ config: testConfig({ PORT: '0' }), dev: true, seed: false });
    const deps = getDeps();
    await builtinRoles(deps);
    const role = await makeRole(deps, ['CHATS']);
    pageId = (await makeChannel(deps, { roleIds: [role.id] })).externalId;
    key = await createApiKeyRecord(deps.db, 'dev', role.id);
  }, 120_000);
  afterAll(() => app?.stop());

  it('a subscription opened after a page load in dev mode receives events', async () => {
    const page = await fetch(`${app.url}/login`);
    expect(page.status).toBe(200);
    const client = openSocket({ url: app.url, authorization: `Bearer ${key}` });
    const sub = collect<{ inboxEvents: { message?: { text: string } } }>(client, 'subscription { inboxEvents { ... on MessageAdded { message { text } } } }');
    await new Promise((r) => setTimeout(r, 500));
    const target = { baseUrl: app.url, appSecret: TEST_APP_SECRET, pageId };
    expect((await postMessengerWebhook(target, [customerMessage(target, '3200000000000001', 'dev mode')])).status).toBe(200);
    await expect.poll(() => sub.events.some((e) => e.inboxEvents.message?.text === 'dev mode'), { timeout: 10_000 }).toBe(true);
    expect(sub.error).toBeUndefined();
    sub.stop();
    await client.dispose();
  }, 120_000);
});
