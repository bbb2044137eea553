import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyMetaSignature } from '../../channels/meta/signature';
import { eventDedupeKey } from '../../channels/types';
import { parseWhatsAppWebhook } from '../../channels/whatsapp/parse-webhook';
import { startFakeWhatsApp, type FakeWhatsApp } from './whatsapp-cloud';
import { startWebhookRecorder, type WebhookRecorder } from './webhook-recorder';

const SECRET = 'fake-app-secret';
const HOUR = 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T09:00:00Z');
const CUSTOMER = '16505551234';

let wa: FakeWhatsApp;
let hook: WebhookRecorder;

beforeEach(async () => {
  hook = await startWebhookRecorder({ verifyToken: 'verify-me', path: '/api/webhooks/whatsapp' });
  wa = await startFakeWhatsApp({
    appSecret: SECRET,
    webhookUrl: hook.url,
    now: NOW,
    token: 'EAA-wa-token',
    webhookRetryDelayMs: 10,
  });
  wa.addCustomer({ waId: CUSTOMER, name: 'Sheena Nelson' });
});

afterEach(async () => {
  await wa.stop();
  await hook.stop();
});

/** Calls the fake like any client would. */
async function api(path: string, init: { method?: string; token?: string | null; body?: unknown; queryToken?: boolean } = {}) {
  const url = new URL(path.startsWith('http') ? path : `${wa.url}${path}`);
  const token = init.token === undefined ? 'EAA-wa-token' : init.token;
  const headers: Record<string, string> = {};
  if (token && init.queryToken) url.searchParams.set('access_token', token);
  else if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const buffer = Buffer.from(await response.arrayBuffer());
  const text = buffer.toString('utf8');
  let json: Record<string, any> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, buffer, text, json };
}

const send = (body: Record<string, unknown>, token?: string | null) =>
  api(`/${wa.phoneNumberId}/messages`, { body: { messaging_product: 'whatsapp', to: CUSTOMER, ...body }, token });
const sendText = (text: string, extra: Record<string, unknown> = {}) => send({ type: 'text', text: { body: text }, ...extra });
const template = (name: string, language: string, params: string[]) => ({
  type: 'template',
  template: { name, language: { code: language }, components: params.length ? [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }] : undefined },
});

/** The parsed body of every webhook POST received so far. */
function bodies(): any[] {
  return hook.received.map((r) => JSON.parse(r.text));
}

function statusesReceived(): Array<{ status: string; timestamp: string }> {
  return bodies().flatMap((b) => b.entry.flatMap((e: any) => e.changes.flatMap((c: any) => c.value.statuses ?? [])));
}

