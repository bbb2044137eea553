import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWhatsApp, type FakeWhatsApp } from '../../tests/fakes/whatsapp-cloud';
import { startWebhookRecorder, type WebhookRecorder } from '../../tests/fakes/webhook-recorder';
import { MetaGraphError } from '../meta/graph-error';
import { verifyMetaSignature } from '../meta/signature';
import { ChannelSendError } from '../types';
import {
  getPhoneNumber,
  getWhatsAppMedia,
  listWhatsAppTemplates,
  markWhatsAppRead,
  sendWhatsAppMedia,
  sendWhatsAppTemplate,
  sendWhatsAppText,
  uploadWhatsAppMedia,
  type WhatsAppClientConfig,
} from './client';
import { parseWhatsAppWebhook } from './parse-webhook';

const APP_SECRET = 'test-app-secret';
const HOUR = 60 * 60 * 1000;
const CUSTOMER = '16505551234';

let wa: FakeWhatsApp;
let hook: WebhookRecorder;
let cfg: WhatsAppClientConfig;

beforeEach(async () => {
  hook = await startWebhookRecorder({ path: '/api/webhooks/whatsapp' });
  wa = await startFakeWhatsApp({
    appSecret: APP_SECRET,
    webhookUrl: hook.url,
    now: Date.parse('2026-06-01T09:00:00Z'),
    autoStatuses: false,
    webhookRetryDelayMs: 10,
  });
  cfg = { graphUrl: wa.url, accessToken: wa.token, phoneNumberId: wa.phoneNumberId, businessAccountId: wa.wabaId, timeoutMs: 2000 };
  await wa.customerSends(CUSTOMER, 'Hi, my order is late');
  hook.received.length = 0;
});

afterEach(async () => {
  await wa.stop();
  await hook.stop();
});

async function sendError(promise: Promise<unknown>): Promise<ChannelSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ChannelSendError)) throw new Error(`expected a ChannelSendError, got ${String(error)}`);
  return error;
}

/** The webhooks the app received since the last reset, parsed the way the app would. */
async function receivedEvents(count: number) {
  const posts = await hook.waitFor(count);
  return posts.flatMap((p) => {
    expect(verifyMetaSignature(p.raw, String(p.headers['x-hub-signature-256']), APP_SECRET)).toBe(true);
    return parseWhatsAppWebhook(JSON.parse(p.text));
  });
}

describe('sendWhatsAppText', () => {
  it('posts a text to /{phone-number-id}/messages with Bearer auth and returns the wamid', async () => {
    const result = await sendWhatsAppText(cfg, { to: `+${CUSTOMER}`, text: 'Sorry! Checking now.', callbackData: 'outbox-42', replyTo: wa.inbound[0].wamid });

    expect(result).toEqual({ providerMessageId: wa.sent[0].wamid });
    expect(result.providerMessageId).toMatch(/^wamid\./);
    const call = wa.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', path: `/${wa.phoneNumberId}/messages`, token: wa.token, status: 200 });
    expect(call.query.access_token).toBeUndefined();
    expect(call.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'text',
      text: { body: 'Sorry! Checking now.', preview_url: false },
      context: { message_id: wa.inbound[0].wamid },
      biz_opaque_callback_data: 'outbox-42',
    });
  });

  it('fails with kind window (131047) once 24 hours have passed since the customer last wrote', async () => {
    wa.clock.advance(24 * HOUR + 1000);
    const error = await sendError(sendWhatsAppText(cfg, { to: CUSTOMER, text: 'Still there?' }));
    expect(error).toBeInstanceOf(MetaGraphError);
    expect(error).toMatchObject({ kind: 'window', code: 131047, retryable: false });
    expect(error.message).toMatch(/only allows an approved template message now/);
    expect(wa.sent).toHaveLength(0);
  });

  it('when Meta reports the closed window asynchronously, the send succeeds and a failed status follows', async () => {
    wa.setWindowMode('async');
    wa.clock.advance(25 * HOUR);
    const { providerMessageId } = await sendWhatsAppText(cfg, { to: CUSTOMER, text: 'Still there?', callbackData: 'outbox-43' });

    const events = await receivedEvents(1);
    expect(events).toMatchObject([
      { type: 'failed', providerMessageId, contactExternalId: CUSTOMER, metadata: 'outbox-43', error: { kind: 'window', code: 131047 } },
    ]);
  });

  it('maps scripted platform failures to kinds, and recovers after a rate limit', async () => {
    wa.failNext('rateLimit');
    expect(await sendError(sendWhatsAppText(cfg, { to: CUSTOMER, text: 'a' }))).toMatchObject({ kind: 'rate_limit', code: 130429 });
    await expect(sendWhatsAppText(cfg, { to: CUSTOMER, text: 'a' })).resolves.toHaveProperty('providerMessageId');

    wa.failNext('pairRateLimit');
    expect(await sendError(sendWhatsAppText(cfg, { to: CUSTOMER, text: 'b' }))).toMatchObject({ kind: 'rate_limit', code: 131056 });
    wa.failNext('tokenExpired');
    expect(await sendError(sendWhatsAppText(cfg, { to: CUSTOMER, text: 'c' }))).toMatchObject({ kind: 'auth', code: 190, httpStatus: 401 });
    wa.failNext('badGateway');
    expect(await sendError(sendWhatsAppText(cfg, { to: CUSTOMER, text: 'd' }))).toMatchObject({ kind: 'transient', retryable: true });
  });

  it('reports an undeliverable recipient (131026) as a failed status after an accepted send', async () => {
    wa.addCustomer({ waId: '447700900123', lastInboundAt: wa.clock.now() });
    wa.customers.get('447700900123')!.reachable = false;
    const { providerMessageId } = await sendWhatsAppText(cfg, { to: '447700900123', text: 'Hello' });
    expect(await receivedEvents(1)).toMatchObject([{ type: 'failed', providerMessageId, error: { kind: 'recipient', code: 131026 } }]);
  });

  it('rejects a wrong token as auth, and a slow or unreachable API as transient', async () => {
    expect(await sendError(sendWhatsAppText({ ...cfg, accessToken: 'EAAwrong' }, { to: CUSTOMER, text: 'x' }))).toMatchObject({
      kind: 'auth',
      code: 190,
    });
    wa.failNext({ delayMs: 500 });
    const slow = await sendError(sendWhatsAppText({ ...cfg, timeoutMs: 100 }, { to: CUSTOMER, text: 'x' }));
    expect(slow).toMatchObject({ kind: 'transient' });
    expect(slow.message).toMatch(/did not answer within 100 ms/);
    const down = await sendError(sendWhatsAppText({ ...cfg, graphUrl: 'http://127.0.0.1:9/v24.0' }, { to: CUSTOMER, text: 'x' }));
    expect(down).toMatchObject({ kind: 'transient' });
    expect(down.message).toMatch(/^Could not reach WhatsApp/);
  });

  it('surfaces invalid parameters (text over 4096 characters) as permanent', async () => {
    const error = await sendError(sendWhatsAppText(cfg, { to: CUSTOMER, text: 'x'.repeat(4097) }));
    expect(error).toMatchObject({ kind: 'permanent', code: 100 });
    expect(error.message).toContain('at most 4096 characters');
  });
});

