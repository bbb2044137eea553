import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, contacts, messages, webhookEvents } from '../../db/schema';
import { handleMetaWebhook } from '../../http/meta-webhook';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel } from '../helpers/factories';
import { pageBody, postMeta, textEvent } from '../helpers/meta-webhook';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET, TEST_VERIFY_TOKEN } from '../helpers/runtime';
import { signMetaBody } from '../../channels/meta/signature';

describe.each(DRIVERS)('Messenger webhooks (%s)', (driver) => {
  let rt: BootedRuntime;
  let pageId: string;
  let channelId: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const channel = await makeChannel(rt.deps);
    pageId = channel.externalId;
    channelId = channel.id;
  });
  afterAll(() => rt?.close());

  const countRows = async () => {
    const [m] = await rt.deps.db.select({ n: count() }).from(messages);
    const [w] = await rt.deps.db.select({ n: count() }).from(webhookEvents);
    return { messages: Number(m.n), events: Number(w.n) };
  };

  it('answers the hub handshake only with the right verify token', async () => {
    const get = (token: string) =>
      handleMetaWebhook(new Request(`http://x/api/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`), rt.deps);
    const ok = await get(TEST_VERIFY_TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await get('wrong')).status).toBe(403);
  });

  it('a bad or missing signature is a 401 and stores nothing', async () => {
    const before = await countRows();
    const body = pageBody(pageId, [textEvent(pageId, '5001', 'sneaky')]);
    expect((await postMeta(rt.deps, body, null)).status).toBe(401);
    expect((await postMeta(rt.deps, body, 'sha256=' + '0'.repeat(64))).status).toBe(401);
    expect((await postMeta(rt.deps, body, 'sha1=abc')).status).toBe(401);
    expect(await countRows()).toEqual(before);
  });

  it('malformed JSON is a 400 and stores nothing', async () => {
    const before = await countRows();
    expect((await postMeta(rt.deps, '{"object":"page","entry":[')).status).toBe(400);
    expect((await postMeta(rt.deps, '{"object":"page","entry":"nope"}')).status).toBe(400);
    expect(await countRows()).toEqual(before);
  });

  it('a page we do not know is acknowledged and ignored', async () => {
    const before = await countRows();
    const res = await postMeta(rt.deps, pageBody('999999', [textEvent('999999', '5002', 'for someone else')]));
    expect(res.status).toBe(200);
    expect(await countRows()).toEqual(before);
  });

  it('a first message from an unknown sender creates a contact and an unread chat', async () => {
    const at = Date.now() - 5000;
    const res = await postMeta(rt.deps, pageBody(pageId, [textEvent(pageId, '5003', 'Grüße – is it “ready”? </script>', at)]));
    expect(res.status).toBe(200);
    const [contact] = await rt.deps.db.select().from(contacts).where(eq(contacts.externalId, '5003'));
    const [chat] = await rt.deps.db.select().from(chats).where(eq(chats.contactId, contact.id));
    expect(chat).toMatchObject({ status: 'OPEN', unread: true, awaitingReply: true });
    expect(chat.lastInboundAt?.getTime()).toBe(at);
    const [message] = await rt.deps.db.select().from(messages).where(eq(messages.chatId, chat.id));
    expect(message).toMatchObject({ direction: 'INBOUND', status: 'RECEIVED', text: 'Grüße – is it “ready”? </script>' });
  });

  it('a redelivered mid is a no-op', async () => {
    const body = pageBody(pageId, [textEvent(pageId, '5004', 'once', Date.now(), 'm_dupe_1')]);
    expect((await postMeta(rt.deps, body)).status).toBe(200);
    const after = await countRows();
    expect((await postMeta(rt.deps, body)).status).toBe(200);
    expect(await countRows()).toEqual(after);
  });

  it('stores every entry and every event of a batch', async () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        { id: pageId, time: Date.now(), messaging: [textEvent(pageId, '5005', 'one'), textEvent(pageId, '5005', 'two')] },
        { id: pageId, time: Date.now(), messaging: [textEvent(pageId, '5006', 'three')] },
      ],
    });
    expect((await postMeta(rt.deps, body, signMetaBody(body, TEST_APP_SECRET))).status).toBe(200);
    const texts = (await rt.deps.db.select({ text: messages.text }).from(messages)).map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(['one', 'two', 'three']));
  });

  it('an echo of a message sent elsewhere is recorded as ours, without a sender', async () => {
    const echo = {
      sender: { id: pageId },
      recipient: { id: '5003' },
      timestamp: Date.now(),
      message: { is_echo: true, app_id: 42, mid: 'm_echo_elsewhere', text: 'Answered from the Page inbox' },
    };
    expect((await postMeta(rt.deps, pageBody(pageId, [echo]))).status).toBe(200);
    const [row] = await rt.deps.db.select().from(messages).where(eq(messages.providerMessageId, 'm_echo_elsewhere'));
    expect(row).toMatchObject({ direction: 'OUTBOUND', status: 'SENT', senderId: null });
    const [chat] = await rt.deps.db.select().from(chats).where(eq(chats.id, row.chatId));
    expect(chat.awaitingReply).toBe(false);
  });

  it('delivery then read move our messages forward, and a late delivery never moves them back', async () => {
    const [chat] = await rt.deps.db
      .select({ id: chats.id })
      .from(chats)
      .innerJoin(contacts, eq(contacts.id, chats.contactId))
      .where(eq(contacts.externalId, '5003'));
    const sentAt = new Date(Date.now() - 2000);
    const [ours] = await rt.deps.db
      .insert(messages)
      .values({ chatId: chat.id, channelId, direction: 'OUTBOUND', status: 'SENT', text: 'Yes', providerMessageId: 'm_ours_1', sentAt })
      .returning();
    const delivery = { sender: { id: '5003' }, recipient: { id: pageId }, delivery: { mids: ['m_ours_1'], watermark: Date.now() } };
    const readAt = Date.now();
    const read = { sender: { id: '5003' }, recipient: { id: pageId }, timestamp: readAt, read: { watermark: readAt } };
    await postMeta(rt.deps, pageBody(pageId, [delivery]));
    let [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, ours.id));
    expect(row.status).toBe('DELIVERED');
    await postMeta(rt.deps, pageBody(pageId, [read]));
    [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, ours.id));
    expect(row.status).toBe('READ');
    expect(row.readAt?.getTime()).toBe(readAt);
    const late = { sender: { id: '5003' }, recipient: { id: pageId }, delivery: { mids: ['m_ours_1'], watermark: Date.now() + 1 } };
    await postMeta(rt.deps, pageBody(pageId, [late]));
    [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, ours.id));
    expect(row.status).toBe('READ');
  });

  it('a customer writing again reopens an archived chat', async () => {
    const [contact] = await rt.deps.db.select().from(contacts).where(eq(contacts.externalId, '5004'));
    await rt.deps.db.update(chats).set({ status: 'ARCHIVED', archivedAt: new Date() }).where(eq(chats.contactId, contact.id));
    await postMeta(rt.deps, pageBody(pageId, [textEvent(pageId, '5004', 'me again')]));
    const [chat] = await rt.deps.db.select().from(chats).where(eq(chats.contactId, contact.id));
    expect(chat).toMatchObject({ status: 'OPEN', archivedAt: null, unread: true });
  });
});
