import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyMetaSignature } from '../../channels/meta/signature';
import { parseMessengerWebhook } from '../../channels/messenger/parse-webhook';
import { eventDedupeKey } from '../../channels/types';
import { startFakeMetaGraph, type FakeMetaGraph } from './meta-graph';
import { startWebhookRecorder, type WebhookRecorder } from './webhook-recorder';

const SECRET = 'fake-app-secret';
const HOUR = 60 * 60 * 1000;
const PSID = '6543210987650777';

let graph: FakeMetaGraph;
let hook: WebhookRecorder;

beforeEach(async () => {
  hook = await startWebhookRecorder({ verifyToken: 'verify-me' });
  graph = await startFakeMetaGraph({
    appSecret: SECRET,
    webhookUrl: hook.url,
    now: Date.parse('2026-06-01T09:00:00Z'),
    webhookRetryDelayMs: 10,
    pages: [{ id: '107538155271623', name: 'Acme Support', token: 'EAA-acme' }, { id: '209876543210987', name: 'Acme Sales', token: 'EAA-sales' }],
  });
});

afterEach(async () => {
  await graph.stop();
  await hook.stop();
});

/** Calls the fake Graph API like any client would. */
async function graphFetch(path: string, init: { method?: string; token?: string | null; body?: unknown; bearer?: boolean; form?: boolean } = {}) {
  const url = new URL(`${graph.url}${path}`);
  const token = init.token === undefined ? 'EAA-acme' : init.token;
  const headers: Record<string, string> = {};
  if (token && init.bearer) headers.authorization = `Bearer ${token}`;
  else if (token) url.searchParams.set('access_token', token);
  let body: string | undefined;
  if (init.body !== undefined && init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(init.body as Record<string, unknown>)) form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    body = form.toString();
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

const send = (body: unknown, token?: string) => graphFetch('/me/messages', { body, token });
const text = (psid: string, t: string, extra: Record<string, unknown> = {}) => ({
  recipient: { id: psid },
  messaging_type: 'RESPONSE',
  message: { text: t },
  ...extra,
});

describe('webhook emission', () => {
  it('passes the GET handshake only with the right verify token', async () => {
    await expect(graph.verifyWebhook('verify-me')).resolves.toMatchObject({ ok: true, status: 200 });
    await expect(graph.verifyWebhook('wrong')).resolves.toMatchObject({ ok: false, status: 403 });
  });

  it('signs the exact bytes it sends, escaped the way Meta escapes them', async () => {
    await graph.customerWrites(PSID, 'Café? 😊 https://example.com/x');
    const [webhook] = await hook.waitFor(1);

    expect(webhook.text).toContain('Caf\\u00e9? \\ud83d\\ude0a https:\\/\\/example.com\\/x');
    expect(webhook.headers['content-type']).toBe('application/json');
    expect(webhook.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
    const signature = webhook.headers['x-hub-signature-256'] as string;
    expect(verifyMetaSignature(webhook.raw, signature, SECRET)).toBe(true);
    expect(verifyMetaSignature(Buffer.from(JSON.stringify(JSON.parse(webhook.text))), signature, SECRET)).toBe(false);

    expect(parseMessengerWebhook(JSON.parse(webhook.text))).toMatchObject([
      { type: 'message', channelExternalId: '107538155271623', contactExternalId: PSID, text: 'Café? 😊 https://example.com/x' },
    ]);
  });

  it('batches several pages and several events into one POST', async () => {
    const other = graph.addCustomer({ psid: '7000000000000042', pageId: '209876543210987' });
    const delivery = await graph.emit([
      graph.events.message(PSID, 'one'),
      graph.events.message(PSID, 'two'),
      graph.events.message(other.psid, 'three'),
      graph.events.postback(PSID, { title: 'Get Started' }),
    ]);
    expect(delivery.ok).toBe(true);
    const body = JSON.parse(delivery.body);
    expect(body.entry.map((e: { id: string; messaging: unknown[] }) => [e.id, e.messaging.length])).toEqual([
      ['107538155271623', 2],
      ['209876543210987', 1],
      ['107538155271623', 1],
    ]);
    expect(parseMessengerWebhook(body).map((e) => e.type === 'message' && e.text)).toEqual(['one', 'two', 'three', 'Get Started']);
  });

  it('can also put each event in its own entry, or in standby[]', async () => {
    const delivery = await graph.emit([graph.events.message(PSID, 'a'), graph.events.message(PSID, 'b', { standby: true })], {
      separateEntries: true,
    });
    const body = JSON.parse(delivery.body);
    expect(body.entry).toHaveLength(2);
    expect(body.entry[1].standby).toHaveLength(1);
  });

  it('re-delivers the same bytes and signature, so dedupe keys repeat', async () => {
    const first = await graph.customerWrites(PSID, 'again?');
    const second = await graph.redeliver(first);
    const [a, b] = await hook.waitFor(2);
    expect(b.text).toBe(a.text);
    expect(b.headers['x-hub-signature-256']).toBe(a.headers['x-hub-signature-256']);
    expect(second.body).toBe(first.body);
    const key = (raw: string) => eventDedupeKey(parseMessengerWebhook(JSON.parse(raw))[0]);
    expect(key(b.text)).toBe(key(a.text));
  });

  it('retries a non-200 answer with the same body and signature', async () => {
    hook.respondNext(500);
    const delivery = await graph.customerWrites(PSID, 'retry me');
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(delivery.ok).toBe(true);
    const [a, b] = hook.received;
    expect(b.raw.equals(a.raw)).toBe(true);
    expect(b.headers['x-hub-signature-256']).toBe(a.headers['x-hub-signature-256']);
  });

  it('treats a slow answer as a failure and retries', async () => {
    const slow = await startFakeMetaGraph({ appSecret: SECRET, webhookUrl: hook.url, webhookTimeoutMs: 100, webhookRetryDelayMs: 0 });
    hook.delayNext(300);
    const delivery = await slow.customerWrites(PSID, 'slow');
    await slow.stop();
    expect(delivery.attempts[0].error).toBeDefined();
    expect(delivery.attempts.at(-1)!.status).toBe(200);
  });

  it('can unsubscribe a page after repeated failures, until it subscribes again', async () => {
    const flaky = await startFakeMetaGraph({ appSecret: SECRET, webhookUrl: hook.url, webhookAttempts: 1, unsubscribeAfterFailures: 2 });
    hook.respondNext(500, 2);
    await flaky.customerWrites(PSID, '1');
    await flaky.customerWrites(PSID, '2');
    const third = await flaky.customerWrites(PSID, '3');
    expect(third.skipped).toBe(true);
    expect(flaky.page.subscribedFields.size).toBe(0);
    await flaky.stop();
  });

  it('can sign with another secret, to test that our route rejects it', async () => {
    const delivery = await graph.customerWrites(PSID, 'x');
    const forged = await graph.emit([graph.events.message(PSID, 'x')], { appSecret: 'not-the-secret' });
    expect(verifyMetaSignature(Buffer.from(delivery.body), delivery.signature, SECRET)).toBe(true);
    expect(verifyMetaSignature(Buffer.from(forged.body), forged.signature, SECRET)).toBe(false);
  });

  it('sends delivery receipts for undelivered sends and read receipts with a watermark', async () => {
    await graph.customerWrites(PSID, 'hi');
    graph.setEchoes(false);
    const a = await send(text(PSID, 'one'));
    const b = await send(text(PSID, 'two'));
    graph.clock.advance(1000);
    const delivery = await graph.deliver(PSID);
    const read = await graph.read(PSID);

    expect(parseMessengerWebhook(JSON.parse(delivery.body))).toMatchObject([
      { type: 'delivery', providerMessageIds: [a.json!.message_id, b.json!.message_id], watermark: new Date(graph.clock.now()) },
    ]);
    expect(parseMessengerWebhook(JSON.parse(read.body))).toMatchObject([{ type: 'read', watermark: new Date(graph.clock.now()) }]);
    const again = await graph.deliver(PSID);
    expect(JSON.parse(again.body).entry[0].messaging[0].delivery.mids).toEqual([]);
  });

  it('only sends fields the page is subscribed to', async () => {
    graph.page.subscribedFields.delete('message_reads');
    const delivery = await graph.read(PSID);
    expect(delivery.skipped).toBe(true);
    expect(hook.received).toHaveLength(0);
  });
});

describe('Send API', () => {
  beforeEach(async () => {
    await graph.customerWrites(PSID, 'hello');
    hook.received.length = 0;
  });

  it('answers {recipient_id, message_id} and records the call', async () => {
    const response = await send(text(PSID, 'hi there'));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ recipient_id: PSID, message_id: expect.stringMatching(/^m_/) });
    expect(graph.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/me/messages',
      query: { access_token: 'EAA-acme' },
      body: text(PSID, 'hi there'),
      status: 200,
    });
  });

  it('accepts any version prefix, a Bearer token, /{page-id}/messages and form bodies', async () => {
    const url = graph.url.replace(/v\d+\.\d+$/, 'v19.0');
    const r = await fetch(`${url}/107538155271623/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer EAA-acme', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ recipient: JSON.stringify({ id: PSID }), messaging_type: 'UPDATE', message: '{"text":"form"}' }),
    });
    expect(r.status).toBe(200);
    expect(graph.calls.at(-1)!.version).toBe('v19.0');
    expect(graph.sent.at(-1)).toMatchObject({ text: 'form', messagingType: 'UPDATE' });
  });

  it('emits an echo with sender and recipient swapped, app_id and metadata', async () => {
    const response = await send({ ...text(PSID, 'echo me'), message: { text: 'echo me', metadata: 'outbox-7' } });
    await graph.idle();
    const [webhook] = await hook.waitFor(1);
    const event = JSON.parse(webhook.text).entry[0].messaging[0];
    expect(event).toEqual({
      sender: { id: '107538155271623' },
      recipient: { id: PSID },
      timestamp: graph.clock.now(),
      message: { is_echo: true, app_id: Number(graph.appId), metadata: 'outbox-7', mid: response.json!.message_id, text: 'echo me' },
    });
  });

  it('can deliver the echo before answering the send, as Meta sometimes does', async () => {
    const racing = await startFakeMetaGraph({ appSecret: SECRET, webhookUrl: hook.url, echoTiming: 'before-response' });
    await racing.customerWrites(PSID, 'hi');
    const countBefore = hook.received.length;
    const r = await fetch(`${racing.url}/me/messages?access_token=${racing.page.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(text(PSID, 'fast echo')),
    });
    expect(r.status).toBe(200);
    expect(hook.received.length).toBe(countBefore + 1);
    await racing.stop();
  });

  it('sends no echo when echoes are off', async () => {
    graph.setEchoes(false);
    await send(text(PSID, 'quiet'));
    await graph.idle();
    expect(hook.received).toHaveLength(0);
  });

  it.each([
    ['an unknown PSID', text('123', 'x'), 100, 2018001],
    ['a PSID of another page', text(PSID, 'x'), 100, 2018001, 'EAA-sales'],
    ['a bad messaging_type', text(PSID, 'x', { messaging_type: 'PROMO' }), 100],
    ['no messaging_type', { recipient: { id: PSID }, message: { text: 'x' } }, 100],
    ['a tag without MESSAGE_TAG', text(PSID, 'x', { tag: 'HUMAN_AGENT' }), 100],
    ['MESSAGE_TAG without a tag', text(PSID, 'x', { messaging_type: 'MESSAGE_TAG' }), 100],
    ['a retired tag', text(PSID, 'x', { messaging_type: 'MESSAGE_TAG', tag: 'SHIPPING_UPDATE' }), 100],
    ['2000 characters of text', text(PSID, 'a'.repeat(2000)), 100],
    ['sender_action with a message', { ...text(PSID, 'x'), sender_action: 'typing_on' }, 100],
    ['text and attachment together', { ...text(PSID, 'x'), message: { text: 'x', attachment: { type: 'image', payload: { url: 'https://a/b.png' } } } }, 100],
    ['an attachment without url', { ...text(PSID, ''), message: { attachment: { type: 'image', payload: {} } } }, 100],
    ['no recipient', { messaging_type: 'RESPONSE', message: { text: 'x' } }, 100],
  ])('rejects %s', async (_label, body, code, subcode?, token?) => {
    const response = await send(body, token);
    expect(response.status).toBe(400);
    expect(response.json!.error).toMatchObject({ code, type: 'OAuthException' });
    if (subcode) expect(response.json!.error.error_subcode).toBe(subcode);
    expect(graph.sent).toHaveLength(0);
  });

  it('accepts 1999 characters and counts characters, not UTF-16 units', async () => {
    expect((await send(text(PSID, 'a'.repeat(1999)))).status).toBe(200);
    expect((await send(text(PSID, '😊'.repeat(1999)))).status).toBe(200);
  });

  it('answers sender actions with only recipient_id', async () => {
    const response = await send({ recipient: { id: PSID }, sender_action: 'typing_on' });
    expect(response.json).toEqual({ recipient_id: PSID });
  });

  it('requires a valid token', async () => {
    expect((await send(text(PSID, 'x'), 'nope')).json!.error.code).toBe(190);
    expect((await graphFetch('/me/messages', { body: text(PSID, 'x'), token: null })).json!.error.code).toBe(104);
  });
});