describe('fake WhatsApp: webhooks look and sign like Meta’s', () => {
  it('answers the GET verification handshake against the webhook', async () => {
    expect(await wa.verifyWebhook('verify-me')).toMatchObject({ ok: true, status: 200 });
    expect(await wa.verifyWebhook('wrong')).toMatchObject({ ok: false, status: 403 });
  });

  it('signs the exact escaped bytes with X-Hub-Signature-256, routes by phone_number_id, uses seconds and wamids', async () => {
    const delivery = await wa.customerSends(CUSTOMER, 'Olá, café? https://x.example/a');
    const [post] = await hook.waitFor(1);

    expect(post.text).toBe(delivery.body);
    expect(post.text).toContain('Ol\\u00e1, caf\\u00e9? https:\\/\\/x.example\\/a');
    expect(/^[\x00-\x7f]*$/.test(post.text)).toBe(true);
    expect(verifyMetaSignature(post.raw, String(post.headers['x-hub-signature-256']), SECRET)).toBe(true);
    expect(post.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);

    const body = JSON.parse(post.text);
    expect(body.object).toBe('whatsapp_business_account');
    expect(body.entry[0].id).toBe(wa.wabaId);
    const value = body.entry[0].changes[0].value;
    expect(body.entry[0].changes[0].field).toBe('messages');
    expect(value.metadata).toEqual({ display_phone_number: wa.displayPhoneNumber, phone_number_id: wa.phoneNumberId });
    expect(value.contacts).toEqual([{ profile: { name: 'Sheena Nelson' }, wa_id: CUSTOMER }]);
    expect(value.messages[0]).toMatchObject({ from: CUSTOMER, type: 'text', text: { body: 'Olá, café? https://x.example/a' } });
    expect(value.messages[0].id).toMatch(/^wamid\./);
    expect(value.messages[0].timestamp).toBe(String(NOW / 1000));
  });

  it('sends statuses without contacts[]', async () => {
    await wa.customerSends(CUSTOMER, 'hi');
    wa.setAutoStatuses(false);
    const { json } = await sendText('hello');
    await wa.sendStatus(json!.messages[0].id, 'delivered');
    const value = bodies()[1].entry[0].changes[0].value;
    expect(value.contacts).toBeUndefined();
    expect(value.statuses).toEqual([
      {
        id: json!.messages[0].id,
        status: 'delivered',
        timestamp: String(NOW / 1000),
        recipient_id: CUSTOMER,
        pricing: { billable: false, pricing_model: 'PMP', category: 'service' },
      },
    ]);
  });

  it('emits voice notes as audio with voice: true and Opus mime type, plus documents, images and unsupported', async () => {
    const events = [
      wa.events.message(CUSTOMER, { type: 'voice' }),
      wa.events.message(CUSTOMER, { type: 'document', filename: 'invoice.pdf', caption: 'June' }),
      wa.events.message(CUSTOMER, { type: 'image', caption: 'broken box' }),
      wa.events.message(CUSTOMER, { type: 'unsupported' }),
    ];
    await wa.emit(events);
    const messages = bodies()[0].entry[0].changes[0].value.messages;
    expect(messages.map((m: any) => m.type)).toEqual(['audio', 'document', 'image', 'unsupported']);
    expect(messages[0].audio).toMatchObject({ voice: true, mime_type: 'audio/ogg; codecs=opus' });
    expect(messages[0].audio.url).toMatch(/\/whatsapp_business\/attachments\//);
    expect(messages[1].document).toMatchObject({ filename: 'invoice.pdf', caption: 'June', mime_type: 'application/pdf' });
    expect(messages[3].errors[0].code).toBe(131051);
    // One contact for the four messages of one customer.
    expect(bodies()[0].entry[0].changes[0].value.contacts).toHaveLength(1);

    const parsed = parseWhatsAppWebhook(bodies()[0]);
    expect(parsed.map((e) => e.type === 'message' && e.attachments[0]?.kind)).toEqual(['audio', 'file', 'image', 'other']);
  });

  it('can emit the 2026 username variant: user_id and username, no wa_id or from', async () => {
    wa.customers.get(CUSTOMER)!.username = 'sheena.n';
    await wa.customerSends(CUSTOMER, 'hi', { bsuid: true });
    const value = bodies()[0].entry[0].changes[0].value;
    expect(value.contacts[0].wa_id).toBeUndefined();
    expect(value.contacts[0]).toMatchObject({ profile: { name: 'Sheena Nelson', username: 'sheena.n' }, user_id: expect.stringMatching(/^US\.\d+$/) });
    expect(value.messages[0].from).toBeUndefined();
    expect(value.messages[0].from_user_id).toBe(value.contacts[0].user_id);
  });

  it('batches: several changes in one entry, one entry per change, and fields the app must skip', async () => {
    wa.setAutoStatuses(false);
    await wa.customerSends(CUSTOMER, 'first');
    const { json } = await sendText('reply');
    const wamid = json!.messages[0].id;
    const events = [wa.events.message(CUSTOMER, 'second'), wa.events.status(wamid, 'delivered'), wa.events.message('447700900456', 'other person')];
    await wa.emit(events, { extraChanges: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_name: 'order_update' } }] });
    await wa.emit(events, { separateEntries: true });

    const [, batched, separate] = bodies();
    expect(batched.entry).toHaveLength(1);
    expect(batched.entry[0].changes.map((c: any) => c.field)).toEqual(['messages', 'messages', 'messages', 'message_template_status_update']);
    expect(separate.entry).toHaveLength(3);
    expect(parseWhatsAppWebhook(batched).map((e) => e.type)).toEqual(['message', 'delivery', 'message']);
  });

  it('retries a non-2xx answer with the same bytes and signature, and can redeliver', async () => {
    hook.respondNext(500, 2);
    const delivery = await wa.customerSends(CUSTOMER, 'hello?');
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(delivery.ok).toBe(true);
    const again = await wa.redeliver(delivery);
    expect(again.ok).toBe(true);
    const received = hook.received;
    expect(new Set(received.map((r) => r.text)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers['x-hub-signature-256'])).size).toBe(1);
    // The app's dedupe sees one message.
    expect(new Set(received.map((r) => eventDedupeKey(parseWhatsAppWebhook(JSON.parse(r.text))[0]))).size).toBe(1);
  });

  it('can sign with another secret so signature rejection can be tested', async () => {
    await wa.customerSends(CUSTOMER, 'x');
    await wa.emit([wa.events.message(CUSTOMER, 'forged')], { appSecret: 'not-the-secret' });
    const [good, forged] = hook.received;
    expect(verifyMetaSignature(good.raw, String(good.headers['x-hub-signature-256']), SECRET)).toBe(true);
    expect(verifyMetaSignature(forged.raw, String(forged.headers['x-hub-signature-256']), SECRET)).toBe(false);
  });
});

