import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../tests/fakes/telegram-bot-api';
import { ChannelSendError } from '../types';
import {
  callTelegramApi,
  fetchTelegramProfile,
  fileDownloadUrl,
  getFile,
  getMe,
  getWebhookInfo,
  sendTelegramDocument,
  sendTelegramPhoto,
  sendTelegramText,
  setWebhook,
  TELEGRAM_ALLOWED_UPDATES,
  TelegramApiError,
  type TelegramClientConfig,
} from './client';
import { parseTelegramUpdate } from './parse-update';

const ANA = 555000111;

let tg: FakeTelegram;
let cfg: TelegramClientConfig;

beforeEach(async () => {
  tg = await startFakeTelegram({ bots: [{ id: 7012345678, username: 'acme_support_bot', firstName: 'Acme Support' }] });
  cfg = { apiUrl: tg.url, token: tg.bot.token, timeoutMs: 2000 };
  tg.addUser({ id: ANA, firstName: 'Ana', lastName: 'Lima', username: 'analima', photo: true });
  // Ana pressed Start: from now on the bot may write to her.
  tg.start(ANA);
});

afterEach(async () => {
  await tg.stop();
});

async function sendError(promise: Promise<unknown>): Promise<ChannelSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ChannelSendError)) throw new Error(`expected a ChannelSendError, got ${String(error)}`);
  return error;
}

describe('getMe', () => {
  it("reads the bot's id, username and name: how a token is checked on connect", async () => {
    await expect(getMe(cfg)).resolves.toEqual({ id: 7012345678, username: 'acme_support_bot', first_name: 'Acme Support' });
    expect(tg.calls.at(-1)).toMatchObject({ method: 'getMe', httpMethod: 'POST', status: 200, token: tg.bot.token });
  });

  it('reports a revoked token as auth, and a malformed one too', async () => {
    const old = tg.bot.token;
    tg.revokeToken();
    const revoked = await sendError(getMe({ ...cfg, token: old }));
    expect(revoked).toMatchObject({ kind: 'auth', code: 401 });
    const malformed = await sendError(getMe({ ...cfg, token: 'not-a-token' }));
    expect(malformed).toMatchObject({ kind: 'auth', code: 404 });
  });
});

describe('webhook management', () => {
  it('registers the URL with our secret and only the update kinds we parse', async () => {
    await setWebhook(cfg, { url: 'http://127.0.0.1:3000/webhooks/telegram/abc', secretToken: 'S3cret_-x' });
    expect(tg.calls.at(-1)?.params).toEqual({
      url: 'http://127.0.0.1:3000/webhooks/telegram/abc',
      secret_token: 'S3cret_-x',
      allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
    });
    expect(tg.bot.webhook).toMatchObject({ url: 'http://127.0.0.1:3000/webhooks/telegram/abc', secretToken: 'S3cret_-x', allowedUpdates: ['message', 'edited_message'] });
    await expect(getWebhookInfo(cfg)).resolves.toMatchObject({
      url: 'http://127.0.0.1:3000/webhooks/telegram/abc',
      pending_update_count: 0,
      allowed_updates: ['message', 'edited_message'],
    });
  });

  it('refuses a secret Telegram would refuse, without calling Telegram', async () => {
    const calls = tg.calls.length;
    const error = await sendError(setWebhook(cfg, { url: 'https://example.com/hook', secretToken: 'has spaces!' }));
    expect(error.kind).toBe('permanent');
    expect(tg.calls).toHaveLength(calls);
  });
});

