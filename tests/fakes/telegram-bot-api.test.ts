import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTelegramUpdate } from '../../channels/telegram/parse-update';
import { verifyTelegramSecret } from '../../channels/telegram/verify';
import { oggCrc, oggOpusSilence, startFakeTelegram, type FakeTelegram } from './telegram-bot-api';
import { startWebhookRecorder, type WebhookRecorder } from './webhook-recorder';

const SECRET = 'wh_Secret-123';
const ANA = 555000111;

let tg: FakeTelegram;
let hook: WebhookRecorder;

beforeEach(async () => {
  hook = await startWebhookRecorder({ path: '/webhooks/telegram' });
  tg = await startFakeTelegram({
    bots: [{ token: '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', username: 'acme_support_bot', firstName: 'Acme Support' }],
    now: Date.parse('2026-06-01T09:00:00Z'),
    webhookRetryDelayMs: 10,
    retryAfterUnitMs: 10,
  });
  tg.addUser({ id: ANA, firstName: 'Ana', lastName: 'Lima', username: 'analima', languageCode: 'pt-BR' });
});

afterEach(async () => {
  await tg.stop();
  await hook.stop();
});

/** Calls the fake Bot API like any client would. */
async function api(method: string, params?: Record<string, unknown>, init: { token?: string; form?: boolean; get?: boolean } = {}) {
  const token = init.token ?? tg.bot.token;
  let url = `${tg.url}/bot${token}/${method}`;
  const request: RequestInit = { method: 'POST' };
  if (init.get) {
    request.method = 'GET';
    if (params) url += `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}`;
  } else if (params && init.form) {
    request.headers = { 'content-type': 'application/x-www-form-urlencoded' };
    request.body = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
  } else if (params) {
    request.headers = { 'content-type': 'application/json' };
    request.body = JSON.stringify(params);
  }
  const response = await fetch(url, request);
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, any> };
}

async function connect(url = hook.url, extra: Record<string, unknown> = {}) {
  const answer = await api('setWebhook', { url, secret_token: SECRET, ...extra });
  expect(answer.json.ok).toBe(true);
}

