import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contacts, chats as chatsTable } from '../../db/schema';
import { refreshProfile } from '../../domain/messages/deliver-message';
import { finishFacebookLoginRoute, startFacebookLoginRoute } from '../../http/facebook-login';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeInstagramGraph, type FakeInstagramGraph } from '../fakes/instagram-graph';
import { builtinRoles, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

describe.each(DRIVERS)('connecting Instagram and Facebook pages (%s)', (driver) => {
  let rt: BootedRuntime;
  let ig: FakeInstagramGraph;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;
  let operatorRoleId: string;

  beforeAll(async () => {
    ig = await startFakeInstagramGraph({ appSecret: TEST_APP_SECRET, autoApprove: true, webhookAttempts: 1, webhookRetryDelayMs: 1 });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: ig.url, META_APP_ID: ig.appId, META_OAUTH_DIALOG_URL: ig.dialogUrl });
    hook = await serveMetaWebhook(rt.deps);
    rt.deps.config.publicUrl = hook.origin;
    ig.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    operatorRoleId = (await makeRole(rt.deps, ['CHATS'], 'Instagram team')).id;
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await ig?.stop();
  });

  const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0];

  /** The browser's round trip: our start route → Facebook's dialog → our callback. Returns where it lands. */
  async function logInWithFacebook(options: { tamperState?: boolean } = {}) {
    const start = await startFacebookLoginRoute(new Request(`${hook.origin}/api/auth/facebook/start`, { headers: { cookie: admin.cookie! } }), rt.deps);
    expect(start.status).toBe(303);
    const dialog = new URL(start.headers.get('location')!);
    expect(dialog.origin + dialog.pathname).toBe(ig.dialogUrl);
    expect(dialog.searchParams.get('scope')).toContain('instagram_manage_messages');
    if (options.tamperState) dialog.searchParams.set('state', 'forged-state');
    const approved = await fetch(dialog, { redirect: 'manual' });
    const back = approved.headers.get('location')!;
    expect(back.startsWith(`${hook.origin}/api/auth/facebook/callback?`)).toBe(true);
    const callback = await finishFacebookLoginRoute(new Request(back, { headers: { cookie: `${admin.cookie}; ${cookieOf(start)}` } }), rt.deps);
    expect(callback.status).toBe(303);
    return callback.headers.get('location')!;
  }

  it('Facebook Login lists the pages with their Instagram accounts, and connects the picked ones with their roles', async () => {
    const landed = await logInWithFacebook();
    const loginId = landed.match(/^\/settings\/chats\/facebook\/([0-9a-f-]{36})$/)?.[1];
    expect(loginId, landed).toBeTruthy();

    const login = await gql(rt, admin, 'query($id: ID!) { facebookLogin(id: $id) { pages { id name messengerConnected instagram { id username connected } } } }', { id: loginId });
    expect(login.errors).toBeUndefined();
    expect(login.data!.facebookLogin.pages).toEqual([
      { id: ig.page.id, name: 'Acme Support', messengerConnected: false, instagram: { id: ig.instagram.id, username: 'acme.support', connected: false } },
      { id: ig.pages[1].id, name: 'Acme Sales', messengerConnected: false, instagram: null },
    ]);
    expect(JSON.stringify(login.data)).not.toContain(ig.page.token);

    const connected = await gql(
      rt,
      admin,
      'mutation($id: ID!, $a: [FacebookAccountInput!]!, $r: [ID!]) { connectFacebookAccounts(loginId: $id, accounts: $a, roleIds: $r) { kind name state roles { name } } }',
      { id: loginId, a: [{ kind: 'INSTAGRAM', externalId: ig.instagram.id }, { kind: 'MESSENGER', externalId: ig.pages[1].id }], r: [`${Buffer.from(`Role:${operatorRoleId}`).toString('base64')}`] },
    );
    expect(connected.errors).toBeUndefined();
    expect(connected.data!.connectFacebookAccounts).toEqual([
      { kind: 'INSTAGRAM', name: '@acme.support', state: 'CONNECTED', roles: [{ name: 'Instagram team' }] },
      { kind: 'MESSENGER', name: 'Acme Sales', state: 'CONNECTED', roles: [{ name: 'Instagram team' }] },
    ]);
    // the app now receives both pages' webhooks
    expect(ig.page.subscribedFields.size).toBeGreaterThan(0);
    expect(ig.pages[1].subscribedFields.size).toBeGreaterThan(0);
    const [stored] = await rt.deps.db.select().from(channels).where(eq(channels.kind, 'INSTAGRAM'));
    expect(stored).toMatchObject({ externalId: ig.instagram.id, pageId: ig.page.id, accessToken: ig.page.token });

    // a login is used once
    const again = await gql(rt, admin, 'query($id: ID!) { facebookLogin(id: $id) { id } }', { id: loginId });
    expect(errorCode(again)).toBe('NOT_FOUND');
  });

  it('an Instagram DM arrives with the customer\'s name and @username, and the reply goes out through the page', async () => {
    ig.addCustomer({ igsid: '9990001', name: 'Mara Lind', username: 'mara.lind' });
    await ig.customerWrites('9990001', 'Do you fix cracked screens?');
    await ig.idle();
    await runJobs(rt);
    const list = await gql(rt, admin, '{ chats(first: 10) { edges { node { id title channel { kind } contact { username } sendability { canSend } } } } }');
    const chat = list.data!.chats.edges.map((e: any) => e.node).find((c: any) => c.contact.username === 'mara.lind');
    expect(chat).toMatchObject({ title: 'Mara Lind', channel: { kind: 'INSTAGRAM' }, sendability: { canSend: true } });

    const sent = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "Yes, in about an hour.") { id } }', { c: chat.id });
    expect(sent.errors).toBeUndefined();
    await runJobs(rt);
    expect(ig.sent.map((s) => ({ to: s.igsid, text: s.text }))).toContainEqual({ to: '9990001', text: 'Yes, in about an hour.' });
  });

  it('someone Instagram withholds the profile of (no consent) is an "Unknown client"', async () => {
    ig.addCommenter('9990002', 'quiet.commenter');
    const [channel] = await rt.deps.db.select().from(channels).where(eq(channels.kind, 'INSTAGRAM'));
    const [contact] = await rt.deps.db.insert(contacts).values({ channelId: channel.id, externalId: '9990002' }).returning();
    await rt.deps.db.insert(chatsTable).values({ channelId: channel.id, contactId: contact.id, lastMessageAt: new Date() });
    await refreshProfile(rt.deps, { contactId: contact.id });
    const list = await gql(rt, admin, '{ chats(first: 20) { edges { node { title contact { externalId displayName avatarUrl } } } } }');
    const chat = list.data!.chats.edges.map((e: any) => e.node).find((c: any) => c.contact.externalId === '9990002');
    expect(chat).toEqual({ title: 'Unknown client', contact: { externalId: '9990002', displayName: null, avatarUrl: null } });
  });

  it('an Instagram account that lost sync is picked again after Facebook Login and reconnects as the same channel, its role access kept', async () => {
    const [before] = await rt.deps.db.select().from(channels).where(eq(channels.kind, 'INSTAGRAM'));
    await rt.deps.db.update(channels).set({ state: 'SYNC_LOST', lastError: 'token revoked' }).where(eq(channels.id, before.id));
    const loginId = (await logInWithFacebook()).match(/facebook\/([0-9a-f-]{36})$/)![1];
    const login = await gql(rt, admin, 'query($id: ID!) { facebookLogin(id: $id) { pages { id instagram { id connected } } } }', { id: loginId });
    expect(login.data!.facebookLogin.pages[0].instagram).toEqual({ id: ig.instagram.id, connected: false });

    const res = await gql(
      rt,
      admin,
      'mutation($id: ID!, $a: [FacebookAccountInput!]!, $r: [ID!]) { connectFacebookAccounts(loginId: $id, accounts: $a, roleIds: $r) { id state roles { name } } }',
      { id: loginId, a: [{ kind: 'INSTAGRAM', externalId: ig.instagram.id }], r: [] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.connectFacebookAccounts).toEqual([{ id: expect.any(String), state: 'CONNECTED', roles: [{ name: 'Instagram team' }] }]);
    const after = await rt.deps.db.select().from(channels).where(eq(channels.kind, 'INSTAGRAM'));
    expect(after.map((c) => c.id)).toEqual([before.id]);
  });

  it('a login that did not start in this browser is refused', async () => {
    const landed = await logInWithFacebook({ tamperState: true });
    expect(landed).toMatch(/^\/settings\/chats\?facebook=error&message=/);
    expect(decodeURIComponent(landed)).toMatch(/did not start here/);
  });

  it('cancelling in the Facebook dialog comes back to Settings saying so', async () => {
    ig.setAutoApprove('cancel');
    try {
      expect(await logInWithFacebook()).toBe('/settings/chats?facebook=cancelled');
    } finally {
      ig.setAutoApprove(true);
    }
  });

  it('an Instagram account can also be connected with the linked page\'s token alone', async () => {
    const res = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: INSTAGRAM, externalId: "", name: "", accessToken: $t) { name externalId } }', { t: ig.page.token });
    expect(res.data!.connectChannel).toEqual({ name: '@acme.support', externalId: ig.instagram.id });
    const wrongPage = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: INSTAGRAM, externalId: "", name: "", accessToken: $t) { id } }', { t: ig.pages[1].token });
    expect(errorCode(wrongPage)).toBe('BAD_USER_INPUT');
    expect(wrongPage.errors![0].message).toMatch(/Acme Sales" has no Instagram professional account linked/);
  });

  it('without META_APP_ID, Facebook Login explains what to configure', async () => {
    const appId = rt.deps.config.metaAppId;
    rt.deps.config.metaAppId = undefined;
    try {
      const start = await startFacebookLoginRoute(new Request(`${hook.origin}/api/auth/facebook/start`, { headers: { cookie: admin.cookie! } }), rt.deps);
      expect(decodeURIComponent(start.headers.get('location')!)).toMatch(/META_APP_ID and META_APP_SECRET/);
      expect((await gql(rt, admin, '{ facebookLoginAvailable }')).data!.facebookLoginAvailable).toBe(false);
    } finally {
      rt.deps.config.metaAppId = appId;
    }
  });
});