describe('fake WhatsApp: sending', () => {
  beforeEach(async () => {
    await wa.customerSends(CUSTOMER, 'Hi');
    hook.received.length = 0;
  });

  it('answers Meta’s success shape and records the send', async () => {
    const { status, json } = await sendText('Hello!', { biz_opaque_callback_data: 'outbox-1' });
    expect(status).toBe(200);
    expect(json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: CUSTOMER, wa_id: CUSTOMER }], messages: [{ id: wa.sent[0].wamid }] });
    expect(wa.sent[0]).toMatchObject({ to: CUSTOMER, type: 'text', text: 'Hello!', callbackData: 'outbox-1', at: NOW });
  });

  it('requires messaging_product, a recipient and a valid body', async () => {
    const missingProduct = await api(`/${wa.phoneNumberId}/messages`, { body: { to: CUSTOMER, type: 'text', text: { body: 'x' } } });
    expect(missingProduct.status).toBe(400);
    expect(missingProduct.json!.error).toMatchObject({ code: 100, type: 'OAuthException', error_data: { messaging_product: 'whatsapp' } });
    expect(missingProduct.json!.error.fbtrace_id).toBeTruthy();
    expect((await send({ to: undefined, type: 'text', text: { body: 'x' } })).json!.error.code).toBe(100);
    expect((await sendText('')).json!.error.code).toBe(100);
    expect((await sendText('x'.repeat(4097))).json!.error.code).toBe(100);
    expect((await send({ type: 'image', image: {} })).json!.error.code).toBe(100);
    expect((await send({ type: 'image', image: { link: 'https://example.com/a.jpg' } })).status).toBe(200);
    expect((await api('/999/messages', { body: { messaging_product: 'whatsapp', to: CUSTOMER, text: { body: 'x' } } })).json!.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });

  it('checks the token: Bearer or access_token, 190 with HTTP 401 when wrong or expired', async () => {
    expect((await api(`/${wa.phoneNumberId}`, { queryToken: true })).status).toBe(200);
    const missing = await api(`/${wa.phoneNumberId}`, { token: null });
    expect(missing.json!.error.code).toBe(104);
    const wrong = await api(`/${wa.phoneNumberId}`, { token: 'EAA-other' });
    expect(wrong.status).toBe(401);
    expect(wrong.json!.error.code).toBe(190);
    wa.expireToken();
    const expired = await api(`/${wa.phoneNumberId}`);
    expect(expired).toMatchObject({ status: 401 });
    expect(expired.json!.error).toMatchObject({ code: 190, error_subcode: 463 });
    wa.restoreToken();
    expect((await api(`/${wa.phoneNumberId}`)).status).toBe(200);
  });

  it('emits sent → delivered after a send, each with its own timestamp, after the response', async () => {
    const { json } = await sendText('Hello!');
    await wa.idle();
    const statuses = statusesReceived();
    expect(statuses.map((s) => [s.status, s.timestamp])).toEqual([
      ['sent', String(NOW / 1000)],
      ['delivered', String(NOW / 1000 + 1)],
    ]);
    expect(wa.sent[0]).toMatchObject({ statuses: ['sent', 'delivered'], status: 'delivered' });
    expect(statusesReceived().every((s: any) => s.id === json!.messages[0].id)).toBe(true);
  });

  it('can go on to read, skip delivered, reverse the order and send every status twice', async () => {
    wa.setAutoStatuses({ upTo: 'read', skipDelivered: true, order: 'reversed', duplicate: true });
    await sendText('Hello!');
    await wa.idle();
    expect(statusesReceived().map((s) => s.status)).toEqual(['read', 'read', 'sent', 'sent']);
    expect(wa.sent[0].status).toBe('read');
    // Out of order on the wire, yet each status keeps the time it happened.
    const events = hook.received.flatMap((r) => parseWhatsAppWebhook(JSON.parse(r.text)));
    expect(events.map((e) => e.type)).toEqual(['read', 'read']);
    expect(eventDedupeKey(events[0])).toBe(eventDedupeKey(events[1]));
  });

  it('sends any statuses you ask for, in any order, with timestamps in their real order', async () => {
    wa.setAutoStatuses(false);
    const { json } = await sendText('Hello!');
    const wamid = json!.messages[0].id;
    await wa.sendStatuses(wamid, ['read', 'delivered', 'delivered', 'sent']);
    expect(statusesReceived().map((s) => [s.status, Number(s.timestamp) - NOW / 1000])).toEqual([
      ['read', 2],
      ['delivered', 1],
      ['delivered', 1],
      ['sent', 0],
    ]);
    expect(wa.sent[0].status).toBe('read');
  });

  it('sends failed statuses with errors[] on request', async () => {
    wa.setAutoStatuses(false);
    const { json } = await sendText('Hello!', { biz_opaque_callback_data: 'outbox-9' });
    await wa.failMessage(json!.messages[0].id, 'undeliverable');
    const [status] = statusesReceived() as any[];
    expect(status).toMatchObject({
      status: 'failed',
      biz_opaque_callback_data: 'outbox-9',
      errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }],
    });
    expect(wa.sent[0].status).toBe('failed');
  });
});