describe('sendTelegramText', () => {
  it('posts JSON to /bot<token>/sendMessage and returns chat:message as the provider id', async () => {
    const result = await sendTelegramText(cfg, { chatId: ANA, text: 'Olá Ana! Como podemos ajudar? 😊' });
    const sent = tg.sent.at(-1)!;
    expect(result).toEqual({ providerMessageId: `${ANA}:${sent.messageId}` });
    expect(sent).toMatchObject({ chatId: ANA, kind: 'text', text: 'Olá Ana! Como podemos ajudar? 😊' });
    expect(tg.calls.at(-1)?.params).toEqual({ chat_id: ANA, text: 'Olá Ana! Como podemos ajudar? 😊' });
  });

  it('quotes a message when replying, and still sends if that message is gone', async () => {
    const inbound = await tg.userWrites(ANA, 'Where is my order?');
    const messageId = inbound.message!.message_id as number;
    await sendTelegramText(cfg, { chatId: ANA, text: 'On its way', replyToMessageId: messageId });
    expect(tg.sent.at(-1)?.replyToMessageId).toBe(messageId);
    await sendTelegramText(cfg, { chatId: ANA, text: 'Still there?', replyToMessageId: 999999 });
    expect(tg.sent.at(-1)).toMatchObject({ text: 'Still there?', replyToMessageId: undefined });
  });

  it('refuses texts over 4096 characters (emoji count as one) and empty texts, before calling Telegram', async () => {
    await expect(sendTelegramText(cfg, { chatId: ANA, text: '😊'.repeat(4096) })).resolves.toBeDefined();
    const calls = tg.calls.length;
    const long = await sendError(sendTelegramText(cfg, { chatId: ANA, text: 'x'.repeat(4097) }));
    expect(long.kind).toBe('permanent');
    expect(long.message).toContain('4097');
    expect((await sendError(sendTelegramText(cfg, { chatId: ANA, text: '  \n' }))).kind).toBe('permanent');
    expect(tg.calls).toHaveLength(calls);
  });

  it('tells the operator the customer blocked the bot', async () => {
    await tg.block(ANA);
    const error = await sendError(sendTelegramText(cfg, { chatId: ANA, text: 'Hello?' }));
    expect(error).toBeInstanceOf(TelegramApiError);
    expect(error.kind).toBe('recipient');
    expect(error.message).toMatch(/^The customer blocked the bot, so Telegram won't deliver messages to them\./);
    expect(error.retryable).toBe(false);
  });

  it('reports deleted accounts, unknown chats and people who never wrote as recipient errors', async () => {
    tg.addUser({ id: 444000222, firstName: 'Yuki' });
    expect((await sendError(sendTelegramText(cfg, { chatId: 444000222, text: 'hi' }))).message).toMatch(/has not started a chat with the bot/);
    expect((await sendError(sendTelegramText(cfg, { chatId: 123, text: 'hi' }))).message).toMatch(/^Telegram doesn't know this chat/);
    tg.deactivate(ANA);
    expect((await sendError(sendTelegramText(cfg, { chatId: ANA, text: 'hi' }))).message).toMatch(/account was deleted/);
  });

  it('reports flood control as rate_limit with the wait Telegram asked for', async () => {
    tg.failNext('tooManyRequests');
    const error = await sendError(sendTelegramText(cfg, { chatId: ANA, text: 'hi' }));
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfterSeconds: 5, code: 429 });
    expect(error.retryable).toBe(true);
  });

  it('reports 5xx answers, HTML from a proxy, refused connections and timeouts as transient', async () => {
    tg.failNext('serverError');
    expect((await sendError(sendTelegramText(cfg, { chatId: ANA, text: 'hi' }))).kind).toBe('transient');
    tg.failNext('badGateway');
    expect((await sendError(sendTelegramText(cfg, { chatId: ANA, text: 'hi' }))).kind).toBe('transient');

    tg.failNext({ delayMs: 300 });
    const slow = await sendError(sendTelegramText({ ...cfg, timeoutMs: 100 }, { chatId: ANA, text: 'hi' }));
    expect(slow.kind).toBe('transient');
    expect(slow.message).toMatch(/did not answer within 100 ms; the request may or may not have gone through/);

    const refused = await sendError(sendTelegramText({ ...cfg, apiUrl: `http://127.0.0.1:${await closedPort()}` }, { chatId: ANA, text: 'hi' }));
    expect(refused.kind).toBe('transient');
    expect(refused.message).toMatch(/^Could not reach Telegram \(.*ECONNREFUSED/);
  });

  it('never puts the bot token into an error message', async () => {
    const failures = [
      sendError(sendTelegramText({ ...cfg, apiUrl: `http://127.0.0.1:${await closedPort()}` }, { chatId: ANA, text: 'hi' })),
      sendError(getMe({ ...cfg, token: `${tg.bot.id}:AAwrongwrongwrongwrongwrongwrongwro` })),
    ];
    for (const error of await Promise.all(failures)) expect(error.message).not.toContain(':AA');
  });

  it('treats a 200 that is not a Bot API answer as transient', async () => {
    const fakeFetch = (async () => new Response('<html>captive portal</html>', { status: 200 })) as typeof fetch;
    expect((await sendError(sendTelegramText({ ...cfg, fetch: fakeFetch }, { chatId: ANA, text: 'hi' }))).kind).toBe('transient');
  });
});

describe('sending files', () => {
  it('sends a photo by URL, Telegram fetching it', async () => {
    const result = await sendTelegramPhoto(cfg, { chatId: ANA, url: 'https://cdn.example.com/menu.jpg', caption: 'Our menu' });
    expect(tg.sent.at(-1)).toMatchObject({ kind: 'photo', caption: 'Our menu', file: { source: 'url', url: 'https://cdn.example.com/menu.jpg' } });
    expect(result.providerMessageId).toBe(`${ANA}:${tg.sent.at(-1)!.messageId}`);
  });

  it('uploads a document as multipart with its name and type', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 invoice');
    await sendTelegramDocument(cfg, { chatId: ANA, file: { data: bytes, fileName: 'Invoice 42.pdf', mimeType: 'application/pdf' }, caption: 'Your invoice' });
    const sent = tg.sent.at(-1)!;
    expect(sent).toMatchObject({ kind: 'document', caption: 'Your invoice', file: { source: 'upload', fileName: 'Invoice 42.pdf', mimeType: 'application/pdf' } });
    expect(new TextDecoder().decode(sent.file!.bytes)).toBe('%PDF-1.4 invoice');
    expect(tg.calls.at(-1)?.params.document).toEqual({ fileName: 'Invoice 42.pdf', mimeType: 'application/pdf', size: bytes.byteLength });
  });

  it('re-sends a file already on Telegram by file_id, and needs exactly one source', async () => {
    const inbound = await tg.userWrites(ANA, { document: { fileName: 'a.pdf' } });
    const fileId = (inbound.message!.document as { file_id: string }).file_id;
    await sendTelegramDocument(cfg, { chatId: ANA, fileId });
    expect(tg.sent.at(-1)?.file).toMatchObject({ source: 'file_id', fileId });
    expect((await sendError(sendTelegramDocument(cfg, { chatId: ANA }))).kind).toBe('permanent');
    expect((await sendError(sendTelegramDocument(cfg, { chatId: ANA, fileId, url: 'https://x/y.pdf' }))).kind).toBe('permanent');
  });
});

