import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelRegistry as createChannelGateway } from '../../channels/registry';
import { channels, chats } from '../../db/schema';
import { checkChannelHealth } from '../../domain/channels/check-channel-health';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeMetaGraph, type FakeMetaGraph } from '../fakes/meta-graph';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { builtinRoles, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, silentLog, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

const CHANNEL = 'id kind name state lastError roles { name }';
const RECONNECT = `mutation($id: ID!, $t: String) { reconnectChannel(channelId: $id, accessToken: $t) { ${CHANNEL} } }`;

describe.each(DRIVERS)('reconnecting a channel (%s)', (driver) => {
  let rt: BootedRuntime;
  let graph: FakeMetaGraph;
  let tg: FakeTelegram;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;
  let operator: Credentials;
  let pageId: string;
  let botId: string;
  const logged: Array<{ level: string; obj: unknown; msg?: string }> = [];

  beforeAll(async () => {
    graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET, webhookAttempts: 1, webhookRetryDelayMs: 1 });
    tg = await startFakeTelegram({ bots: [{ id: 7055555555, username: 'reconnect_bot' }, { id: 7066666666, username: 'other_bot' }], webhookAttempts: 1, webhookRetryDelayMs: 1 });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: graph.url, TELEGRAM_API_URL: tg.url });
    rt.deps.log = {
      info: (obj, msg) => void logged.push({ level: 'info', obj, msg }),
      warn: (obj, msg) => void logged.push({ level: 'warn', obj, msg }),
      error: silentLog.error,
    };
    hook = await serveMetaWebhook(rt.deps);
    rt.deps.config.publicUrl = hook.origin;
    graph.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const team = await makeRole(rt.deps, ['CHATS'], 'Front desk');
    operator = { cookie: (await makeEmployee(rt.deps, team.id)).cookie };
    const roleIds = [gid('Role', team.id)];
    const page = await gql(rt, admin, `mutation($id: String!, $t: String!, $r: [ID!]) { connectChannel(kind: MESSENGER, externalId: $id, name: "Workshop page", accessToken: $t, roleIds: $r) { id } }`, { id: graph.page.id, t: graph.page.token, r: roleIds });
    const bot = await gql(rt, admin, `mutation($t: String!, $r: [ID!]) { connectChannel(kind: TELEGRAM, externalId: "", name: "", accessToken: $t, roleIds: $r) { id } }`, { t: tg.bots.get(7055555555)!.token, r: roleIds });
    expect(page.errors ?? bot.errors).toBeUndefined();
    pageId = page.data!.connectChannel.id;
    botId = bot.data!.connectChannel.id;
    await graph.customerWrites('6611100000000001', 'Is my phone ready?');
    await graph.idle();
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await graph?.stop();
    await tg?.stop();
  });

  const channel = async (id: string) => (await gql(rt, admin, `query($id: ID!) { node(id: $id) { ... on Channel { ${CHANNEL} } } }`, { id })).data!.node;
  const operatorChats = async () => (await gql(rt, operator, '{ chats(first: 50) { edges { node { channel { id } contact { externalId } } } } }')).data!.chats.edges;

  it('a page whose token was revoked is reconnected with a new token as the same channel: its chats and role access stay', async () => {
    graph.expireToken();
    await checkChannelHealth(rt.deps);
    expect((await channel(pageId)).state).toBe('SYNC_LOST');
    const chatsBefore = await rt.deps.db.select().from(chats).where(eq(chats.channelId, (await rt.deps.db.select().from(channels).where(eq(channels.kind, 'MESSENGER')))[0].id));
    expect(chatsBefore).toHaveLength(1);

    // the admin makes a new page token in Meta's Business Suite and pastes it
    graph.page.token = 'EAAG-new-page-token-after-revoke';
    graph.restoreToken();
    const res = await gql(rt, admin, RECONNECT, { id: pageId, t: graph.page.token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reconnectChannel).toMatchObject({ id: pageId, kind: 'MESSENGER', name: 'Workshop page', state: 'CONNECTED', lastError: null, roles: [{ name: 'Front desk' }] });

    const rows = await rt.deps.db.select().from(channels).where(eq(channels.kind, 'MESSENGER'));
    expect(rows).toHaveLength(1);
    expect(rows[0].accessToken).toBe('EAAG-new-page-token-after-revoke');
    const seen = await operatorChats();
    expect(seen.map((e: any) => e.node.contact.externalId)).toContain('6611100000000001');
    await checkChannelHealth(rt.deps);
    expect((await channel(pageId)).state).toBe('CONNECTED');
  });

  it('a page Meta stopped sending is reconnected without a new token: the app is subscribed again', async () => {
    graph.page.subscribedFields.clear();
    await checkChannelHealth(rt.deps);
    expect((await channel(pageId)).state).toBe('SYNC_LOST');
    const res = await gql(rt, admin, RECONNECT, { id: pageId });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reconnectChannel.state).toBe('CONNECTED');
    expect(graph.page.subscribedFields.size).toBeGreaterThan(0);
  });

  it('a bot token replaced in @BotFather reconnects the same bot; another bot\'s token is refused', async () => {
    const fresh = tg.revokeToken(7055555555);
    await checkChannelHealth(rt.deps);
    expect((await channel(botId)).state).toBe('SYNC_LOST');

    const other = await gql(rt, admin, RECONNECT, { id: botId, t: tg.bots.get(7066666666)!.token });
    expect(errorCode(other)).toBe('BAD_USER_INPUT');
    expect(other.errors![0].message).toMatch(/belongs to bot 7066666666/);

    const res = await gql(rt, admin, RECONNECT, { id: botId, t: fresh });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reconnectChannel).toMatchObject({ id: botId, state: 'CONNECTED', roles: [{ name: 'Front desk' }] });
    await checkChannelHealth(rt.deps);
    expect((await channel(botId)).state).toBe('CONNECTED');
  });

  it('only Settings may reconnect, and an unknown channel is not found', async () => {
    expect(errorCode(await gql(rt, operator, RECONNECT, { id: pageId }))).toBe('FORBIDDEN');
    expect(errorCode(await gql(rt, admin, RECONNECT, { id: gid('Channel', '00000000-0000-4000-8000-000000000000') }))).toBe('NOT_FOUND');
  });

  it('MISSING_PERMISSIONS names the missing permission, whether Meta names it or not', async () => {
    graph.failNext({ status: 403, code: 10, type: 'OAuthException', message: '(#10) Application does not have permission for this action', match: { path: /subscribed_apps/ } });
    await checkChannelHealth(rt.deps);
    let lost = await channel(pageId);
    expect(lost.state).toBe('MISSING_PERMISSIONS');
    expect(lost.lastError).toMatch(/^Missing permission: pages_manage_metadata\./);
    expect((await gql(rt, admin, RECONNECT, { id: pageId })).data!.reconnectChannel.state).toBe('CONNECTED');

    graph.failNext({ status: 400, code: 230, type: 'OAuthException', message: '(#230) Requires pages_messaging permission to manage the object', match: { path: /subscribed_apps/ } });
    await checkChannelHealth(rt.deps);
    lost = await channel(pageId);
    expect(lost.state).toBe('MISSING_PERMISSIONS');
    expect(lost.lastError).toMatch(/^Missing permission: pages_messaging\./);
    expect((await gql(rt, admin, RECONNECT, { id: pageId })).data!.reconnectChannel.state).toBe('CONNECTED');
  });

  describe('a platform that cannot be reached', () => {
    const dnsFailure: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND graph.facebook.com'), { code: 'ENOTFOUND' }) });
    };
    const withGateway = async (fetchImpl: typeof fetch, work: () => Promise<void>) => {
      const real = rt.deps.channels;
      rt.deps.channels = createChannelGateway({ metaGraphUrl: graph.url, telegramApiUrl: tg.url, metaAppSecret: TEST_APP_SECRET, fetch: fetchImpl });
      try {
        await work();
      } finally {
        rt.deps.channels = real;
      }
    };

    it('connecting Instagram while DNS fails reads "Could not reach Meta (network)", not a rejected token, and is logged without the token', async () => {
      logged.length = 0;
      await withGateway(dnsFailure, async () => {
        const res = await gql(rt, admin, 'mutation { connectChannel(kind: INSTAGRAM, externalId: "", name: "", accessToken: "EAAG-secret-instagram-token") { id } }');
        expect(errorCode(res)).toBe('PLATFORM_UNREACHABLE');
        expect(res.errors![0].message).toMatch(/^Could not reach Meta \(network\)/);
        expect(res.errors![0].message).not.toMatch(/did not accept/);
        expect(res.errors![0].extensions!.platform).toBe('Meta');
      });
      const line = logged.find((l) => l.msg === 'connecting a channel could not reach the platform');
      expect(line, JSON.stringify(logged)).toBeDefined();
      expect(JSON.stringify(line!.obj)).toMatch(/ENOTFOUND/);
      expect(JSON.stringify(logged)).not.toContain('EAAG-secret-instagram-token');
    });

    it('the same for WhatsApp and Facebook pages (Meta) and for Telegram', async () => {
      await withGateway(dnsFailure, async () => {
        const wa = await gql(rt, admin, 'mutation { connectChannel(kind: WHATSAPP, externalId: "123", name: "", accessToken: "wa-token", businessAccountId: "456") { id } }');
        expect(wa.errors![0].message).toMatch(/^Could not reach Meta \(network\)/);
        const fb = await gql(rt, admin, 'mutation { connectChannel(kind: MESSENGER, externalId: "123", name: "", accessToken: "page-token") { id } }');
        expect(fb.errors![0].message).toMatch(/^Could not reach Meta \(network\)/);
        const bot = await gql(rt, admin, 'mutation { connectChannel(kind: TELEGRAM, externalId: "", name: "", accessToken: "123:bot-token") { id } }');
        expect(errorCode(bot)).toBe('PLATFORM_UNREACHABLE');
        expect(bot.errors![0].message).toMatch(/^Could not reach Telegram \(network\)/);
      });
      expect(JSON.stringify(logged)).not.toContain('123:bot-token');
    });

    it('a token the platform rejects still says so, and is logged too', async () => {
      logged.length = 0;
      const res = await gql(rt, admin, 'mutation { connectChannel(kind: INSTAGRAM, externalId: "", name: "", accessToken: "EAAG-not-a-real-token") { id } }');
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/^Instagram did not accept this Page token/);
      expect(logged.some((l) => l.msg === 'the platform refused to connect a channel')).toBe(true);
      expect(JSON.stringify(logged)).not.toContain('EAAG-not-a-real-token');
    });
  });
});
