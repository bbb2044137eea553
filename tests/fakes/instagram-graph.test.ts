import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyMetaSignature } from '../../channels/meta/signature';
import { startFakeInstagramGraph, type FakeInstagramGraph } from './instagram-graph';
import { startWebhookRecorder, type WebhookRecorder } from './webhook-recorder';

const SECRET = 'fake-app-secret';
const APP_ID = '1517776481860111';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const IGSID = '9900000000000001';
const REDIRECT = 'https://chats.example/api/channels/instagram/callback';

let ig: FakeInstagramGraph;
let hook: WebhookRecorder;

beforeEach(async () => {
  hook = await startWebhookRecorder({ path: '/webhooks/instagram' });
  ig = await startFakeInstagramGraph({
    appSecret: SECRET,
    webhookUrl: hook.url,
    now: Date.parse('2026-06-01T09:00:00Z'),
    webhookRetryDelayMs: 5,
  });
});

afterEach(async () => {
  await ig.stop();
  await hook.stop();
});

type Json = Record<string, any>;

/** Calls the fake Graph API like any client would. */
async function graphFetch(
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; bearer?: boolean; query?: Record<string, string> } = {},
) {
  const url = new URL(path.startsWith('http') ? path : `${ig.url}${path}`);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const token = init.token === undefined ? ig.page.token : init.token;
  const headers: Record<string, string> = {};
  if (token && init.bearer) headers.authorization = `Bearer ${token}`;
  else if (token) url.searchParams.set('access_token', token);
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
  const text = await response.text();
  let json: Json | undefined;
  try {
    json = text ? (JSON.parse(text) as Json) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

const send = (body: unknown, path = '/me/messages', token?: string) => graphFetch(path, { body, token });
const text = (igsid: string, t: string, extra: Record<string, unknown> = {}) => ({ recipient: { id: igsid }, message: { text: t }, ...extra });
const humanAgent = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };

function dialogQuery(extra: Record<string, string> = {}) {
  return new URLSearchParams({
    client_id: APP_ID,
    redirect_uri: REDIRECT,
    state: 'st-42',
    scope: 'instagram_basic,instagram_manage_messages,pages_manage_metadata,pages_show_list',
    response_type: 'code',
    ...extra,
  });
}

async function obtainCode(redirectUri = REDIRECT): Promise<string> {
  const response = await fetch(`${ig.dialogUrl}?${dialogQuery({ redirect_uri: redirectUri })}`);
  const html = await response.text();
  const href = /id="continue"[^>]*href="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
  return new URL(href).searchParams.get('code')!;
}

function exchange(params: Record<string, string>) {
  return graphFetch('/oauth/access_token', { token: null, query: { client_id: APP_ID, client_secret: SECRET, ...params } });
}

describe('Facebook Login', () => {
  it('shows a login dialog with the scopes, a Continue link carrying a code and state, and a Cancel link', async () => {
    const response = await fetch(`${ig.dialogUrl}?${dialogQuery()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('Log in with Facebook');
    expect(html).toContain('<strong>Chats</strong> wants to:');
    expect(html).toContain('<li>instagram_manage_messages</li>');
    expect(html).toContain(`Continue as ${ig.user.name}`);

    const hrefs = [...html.matchAll(/id="(continue|cancel)"[^>]*href="([^"]+)"/g)].map((m) => [m[1], new URL(m[2].replace(/&amp;/g, '&'))] as const);
    const [, approve] = hrefs.find(([id]) => id === 'continue')!;
    const [, cancel] = hrefs.find(([id]) => id === 'cancel')!;
    expect(`${approve.origin}${approve.pathname}`).toBe(REDIRECT);
    expect(approve.searchParams.get('state')).toBe('st-42');
    expect(approve.searchParams.get('code')).toMatch(/^AQ/);
    expect(Object.fromEntries(cancel.searchParams)).toEqual({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      state: 'st-42',
    });
    expect(cancel.hash).toBe('#_=_');
  });

  it('refuses an unknown client_id with an HTML error page', async () => {
    const response = await fetch(`${ig.dialogUrl}?${dialogQuery({ client_id: '999' })}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Invalid App ID');
  });

  it('refuses a redirect URI outside allowedRedirectUris', async () => {
    const strict = await startFakeInstagramGraph({ appSecret: SECRET, allowedRedirectUris: [REDIRECT] });
    const ok = await fetch(`${strict.dialogUrl}?${dialogQuery()}`);
    const blocked = await fetch(`${strict.dialogUrl}?${dialogQuery({ redirect_uri: 'https://evil.example/cb' })}`);
    await strict.stop();
    expect(ok.status).toBe(200);
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain('URL Blocked');
  });

  it('with autoApprove redirects straight to the success (or cancel) URL', async () => {
    ig.setAutoApprove(true);
    const response = await fetch(`${ig.url.replace(/v\d+\.\d+$/, 'v19.0')}/dialog/oauth?${dialogQuery()}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st-42');
    expect(ig.codes.at(-1)!.code).toBe(location.searchParams.get('code'));

    ig.setAutoApprove('cancel');
    const denied = await fetch(`${ig.dialogUrl}?${dialogQuery()}`, { redirect: 'manual' });
    expect(new URL(denied.headers.get('location')!).searchParams.get('error_reason')).toBe('user_denied');
  });

  it('happy path: code → short-lived token → long-lived token → /me/accounts → page token → /me', async () => {
    const code = await obtainCode();
    const short = await exchange({ redirect_uri: REDIRECT, code });
    expect(short.status).toBe(200);
    expect(short.json).toEqual({ access_token: ig.user.token, token_type: 'bearer', expires_in: 5183944 });

    const long = await exchange({ grant_type: 'fb_exchange_token', fb_exchange_token: short.json!.access_token });
    expect(long.json).toEqual({ access_token: ig.user.longLivedToken, token_type: 'bearer', expires_in: 5183944 });

    const me = await graphFetch('/me', { token: ig.user.longLivedToken, query: { fields: 'id,name' } });
    expect(me.json).toEqual({ id: ig.user.id, name: ig.user.name });

    const accounts = await graphFetch('/me/accounts', {
      token: ig.user.longLivedToken,
      query: { fields: 'id,name,access_token,tasks,instagram_business_account{id,username,name}' },
    });
    expect(accounts.status).toBe(200);
    expect(accounts.json!.data).toEqual([
      {
        name: 'Acme Support',
        access_token: ig.pages[0].token,
        tasks: expect.arrayContaining(['MANAGE', 'MESSAGING']),
        instagram_business_account: { id: ig.instagram.id, username: 'acme.support', name: 'Acme Support' },
        id: '107538155271623',
      },
      { name: 'Acme Sales', access_token: ig.pages[1].token, tasks: expect.arrayContaining(['MESSAGING']), id: '209876543210987' },
    ]);
    expect(ig.instagram.id).toMatch(/^178414/);
    expect(accounts.json!.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(accounts.json!.paging.next).toBeUndefined();

    const pageMe = await graphFetch('/me', { token: accounts.json!.data[0].access_token, query: { fields: 'id,name,instagram_business_account{id,username,name}' } });
    expect(pageMe.json).toEqual({
      name: 'Acme Support',
      instagram_business_account: { id: ig.instagram.id, username: 'acme.support', name: 'Acme Support' },
      id: '107538155271623',
    });
    const unlinked = await graphFetch('/me', { token: ig.pages[1].token, query: { fields: 'id,name,instagram_business_account{id}' } });
    expect(unlinked.json).toEqual({ name: 'Acme Sales', id: '209876543210987' });
  });

  it('pages /me/accounts with limit and after, following paging.next', async () => {
    ig.addPage({ id: '301', name: 'Third', instagram: { id: '17841400000000303', username: 'third' } });
    const first = await graphFetch('/me/accounts', { token: ig.user.token, query: { fields: 'id,name', limit: '1' } });
    expect(first.json!.data).toEqual([{ name: 'Acme Support', id: '107538155271623' }]);
    const next1 = first.json!.paging.next as string;
    expect(new URL(next1).searchParams.get('access_token')).toBe(ig.user.token);

    const second = await graphFetch(next1, { token: null });
    expect(second.json!.data).toEqual([{ name: 'Acme Sales', id: '209876543210987' }]);
    const third = await graphFetch(second.json!.paging.next, { token: null });
    expect(third.json!.data).toEqual([{ name: 'Third', id: '301' }]);
    expect(third.json!.paging.next).toBeUndefined();
    const after = await graphFetch('/me/accounts', { token: ig.user.token, query: { after: third.json!.paging.cursors.after } });
    expect(after.json).toEqual({ data: [] });
  });

  it('omits instagram_business_account unless asked, and reads a page by id with its token', async () => {
    const accounts = await graphFetch('/me/accounts', { token: ig.user.token, query: { fields: 'id,name' } });
    expect(accounts.json!.data[0]).not.toHaveProperty('instagram_business_account');
    const bare = await graphFetch('/me/accounts', { token: ig.user.token, query: { fields: 'instagram_business_account' } });
    expect(bare.json!.data[0]).toEqual({ instagram_business_account: { id: ig.instagram.id }, id: ig.page.id });

    const page = await graphFetch(`/${ig.page.id}`, { query: { fields: 'id,name,instagram_business_account{username}' }, bearer: true });
    expect(page.json).toEqual({ name: 'Acme Support', instagram_business_account: { username: 'acme.support', id: ig.instagram.id }, id: ig.page.id });
    const other = await graphFetch(`/${ig.pages[1].id}`, { query: { fields: 'id,name' } });
    expect(other.json!.error).toMatchObject({ code: 100, error_subcode: 33 });
    const bad = await graphFetch(`/${ig.page.id}`, { query: { fields: 'id,bogus' } });
    expect(bad.json!.error).toMatchObject({ code: 100, message: expect.stringContaining('(bogus)') });
  });

  it.each([
    ['a wrong client secret', { client_secret: 'nope' }, 1, undefined, 'Error validating client secret.'],
    ['an unknown code', { code: 'AQnot-a-code' }, 100, 36007, undefined],
    ['a redirect_uri mismatch', { redirect_uri: `${REDIRECT}/other` }, 100, 36008, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request'],
  ] as const)('rejects %s', async (_label, override, code, subcode, message) => {
    const issued = await obtainCode();
    const response = await exchange({ redirect_uri: REDIRECT, code: issued, ...override });
    expect(response.status).toBe(400);
    expect(response.json!.error).toMatchObject({ code, type: 'OAuthException', fbtrace_id: expect.any(String) });
    if (subcode) expect(response.json!.error.error_subcode).toBe(subcode);
    if (message) expect(response.json!.error.message).toBe(message);
    // A failed exchange leaves the code usable.
    expect((await exchange({ redirect_uri: REDIRECT, code: issued })).status).toBe(200);
  });

  it('codes are single-use', async () => {
    const code = await obtainCode();
    expect((await exchange({ redirect_uri: REDIRECT, code })).status).toBe(200);
    const again = await exchange({ redirect_uri: REDIRECT, code });
    expect(again.status).toBe(400);
    expect(again.json!.error).toMatchObject({ code: 100, error_subcode: 36009, message: 'This authorization code has been used.' });
  });

  it('codes expire after 10 minutes', async () => {
    const code = await obtainCode();
    ig.clock.advance(11 * MINUTE);
    expect((await exchange({ redirect_uri: REDIRECT, code })).json!.error).toMatchObject({ code: 100, error_subcode: 36007 });
  });

  it('refuses fb_exchange_token with a bad secret or an unknown token', async () => {
    const badSecret = await exchange({ grant_type: 'fb_exchange_token', fb_exchange_token: ig.user.token, client_secret: 'x' });
    expect(badSecret.json!.error).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    const badToken = await exchange({ grant_type: 'fb_exchange_token', fb_exchange_token: 'EAAjunk' });
    expect(badToken.json!.error).toMatchObject({ code: 190 });
  });
});

describe('tokens and appsecret_proof', () => {
  const proof = (token: string, secret = SECRET) => createHmac('sha256', secret).update(token).digest('hex');

  it('accepts a correct appsecret_proof and rejects a wrong one', async () => {
    const ok = await graphFetch('/me', { query: { appsecret_proof: proof(ig.page.token) } });
    expect(ok.status).toBe(200);
    const bad = await graphFetch('/me', { query: { appsecret_proof: proof(ig.page.token, 'other') } });
    expect(bad.status).toBe(400);
    expect(bad.json!.error).toMatchObject({ code: 100, type: 'GraphMethodException' });
  });

  it('answers 190 for an unknown token and 190/463 for an expired page token', async () => {
    expect((await graphFetch('/me', { token: 'EAAjunk' })).json!.error).toMatchObject({ code: 190, type: 'OAuthException' });
    ig.expireToken(ig.page.id);
    const expired = await send(text(IGSID, 'hi'));
    expect(expired.status).toBe(400);
    expect(expired.json!.error).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    expect((await graphFetch('/me', { token: ig.pages[1].token })).status).toBe(200);
    ig.restoreToken(ig.page.id);
    expect((await graphFetch('/me')).status).toBe(200);
  });

  it('answers scripted failures, optionally matched by path', async () => {
    ig.fail({ ...{ status: 400, code: 613, message: '(#613) Calls to this api have exceeded the rate limit.' }, match: { path: '/me/messages' } });
    expect((await graphFetch('/me')).status).toBe(200);
    const limited = await send(text(IGSID, 'x'));
    expect(limited.json!.error).toMatchObject({ code: 613 });
    ig.failNext('badGateway');
    const gateway = await graphFetch('/me');
    expect(gateway.status).toBe(502);
    expect(gateway.text).toContain('Bad Gateway');
  });
});

describe('subscribed_apps and webhooks', () => {
  it('subscribes a page, lists the subscription, and only then delivers webhooks', async () => {
    expect((await graphFetch(`/${ig.page.id}/subscribed_apps`)).json).toEqual({ data: [] });
    const skipped = await ig.customerWrites(IGSID, 'anyone there?');
    expect(skipped.skipped).toBe(true);
    expect(skipped.skipReason).toContain('subscribed_apps');
    expect(hook.received).toHaveLength(0);

    const sub = await graphFetch(`/${ig.page.id}/subscribed_apps`, {
      method: 'POST',
      query: { subscribed_fields: 'messages,messaging_postbacks,message_reactions,messaging_seen' },
    });
    expect(sub.json).toEqual({ success: true });
    const listed = await graphFetch(`/${ig.page.id}/subscribed_apps`);
    expect(listed.json!.data).toEqual([
      expect.objectContaining({ id: APP_ID, name: 'Chats', subscribed_fields: ['messages', 'messaging_postbacks', 'message_reactions', 'messaging_seen'] }),
    ]);

    const delivered = await ig.customerWrites(IGSID, 'hello?');
    expect(delivered.ok).toBe(true);
    expect(hook.received).toHaveLength(1);
  });

  it('requires the page token of that page', async () => {
    const userToken = await graphFetch(`/${ig.page.id}/subscribed_apps`, { method: 'POST', token: ig.user.token, query: { subscribed_fields: 'messages' } });
    expect(userToken.json!.error).toMatchObject({ code: 210 });
    const otherPage = await graphFetch(`/${ig.page.id}/subscribed_apps`, { method: 'POST', token: ig.pages[1].token, query: { subscribed_fields: 'messages' } });
    expect(otherPage.json!.error).toMatchObject({ code: 210 });
  });

  describe('when subscribed', () => {
    beforeEach(() => ig.subscribe(ig.page.id, ['messages']));

    it('signs the exact bytes, escaped the way Meta escapes them, in the instagram envelope', async () => {
      const delivery = await ig.customerWrites(IGSID, 'Café? 😊 https://example.com/x');
      const [webhook] = await hook.waitFor(1);
      expect(webhook.text).toContain('Caf\\u00e9? \\ud83d\\ude0a https:\\/\\/example.com\\/x');
      expect(webhook.text).toMatch(/^[\x00-\x7f]*$/);
      const signature = webhook.headers['x-hub-signature-256'] as string;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyMetaSignature(webhook.raw, signature, SECRET)).toBe(true);
      expect(verifyMetaSignature(Buffer.from(JSON.stringify(JSON.parse(webhook.text))), signature, SECRET)).toBe(false);
      expect(verifyMetaSignature(webhook.raw, signature, 'wrong-secret')).toBe(false);

      expect(JSON.parse(webhook.text)).toEqual({
        object: 'instagram',
        entry: [
          {
            id: ig.instagram.id,
            time: ig.clock.now(),
            messaging: [
              {
                sender: { id: IGSID },
                recipient: { id: ig.instagram.id },
                timestamp: ig.clock.now(),
                message: { mid: delivery.mid, text: 'Café? 😊 https://example.com/x' },
              },
            ],
          },
        ],
      });
    });

    it('carries attachments with Instagram CDN URLs', async () => {
      const delivery = await ig.customerWrites(IGSID, '', { attachments: [{ type: 'image' }, { type: 'audio' }] });
      const message = JSON.parse(delivery.body).entry[0].messaging[0].message;
      expect(message.text).toBeUndefined();
      expect(message.attachments).toEqual([
        { type: 'image', payload: { url: expect.stringMatching(/^https:\/\/lookaside\.fbsbx\.com\/ig_messaging_cdn\/\?asset_id=\d+/) } },
        { type: 'audio', payload: { url: expect.stringMatching(/^https:\/\/lookaside\.fbsbx\.com\/ig_messaging_cdn\//) } },
      ]);
    });

    it('sends seen receipts as read.mid and unsends as is_deleted', async () => {
      ig.subscribe(ig.page.id, ['messages', 'messaging_seen']);
      const { mid } = await ig.customerWrites(IGSID, 'hi');
      const seen = await ig.customerSees(IGSID, mid);
      const unsent = await ig.customerUnsends(IGSID, mid);
      expect(JSON.parse(seen.body).entry[0].messaging[0]).toEqual({
        sender: { id: IGSID },
        recipient: { id: ig.instagram.id },
        timestamp: ig.clock.now(),
        read: { mid },
      });
      expect(JSON.parse(unsent.body).entry[0].messaging[0].message).toEqual({ mid, is_deleted: true });
      expect(hook.received).toHaveLength(3);
    });

    it('retries a non-200 answer with the same bytes and signature', async () => {
      hook.respondNext(500, 2);
      const delivery = await ig.customerWrites(IGSID, 'retry me');
      expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
      expect(delivery.ok).toBe(true);
      expect(delivery.status).toBe(200);
      const [a, , c] = hook.received;
      expect(c.raw.equals(a.raw)).toBe(true);
      expect(c.headers['x-hub-signature-256']).toBe(a.headers['x-hub-signature-256']);
    });

    it('stops delivering once Meta unsubscribes the app', async () => {
      await ig.customerWrites(IGSID, 'one');
      ig.unsubscribe(ig.page.id);
      const after = await ig.customerWrites(IGSID, 'two');
      expect(after.skipped).toBe(true);
      expect(hook.received).toHaveLength(1);
      expect((await graphFetch(`/${ig.page.id}/subscribed_apps`)).json).toEqual({ data: [] });
    });

    it('can unsubscribe on its own after repeated failed deliveries', async () => {
      const flaky = await startFakeInstagramGraph({ appSecret: SECRET, webhookUrl: hook.url, webhookAttempts: 1, unsubscribeAfterFailures: 2, pages: [{ subscribed: true, instagram: {} }] });
      hook.respondNext(500, 2);
      await flaky.customerWrites(IGSID, '1');
      await flaky.customerWrites(IGSID, '2');
      expect((await flaky.customerWrites(IGSID, '3')).skipped).toBe(true);
      expect(flaky.page.subscribedFields.size).toBe(0);
      await flaky.stop();
    });
  });
});

describe('Send API', () => {
  beforeEach(async () => {
    ig.subscribe(ig.page.id, ['messages']);
    await ig.customerWrites(IGSID, 'hello');
    hook.received.length = 0;
  });

  it('answers {recipient_id, message_id}, records the call and the message', async () => {
    const response = await send(text(IGSID, 'hi there', { messaging_type: 'RESPONSE' }));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ recipient_id: IGSID, message_id: expect.any(String) });
    expect(ig.calls.at(-1)).toMatchObject({ method: 'POST', path: '/me/messages', token: ig.page.token, status: 200 });
    expect(ig.sent.at(-1)).toMatchObject({ igsid: IGSID, igId: ig.instagram.id, text: 'hi there', mid: response.json!.message_id });
  });

  it('accepts /{PAGE_ID}/messages and /{IG_ID}/messages, a Bearer token and any version', async () => {
    expect((await send(text(IGSID, 'a'), `/${ig.page.id}/messages`)).status).toBe(200);
    expect((await send(text(IGSID, 'b'), `/${ig.instagram.id}/messages`)).status).toBe(200);
    const r = await fetch(`${ig.url.replace(/v\d+\.\d+$/, 'v21.0')}/me/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ig.page.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(text(IGSID, 'c')),
    });
    expect(r.status).toBe(200);
    expect(ig.calls.at(-1)!.version).toBe('v21.0');
    expect((await send(text(IGSID, 'd'), `/${ig.pages[1].id}/messages`)).json!.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('emits an echo in the messages field with swapped ids, is_echo and the same mid', async () => {
    const response = await send({ ...text(IGSID, 'echo me'), message: { text: 'echo me', metadata: 'outbox-7' } });
    await ig.idle();
    const [webhook] = await hook.waitFor(1);
    const body = JSON.parse(webhook.text);
    expect(body.object).toBe('instagram');
    expect(body.entry[0].id).toBe(ig.instagram.id);
    expect(body.entry[0].messaging[0]).toEqual({
      sender: { id: ig.instagram.id },
      recipient: { id: IGSID },
      timestamp: ig.clock.now(),
      // metadata is not echoed by default: unconfirmed for Instagram.
      message: { mid: response.json!.message_id, text: 'echo me', is_echo: true },
    });
    expect(verifyMetaSignature(webhook.raw, webhook.headers['x-hub-signature-256'] as string, SECRET)).toBe(true);
  });

  it('echoes metadata only when echoMetadata is on', async () => {
    const withMeta = await startFakeInstagramGraph({ appSecret: SECRET, webhookUrl: hook.url, echoMetadata: true, pages: [{ subscribed: true, instagram: {} }] });
    await withMeta.customerWrites(IGSID, 'hi');
    await fetch(`${withMeta.url}/me/messages?access_token=${withMeta.page.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { id: IGSID }, message: { text: 'x', metadata: 'outbox-8' } }),
    });
    await withMeta.idle();
    await withMeta.stop();
    expect(JSON.parse(hook.received.at(-1)!.text).entry[0].messaging[0].message.metadata).toBe('outbox-8');
  });

  it('echoes attachments with their URL', async () => {
    await send({ recipient: { id: IGSID }, message: { attachment: { type: 'image', payload: { url: 'https://chats.example/a.png' } } } });
    await ig.idle();
    const event = JSON.parse(hook.received[0].text).entry[0].messaging[0];
    expect(event.message.attachments).toEqual([{ type: 'image', payload: { url: 'https://chats.example/a.png' } }]);
  });

  it('accepts sender actions alone and answers only recipient_id', async () => {
    for (const action of ['mark_seen', 'typing_on', 'typing_off']) {
      const response = await send({ recipient: { id: IGSID }, sender_action: action });
      expect(response.json).toEqual({ recipient_id: IGSID });
    }
    expect((await send({ recipient: { id: IGSID }, sender_action: 'react' })).json!.error).toMatchObject({ code: 100 });
    expect((await send({ ...text(IGSID, 'x'), sender_action: 'typing_on' })).json!.error).toMatchObject({ code: 100 });
    await ig.idle();
    expect(hook.received).toHaveLength(0);
    expect(ig.sent).toHaveLength(0);
  });

  describe('windows', () => {
    it('allows a normal reply at 23h59m', async () => {
      ig.clock.advance(23 * HOUR + 59 * MINUTE);
      expect((await send(text(IGSID, 'still ok', { messaging_type: 'RESPONSE' }))).status).toBe(200);
    });

    it('refuses a normal reply at 24h01m with 10/2018278', async () => {
      ig.clock.advance(24 * HOUR + MINUTE);
      const response = await send(text(IGSID, 'too late'));
      expect(response.status).toBe(400);
      expect(response.json!.error).toMatchObject({
        code: 10,
        error_subcode: 2018278,
        type: 'OAuthException',
        message: '(#10) This message is sent outside of allowed window.',
      });
    });

    it('allows HUMAN_AGENT at 6d23h and refuses it at 7d01m', async () => {
      ig.clock.advance(6 * DAY + 23 * HOUR);
      expect((await send(text(IGSID, 'agent here', humanAgent))).status).toBe(200);
      ig.clock.advance(HOUR + MINUTE);
      expect((await send(text(IGSID, 'agent again', humanAgent))).json!.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    });

    it('counts from the customer’s latest message', async () => {
      ig.clock.advance(30 * HOUR);
      await ig.customerWrites(IGSID, 'me again');
      ig.clock.advance(23 * HOUR);
      expect((await send(text(IGSID, 'fine'))).status).toBe(200);
    });

    it.each(['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'SHIPPING_UPDATE'])('refuses the %s tag even inside 24 h', async (tag) => {
      const response = await send(text(IGSID, 'x', { messaging_type: 'MESSAGE_TAG', tag }));
      expect(response.status).toBe(400);
      expect(response.json!.error).toMatchObject({ code: 100, message: '(#100) Tag is not supported for Instagram' });
    });
  });

  it('accepts 999 characters and refuses 1000 (characters, not UTF-16 units)', async () => {
    expect((await send(text(IGSID, 'a'.repeat(999)))).status).toBe(200);
    expect((await send(text(IGSID, '😊'.repeat(999)))).status).toBe(200);
    const long = await send(text(IGSID, 'a'.repeat(1000)));
    expect(long.status).toBe(400);
    expect(long.json!.error).toMatchObject({ code: 100, type: 'OAuthException' });
  });

  it.each([
    ['an unknown IGSID', text('1234567890', 'x'), 100, 2018001],
    ['no recipient', { message: { text: 'x' } }, 100, undefined],
    ['an empty text', text(IGSID, ''), 100, undefined],
    ['a tag without MESSAGE_TAG', text(IGSID, 'x', { tag: 'HUMAN_AGENT' }), 100, undefined],
    ['MESSAGE_TAG without a tag', text(IGSID, 'x', { messaging_type: 'MESSAGE_TAG' }), 100, undefined],
    ['a bad messaging_type', text(IGSID, 'x', { messaging_type: 'PROMO' }), 100, undefined],
    ['an attachment without url', { recipient: { id: IGSID }, message: { attachment: { type: 'image', payload: {} } } }, 100, undefined],
  ] as const)('rejects %s', async (_label, body, code, subcode) => {
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(response.json!.error).toMatchObject({ code, type: 'OAuthException', fbtrace_id: expect.any(String) });
    if (subcode) expect(response.json!.error.error_subcode).toBe(subcode);
    expect(ig.sent).toHaveLength(0);
  });

  it('refuses a DM to a commenter who never DMed, and to a page without Instagram', async () => {
    ig.addCommenter('9900000000000777', 'just_commented');
    const response = await send(text('9900000000000777', 'hi'));
    expect(response.json!.error).toMatchObject({ code: 100, error_subcode: 2018001, message: '(#100) No matching user found' });
    const noIg = await send(text(IGSID, 'hi'), '/me/messages', ig.pages[1].token);
    expect(noIg.json!.error).toMatchObject({ code: 100, error_subcode: 2018001 });
  });

  it('refuses a user token on the Send API', async () => {
    expect((await send(text(IGSID, 'x'), '/me/messages', ig.user.token)).json!.error).toMatchObject({ code: 210 });
  });
});

describe('user profile', () => {
  it('returns the profile of a customer who DMed', async () => {
    ig.addCustomer({ igsid: IGSID, name: 'Peter Chang', username: 'peter_chang_live', profilePic: 'https://scontent.example/p.jpg' });
    const response = await graphFetch(`/${IGSID}`, { query: { fields: 'name,username,profile_pic' } });
    expect(response.json).toEqual({ name: 'Peter Chang', username: 'peter_chang_live', profile_pic: 'https://scontent.example/p.jpg', id: IGSID });
  });

  it('answers 230 for a commenter who never DMed, until they do', async () => {
    ig.addCommenter('9900000000000777', 'just_commented');
    const response = await graphFetch('/9900000000000777', { query: { fields: 'name,username,profile_pic' } });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      error: { message: 'User consent is required to access user profile', type: 'OAuthException', code: 230, fbtrace_id: expect.any(String) },
    });

    await ig.customerWrites('9900000000000777', 'now I DM');
    const after = await graphFetch('/9900000000000777', { query: { fields: 'username' } });
    expect(after.json).toEqual({ username: 'just_commented', id: '9900000000000777' });
  });

  it('does not show a customer to another page', async () => {
    ig.addCustomer({ igsid: IGSID });
    const response = await graphFetch(`/${IGSID}`, { token: ig.pages[1].token, query: { fields: 'name' } });
    expect(response.json!.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
