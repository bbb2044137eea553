import { and, eq, like, sql } from 'drizzle-orm';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJsonStringify } from '../../channels/meta/meta-json';
import { signMetaBody } from '../../channels/meta/signature';
import { TELEGRAM_SECRET_HEADER } from '../../channels/telegram/verify';
import { channels, contacts, messages, webhookEvents } from '../../db/schema';
import type { Deps } from '../../domain/deps';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import { handleMetaWebhook } from '../../http/meta-webhook';
import { LINGER_BYTES, LINGER_MS, WEBHOOK_BODY_LIMIT } from '../../http/read-body';
import { handleTelegramWebhook } from '../../http/telegram-webhook';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel } from '../helpers/factories';
import { pageBody, postMeta, textEvent } from '../helpers/meta-webhook';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';

const NUL = '\u0000';
/** Far outside what JavaScript's Date (±8.64e15 ms) or PostgreSQL can hold. */
const ABSURD_MS = 1e20;

const messageByMid = async (deps: Deps, mid: string) => (await deps.db.select().from(messages).where(eq(messages.providerMessageId, mid)))[0];

/** A body of `total` bytes produced only as it is read; `pulled` says how much was. */
function lazyBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

const postStream = (url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request(url, { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit);

describe.each(DRIVERS)('webhook batches survive bad events (%s)', (driver) => {
  let rt: BootedRuntime;
  let pageId: string;
  let igId: string;
  let waPhoneId: string;
  let telegram: typeof channels.$inferSelect;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    pageId = (await makeChannel(rt.deps)).externalId;
    igId = (await makeChannel(rt.deps, { kind: 'INSTAGRAM' })).externalId;
    waPhoneId = (await makeChannel(rt.deps, { kind: 'WHATSAPP' })).externalId;
    [telegram] = await rt.deps.db
      .insert(channels)
      .values({ kind: 'TELEGRAM', name: 'Bot', externalId: `${Math.floor(Math.random() * 1e9)}`, accessToken: '1:token', webhookSecret: 'tg-secret', state: 'CONNECTED' })
      .returning();
  });
  afterAll(() => rt?.close());

  it('Messenger: a NUL in one event and an absurd timestamp in another do not sink the batch', async () => {
    const nul = textEvent(pageId, '7001', `before${NUL}after`, Date.now(), `m_nul_${driver}`);
    const good = textEvent(pageId, '7002', 'a good one', Date.now(), `m_good_${driver}`);
    const absurd = textEvent(pageId, '7003', 'from the far future', ABSURD_MS, `m_far_${driver}`);
    const ancient = textEvent(pageId, '7004', 'from before JavaScript', -1e15, `m_old_${driver}`);
    // a NUL in a key and in a value of the raw JSON that is stored as jsonb
    (nul as Record<string, unknown>)[`odd${NUL}key`] = `odd${NUL}value`;
    const before = Date.now();
    const res = await postMeta(rt.deps, pageBody(pageId, [nul, good, absurd, ancient]));
    expect(res.status).toBe(200);

    expect((await messageByMid(rt.deps, `m_good_${driver}`)).text).toBe('a good one');
    expect((await messageByMid(rt.deps, `m_nul_${driver}`)).text).toBe('beforeafter');
    for (const mid of [`m_far_${driver}`, `m_old_${driver}`]) {
      const stored = await messageByMid(rt.deps, mid);
      expect(stored.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(stored.sentAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const [raw] = await rt.deps.db.select().from(webhookEvents).where(like(webhookEvents.dedupeKey, `%m_nul_${driver}`));
    expect(raw.payload).toMatchObject({ oddkey: 'oddvalue' });
  });

  it('Instagram: a NUL in the text and in a lone surrogate pair half are cleaned, the rest stored', async () => {
    const event = (text: string, mid: string, at = Date.now()) => ({ sender: { id: '7101' }, recipient: { id: igId }, timestamp: at, message: { mid, text } });
    const body = metaJsonStringify({
      object: 'instagram',
      entry: [{ id: igId, time: Date.now(), messaging: [event(`hi${NUL}`, `ig_nul_${driver}`), event('broken \ud800 half', `ig_sur_${driver}`), event('fine', `ig_ok_${driver}`, ABSURD_MS)] }],
    });
    expect((await postMeta(rt.deps, body)).status).toBe(200);
    expect((await messageByMid(rt.deps, `ig_nul_${driver}`)).text).toBe('hi');
    expect((await messageByMid(rt.deps, `ig_sur_${driver}`)).text).toBe('broken \ufffd half');
    expect((await messageByMid(rt.deps, `ig_ok_${driver}`)).text).toBe('fine');
  });

  it('WhatsApp: a NUL in a text and in a profile name, and a timestamp in the far future, are stored cleaned', async () => {
    const message = (id: string, body: string, timestamp: string) => ({ from: '4915112345678', id, timestamp, type: 'text', text: { body } });
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550000000', phone_number_id: waPhoneId },
                contacts: [{ profile: { name: `Ana${NUL}` }, wa_id: '4915112345678' }],
                messages: [
                  message(`wamid.nul_${driver}`, `hello${NUL}`, String(Math.floor(Date.now() / 1000))),
                  message(`wamid.far_${driver}`, 'far', '99999999999999999999'),
                  message(`wamid.ok_${driver}`, 'ok', String(Math.floor(Date.now() / 1000))),
                ],
              },
            },
          ],
        },
      ],
    });
    const res = await handleMetaWebhook(
      new Request('http://localhost/api/webhooks/whatsapp', { method: 'POST', body, headers: { 'x-hub-signature-256': signMetaBody(body, TEST_APP_SECRET) } }),
      rt.deps,
    );
    expect(res.status).toBe(200);
    expect((await messageByMid(rt.deps, `wamid.nul_${driver}`)).text).toBe('hello');
    expect((await messageByMid(rt.deps, `wamid.ok_${driver}`)).text).toBe('ok');
    expect(Math.abs((await messageByMid(rt.deps, `wamid.far_${driver}`)).sentAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [contact] = await rt.deps.db.select().from(contacts).where(eq(contacts.externalId, '4915112345678'));
    expect(contact.displayName).toBe('Ana');
  });

  const postTelegram = (update: unknown) =>
    handleTelegramWebhook(
      new Request(`http://localhost/api/webhooks/telegram/${telegram.id}`, {
        method: 'POST',
        body: JSON.stringify(update),
        headers: { [TELEGRAM_SECRET_HEADER]: 'tg-secret' },
      }),
      rt.deps,
      telegram.id,
    );
  const tgMessage = (id: number, extra: Record<string, unknown>) => ({
    update_id: id,
    message: { message_id: id, from: { id: 42, is_bot: false, first_name: 'Ana' }, chat: { id: 42, type: 'private', first_name: 'Ana' }, date: Math.floor(Date.now() / 1000), ...extra },
  });

  it('Telegram: a NUL in the text and an absurd date are stored cleaned', async () => {
    const base = driver === 'pglite' ? 1000 : 2000;
    expect((await postTelegram(tgMessage(base + 1, { text: `Olá${NUL}!` }))).status).toBe(200);
    expect((await postTelegram(tgMessage(base + 2, { text: 'late', date: 1e15 }))).status).toBe(200);
    const [nul] = await rt.deps.db.select().from(messages).where(like(messages.providerMessageId, `%${base + 1}`));
    expect(nul.text).toBe('Olá!');
    const [late] = await rt.deps.db.select().from(messages).where(like(messages.providerMessageId, `%${base + 2}`));
    expect(Math.abs(late.sentAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('Telegram: an event the database still refuses is kept as rejected with the reason, answered 200, and a redelivery is a no-op', async () => {
    const base = driver === 'pglite' ? 1000 : 2000;
    // a file size beyond PostgreSQL's integer: nothing to clean, the database says no
    const update = tgMessage(base + 3, { document: { file_id: 'f1', file_unique_id: 'u1', file_name: 'big.pdf', file_size: 99_999_999_999 } });
    expect((await postTelegram(update)).status).toBe(200);
    const rejected = await rt.deps.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.channelId, telegram.id), sql`${webhookEvents.payload} ? 'rejected'`));
    expect(rejected).toHaveLength(1);
    expect((rejected[0].payload as { rejected: string }).rejected).toMatch(/^22003/);
    expect((await postTelegram(update)).status).toBe(200);
    const [{ n }] = await rt.deps.db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents).where(sql`${webhookEvents.payload} ? 'rejected'`);
    expect(n).toBe(1);
  });

  const rejectedRows = async (channelId: string) =>
    (
      await rt.deps.db
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.channelId, channelId), sql`${webhookEvents.payload} ? 'rejected'`))
    ).map((r) => r.payload as { rejected: string; raw: unknown });

  it('Messenger: an event that cannot be read is kept as rejected, and a time of 1e400 becomes the time received', async () => {
    const [channel] = await rt.deps.db.select().from(channels).where(eq(channels.externalId, pageId));
    const good = textEvent(pageId, '7401', 'still here', Date.now(), `m_kept_${driver}`);
    const noMid = { sender: { id: '7402' }, recipient: { id: pageId }, timestamp: Date.now(), message: { text: `no mid ${driver}` } };
    const infinite = textEvent(pageId, '7403', 'infinite time', 424242424242, `m_inf_${driver}`);
    // 1e400 is valid JSON that no number holds
    const body = pageBody(pageId, [noMid, good, infinite]).replace('424242424242', '1e400');
    expect((await postMeta(rt.deps, body)).status).toBe(200);
    expect((await messageByMid(rt.deps, `m_kept_${driver}`)).text).toBe('still here');
    expect(Math.abs((await messageByMid(rt.deps, `m_inf_${driver}`)).sentAt.getTime() - Date.now())).toBeLessThan(60_000);
    const rejected = (await rejectedRows(channel.id)).filter((r) => JSON.stringify(r.raw).includes(`no mid ${driver}`));
    expect(rejected).toHaveLength(1);
    expect(rejected[0].rejected).toMatch(/without a mid/);
  });

  it('WhatsApp: a status without an id is kept as rejected, a message timed "soon" is stored at the time received', async () => {
    const [channel] = await rt.deps.db.select().from(channels).where(eq(channels.externalId, waPhoneId));
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550000000', phone_number_id: waPhoneId },
                contacts: [{ profile: { name: 'Bo' }, wa_id: '4915112345679' }],
                messages: [{ from: '4915112345679', id: `wamid.soon_${driver}`, timestamp: 'soon', type: 'text', text: { body: 'when?' } }],
                statuses: [{ status: 'delivered', timestamp: '1750857300', recipient_id: '4915112345679', note: `no id ${driver}` }],
              },
            },
          ],
        },
      ],
    });
    const res = await handleMetaWebhook(
      new Request('http://localhost/api/webhooks/whatsapp', { method: 'POST', body, headers: { 'x-hub-signature-256': signMetaBody(body, TEST_APP_SECRET) } }),
      rt.deps,
    );
    expect(res.status).toBe(200);
    expect(Math.abs((await messageByMid(rt.deps, `wamid.soon_${driver}`)).sentAt.getTime() - Date.now())).toBeLessThan(60_000);
    const rejected = (await rejectedRows(channel.id)).filter((r) => JSON.stringify(r.raw).includes(`no id ${driver}`));
    expect(rejected).toHaveLength(1);
    expect(rejected[0].rejected).toMatch(/needs id/);
  });

  it('Telegram: an update that cannot be read is acknowledged and kept as rejected, so later updates are not held back', async () => {
    const base = driver === 'pglite' ? 1000 : 2000;
    const unreadable = { update_id: base + 4, message: { message_id: base + 4, date: 1718000000, text: 'no chat' } };
    expect((await postTelegram(unreadable)).status).toBe(200);
    expect((await rejectedRows(telegram.id)).filter((r) => (r.raw as { update_id?: number })?.update_id === base + 4)).toHaveLength(1);
    expect((await postTelegram(tgMessage(base + 5, { text: 'next one', date: 1e20 }))).status).toBe(200);
    const [next] = await rt.deps.db.select().from(messages).where(like(messages.providerMessageId, `%${base + 5}`));
    expect(next.text).toBe('next one');
  });

  it('a refused event in a batch leaves the others stored and their live events published', async () => {
    const now = new Date();
    const event = (mid: string, size?: number) => ({
      type: 'message' as const,
      channelExternalId: pageId,
      contactExternalId: '7201',
      providerMessageId: mid,
      timestamp: now,
      text: mid,
      attachments: size ? [{ kind: 'file' as const, url: 'https://cdn.example.com/f.pdf', size }] : [],
      raw: { mid },
    });
    const published: string[] = [];
    const deps: Deps = { ...rt.deps, bus: { ...rt.deps.bus, publish: async (events) => void published.push(...events.map((e) => e.type)) } };
    const result = await ingestEvents(deps, 'meta', 'MESSENGER', [event(`m_a_${driver}`), event(`m_bad_${driver}`, 1e12), event(`m_b_${driver}`)]);
    expect(result).toMatchObject({ stored: 2, rejected: 1 });
    expect(await messageByMid(rt.deps, `m_a_${driver}`)).toBeDefined();
    expect(await messageByMid(rt.deps, `m_b_${driver}`)).toBeDefined();
    expect(await messageByMid(rt.deps, `m_bad_${driver}`)).toBeUndefined();
    expect(published.filter((t) => t === 'MessageAdded')).toHaveLength(2);
  });

  it('a database that fails (not the data) fails the batch, so the platform delivers it again', async () => {
    const gone = Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });
    const deps: Deps = { ...rt.deps, db: { ...rt.deps.db, transaction: async () => Promise.reject(gone) } as unknown as Deps['db'] };
    await expect(postMeta(deps, pageBody(pageId, [textEvent(pageId, '7301', 'lost?')]))).rejects.toThrow(/CONNECTION_CLOSED/);
  });

  /** After the answer, at most the linger budget more is ever read. */
  const afterLinger = () => new Promise((r) => setTimeout(r, LINGER_MS + 300));

  it('a 500 MB body with its Content-Length is refused with 413 before it is read, and never read whole', async () => {
    const { stream, state } = lazyBody(500 * 1024 * 1024);
    const res = await handleMetaWebhook(
      postStream('http://localhost/api/webhooks/meta', stream, { 'content-length': String(500 * 1024 * 1024), 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) }),
      rt.deps,
    );
    expect(res.status).toBe(413);
    await afterLinger();
    expect(state.pulled).toBeLessThanOrEqual(LINGER_BYTES + 2 * 64 * 1024);
  });

  it('a 500 MB chunked body with a wrong signature is refused with 413 after at most the cap, fast and in little memory', async () => {
    const { stream, state } = lazyBody(500 * 1024 * 1024);
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const res = await handleMetaWebhook(postStream('http://localhost/api/webhooks/meta', stream, { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) }), rt.deps);
    expect(res.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(3000);
    // answered having read about the cap (the linger may have begun dropping a few more chunks)
    expect(state.pulled).toBeLessThanOrEqual(WEBHOOK_BODY_LIMIT + 1024 * 1024);
    await afterLinger();
    expect(state.pulled).toBeLessThanOrEqual(WEBHOOK_BODY_LIMIT + LINGER_BYTES + 2 * 64 * 1024);
    const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('an unsigned chunked body is refused with 401 unread, and never read whole', async () => {
    const { stream, state } = lazyBody(500 * 1024 * 1024);
    const res = await handleMetaWebhook(postStream('http://localhost/api/webhooks/meta', stream, {}), rt.deps);
    expect(res.status).toBe(401);
    await afterLinger();
    expect(state.pulled).toBeLessThanOrEqual(LINGER_BYTES + 2 * 64 * 1024);
  });

  /**
   * Our handler behind a real socket, given the request the way Next's adapter builds it (the
   * IncomingMessage itself as a streamed body); `bytesRead` is what the server took off the socket.
   */
  async function serveLikeNext() {
    const seen = { bytesRead: 0, socketAlive: false, socketBytes: () => 0 };
    const server = createServer(async (req, res) => {
      const response = await handleMetaWebhook(
        new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers: req.headers as Record<string, string>, body: req as unknown as BodyInit, duplex: 'half' } as RequestInit),
        rt.deps,
      );
      seen.bytesRead = req.socket?.bytesRead ?? Infinity;
      const socket = req.socket;
      seen.socketBytes = () => socket?.bytesRead ?? Infinity;
      seen.socketAlive = Boolean(req.socket && !req.socket.destroyed);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      port: (server.address() as AddressInfo).port,
      seen,
      close: () => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  /** A sender that never stops (500 MB, chunked) on a raw socket; what the server answers mid-body is read. */
  function sendForever(port: number, headers: string) {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    return new Promise<{ status: number; sent: number }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let done = false;
      const finish = (value: number | Error) => {
        if (done) return;
        done = true;
        socket.destroy();
        if (value instanceof Error) reject(value);
        else resolve({ status: value, sent });
      };
      socket.on('data', (data) => {
        answer += data.toString('latin1');
        const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
        if (match) finish(Number(match[1]));
      });
      socket.on('error', () => setTimeout(() => finish(new Error(`no answer before the socket failed: ${answer}`)), 500));
      socket.on('close', () => setTimeout(() => finish(new Error(`closed without an answer: ${answer}`)), 500));
      const pump = () => {
        while (!done && sent < 500 * 1024 * 1024) {
          sent += chunk.byteLength;
          if (!socket.write(Buffer.concat([Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]))) return void socket.once('drain', pump);
        }
        if (!done) socket.write('0\r\n\r\n');
      };
      socket.write(`POST /api/webhooks/meta HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n${headers}\r\n`, pump);
    });
  }

  it('over a real socket, a 500 MB body with a wrong signature is answered 413 while it is still being sent, after reading about the cap', async () => {
    const server = await serveLikeNext();
    try {
      const { status, sent } = await sendForever(server.port, `X-Hub-Signature-256: sha256=${'0'.repeat(64)}\r\n`);
      expect(status).toBe(413);
      expect(sent).toBeLessThan(100 * 1024 * 1024);
      expect(server.seen.socketAlive).toBe(true);
      expect(server.seen.bytesRead).toBeLessThanOrEqual(WEBHOOK_BODY_LIMIT + 4 * 1024 * 1024);
      await afterLinger();
      expect(server.seen.socketBytes()).toBeLessThanOrEqual(WEBHOOK_BODY_LIMIT + LINGER_BYTES + 4 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('over a real socket, a 500 MB unsigned body is answered 401 unread', async () => {
    const server = await serveLikeNext();
    try {
      const { status, sent } = await sendForever(server.port, '');
      expect(status).toBe(401);
      expect(sent).toBeLessThan(100 * 1024 * 1024);
      expect(server.seen.bytesRead).toBeLessThanOrEqual(4 * 1024 * 1024);
      await afterLinger();
      expect(server.seen.socketBytes()).toBeLessThanOrEqual(LINGER_BYTES + 4 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('Telegram: a 500 MB body is refused with 413 after at most the cap', async () => {
    const { stream, state } = lazyBody(500 * 1024 * 1024);
    const res = await handleTelegramWebhook(
      postStream(`http://localhost/api/webhooks/telegram/${telegram.id}`, stream, { [TELEGRAM_SECRET_HEADER]: 'tg-secret' }),
      rt.deps,
      telegram.id,
    );
    expect(res.status).toBe(413);
    // answered having read about the cap (the linger may have begun dropping a few more chunks)
    expect(state.pulled).toBeLessThanOrEqual(WEBHOOK_BODY_LIMIT + 1024 * 1024);
    await afterLinger();
    expect(state.pulled).toBeLessThanOrEqual(WEBHOOK_BODY_LIMIT + LINGER_BYTES + 2 * 64 * 1024);
  });
});
