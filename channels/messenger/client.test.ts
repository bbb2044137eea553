import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMetaGraph, type FakeMetaGraph } from '../../tests/fakes/meta-graph';
import { startWebhookRecorder, type WebhookRecorder } from '../../tests/fakes/webhook-recorder';
import { MetaGraphError } from '../meta/graph-error';
import { verifyMetaSignature } from '../meta/signature';
import { ChannelSendError } from '../types';
import {
  fetchMessengerProfile,
  getPage,
  markMessengerSeen,
  sendMessengerAttachment,
  sendMessengerText,
  subscribeMessengerPage,
  uploadMessengerAttachment,
  type MessengerClientConfig,
} from './client';
import { parseMessengerWebhook } from './parse-webhook';

const APP_SECRET = 'test-app-secret';
const HOUR = 60 * 60 * 1000;

let graph: FakeMetaGraph;
let hook: WebhookRecorder;
let cfg: MessengerClientConfig;
const PSID = '6543210987650042';

beforeEach(async () => {
  hook = await startWebhookRecorder();
  graph = await startFakeMetaGraph({ appSecret: APP_SECRET, webhookUrl: hook.url, now: Date.parse('2026-06-01T09:00:00Z') });
  cfg = { graphUrl: graph.url, accessToken: graph.page.token, appSecret: APP_SECRET, timeoutMs: 2000 };
  await graph.customerWrites(PSID, 'Hello, is anyone there?');
  hook.received.length = 0;
});