describe('sendWhatsAppTemplate', () => {
  it('sends an approved template with body parameters, even outside the 24-hour window', async () => {
    wa.clock.advance(72 * HOUR);
    const result = await sendWhatsAppTemplate(cfg, { to: CUSTOMER, name: 'order_update', language: 'en_US', params: ['Asha', 'ORD-9271'] });

    expect(result.providerMessageId).toBe(wa.sent[0].wamid);
    expect(wa.sent[0].template).toEqual({ name: 'order_update', language: 'en_US', params: ['Asha', 'ORD-9271'] });
    expect(wa.calls.at(-1)!.body).toMatchObject({
      messaging_product: 'whatsapp',
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Asha' }, { type: 'text', text: 'ORD-9271' }] }],
      },
    });
  });

  it('sends a template without parameters without components', async () => {
    await sendWhatsAppTemplate(cfg, { to: CUSTOMER, name: 'hello_world', language: 'en_US' });
    expect((wa.calls.at(-1)!.body as { template: object }).template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
  });

  it('explains a parameter-count mismatch (132000) and a missing translation (132001) as permanent', async () => {
    const mismatch = await sendError(sendWhatsAppTemplate(cfg, { to: CUSTOMER, name: 'order_update', language: 'en_US', params: ['Asha'] }));
    expect(mismatch).toMatchObject({ kind: 'permanent', code: 132000 });
    expect(mismatch.message).toMatch(/number of template parameters doesn't match/);

    const missing = await sendError(sendWhatsAppTemplate(cfg, { to: CUSTOMER, name: 'order_update', language: 'de_DE', params: ['a', 'b'] }));
    expect(missing).toMatchObject({ kind: 'permanent', code: 132001 });
    expect(missing.message).toContain('does not exist in de_DE');

    const rejected = await sendError(sendWhatsAppTemplate(cfg, { to: CUSTOMER, name: 'summer_sale', language: 'en_US', params: ['a'] }));
    expect(rejected).toMatchObject({ code: 132001 });
  });
});

describe('markWhatsAppRead', () => {
  it('marks an inbound message read (and the ones before it), optionally with a typing indicator', async () => {
    await wa.customerSends(CUSTOMER, 'second');
    await markWhatsAppRead(cfg, wa.inbound[1].wamid, { typing: true });
    expect(wa.calls.at(-1)!.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: wa.inbound[1].wamid,
      typing_indicator: { type: 'text' },
    });
    expect(wa.inbound.map((m) => m.markedRead)).toEqual([true, true]);
  });

  it('fails permanently for an unknown wamid (131009)', async () => {
    expect(await sendError(markWhatsAppRead(cfg, 'wamid.nope'))).toMatchObject({ kind: 'permanent', code: 131009 });
  });
});