describe('fake WhatsApp: the 24-hour customer service window', () => {
  it('refuses free-form messages to someone who never wrote, but allows templates', async () => {
    const text = await sendText('Hi there');
    expect(text.status).toBe(400);
    expect(text.json!.error).toMatchObject({
      code: 131047,
      message: '(#131047) Re-engagement message',
      error_data: { details: expect.stringContaining('more than 24 hours') },
    });
    expect((await send(template('hello_world', 'en_US', []))).status).toBe(200);
  });

  it('opens the window with any inbound message and closes it 24 hours later', async () => {
    await wa.customerSends(CUSTOMER, 'hi');
    wa.clock.advance(24 * HOUR);
    expect((await sendText('still inside')).status).toBe(200);
    wa.clock.advance(1000);
    expect((await sendText('too late')).json!.error.code).toBe(131047);
    await wa.customerSends(CUSTOMER, { type: 'reaction', messageId: wa.sent[0].wamid, emoji: '👍' });
    expect((await sendText('reopened by a reaction')).status).toBe(200);
  });

  it('in async mode accepts the send and reports 131047 as a failed status', async () => {
    wa.setWindowMode('async');
    const { status, json } = await sendText('Hi there');
    expect(status).toBe(200);
    await wa.idle();
    const [failed] = statusesReceived() as any[];
    expect(failed).toMatchObject({ id: json!.messages[0].id, status: 'failed', errors: [{ code: 131047, title: 'Re-engagement message' }] });
    expect(parseWhatsAppWebhook(bodies()[0])).toMatchObject([{ type: 'failed', error: { kind: 'window' } }]);
  });

  it('accepts sends to unreachable numbers and fails them with 131026 afterwards', async () => {
    wa.customers.get(CUSTOMER)!.reachable = false;
    const { status } = await send(template('hello_world', 'en_US', []));
    expect(status).toBe(200);
    await wa.idle();
    expect(statusesReceived()).toMatchObject([{ status: 'failed', errors: [{ code: 131026 }] }]);
  });
});