describe('files from customers', () => {
  it('resolves a voice note attachment to its OGG bytes: getFile, then the file URL', async () => {
    const delivery = await tg.userWrites(ANA, { voice: { seconds: 3 } });
    const [event] = parseTelegramUpdate(delivery.update, String(tg.bot.id));
    const mediaId = event.type === 'message' ? event.attachments[0].mediaId! : '';

    const file = await getFile(cfg, mediaId);
    expect(file.file_path).toMatch(/^voice\/file_\d+\.oga$/);
    expect(fileDownloadUrl(cfg, file.file_path)).toBe(`${tg.url}/file/bot${tg.bot.token}/${file.file_path}`);
    const downloaded = new Uint8Array(await (await fetch(fileDownloadUrl(cfg, file.file_path))).arrayBuffer());
    expect(downloaded.byteLength).toBe(file.file_size);
    expect(new TextDecoder().decode(downloaded.slice(0, 4))).toBe('OggS');
  });

  it('refuses files over 20 MB and file ids of another bot as permanent', async () => {
    const big = await tg.userWrites(ANA, { document: { fileName: 'scan.pdf', size: 25 * 1024 * 1024 } });
    const bigId = (big.message!.document as { file_id: string }).file_id;
    expect(await sendError(getFile(cfg, bigId))).toMatchObject({ kind: 'permanent', description: 'Bad Request: file is too big' });

    const other = tg.addBot({ username: 'other_bot' });
    const foreign = await tg.userWrites(ANA, { photo: true }, { bot: other.id });
    const foreignId = (foreign.message!.photo as Array<{ file_id: string }>).at(-1)!.file_id;
    expect((await sendError(getFile(cfg, foreignId))).message).toMatch(/belongs to another bot/);
  });
});

describe('fetchTelegramProfile', () => {
  it("reads the customer's name, username and avatar file id (never a URL with the token)", async () => {
    const profile = await fetchTelegramProfile(cfg, ANA);
    expect(profile).toEqual({ displayName: 'Ana Lima', username: 'analima', avatarFileId: expect.any(String) });
    const avatar = await getFile(cfg, profile!.avatarFileId!);
    const bytes = new Uint8Array(await (await fetch(fileDownloadUrl(cfg, avatar.file_path))).arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('returns null for a chat Telegram does not know', async () => {
    await expect(fetchTelegramProfile(cfg, 42)).resolves.toBeNull();
  });
});

describe('callTelegramApi', () => {
  it('unwraps result and reaches any method', async () => {
    await expect(callTelegramApi(cfg, 'getWebhookInfo')).resolves.toMatchObject({ url: '', pending_update_count: 0 });
  });
});

/** A port nothing listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