describe('Bot API surface', () => {
  it('answers getMe under /bot<token>/ with the bot user', async () => {
    const { status, json } = await api('getMe');
    expect(status).toBe(200);
    expect(json).toEqual({
      ok: true,
      result: {
        id: 7012345678,
        is_bot: true,
        first_name: 'Acme Support',
        username: 'acme_support_bot',
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      },
    });
  });

  it('answers 401 Unauthorized for an unknown or revoked token and 404 for one not shaped like a token', async () => {
    expect(await api('getMe', undefined, { token: '7012345678:AAwrongwrongwrongwrongwrongwrongwro' })).toEqual({
      status: 401,
      json: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect((await api('getMe', undefined, { token: 'garbage' })).json).toEqual({ ok: false, error_code: 404, description: 'Not Found' });

    const old = tg.bot.token;
    const fresh = tg.revokeToken();
    expect(fresh).toMatch(/^7012345678:[A-Za-z0-9_-]{35}$/);
    expect((await api('getMe', undefined, { token: old })).status).toBe(401);
    expect((await api('getMe', undefined, { token: fresh })).status).toBe(200);
  });

  it('takes method names in any case, parameters as JSON, form or query string, and 404s unknown methods', async () => {
    await connect();
    expect((await api('GETWEBHOOKINFO')).json.result.url).toBe(hook.url);
    expect((await api('getwebhookinfo', {}, { get: true })).json.result.url).toBe(hook.url);
    await api('setWebhook', { url: hook.url, secret_token: 'formSecret', allowed_updates: ['message'] }, { form: true });
    expect(tg.bot.webhook).toMatchObject({ secretToken: 'formSecret', allowedUpdates: ['message'] });
    expect((await api('sendSticker', { chat_id: ANA })).json).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('records every call with its parameters and answer', async () => {
    await api('getMe');
    expect(tg.calls.at(-1)).toMatchObject({ method: 'getMe', httpMethod: 'POST', botId: 7012345678, status: 200, via: 'http', params: {} });
  });
});

describe('setWebhook / deleteWebhook / getWebhookInfo', () => {
  it('records the URL and secret, accepting http:// for local tests but flagging it', async () => {
    const first = await api('setWebhook', { url: hook.url, secret_token: SECRET });
    expect(first.json).toEqual({ ok: true, result: true, description: 'Webhook was set' });
    expect(tg.bot.webhook).toMatchObject({ url: hook.url, secretToken: SECRET, insecure: true, maxConnections: 40 });
    expect((await api('setWebhook', { url: hook.url, secret_token: SECRET })).json.description).toBe('Webhook is already set');
  });

  it('validates secret_token like Telegram: 1-256 of A-Za-z0-9_-', async () => {
    expect((await api('setWebhook', { url: hook.url, secret_token: 'no spaces' })).json).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: secret token contains unallowed characters',
    });
    expect((await api('setWebhook', { url: hook.url, secret_token: 'a'.repeat(257) })).json.description).toBe('Bad Request: secret token is too long');
    expect((await api('setWebhook', { url: hook.url, secret_token: 'a'.repeat(256) })).json.ok).toBe(true);
  });

  it('refuses http and odd ports when asked to be strict, as the real Telegram does', async () => {
    const strict = await startFakeTelegram({ requireHttps: true });
    try {
      const call = (url: string) => fetch(`${strict.url}/bot${strict.bot.token}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url }) }).then((r) => r.json());
      expect(await call('http://example.com/hook')).toMatchObject({ description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook' });
      expect(await call('https://example.com:3000/hook')).toMatchObject({ description: 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443' });
      expect(await call('https://example.com:8443/hook')).toMatchObject({ ok: true });
    } finally {
      await strict.stop();
    }
  });

  it('removes the webhook with an empty url or deleteWebhook', async () => {
    await connect();
    expect((await api('setWebhook', { url: '' })).json.description).toBe('Webhook was deleted');
    await connect();
    expect((await api('deleteWebhook')).json).toEqual({ ok: true, result: true, description: 'Webhook was deleted' });
    expect((await api('deleteWebhook')).json.description).toBe('Webhook is already deleted');
    expect(tg.bot.webhook.url).toBe('');
  });

  it('reports the pending count and the last delivery error in getWebhookInfo', async () => {
    await connect(hook.url, { allowed_updates: ['message'] });
    hook.respondNext(500, 3);
    await tg.userWrites(ANA, 'hello?');
    const { json } = await api('getWebhookInfo');
    expect(json.result).toEqual({
      url: hook.url,
      has_custom_certificate: false,
      pending_update_count: 1,
      ip_address: '127.0.0.1',
      last_error_date: Math.floor(Date.parse('2026-06-01T09:00:00Z') / 1000),
      last_error_message: 'Wrong response from the webhook: 500 Internal Server Error',
      max_connections: 40,
      allowed_updates: ['message'],
    });
  });

  it('disables getUpdates while a webhook is set, and serves queued updates otherwise', async () => {
    const queued = await tg.userWrites(ANA, 'written before any webhook');
    expect(queued).toMatchObject({ queued: true, ok: false });
    const updates = await api('getUpdates');
    expect(updates.json.result).toEqual([queued.update]);
    expect((await api('getUpdates', { offset: queued.update.update_id + 1 })).json.result).toEqual([]);

    await connect();
    expect(await api('getUpdates')).toEqual({
      status: 409,
      json: { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" },
    });
  });

  it('delivers updates that waited for a webhook once one is set, unless told to drop them', async () => {
    await tg.userWrites(ANA, 'first');
    await tg.userWrites(ANA, 'second');
    await connect();
    await tg.idle();
    const received = await hook.waitFor(2);
    expect(received.map((r) => JSON.parse(r.text).message.text)).toEqual(['first', 'second']);

    await api('deleteWebhook');
    await tg.userWrites(ANA, 'dropped');
    await connect(hook.url, { drop_pending_updates: true, secret_token: 'another' });
    await tg.idle();
    expect(hook.received).toHaveLength(2);
  });
});

describe('sendMessage', () => {
  beforeEach(async () => {
    await connect();
    await tg.userWrites(ANA, '/start');
  });

  it('returns the sent Message and records it', async () => {
    const { json } = await api('sendMessage', { chat_id: ANA, text: 'Olá Ana 👋' });
    expect(json).toEqual({
      ok: true,
      result: {
        message_id: 2,
        from: { id: 7012345678, is_bot: true, first_name: 'Acme Support', username: 'acme_support_bot' },
        chat: { id: ANA, first_name: 'Ana', last_name: 'Lima', username: 'analima', type: 'private' },
        date: Math.floor(Date.parse('2026-06-01T09:00:00Z') / 1000),
        text: 'Olá Ana 👋',
      },
    });
    expect(tg.sent).toEqual([expect.objectContaining({ chatId: ANA, messageId: 2, providerMessageId: `${ANA}:2`, kind: 'text', text: 'Olá Ana 👋', via: 'http' })]);
  });

  it('accepts chat_id as a numeric string', async () => {
    expect((await api('sendMessage', { chat_id: String(ANA), text: 'hi' })).json.ok).toBe(true);
  });

  it('enforces 1-4096 characters, counting an emoji as one', async () => {
    expect((await api('sendMessage', { chat_id: ANA, text: '😊'.repeat(4096) })).json.ok).toBe(true);
    expect((await api('sendMessage', { chat_id: ANA, text: 'x'.repeat(4097) })).json).toEqual({ ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    expect((await api('sendMessage', { chat_id: ANA, text: ' ' })).json.description).toBe('Bad Request: message text is empty');
    expect((await api('sendMessage', { chat_id: ANA })).json.description).toBe('Bad Request: message text is empty');
  });

  it('knows who can be reached: unknown chats, people who never started the bot, blocked bots, deleted accounts', async () => {
    expect((await api('sendMessage', { chat_id: 42, text: 'hi' })).json).toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    expect((await api('sendMessage', { chat_id: '@someone', text: 'hi' })).json.description).toBe('Bad Request: chat not found');
    tg.addUser({ id: 444000222 });
    expect((await api('sendMessage', { chat_id: 444000222, text: 'hi' })).json).toEqual({
      ok: false,
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });

    await tg.block(ANA);
    expect((await api('sendMessage', { chat_id: ANA, text: 'hi' })).json).toEqual({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await tg.unblock(ANA);
    expect((await api('sendMessage', { chat_id: ANA, text: 'hi' })).json.ok).toBe(true);

    tg.deactivate(ANA);
    expect((await api('sendMessage', { chat_id: ANA, text: 'hi' })).json.description).toBe('Forbidden: user is deactivated');
    expect(tg.sent.map((s) => s.text)).toEqual(['hi']);
  });

  it('checks reply_parameters against the chat', async () => {
    expect((await api('sendMessage', { chat_id: ANA, text: 're', reply_parameters: { message_id: 1 } })).json.result.reply_to_message.text).toBe('/start');
    expect((await api('sendMessage', { chat_id: ANA, text: 're', reply_parameters: { message_id: 99 } })).json.description).toBe('Bad Request: message to be replied not found');
    expect((await api('sendMessage', { chat_id: ANA, text: 're', reply_parameters: { message_id: 99, allow_sending_without_reply: true } })).json.ok).toBe(true);
  });

  it('rejects an unknown parse_mode', async () => {
    expect((await api('sendMessage', { chat_id: ANA, text: 'x', parse_mode: 'BBCode' })).json.description).toBe('Bad Request: unsupported parse_mode');
    expect((await api('sendMessage', { chat_id: ANA, text: '*x*', parse_mode: 'MarkdownV2' })).json.ok).toBe(true);
  });
});

describe('scripted failures', () => {
  beforeEach(() => {
    tg.start(ANA);
  });

  it('answers the next call with a scripted envelope, retry_after included, then recovers', async () => {
    tg.failNext('tooManyRequests');
    expect(await api('sendMessage', { chat_id: ANA, text: 'hi' })).toEqual({
      status: 429,
      json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } },
    });
    expect((await api('sendMessage', { chat_id: ANA, text: 'hi' })).json.ok).toBe(true);
  });

  it('can fail several times, only for one method, and answer raw proxy HTML', async () => {
    tg.failNext({ ...{ error_code: 500, description: 'Internal Server Error' }, method: 'sendmessage' }, 2);
    expect((await api('getMe')).status).toBe(200);
    expect((await api('sendMessage', { chat_id: ANA, text: 'a' })).status).toBe(500);
    expect((await api('sendMessage', { chat_id: ANA, text: 'b' })).status).toBe(500);
    expect((await api('sendMessage', { chat_id: ANA, text: 'c' })).status).toBe(200);

    tg.failNext('badGateway');
    const response = await fetch(`${tg.url}/bot${tg.bot.token}/getMe`);
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('can answer slowly but still take effect, like a send that timed out on our side', async () => {
    tg.failNext({ delayMs: 50 });
    const started = Date.now();
    expect((await api('sendMessage', { chat_id: ANA, text: 'slow' })).json.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(tg.sent.at(-1)?.text).toBe('slow');
  });
});

describe('files', () => {
  it('serves a voice note: getFile gives a path, /file/bot<token>/<path> gives OGG/Opus bytes', async () => {
    const delivery = await tg.userWrites(ANA, { voice: { seconds: 3 } });
    const voice = delivery.message!.voice as Record<string, any>;
    expect(voice).toMatchObject({ duration: 3, mime_type: 'audio/ogg', file_id: expect.stringMatching(/^AwACAgQAAxkBAA/) });

    const { json } = await api('getFile', { file_id: voice.file_id });
    expect(json.result).toEqual({ file_id: voice.file_id, file_unique_id: voice.file_unique_id, file_size: voice.file_size, file_path: expect.stringMatching(/^voice\/file_\d+\.oga$/) });
    const download = await fetch(`${tg.url}/file/bot${tg.bot.token}/${json.result.file_path}`);
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.byteLength).toBe(voice.file_size);
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('OggS');
  });

  it('makes structurally valid Ogg Opus: checksummed pages, OpusHead, OpusTags, and the right duration', () => {
    const bytes = oggOpusSilence(2.5);
    const pages: Array<{ flags: number; granule: bigint; body: Uint8Array }> = [];
    for (let offset = 0; offset < bytes.length; ) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
      expect(new TextDecoder().decode(bytes.slice(offset, offset + 4))).toBe('OggS');
      const segments = view.getUint8(26);
      const lacing = bytes.slice(offset + 27, offset + 27 + segments);
      const length = 27 + segments + lacing.reduce((n, l) => n + l, 0);
      const page = bytes.slice(offset, offset + length);
      const crc = new DataView(page.buffer).getUint32(22, true);
      new DataView(page.buffer).setUint32(22, 0, true);
      expect(oggCrc(page)).toBe(crc);
      pages.push({ flags: view.getUint8(5), granule: view.getBigUint64(6, true), body: bytes.slice(offset + 27 + segments, offset + length) });
      offset += length;
    }
    expect(new TextDecoder().decode(pages[0].body.slice(0, 8))).toBe('OpusHead');
    expect(pages[0].flags).toBe(0x02);
    expect(new TextDecoder().decode(pages[1].body.slice(0, 8))).toBe('OpusTags');
    const last = pages.at(-1)!;
    expect(last.flags).toBe(0x04);
    const preSkip = new DataView(pages[0].body.buffer).getUint16(10, true);
    expect(Number(last.granule) - preSkip).toBe(2.5 * 48000);
  });

  it('sends photos as several sizes, each its own file, the largest last', async () => {
    const delivery = await tg.userWrites(ANA, { photo: { width: 1600, height: 1200 }, caption: 'receipt' });
    const sizes = delivery.message!.photo as Array<Record<string, number | string>>;
    expect(sizes.map((s) => `${s.width}x${s.height}`)).toEqual(['90x68', '320x240', '800x600', '1600x1200']);
    expect(new Set(sizes.map((s) => s.file_id)).size).toBe(4);
    expect(delivery.message!.caption).toBe('receipt');
  });

  it('refuses files over 20 MB and file ids of other bots, and 404s unknown paths', async () => {
    const big = await tg.userWrites(ANA, { document: { fileName: 'scan.pdf', size: 21 * 1024 * 1024 } });
    const bigDoc = big.message!.document as Record<string, any>;
    expect(bigDoc).toMatchObject({ file_name: 'scan.pdf', mime_type: 'application/pdf', file_size: 21 * 1024 * 1024 });
    expect((await api('getFile', { file_id: bigDoc.file_id })).json.description).toBe('Bad Request: file is too big');

    const other = tg.addBot({ username: 'other_bot' });
    expect((await api('getFile', { file_id: bigDoc.file_id }, { token: other.token })).json.description).toBe(
      'Bad Request: wrong file_id or the file is temporarily unavailable',
    );
    expect((await fetch(`${tg.url}/file/bot${tg.bot.token}/documents/nope.pdf`)).status).toBe(404);

    const small = tg.registerFile({ bytes: 'hello', fileName: 'hello.txt' });
    expect((await fetch(`${tg.url}/file/bot${other.token}/${small.filePath}`)).status).toBe(404);
    expect(await (await fetch(`${tg.url}/file/bot${tg.bot.token}/${small.filePath}`)).text()).toBe('hello');
  });
});

describe('webhook delivery', () => {
  beforeEach(async () => {
    await connect();
  });

  it('POSTs one Update per request, as JSON, with the secret header and increasing update_id', async () => {
    const first = await tg.userWrites(ANA, 'Olá!');
    const second = await tg.userWrites(ANA, 'Tem alguém aí?');
    const received = await hook.waitFor(2);

    expect(received[0].headers['content-type']).toBe('application/json');
    expect(verifyTelegramSecret(received[0].headers['x-telegram-bot-api-secret-token'] as string, SECRET)).toBe(true);
    const updates = received.map((r) => JSON.parse(r.text));
    expect(updates).toEqual([first.update, second.update]);
    expect(second.update.update_id).toBe(first.update.update_id + 1);
    expect(first).toMatchObject({ ok: true, queued: false, attempts: [{ status: 200 }] });
    expect(updates[0].message).toEqual({
      message_id: 1,
      from: { id: ANA, is_bot: false, first_name: 'Ana', last_name: 'Lima', username: 'analima', language_code: 'pt-BR' },
      chat: { id: ANA, first_name: 'Ana', last_name: 'Lima', username: 'analima', type: 'private' },
      date: Math.floor(Date.parse('2026-06-01T09:00:00Z') / 1000),
      text: 'Olá!',
    });
  });

  it('produces Updates our parser reads, for every kind of content', async () => {
    const bot = String(tg.bot.id);
    const parse = async (content: Parameters<FakeTelegram['userWrites']>[1]) => {
      const [event] = parseTelegramUpdate((await tg.userWrites(ANA, content)).update, bot);
      return event.type === 'message' ? event : undefined;
    };
    expect((await parse('/start'))?.text).toBe('/start');
    expect((await parse({ voice: { seconds: 7 } }))?.attachments).toEqual([
      expect.objectContaining({ kind: 'audio', mimeType: 'audio/ogg', durationSeconds: 7 }),
    ]);
    expect((await parse({ document: { fileName: 'Fatura.pdf' }, caption: 'segue' }))).toMatchObject({
      text: 'segue',
      attachments: [{ kind: 'file', fileName: 'Fatura.pdf', mimeType: 'application/pdf' }],
    });
    expect((await parse({ sticker: { animated: true } }))?.attachments[0]).toMatchObject({ kind: 'sticker', mimeType: 'application/x-tgsticker' });
    expect((await parse({ location: { latitude: 38.72, longitude: -9.14 } }))?.attachments).toEqual([{ kind: 'location', url: 'geo:38.72,-9.14' }]);
    expect((await parse({ audio: { seconds: 90 } }))?.attachments[0]).toMatchObject({ kind: 'audio', mimeType: 'audio/mpeg' });
    expect((await parse({ video: { seconds: 4 } }))?.attachments[0]).toMatchObject({ kind: 'video', durationSeconds: 4 });
    expect((await parse({ videoNote: { seconds: 6 } }))?.attachments[0]).toMatchObject({ kind: 'video', durationSeconds: 6 });
    expect((await parse({ contact: { phoneNumber: '+351912345678', firstName: 'Rui' } }))?.text).toBe('Rui\n+351912345678');
  });

  it('lets a test send a wrong secret or none at all', async () => {
    await tg.userWrites(ANA, 'forged', { secret: 'not-the-secret' });
    await tg.userWrites(ANA, 'unsigned', { secret: null });
    const [forged, unsigned] = await hook.waitFor(2);
    expect(verifyTelegramSecret(forged.headers['x-telegram-bot-api-secret-token'] as string, SECRET)).toBe(false);
    expect(unsigned.headers['x-telegram-bot-api-secret-token']).toBeUndefined();
  });

  it('redelivers the exact same bytes and update_id, for dedupe tests', async () => {
    const first = await tg.userWrites(ANA, 'only once please');
    const again = await tg.redeliver(first);
    const [a, b] = await hook.waitFor(2);
    expect(b.raw.equals(a.raw)).toBe(true);
    expect(JSON.parse(b.text).update_id).toBe(JSON.parse(a.text).update_id);
    expect(again.ok).toBe(true);
  });

  it('retries an Update answered with non-2xx, with backoff, and keeps it pending if every attempt fails', async () => {
    hook.respondNext(503);
    const recovered = await tg.userWrites(ANA, 'retry me');
    expect(recovered.attempts.map((a) => a.status)).toEqual([503, 200]);
    expect(recovered.ok).toBe(true);

    hook.respondNext(500, 3);
    const failed = await tg.userWrites(ANA, 'lost for now');
    expect(failed.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(tg.bot.pending.map((u) => u.update_id)).toEqual([failed.update.update_id]);

    const [retried] = await tg.retryPending();
    expect(retried).toMatchObject({ ok: true, update: failed.update });
    expect(tg.bot.pending).toEqual([]);
  });

  it('honours Retry-After (clamped to an hour) before trying again', async () => {
    const app = await startApp((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '7' }).end();
      } else {
        res.writeHead(200).end();
      }
    });
    try {
      await connect(app.url);
      const started = Date.now();
      const delivery = await tg.userWrites(ANA, 'slow down');
      expect(delivery.attempts).toMatchObject([{ status: 429, retryAfterSeconds: 7 }, { status: 200 }]);
      // retryAfterUnitMs is 10 in these tests: 7 s of Retry-After is 70 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(65);
    } finally {
      await app.stop();
    }
  });

  it('records connection failures the way getWebhookInfo words them', async () => {
    await connect(`http://127.0.0.1:${await closedPort()}/webhooks/telegram`);
    const delivery = await tg.userWrites(ANA, 'anyone?');
    expect(delivery.attempts.map((a) => a.error)).toEqual(['Connection refused', 'Connection refused', 'Connection refused']);
    expect(tg.bot.webhook.lastErrorMessage).toBe('Connection refused');
  });

  it('executes a Bot API method returned in the webhook answer, without telling the caller the result', async () => {
    const app = await startApp((req, res) => {
      void readJson(req).then((update: any) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: 'sendMessage', chat_id: update.message.chat.id, text: `echo: ${update.message.text}` }));
      });
    });
    try {
      await connect(app.url);
      const delivery = await tg.userWrites(ANA, 'ping');
      expect(delivery.replyCall).toMatchObject({ method: 'sendMessage', status: 200, ignored: false });
      expect(tg.sent.at(-1)).toMatchObject({ text: 'echo: ping', via: 'webhook-reply' });
      expect(tg.calls.at(-1)).toMatchObject({ method: 'sendMessage', via: 'webhook-reply' });
    } finally {
      await app.stop();
    }
  });

  it('ignores get* and webhook methods in a webhook answer', async () => {
    const app = await startApp((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: 'deleteWebhook' }));
    });
    try {
      await connect(app.url);
      const delivery = await tg.userWrites(ANA, 'hi');
      expect(delivery.replyCall).toMatchObject({ method: 'deleteWebhook', ignored: true });
      expect(tg.bot.webhook.url).toBe(app.url);
    } finally {
      await app.stop();
    }
  });

  it('turns user:pass@ in the URL into Basic auth', async () => {
    const withCredentials = hook.url.replace('http://', 'http://tg:p%40ss@');
    await connect(withCredentials);
    await tg.userWrites(ANA, 'hi');
    const [received] = await hook.waitFor(1);
    expect(received.headers.authorization).toBe(`Basic ${Buffer.from('tg:p@ss').toString('base64')}`);
  });

  it('does not generate update kinds left out of allowed_updates', async () => {
    await connect(hook.url, { allowed_updates: ['message'] });
    await tg.userWrites(ANA, 'hi');
    const press = await tg.userPressesButton(ANA, 'helpful:yes');
    const blocked = await tg.block(ANA);
    expect(press.filtered).toBe(true);
    expect(blocked.filtered).toBe(true);
    expect(hook.received).toHaveLength(1);
  });

  it('sends callback queries and my_chat_member by default (empty allowed_updates)', async () => {
    tg.start(ANA);
    await api('sendMessage', { chat_id: ANA, text: 'Was this helpful?' });
    await tg.userPressesButton(ANA, 'helpful:yes');
    await tg.block(ANA);
    const updates = (await hook.waitFor(2)).map((r) => JSON.parse(r.text));
    expect(updates[0].callback_query).toMatchObject({ data: 'helpful:yes', message: { text: 'Was this helpful?' } });
    expect(updates[1].my_chat_member.new_chat_member).toMatchObject({ status: 'kicked', user: { id: tg.bot.id, is_bot: true } });
    expect(updates.flatMap((u) => parseTelegramUpdate(u, String(tg.bot.id)))).toEqual([]);
  });

  it('sends albums as one Update per item sharing a media_group_id, caption on the first', async () => {
    const deliveries = await tg.userSendsAlbum(ANA, [{ photo: true }, { photo: true }, { video: { seconds: 3 } }], { caption: 'the damage' });
    const messages = deliveries.map((d) => d.message!);
    expect(new Set(messages.map((m) => m.media_group_id)).size).toBe(1);
    expect(messages[0].media_group_id).toMatch(/^\d+$/);
    expect(messages.map((m) => m.caption)).toEqual(['the damage', undefined, undefined]);
    expect(messages.map((m) => Object.keys(m).find((k) => k === 'photo' || k === 'video'))).toEqual(['photo', 'photo', 'video']);
  });

  it('sends edits as edited_message with edit_date, and group messages and channel posts in their own chats', async () => {
    const original = await tg.userWrites(ANA, 'typo');
    tg.clock.advance(60_000);
    const edit = await tg.userEdits(ANA, original.message!.message_id as number, 'fixed');
    expect(edit.update.edited_message).toMatchObject({ message_id: original.message!.message_id, text: 'fixed', edit_date: (original.message!.date as number) + 60 });

    const group = await tg.userWrites(ANA, 'hello group', { chat: { id: -1001234567890, type: 'supergroup', title: 'Acme customers' } });
    expect(group.update.message).toMatchObject({ chat: { id: -1001234567890, type: 'supergroup' } });
    const post = await tg.userWrites(ANA, 'news', { chat: { id: -1009876543210, type: 'channel' } });
    expect(Object.keys(post.update)).toEqual(['update_id', 'channel_post']);
    expect(parseTelegramUpdate(group.update, String(tg.bot.id))).toEqual([]);
  });

  it('serves getChat with a profile photo the bot can download', async () => {
    tg.addUser({ id: 777, firstName: 'Rui', lastName: undefined, username: undefined, photo: true });
    await tg.userWrites(777, 'oi');
    const chat = (await api('getChat', { chat_id: 777 })).json.result;
    expect(chat).toMatchObject({ id: 777, first_name: 'Rui', type: 'private', photo: { big_file_id: expect.any(String) } });
    expect(chat.last_name).toBeUndefined();
    expect((await api('getFile', { file_id: chat.photo.big_file_id })).json.result.file_path).toMatch(/^profile_photos\//);
    expect((await api('getChat', { chat_id: 999 })).json.description).toBe('Bad Request: chat not found');
  });
});

// A throwaway webhook endpoint whose answers a test scripts; `n` counts requests from 1.
async function startApp(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  let n = 0;
  const server = createServer((req, res) => {
    n += 1;
    handler(req, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/telegram`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A port nothing listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