describe('fake WhatsApp: templates', () => {
  it('lists the catalogue in Meta’s shape, with paging', async () => {
    const { json } = await api(`/${wa.wabaId}/message_templates?limit=2`);
    expect(json!.data).toHaveLength(2);
    expect(json!.data[1]).toMatchObject({
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      parameter_format: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} is on its way.' }],
    });
    expect(json!.paging.next).toContain('after=');
    const next = await api(`/${wa.wabaId}/message_templates?limit=2&after=${json!.paging.cursors.after}`);
    expect(next.json!.data.map((t: any) => [t.name, t.status])).toEqual([
      ['order_update', 'APPROVED'],
      ['summer_sale', 'REJECTED'],
    ]);
    expect(next.json!.paging.next).toBeUndefined();
  });

  it('checks name, language and parameter count (132001 / 132000)', async () => {
    expect((await send(template('order_update', 'en_US', ['Asha', 'ORD-1']))).status).toBe(200);
    expect((await send(template('order_update', 'en_US', ['Asha']))).json!.error).toMatchObject({
      code: 132000,
      error_data: { details: 'body: number of localizable_params (1) does not match the expected number of params (2)' },
    });
    expect((await send(template('order_update', 'fr_FR', ['a', 'b']))).json!.error.code).toBe(132001);
    expect((await send(template('no_such', 'en_US', []))).json!.error.code).toBe(132001);
    expect((await send(template('summer_sale', 'en_US', ['a']))).json!.error.code).toBe(132001);
    expect(wa.sent[0].template).toEqual({ name: 'order_update', language: 'en_US', params: ['Asha', 'ORD-1'] });
  });
});

describe('fake WhatsApp: marking messages read', () => {
  it('answers {success: true} for an inbound wamid and 131009 for anything else', async () => {
    await wa.customerSends(CUSTOMER, 'hi');
    const ok = await send({ to: undefined, status: 'read', message_id: wa.inbound[0].wamid, typing_indicator: { type: 'text' } });
    expect(ok.json).toEqual({ success: true });
    expect(wa.inbound[0].markedRead).toBe(true);
    const unknown = await send({ to: undefined, status: 'read', message_id: 'wamid.unknown' });
    expect(unknown.json!.error.code).toBe(131009);
  });
});