afterEach(async () => {
  await graph.stop();
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

describe('sendMessengerText', () => {
  it('posts a RESPONSE to /me/messages with the token and appsecret_proof, and returns the mid', async () => {
    const result = await sendMessengerText(cfg, { recipientId: PSID, text: 'Hi! How can we help?', metadata: 'outbox-1' });

    const sent = graph.sent.at(-1)!;
    expect(result).toEqual({ providerMessageId: sent.mid });
    const call = graph.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', path: '/me/messages', version: 'v24.0', status: 200 });
    expect(call.query.access_token).toBe(graph.page.token);
    expect(call.query.appsecret_proof).toBe(createHmac('sha256', APP_SECRET).update(graph.page.token).digest('hex'));
    expect(call.body).toEqual({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Hi! How can we help?', metadata: 'outbox-1' },
    });
  });

  it('gets its own message back as a signed echo carrying our metadata', async () => {
    const { providerMessageId } = await sendMessengerText(cfg, { recipientId: PSID, text: 'Olá / hi', metadata: 'outbox-2' });
    await graph.idle();

    const [webhook] = await hook.waitFor(1);
    expect(verifyMetaSignature(webhook.raw, webhook.headers['x-hub-signature-256'] as string, APP_SECRET)).toBe(true);
    expect(parseMessengerWebhook(JSON.parse(webhook.text))).toMatchObject([
      {
        type: 'echo',
        providerMessageId,
        channelExternalId: graph.page.id,
        contactExternalId: PSID,
        text: 'Olá / hi',
        appId: graph.appId,
        metadata: 'outbox-2',
      },
    ]);
  });

  it('uses MESSAGE_TAG when a tag is given, which lets a human agent answer for 7 days', async () => {
    graph.clock.advance(3 * 24 * HOUR);
    await sendMessengerText(cfg, { recipientId: PSID, text: 'Sorry for the wait', tag: 'HUMAN_AGENT' });
    expect(graph.calls.at(-1)!.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('fails with kind "window" once the 24-hour window has closed', async () => {
    graph.clock.advance(25 * HOUR);
    const error = await sendError(sendMessengerText(cfg, { recipientId: PSID, text: 'too late' }));
    expect(error.kind).toBe('window');
    expect(error.retryable).toBe(false);
    expect(error.code).toBe(10);
    expect(error.subcode).toBe(2018278);
    expect(error.message).toMatch(/^The customer's 24-hour\/7-day messaging window has closed\./);
  });

  it('fails with kind "window" for HUMAN_AGENT after 7 days', async () => {
    graph.clock.advance(8 * 24 * HOUR);
    const error = await sendError(sendMessengerText(cfg, { recipientId: PSID, text: 'x', tag: 'HUMAN_AGENT' }));
    expect(error.kind).toBe('window');
  });

  it('fails with kind "auth" when the page token has expired', async () => {
    graph.expireToken();
    const error = await sendError(sendMessengerText(cfg, { recipientId: PSID, text: 'x' }));
    expect(error).toBeInstanceOf(MetaGraphError);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/reconnect the channel in Settings > Chats/);
  });

  it('fails with kind "auth" for a token Meta has never seen', async () => {
    const error = await sendError(sendMessengerText({ ...cfg, accessToken: 'EAAbogus' }, { recipientId: PSID, text: 'x' }));
    expect(error.kind).toBe('auth');
  });

  it('fails with kind "rate_limit" and the advised wait when Meta throttles', async () => {
    graph.failNext({ status: 400, code: 613, message: '(#613) Calls to this api have exceeded the rate limit.', retryAfterSeconds: 60 });
    const error = await sendError(sendMessengerText(cfg, { recipientId: PSID, text: 'x' }));
    expect(error.kind).toBe('rate_limit');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(60);
  });

  it('fails with kind "transient" on Meta temporary errors and bare 5xx pages', async () => {
    graph.failNext('sendFailure');
    graph.failNext('badGateway');
    expect((await sendError(sendMessengerText(cfg, { recipientId: PSID, text: 'x' }))).kind).toBe('transient');
    const gateway = await sendError(sendMessengerText(cfg, { recipientId: PSID, text: 'x' }));
    expect(gateway.kind).toBe('transient');
    expect(gateway.message).toBe("Meta's servers answered HTTP 502; the request can be retried.");
    await expect(sendMessengerText(cfg, { recipientId: PSID, text: 'x' })).resolves.toHaveProperty('providerMessageId');
  });

  it('fails with kind "recipient" when the person blocked the page or the PSID is unknown', async () => {
    graph.failNext('userUnavailable');
    expect((await sendError(sendMessengerText(cfg, { recipientId: PSID, text: 'x' }))).kind).toBe('recipient');
    expect((await sendError(sendMessengerText(cfg, { recipientId: '999', text: 'x' }))).kind).toBe('recipient');
  });

  it('times out as "transient" (the message may still have been sent)', async () => {
    graph.failNext({ delayMs: 400 });
    const error = await sendError(sendMessengerText({ ...cfg, timeoutMs: 100 }, { recipientId: PSID, text: 'slow' }));
    expect(error.kind).toBe('transient');
    expect(error.message).toBe('Meta did not answer within 100 ms; the request may or may not have gone through.');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(graph.sent.map((s) => s.text)).toContain('slow');
  });

  it('reports an unreachable Graph host as "transient"', async () => {
    const dead = await startFakeMetaGraph({ appSecret: APP_SECRET });
    await dead.stop();
    const error = await sendError(sendMessengerText({ ...cfg, graphUrl: dead.url }, { recipientId: PSID, text: 'x' }));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/^Could not reach Meta \(.+\)\.$/);
  });

  it('is refused when the app secret is wrong, because the appsecret_proof no longer matches', async () => {
    const error = await sendError(sendMessengerText({ ...cfg, appSecret: 'wrong' }, { recipientId: PSID, text: 'x' }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('Invalid appsecret_proof');
  });
});

describe('sendMessengerAttachment', () => {
  it('sends the file by URL as a typed attachment', async () => {
    const result = await sendMessengerAttachment(cfg, {
      recipientId: PSID,
      kind: 'file',
      url: 'https://files.example.com/invoice.pdf',
      metadata: 'outbox-9',
    });
    expect(result.providerMessageId).toMatch(/^m_/);
    expect(graph.calls.at(-1)!.body).toEqual({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { attachment: { type: 'file', payload: { url: 'https://files.example.com/invoice.pdf' } }, metadata: 'outbox-9' },
    });
  });
});

describe('uploadMessengerAttachment', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);

  it('uploads the bytes as multipart filedata with recipient and message as JSON fields', async () => {
    const result = await uploadMessengerAttachment(cfg, {
      recipientId: PSID,
      kind: 'image',
      file: { data: png, fileName: 'shelf.png', mimeType: 'image/png' },
      metadata: 'outbox-10',
    });
    const sent = graph.sent.at(-1)!;
    expect(result).toEqual({ providerMessageId: sent.mid });
    expect(sent).toMatchObject({ psid: PSID, messagingType: 'RESPONSE', metadata: 'outbox-10', attachment: { type: 'image', payload: { is_reusable: false } } });
    expect(sent.file).toEqual({ source: 'upload', fileName: 'shelf.png', mimeType: 'image/png', bytes: png });
    expect(graph.calls.at(-1)!.body).toMatchObject({ filedata: { fileName: 'shelf.png', mimeType: 'image/png', size: png.byteLength } });
  });

  it('carries the tag outside the window like a text would', async () => {
    graph.clock.advance(3 * 24 * HOUR);
    await uploadMessengerAttachment(cfg, { recipientId: PSID, kind: 'file', file: { data: png, fileName: 'a.bin', mimeType: 'application/octet-stream' }, tag: 'HUMAN_AGENT' });
    expect(graph.sent.at(-1)).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    graph.clock.advance(5 * 24 * HOUR);
    const error = await sendError(uploadMessengerAttachment(cfg, { recipientId: PSID, kind: 'file', file: { data: png, fileName: 'a.bin', mimeType: 'application/octet-stream' }, tag: 'HUMAN_AGENT' }));
    expect(error.kind).toBe('window');
  });

  it('the fake refuses filedata together with a URL, as Meta does', async () => {
    const form = new FormData();
    form.set('recipient', JSON.stringify({ id: PSID }));
    form.set('messaging_type', 'RESPONSE');
    form.set('message', JSON.stringify({ attachment: { type: 'image', payload: { url: 'https://x/y.png' } } }));
    form.set('filedata', new Blob([png], { type: 'image/png' }), 'y.png');
    const response = await fetch(`${graph.url}/me/messages?access_token=${graph.page.token}`, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 100, type: 'OAuthException' } });
  });
});

describe('markMessengerSeen', () => {
  it('sends the mark_seen sender action on its own', async () => {
    await markMessengerSeen(cfg, PSID);
    expect(graph.calls.at(-1)).toMatchObject({ status: 200, body: { recipient: { id: PSID }, sender_action: 'mark_seen' } });
  });
});

describe('fetchMessengerProfile', () => {
  it('returns the name and picture of an opted-in customer', async () => {
    const customer = graph.customers.get(PSID)!;
    await expect(fetchMessengerProfile(cfg, PSID)).resolves.toEqual({
      displayName: `${customer.firstName} ${customer.lastName}`,
      avatarUrl: customer.profilePic,
    });
    expect(graph.calls.at(-1)).toMatchObject({ method: 'GET', path: `/${PSID}`, query: { fields: 'first_name,last_name,profile_pic' } });
  });

  it.each(['empty', 'no-profile', 'unsupported'] as const)('returns null when privacy answers %s', async (privacy) => {
    graph.setPrivate(PSID, privacy);
    await expect(fetchMessengerProfile(cfg, PSID)).resolves.toBeNull();
  });

  it('still throws when the token is dead, so the channel can be flagged', async () => {
    graph.expireToken();
    await expect(fetchMessengerProfile(cfg, PSID)).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('connecting a page', () => {
  it('reads the page to validate the token', async () => {
    await expect(getPage(cfg, graph.page.id)).resolves.toEqual({ id: graph.page.id, name: graph.page.name });
  });

  it('rejects a bad token when reading the page', async () => {
    await expect(getPage({ ...cfg, accessToken: 'nope' }, graph.page.id)).rejects.toMatchObject({ kind: 'auth' });
  });

  it('subscribes the app to the messaging webhook fields', async () => {
    graph.page.subscribedFields.clear();
    await subscribeMessengerPage(cfg, graph.page.id);
    expect([...graph.page.subscribedFields].sort()).toEqual(
      ['message_deliveries', 'message_echoes', 'message_reads', 'messages', 'messaging_postbacks'].sort(),
    );
  });

  it('surfaces a subscription refused by Meta as a ChannelSendError', async () => {
    graph.failNext({ status: 403, code: 200, message: '(#200) Requires pages_manage_metadata permission' });
    await expect(subscribeMessengerPage(cfg, graph.page.id)).rejects.toMatchObject({ kind: 'permission' });
  });
});
