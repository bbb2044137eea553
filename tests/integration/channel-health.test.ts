import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChannelHealth, runScheduledHealthCheck } from '../../domain/channels/check-channel-health';
import { channels, jobs } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeMetaGraph, type FakeMetaGraph } from '../fakes/meta-graph';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { builtinRoles, makeEmployee } from '../helpers/factories';
import { gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

describe.each(DRIVERS)('channel health (%s)', (driver) => {
  let rt: BootedRuntime;
  let graph: FakeMetaGraph;
  let tg: FakeTelegram;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;

  beforeAll(async () => {
    // Meta gives up on an app whose webhooks keep failing: here after three failed deliveries
    graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET, unsubscribeAfterFailures: 3, webhookAttempts: 1, webhookRetryDelayMs: 1 });
    tg = await startFakeTelegram({ bots: [{ id: 7099999999, username: 'health_bot' }], webhookAttempts: 1, webhookRetryDelayMs: 1 });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: graph.url, TELEGRAM_API_URL: tg.url });
    hook = await serveMetaWebhook(rt.deps);
    rt.deps.config.publicUrl = hook.origin;
    graph.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const page = await gql(rt, admin, 'mutation($id: String!, $t: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $t) { id } }', { id: graph.page.id, t: graph.page.token });
    const bot = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: TELEGRAM, externalId: "", name: "", accessToken: $t) { id } }', { t: tg.bot.token });
    expect(page.errors ?? bot.errors).toBeUndefined();
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await graph?.stop();
    await tg?.stop();
  });

  const states = async () => {
    const res = await gql(rt, admin, '{ channels { kind state lastError } }');
    return Object.fromEntries(res.data!.channels.map((c: { kind: string; state: string; lastError: string | null }) => [c.kind, { state: c.state, lastError: c.lastError }]));
  };

  it('a healthy page and bot stay connected', async () => {
    await checkChannelHealth(rt.deps);
    expect(await states()).toEqual({ MESSENGER: { state: 'CONNECTED', lastError: null }, TELEGRAM: { state: 'CONNECTED', lastError: null } });
  });

  it('webhooks that went unanswered until Meta dropped the page make it SYNC_LOST, and reconnecting restores it', async () => {
    graph.setWebhookUrl('http://127.0.0.1:9/api/webhooks/meta'); // our server was unreachable
    for (let i = 0; i < 3; i++) await graph.customerWrites(`66600000000${i}`, 'anyone there?');
    await graph.idle();
    graph.setWebhookUrl(hook.url);

    await checkChannelHealth(rt.deps);
    const lost = (await states()).MESSENGER;
    expect(lost.state).toBe('SYNC_LOST');
    expect(lost.lastError).toMatch(/Meta stopped sending this page's messages to us/);

    const chat = await gql(rt, admin, 'mutation($id: String!, $t: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $t) { state } }', { id: graph.page.id, t: graph.page.token });
    expect(chat.data!.connectChannel.state).toBe('CONNECTED');
    await checkChannelHealth(rt.deps);
    expect((await states()).MESSENGER.state).toBe('CONNECTED');
  });

  it('a revoked page token is noticed without waiting for a send', async () => {
    graph.expireToken();
    await checkChannelHealth(rt.deps);
    expect((await states()).MESSENGER.state).toBe('SYNC_LOST');
    graph.restoreToken();
    await gql(rt, admin, 'mutation($id: String!, $t: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $t) { state } }', { id: graph.page.id, t: graph.page.token });
  });

  it('a bot whose webhook something else took over is SYNC_LOST and says where it points now', async () => {
    const res = await fetch(`${tg.url}/bot${tg.bot.token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://other-tool.example/hook' }),
    });
    expect(res.ok).toBe(true);
    await checkChannelHealth(rt.deps);
    const lost = (await states()).TELEGRAM;
    expect(lost.state).toBe('SYNC_LOST');
    expect(lost.lastError).toMatch(/no longer sends this bot's updates here .*other-tool\.example/);
  });

  it('a platform that is down changes nothing', async () => {
    graph.failNext({ status: 503, rawBody: 'Service Unavailable', match: { path: new RegExp(`/${graph.page.id}/subscribed_apps`) } });
    await checkChannelHealth(rt.deps);
    expect((await states()).MESSENGER.state).toBe('CONNECTED');
  });

  it('the scheduled round queues the next one, a single chain', async () => {
    await runScheduledHealthCheck(rt.deps);
    await runScheduledHealthCheck(rt.deps);
    const queued = await rt.deps.db.select().from(jobs).where(eq(jobs.kind, 'check-channels'));
    expect(queued.filter((j) => j.state === 'QUEUED')).toHaveLength(1);
    expect(queued[0].runAt.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    const [row] = await rt.deps.db.select().from(channels).where(eq(channels.kind, 'MESSENGER'));
    expect(row.state).toBe('CONNECTED');
  });
});