describe('fake WhatsApp: media in two authenticated steps', () => {
  it('serves metadata with a short-lived URL, then the bytes only with the Bearer token', async () => {
    const media = wa.addMedia({ bytes: 'OggS-voice-bytes', mimeType: 'audio/ogg; codecs=opus' });
    const step1 = await api(`/${media.id}?phone_number_id=${wa.phoneNumberId}`);
    expect(step1.json).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/whatsapp_business\/attachments\/\?mid=/),
      mime_type: 'audio/ogg; codecs=opus',
      sha256: media.sha256,
      file_size: String('OggS-voice-bytes'.length),
      id: media.id,
    });

    expect((await api(step1.json!.url, { token: null })).status).toBe(401);
    expect((await api(step1.json!.url, { token: 'EAA-other' })).status).toBe(401);
    const step2 = await api(step1.json!.url);
    expect(step2.status).toBe(200);
    expect(step2.text).toBe('OggS-voice-bytes');
    expect(step2.headers.get('content-type')).toBe('audio/ogg; codecs=opus');

    wa.clock.advance(5 * 60 * 1000 + 1);
    expect((await api(step1.json!.url)).status).toBe(404);
  });

  it('makes the media of inbound messages downloadable, and deletes media on DELETE', async () => {
    await wa.customerSends(CUSTOMER, { type: 'image', bytes: Buffer.from([0xff, 0xd8, 0xff]) });
    const id = bodies()[0].entry[0].changes[0].value.messages[0].image.id;
    const step1 = await api(`/${id}`);
    expect((await api(step1.json!.url)).buffer).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((await api(`/${id}`, { method: 'DELETE' })).json).toEqual({ success: true });
    expect((await api(`/${id}`)).json!.error.code).toBe(100);
  });

  it('lets the URL lifetime be configured', async () => {
    const short = await startFakeWhatsApp({ appSecret: SECRET, now: NOW, token: 't', mediaUrlTtlMs: 1000 });
    try {
      const media = short.addMedia({ bytes: 'x', mimeType: 'text/plain' });
      const url = short.mediaUrl(media.id);
      short.clock.advance(1001);
      expect((await fetch(url, { headers: { authorization: 'Bearer t' } })).status).toBe(404);
    } finally {
      await short.stop();
    }
  });
});

describe('fake WhatsApp: scripted failures', () => {
  beforeEach(async () => {
    await wa.customerSends(CUSTOMER, 'Hi');
  });

  it('answers 130429 until the failures run out, then recovers', async () => {
    wa.failNext('rateLimit', 2);
    const first = await sendText('a');
    expect(first.status).toBe(400);
    expect(first.json!.error).toMatchObject({ code: 130429, message: '(#130429) Rate limit hit', error_data: { details: expect.any(String) } });
    expect((await sendText('a')).json!.error.code).toBe(130429);
    expect((await sendText('a')).status).toBe(200);
  });

  it('has 131056, 190 (HTTP 401) and an asynchronous 131026', async () => {
    wa.failNext('pairRateLimit');
    expect((await sendText('a')).json!.error.code).toBe(131056);
    wa.failNext('tokenExpired');
    const expired = await sendText('a');
    expect(expired.status).toBe(401);
    expect(expired.json!.error).toMatchObject({ code: 190, error_subcode: 463 });

    hook.received.length = 0;
    wa.failNext('undeliverable');
    const accepted = await sendText('a');
    expect(accepted.status).toBe(200);
    await wa.idle();
    expect(statusesReceived()).toMatchObject([{ status: 'failed', errors: [{ code: 131026 }] }]);
  });

  it('only fails matching calls and can answer raw gateway pages', async () => {
    wa.failNext({ status: 502, rawBody: '<html>502</html>', match: { path: /message_templates$/ } });
    expect((await sendText('a')).status).toBe(200);
    const failed = await api(`/${wa.wabaId}/message_templates`);
    expect(failed).toMatchObject({ status: 502, text: '<html>502</html>' });
  });

  it('records every call with its token and answer', async () => {
    await sendText('recorded');
    expect(wa.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: `/${wa.phoneNumberId}/messages`,
      version: 'v24.0',
      token: 'EAA-wa-token',
      status: 200,
      at: NOW,
    });
  });
});
