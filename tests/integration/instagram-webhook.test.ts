import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJsonStringify } from '../../channels/meta/meta-json';
import { channels, chats, contacts, messages } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeEmployee } from '../helpers/factories';
import { gql } from '../helpers/graphql';
import { postMeta } from '../helpers/meta-webhook';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const igBody = (igId: string, events: unknown[]) => metaJsonStringify({ object: 'instagram', entry: [{ id: igId, time: Date.now(), messaging: events }] });

describe.each(DRIVERS)('Instagram webhooks (%s)', (driver) => {
  let rt: BootedRuntime;
  let igId: string;
  let channelId: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const channel = await makeChannel(rt.deps, { kind: 'INSTAGRAM', externalId: '17841400000000001' });
    igId = channel.externalId;
    channelId = channel.id;
  });
  afterAll(() => rt?.close());

  it('a DM on the Instagram account opens an Instagram chat', async () => {
    const dm = { sender: { id: '5550001' }, recipient: { id: igId }, timestamp: Date.now() - 1000, message: { mid: 'aWdfZAG1_1', text: 'Is the shop open today?' } };
    expect((await postMeta(rt.deps, igBody(igId, [dm]))).status).toBe(200);
    const [row] = await rt.deps.db
      .select({ chat: chats, kind: channels.kind })
      .from(chats)
      .innerJoin(contacts, eq(contacts.id, chats.contactId))
      .innerJoin(channels, eq(channels.id, chats.channelId))
      .where(eq(contacts.externalId, '5550001'));
    expect(row.kind).toBe('INSTAGRAM');
    expect(row.chat.unread).toBe(true);
  });

  it('"seen up to this message" marks everything we sent before it as read', async () => {
    const [contact] = await rt.deps.db.select().from(contacts).where(and(eq(contacts.channelId, channelId), eq(contacts.externalId, '5550001')));
    const [chat] = await rt.deps.db.select().from(chats).where(eq(chats.contactId, contact.id));
    const base = Date.now() - 500;
    for (const [i, mid] of ['ig_out_1', 'ig_out_2', 'ig_out_3'].entries()) {
      await rt.deps.db.insert(messages).values({ chatId: chat.id, channelId, direction: 'OUTBOUND', status: 'SENT', text: mid, providerMessageId: mid, sentAt: new Date(base + i * 100) });
    }
    const seen = { sender: { id: '5550001' }, recipient: { id: igId }, timestamp: Date.now(), read: { mid: 'ig_out_2' } };
    await postMeta(rt.deps, igBody(igId, [seen]));
    const rows = await rt.deps.db.select({ mid: messages.providerMessageId, status: messages.status }).from(messages).where(eq(messages.direction, 'OUTBOUND'));
    expect(Object.fromEntries(rows.map((r) => [r.mid, r.status]))).toEqual({ ig_out_1: 'READ', ig_out_2: 'READ', ig_out_3: 'SENT' });
  });

  it('an unsent message changes nothing', async () => {
    const before = await rt.deps.db.select().from(messages);
    const unsend = { sender: { id: '5550001' }, recipient: { id: igId }, timestamp: Date.now(), message: { mid: 'aWdfZAG1_1', is_deleted: true } };
    expect((await postMeta(rt.deps, igBody(igId, [unsend]))).status).toBe(200);
    expect(await rt.deps.db.select().from(messages)).toHaveLength(before.length);
  });

  it('after 7 days the chat cannot send and links to the conversation in Instagram', async () => {
    const { Admin } = await builtinRoles(rt.deps);
    const admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    await rt.deps.db.update(contacts).set({ username: 'anna.repairs' }).where(eq(contacts.externalId, '5550001'));
    await rt.deps.db.update(chats).set({ lastInboundAt: new Date(Date.now() - 8 * 24 * 3600_000) });
    const res = await gql(rt, admin, '{ chats { edges { node { id sendability { canSend block externalUrl } } } } }');
    const chat = res.data!.chats.edges[0].node;
    expect(chat.sendability).toEqual({ canSend: false, block: 'WINDOW_CLOSED', externalUrl: 'https://ig.me/m/anna.repairs' });
    const blocked = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "hello?") { id } }', { c: chat.id });
    expect(blocked.errors![0].extensions).toMatchObject({ code: 'SEND_BLOCKED', block: 'WINDOW_CLOSED', externalUrl: 'https://ig.me/m/anna.repairs' });
  });
});