describe('messaging windows', () => {
  beforeEach(async () => {
    await graph.customerWrites(PSID, 'hello');
  });

  const windowClosed = { code: 10, error_subcode: 2018278 };

  it('allows RESPONSE and UPDATE for 24 hours after the customer last wrote', async () => {
    graph.clock.advance(24 * HOUR);
    expect((await send(text(PSID, 'just in time'))).status).toBe(200);
    expect((await send(text(PSID, 'update', { messaging_type: 'UPDATE' }))).status).toBe(200);
    graph.clock.advance(1);
    expect((await send(text(PSID, 'late'))).json!.error).toMatchObject(windowClosed);
    expect((await send(text(PSID, 'late', { messaging_type: 'UPDATE' }))).json!.error).toMatchObject(windowClosed);
  });

  it('allows HUMAN_AGENT for 7 days', async () => {
    const human = (t: string) => text(PSID, t, { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    graph.clock.advance(7 * 24 * HOUR);
    expect((await send(human('agent'))).status).toBe(200);
    graph.clock.advance(1);
    expect((await send(human('too late'))).json!.error).toMatchObject(windowClosed);
  });

  it('lets the other tags through outside the window', async () => {
    graph.clock.advance(30 * 24 * HOUR);
    expect((await send(text(PSID, 'your order shipped', { messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' }))).status).toBe(200);
  });

  it('reopens the window when the customer writes again (or taps a button)', async () => {
    graph.clock.advance(48 * HOUR);
    await graph.postback(PSID, { title: 'Talk to us' });
    expect((await send(text(PSID, 'welcome back'))).status).toBe(200);
  });

  it('treats a customer who never wrote as outside the window', async () => {
    graph.addCustomer({ psid: '111' });
    expect((await send(text('111', 'cold'))).json!.error).toMatchObject(windowClosed);
  });
});

describe('scripted failures', () => {
  beforeEach(async () => {
    await graph.customerWrites(PSID, 'hello');
  });

  it('fails the next N matching calls and then recovers', async () => {
    graph.failNext('rateLimitApp', 2);
    expect((await send(text(PSID, '1'))).json!.error.code).toBe(4);
    expect((await send(text(PSID, '2'))).json!.error.code).toBe(4);
    expect((await send(text(PSID, '3'))).status).toBe(200);
  });

  it.each([
    ['tokenExpired', 400, 190],
    ['userUnavailable', 400, 551],
    ['rateLimitCalls', 400, 613],
    ['unexpected', 500, 2],
    ['sendFailure', 400, 1200],
  ] as const)('%s answers HTTP %i with code %i', async (name, status, code) => {
    graph.failNext(name);
    const response = await send(text(PSID, 'x'));
    expect(response.status).toBe(status);
    expect(response.json!.error.code).toBe(code);
  });

  it('can answer a raw non-JSON 5xx body', async () => {
    graph.failNext('badGateway');
    const response = await fetch(`${graph.url}/me/messages?access_token=EAA-acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(text(PSID, 'x')),
    });
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/^<html>/);
    expect(graph.sent).toHaveLength(0);
  });

  it('only hits calls that match', async () => {
    graph.failNext({ code: 190, message: 'expired', match: { method: 'GET', path: /^\/\d+$/ } });
    expect((await send(text(PSID, 'x'))).status).toBe(200);
    expect((await graphFetch(`/${PSID}?fields=first_name`)).json!.error.code).toBe(190);
  });
});

describe('profiles and pages', () => {
  beforeEach(() => {
    graph.addCustomer({ psid: PSID, firstName: 'Ana', lastName: 'Silva', profilePic: 'https://lookaside.example/pic' });
  });

  it('returns the requested profile fields, escaped like Graph does', async () => {
    const r = await graphFetch(`/${PSID}?fields=first_name,last_name,profile_pic`);
    expect(r.json).toEqual({ first_name: 'Ana', last_name: 'Silva', profile_pic: 'https://lookaside.example/pic', id: PSID });
    expect(r.text).toContain('https:\\/\\/lookaside.example\\/pic');
  });

  it('answers private users with {} or with error 2018218', async () => {
    graph.setPrivate(PSID, 'empty');
    expect((await graphFetch(`/${PSID}?fields=first_name`)).json).toEqual({});
    graph.setPrivate(PSID);
    expect((await graphFetch(`/${PSID}?fields=first_name`)).json!.error).toMatchObject({ code: 100, error_subcode: 2018218 });
  });

  it('rejects unknown fields and unknown ids', async () => {
    expect((await graphFetch(`/${PSID}?fields=first_nam`)).json!.error.code).toBe(100);
    expect((await graphFetch('/42?fields=first_name')).json!.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('reads a page and manages its subscription', async () => {
    expect((await graphFetch('/107538155271623?fields=id,name')).json).toEqual({ id: '107538155271623', name: 'Acme Support' });
    const r = await graphFetch('/107538155271623/subscribed_apps?subscribed_fields=messages,message_echoes', { method: 'POST' });
    expect(r.json).toEqual({ success: true });
    expect([...graph.page.subscribedFields]).toEqual(['messages', 'message_echoes']);
    expect((await graphFetch('/107538155271623/subscribed_apps')).json!.data[0].subscribed_fields).toEqual(['messages', 'message_echoes']);
    expect((await graphFetch('/209876543210987/subscribed_apps?subscribed_fields=messages', { method: 'POST' })).json!.error.code).toBe(210);
  });
});