describe('media lookup: the id gives a short-lived URL for the bearer token', () => {
  const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(2000, 7)]);

  it('looks the media id up (step 1), then fetches the bytes with the Bearer token (step 2)', async () => {
    await wa.customerSends(CUSTOMER, { type: 'voice', bytes: ogg });
    const [event] = await receivedEvents(1);
    if (event.type !== 'message') throw new Error('expected a message');
    const attachment = event.attachments[0];
    expect(attachment).toMatchObject({ kind: 'audio', voice: true, mimeType: 'audio/ogg; codecs=opus' });

    const info = await getWhatsAppMedia(cfg, attachment.mediaId!);
    expect(info).toMatchObject({ id: attachment.mediaId, mime_type: 'audio/ogg; codecs=opus', file_size: ogg.length });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(wa.calls.at(-1)!.query.phone_number_id).toBe(wa.phoneNumberId);

    const file = await fetch(info.url, { headers: { authorization: `Bearer ${cfg.accessToken}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(ogg)).toBe(true);
    expect(wa.calls.at(-1)!.token).toBe(wa.token);
  });

  it('fails permanently for an unknown media id', async () => {
    expect(await sendError(getWhatsAppMedia(cfg, '999999999'))).toMatchObject({ kind: 'permanent', code: 100 });
  });
});

describe('sending a file: upload, then send by media id', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7 fake');

  it('uploads multipart with messaging_product and type, then sends a document with its file name', async () => {
    const mediaId = await uploadWhatsAppMedia(cfg, { data: pdf, fileName: 'invoice.pdf', mimeType: 'application/pdf' });
    const stored = wa.media.get(mediaId)!;
    expect(stored).toMatchObject({ mimeType: 'application/pdf', uploadedAs: 'invoice.pdf' });
    expect(new Uint8Array(stored.bytes)).toEqual(pdf);
    const result = await sendWhatsAppMedia(cfg, { to: CUSTOMER, type: 'document', mediaId, fileName: 'invoice.pdf', callbackData: 'outbox-7' });
    const sent = wa.sent.at(-1)!;
    expect(result).toEqual({ providerMessageId: sent.wamid });
    expect(sent.request).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'document',
      document: { id: mediaId, filename: 'invoice.pdf' },
      biz_opaque_callback_data: 'outbox-7',
    });
  });

  it('a type WhatsApp does not take is refused at upload (131053), and a media id must match the message type', async () => {
    const error = await sendError(uploadWhatsAppMedia(cfg, { data: pdf, fileName: 'x.gif', mimeType: 'image/gif' }));
    expect(error).toBeInstanceOf(MetaGraphError);
    expect(error).toMatchObject({ kind: 'permanent', code: 131053 });
    expect(error.message).toMatch(/couldn't process the media file/);
    const mediaId = await uploadWhatsAppMedia(cfg, { data: pdf, fileName: 'a.pdf', mimeType: 'application/pdf' });
    expect((await sendError(sendWhatsAppMedia(cfg, { to: CUSTOMER, type: 'image', mediaId }))).code).toBe(100);
  });
});

describe('listWhatsAppTemplates', () => {
  it('returns only approved templates with their body text and parameter count', async () => {
    const templates = await listWhatsAppTemplates(cfg);
    expect(templates.map((t) => [t.name, t.language, t.category, t.paramCount])).toEqual([
      ['hello_world', 'en_US', 'UTILITY', 0],
      ['order_update', 'en_US', 'UTILITY', 2],
      ['order_update', 'pt_BR', 'UTILITY', 2],
    ]);
    expect(templates[1].body).toBe('Hi {{1}}, your order {{2}} is on its way.');
    expect(wa.calls.at(-1)).toMatchObject({ method: 'GET', path: `/${wa.wabaId}/message_templates`, token: wa.token });
  });

  it('follows the pages of a large catalogue', async () => {
    for (let i = 0; i < 150; i++) wa.addTemplate({ name: `bulk_${i}`, body: `Bulk {{1}} #${i}` });
    const templates = await listWhatsAppTemplates(cfg);
    expect(templates).toHaveLength(153);
    expect(wa.calls.filter((c) => c.path.endsWith('/message_templates'))).toHaveLength(2);
  });

  it('needs the business account id', async () => {
    expect(await sendError(listWhatsAppTemplates({ ...cfg, businessAccountId: undefined }))).toMatchObject({ kind: 'permanent' });
  });
});

describe('getPhoneNumber', () => {
  it('reads the display number and verified name (and so checks the token)', async () => {
    expect(await getPhoneNumber(cfg)).toEqual({ id: wa.phoneNumberId, displayPhoneNumber: '+1 555-078-3881', verifiedName: 'Acme Support' });
    expect(wa.calls.at(-1)!.query.fields).toBe('display_phone_number,verified_name');
  });

  it('fails with kind auth for a revoked token', async () => {
    wa.expireToken();
    expect(await sendError(getPhoneNumber(cfg))).toMatchObject({ kind: 'auth', code: 190 });
  });
});
