import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelRoles, channels, contacts, jobs } from '../../db/schema';
import { PROFILE_MAX_AGE_MS } from '../../domain/contacts/profile';
import { serveAvatar } from '../../http/avatars';
import { sniffPictureType } from '../../media/image-type';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeInstagramGraph, FAKE_IG_PROFILE_PNG, type FakeInstagramGraph } from '../fakes/instagram-graph';
import { startFakeMetaGraph, FAKE_PROFILE_PNG, type FakeMetaGraph } from '../fakes/meta-graph';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { builtinRoles, makeApiKey, makeEmployee, makeRole } from '../helpers/factories';
import { gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { DRIVERS, silentLog, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

const PNG = FAKE_PROFILE_PNG;

/** A host that is not the platform's, counting what reaches it; and an allowed CDN (MEDIA_HOSTS) that misbehaves. */
async function startServers() {
  let strayHits = 0;
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
  };
  const stray = await listen(
    createServer((_req, res) => {
      strayHits++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    }),
  );
  const cdn = await listen(
    createServer((req, res) => {
      if (req.url === '/hop.png') return void res.writeHead(302, { location: `${stray.origin}/hop.png` }).end();
      if (req.url === '/face.svg') return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      if (req.url === '/not-really.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
      res.writeHead(404).end();
    }),
  );
  return { stray, cdn, strayHits: () => strayHits };
}

/** The warnings the runtime logs, kept for assertions. */
function captureWarnings(rt: BootedRuntime) {
  const warnings: Array<{ obj: unknown; msg?: string }> = [];
  rt.deps.log = { ...silentLog, warn: (obj, msg) => void warnings.push({ obj, msg }) };
  return warnings;
}

type Who = Credentials | null;

function avatarRequest(rt: BootedRuntime, contactId: string, who: Who) {
  const headers: Record<string, string> = {};
  if (who?.cookie) headers.cookie = who.cookie;
  if (who?.authorization) headers.authorization = who.authorization;
  return serveAvatar(new Request(`http://x/api/avatars/${contactId}?v=1`, { headers }), rt.deps, contactId);
}

async function contactOf(rt: BootedRuntime, externalId: string) {
  const [row] = await rt.deps.db.select().from(contacts).where(eq(contacts.externalId, externalId));
  return row;
}

async function chatOf(rt: BootedRuntime, who: Credentials, externalId: string) {
  const res = await gql(rt, who, '{ chats(first: 100) { edges { node { title contact { externalId displayName username avatarUrl } } } } }');
  expect(res.errors).toBeUndefined();
  return res.data!.chats.edges.map((e: any) => e.node).find((c: any) => c.contact.externalId === externalId);
}

async function profileJobs(rt: BootedRuntime, contactId: string) {
  const rows = await rt.deps.db.select().from(jobs).where(eq(jobs.kind, 'fetch-profile'));
  return rows.filter((j) => (j.payload as { contactId?: string }).contactId === contactId);
}

/** Gives a role access to a channel, the way Settings does. */
async function grant(rt: BootedRuntime, kind: 'MESSENGER' | 'TELEGRAM' | 'INSTAGRAM', roleId: string) {
  const [channel] = await rt.deps.db.select().from(channels).where(eq(channels.kind, kind));
  await rt.deps.db.insert(channelRoles).values({ channelId: channel.id, roleId }).onConflictDoNothing();
  return channel;
}

describe.each(DRIVERS)('customer avatars on Messenger and Telegram (%s)', (driver) => {
  let rt: BootedRuntime;
  let meta: FakeMetaGraph;
  let tg: FakeTelegram;
  let servers: Awaited<ReturnType<typeof startServers>>;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;
  let operator: Credentials;
  let apiKey: Credentials;
  let outsider: Credentials;
  let warnings: ReturnType<typeof captureWarnings>;
  let n = 0;

  beforeAll(async () => {
    servers = await startServers();
    meta = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET });
    tg = await startFakeTelegram({ bots: [{ id: 7012345001, username: 'avatar_shop_bot' }], webhookAttempts: 1, webhookRetryDelayMs: 10 });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: meta.url, TELEGRAM_API_URL: tg.url, MEDIA_HOSTS: new URL(servers.cdn.origin).host });
    warnings = captureWarnings(rt);
    hook = await serveMetaWebhook(rt.deps);
    rt.deps.config.publicUrl = hook.origin;
    meta.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const messenger = await gql(rt, admin, 'mutation($id: String!, $t: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $t) { state } }', {
      id: meta.page.id,
      t: meta.page.token,
    });
    expect(messenger.errors).toBeUndefined();
    const telegram = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: TELEGRAM, externalId: "", name: "", accessToken: $t) { state } }', { t: tg.bot.token });
    expect(telegram.errors).toBeUndefined();
    const team = await makeRole(rt.deps, ['CHATS']);
    await grant(rt, 'MESSENGER', team.id);
    await grant(rt, 'TELEGRAM', team.id);
    operator = { cookie: (await makeEmployee(rt.deps, team.id)).cookie };
    apiKey = { authorization: (await makeApiKey(rt.deps, team.id)).authorization };
    outsider = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CHATS'])).id)).cookie };
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await meta?.stop();
    await tg?.stop();
    await servers?.stray.close();
    await servers?.cdn.close();
  });

  /** A Messenger customer writes; the jobs run. */
  async function messengerWrites(psid: string, text = 'Hello, is my phone ready?') {
    await meta.customerWrites(psid, text);
    await meta.idle();
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    return contactOf(rt, psid);
  }
  const newPsid = () => `65400${driver === 'pglite' ? 1 : 2}${String(++n).padStart(4, '0')}`;

  it('a Messenger customer\'s picture is copied and served by our route to those who may see the chat', async () => {
    const psid = newPsid();
    meta.addCustomer({ psid, firstName: 'Rosa', lastName: 'Diaz' });
    const contact = await messengerWrites(psid);
    expect(contact).toMatchObject({ displayName: 'Rosa Diaz' });
    expect(contact.avatarKey).toBeTruthy();
    expect(contact.profileFetchedAt).toBeInstanceOf(Date);
    // the picture really came from the platform's CDN path
    expect(meta.calls.some((c) => c.path === '/platform/profilepic/' && c.query.psid === psid && c.status === 200)).toBe(true);

    const chat = await chatOf(rt, operator, psid);
    expect(chat.title).toBe('Rosa Diaz');
    expect(chat.contact.avatarUrl).toMatch(new RegExp(`^/api/avatars/${contact.id}\\?v=[0-9a-f]{12}$`));
    expect(JSON.stringify(chat)).not.toMatch(/profilepic|fbsbx|127\.0\.0\.1/);

    for (const who of [admin, operator, apiKey]) {
      const ok = await avatarRequest(rt, contact.id, who);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('image/png');
      expect(ok.headers.get('cache-control')).toBe('private, max-age=86400');
      expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
      expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
      expect(Buffer.from(await ok.arrayBuffer()).equals(PNG)).toBe(true);
    }
    // someone without access to the channel learns nothing, not even that the contact exists
    const hidden = await avatarRequest(rt, contact.id, outsider);
    const unknown = await avatarRequest(rt, '00000000-0000-4000-8000-000000000000', outsider);
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await hidden.text()).toBe(await unknown.text());
    expect((await avatarRequest(rt, 'not-a-uuid', admin)).status).toBe(404);
    expect((await avatarRequest(rt, contact.id, null)).status).toBe(401);
    expect((await avatarRequest(rt, contact.id, { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('a fresh profile is not fetched again when the customer writes again', async () => {
    const psid = newPsid();
    const first = await messengerWrites(psid);
    const lookups = () => meta.calls.filter((c) => c.method === 'GET' && c.path === `/${psid}`).length;
    expect(lookups()).toBe(1);
    await messengerWrites(psid, 'one more thing');
    await messengerWrites(psid, 'and another');
    expect(lookups()).toBe(1);
    expect(await profileJobs(rt, first.id)).toHaveLength(1);
    expect((await contactOf(rt, psid)).avatarKey).toBe(first.avatarKey);
  });

  it('a profile older than 7 days is fetched once on the next message, and the old picture file is removed', async () => {
    const psid = newPsid();
    meta.addCustomer({ psid, firstName: 'Old', lastName: 'Name' });
    const before = await messengerWrites(psid);
    const oldUrl = (await chatOf(rt, admin, psid)).contact.avatarUrl;
    expect(await rt.deps.media.get(before.avatarKey!)).not.toBeNull();
    await rt.deps.db.update(contacts).set({ profileFetchedAt: new Date(Date.now() - PROFILE_MAX_AGE_MS - 60_000) }).where(eq(contacts.id, before.id));
    meta.customers.get(psid)!.firstName = 'New';

    // two messages before the job runs: one job, not two
    await meta.customerWrites(psid, 'I changed my name');
    await meta.customerWrites(psid, 'and my picture');
    await meta.idle();
    expect((await profileJobs(rt, before.id)).filter((j) => j.state === 'QUEUED')).toHaveLength(1);
    await runJobs(rt, { skipBackoff: true, rounds: 3 });

    const after = await contactOf(rt, psid);
    expect(after.displayName).toBe('New Name');
    expect(after.avatarKey).toBeTruthy();
    expect(after.avatarKey).not.toBe(before.avatarKey);
    expect(after.profileFetchedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await rt.deps.media.get(before.avatarKey!)).toBeNull();
    expect(await rt.deps.media.get(after.avatarKey!)).not.toBeNull();
    const newUrl = (await chatOf(rt, admin, psid)).contact.avatarUrl;
    expect(newUrl).not.toBe(oldUrl);
    expect((await avatarRequest(rt, after.id, operator)).status).toBe(200);
  });

  it('a customer Messenger withholds the profile of stays "Unknown client" without a picture', async () => {
    for (const privacy of ['no-profile', 'empty'] as const) {
      const psid = newPsid();
      meta.addCustomer({ psid, privacy });
      const contact = await messengerWrites(psid);
      expect(contact).toMatchObject({ displayName: null, avatarKey: null });
      expect(await chatOf(rt, admin, psid)).toMatchObject({ title: 'Unknown client', contact: { displayName: null, avatarUrl: null } });
      expect((await avatarRequest(rt, contact.id, admin)).status).toBe(404);
    }
  });

  it('a picture on a host that is not the platform\'s (or not a picture at all) is refused: the name stays, no picture, a warning', async () => {
    const hitsBefore = servers.strayHits();
    const cases = [
      { pic: `${servers.stray.origin}/profile.png`, reason: /is not one of the platform's media hosts/ },
      { pic: `${servers.cdn.origin}/hop.png`, reason: /is not one of the platform's media hosts/ },
      { pic: `${servers.cdn.origin}/face.svg`, reason: /type image\/svg\+xml are not accepted/ },
      { pic: `${servers.cdn.origin}/not-really.png`, reason: /not a JPEG, PNG, GIF or WebP/ },
    ];
    for (const { pic, reason } of cases) {
      const psid = newPsid();
      meta.addCustomer({ psid, firstName: 'Ivan', lastName: 'Petrov', profilePic: pic });
      warnings.length = 0;
      const contact = await messengerWrites(psid);
      expect(contact).toMatchObject({ displayName: 'Ivan Petrov', avatarKey: null });
      expect((await chatOf(rt, admin, psid)).contact.avatarUrl).toBeNull();
      expect(warnings).toContainEqual({ obj: expect.objectContaining({ contactId: contact.id, reason: expect.stringMatching(reason) }), msg: expect.any(String) });
    }
    // neither the stray host nor the redirect's target was ever asked
    expect(servers.strayHits()).toBe(hitsBefore);
  });

  it('a refresh whose picture can\'t be downloaded keeps the copy we have', async () => {
    const psid = newPsid();
    const before = await messengerWrites(psid);
    expect(before.avatarKey).toBeTruthy();
    await rt.deps.db.update(contacts).set({ profileFetchedAt: new Date(Date.now() - PROFILE_MAX_AGE_MS - 60_000) }).where(eq(contacts.id, before.id));
    meta.customers.get(psid)!.profilePic = `${servers.stray.origin}/moved.png`;
    const after = await messengerWrites(psid, 'still there?');
    expect(after.avatarKey).toBe(before.avatarKey);
    expect(await rt.deps.media.get(before.avatarKey!)).not.toBeNull();
  });

  it('a Telegram customer\'s photo comes through getFile, and no URL with the bot token is stored or shown', async () => {
    warnings.length = 0;
    const user = tg.addUser({ id: 555200000 + (driver === 'pglite' ? 1 : 2), firstName: 'Ana', lastName: 'Lima', username: 'analima', photo: true });
    await tg.userWrites(user.id, 'Olá!');
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const contact = await contactOf(rt, String(user.id));
    expect(contact).toMatchObject({ displayName: 'Ana Lima', username: 'analima' });
    expect(contact.avatarKey).toBeTruthy();

    const chat = await chatOf(rt, operator, String(user.id));
    expect(chat.contact.avatarUrl).toMatch(new RegExp(`^/api/avatars/${contact.id}\\?v=[0-9a-f]{12}$`));
    const ok = await avatarRequest(rt, contact.id, operator);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await ok.arrayBuffer());
    expect(sniffPictureType(bytes)).toBe('image/jpeg');
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect((await avatarRequest(rt, contact.id, outsider)).status).toBe(404);
    expect((await avatarRequest(rt, contact.id, null)).status).toBe(401);

    const secret = tg.bot.token.split(':')[1];
    expect(JSON.stringify(contact)).not.toContain(secret);
    expect(JSON.stringify(chat)).not.toContain(secret);
    expect(JSON.stringify(warnings)).not.toContain(secret);
  });

  it('a Telegram customer without a photo keeps the name from the message and no picture', async () => {
    const id = 555300000 + (driver === 'pglite' ? 1 : 2);
    await tg.userWrites({ id, firstName: 'Bruno', lastName: 'Costa' }, 'oi');
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const contact = await contactOf(rt, String(id));
    expect(contact).toMatchObject({ displayName: 'Bruno Costa', avatarKey: null });
    expect(contact.profileFetchedAt).toBeInstanceOf(Date);
    expect((await chatOf(rt, admin, String(id))).contact.avatarUrl).toBeNull();
  });
});

describe.each(DRIVERS)('customer avatars on Instagram (%s)', (driver) => {
  let rt: BootedRuntime;
  let ig: FakeInstagramGraph;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;
  let operator: Credentials;
  let outsider: Credentials;

  beforeAll(async () => {
    ig = await startFakeInstagramGraph({ appSecret: TEST_APP_SECRET, webhookAttempts: 1, webhookRetryDelayMs: 1 });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: ig.url });
    hook = await serveMetaWebhook(rt.deps);
    rt.deps.config.publicUrl = hook.origin;
    ig.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const connected = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: INSTAGRAM, externalId: "", name: "", accessToken: $t) { state } }', { t: ig.page.token });
    expect(connected.errors).toBeUndefined();
    const team = await makeRole(rt.deps, ['CHATS']);
    await grant(rt, 'INSTAGRAM', team.id);
    operator = { cookie: (await makeEmployee(rt.deps, team.id)).cookie };
    outsider = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CHATS'])).id)).cookie };
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await ig?.stop();
  });

  const igsidOf = (n: number) => `99800${driver === 'pglite' ? 1 : 2}${n}`;

  it('an Instagram customer\'s picture is copied and served to those who may see the chat', async () => {
    const igsid = igsidOf(1);
    ig.addCustomer({ igsid, name: 'Mara Lind', username: 'mara.lind' });
    await ig.customerWrites(igsid, 'Do you fix cracked screens?');
    await ig.idle();
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const contact = await contactOf(rt, igsid);
    expect(contact).toMatchObject({ displayName: 'Mara Lind', username: 'mara.lind' });
    expect(contact.avatarKey).toBeTruthy();
    const chat = await chatOf(rt, operator, igsid);
    expect(chat.contact.avatarUrl).toMatch(new RegExp(`^/api/avatars/${contact.id}\\?v=[0-9a-f]{12}$`));
    const ok = await avatarRequest(rt, contact.id, operator);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer()).equals(FAKE_IG_PROFILE_PNG)).toBe(true);
    expect((await avatarRequest(rt, contact.id, outsider)).status).toBe(404);
    expect((await avatarRequest(rt, contact.id, null)).status).toBe(401);
  });

  it('a customer whose profile Instagram withholds (consent error 230) is an "Unknown client" without a picture', async () => {
    const igsid = igsidOf(2);
    ig.addCustomer({ igsid, name: 'Hidden Person', username: 'hidden.person' });
    ig.failNext({ status: 400, code: 230, message: 'User consent is required to access user profile', match: { method: 'GET', path: `/${igsid}` } });
    await ig.customerWrites(igsid, 'hello?');
    await ig.idle();
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const contact = await contactOf(rt, igsid);
    expect(contact).toMatchObject({ displayName: null, username: null, avatarKey: null });
    expect(await chatOf(rt, admin, igsid)).toMatchObject({ title: 'Unknown client', contact: { avatarUrl: null } });
    const [row] = await rt.deps.db.select().from(jobs).where(and(eq(jobs.kind, 'fetch-profile'), eq(jobs.state, 'FAILED')));
    expect(row).toBeUndefined();
  });
});
