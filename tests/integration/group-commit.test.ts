import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../domain/deps';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import { chats, contacts, inboxEvents, jobs, messages, webhookEvents } from '../../db/schema';
import type { InboxEventRecord } from '../../events/bus';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel } from '../helpers/factories';
import { pageBody, postMeta, textEvent } from '../helpers/meta-webhook';
import { startTestRuntime } from '../helpers/runtime';

/** The runtime's deps with a database that counts the transactions it opens (its own group commit, too). */
function counting(deps: Deps) {
  const counter = { transactions: 0, open: 0, mostOpen: 0 };
  const db = new Proxy(deps.db, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return (...args: Parameters<Deps['db']['transaction']>) => {
          counter.transactions++;
          counter.mostOpen = Math.max(counter.mostOpen, ++counter.open);
          return target.transaction(...args).finally(() => counter.open--);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { deps: { ...deps, db } as Deps, counter };
}

describe.each(['pglite', 'postgres'] as const)('webhooks arriving together (%s)', (driver) => {
  let rt: BootedRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime(driver);
  });
  afterAll(() => rt?.close());

  const textsOf = async (channelId: string, psid: string) => {
    const rows = await rt.deps.db
      .select({ text: messages.text, lastMessageId: chats.lastMessageId, id: messages.id })
      .from(messages)
      .innerJoin(chats, eq(chats.id, messages.chatId))
      .innerJoin(contacts, eq(contacts.id, chats.contactId))
      .where(and(eq(contacts.channelId, channelId), eq(contacts.externalId, psid)));
    return rows;
  };

  it('twenty webhooks sent at once share a few transactions, each stored and answered, a chat ending on its newest message', async () => {
    const channel = await makeChannel(rt.deps);
    const { deps, counter } = counting(rt.deps);
    const at = Date.now();
    const bodies = Array.from({ length: 20 }, (_, i) =>
      // customers 0–3, five messages each, in order of time
      pageBody(channel.externalId, [textEvent(channel.externalId, `91${i % 4}`, `together ${i}`, at + i, `m_together_${driver}_${i}`)]),
    );
    const answers = await Promise.all(bodies.map((body) => postMeta(deps, body)));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
    // one for the first, the rest in one or two groups (one transaction each would be 20)
    expect(counter.transactions).toBeLessThanOrEqual(4);
    for (let c = 0; c < 4; c++) {
      const rows = await textsOf(channel.id, `91${c}`);
      expect(rows.map((r) => r.text).sort()).toEqual([0, 1, 2, 3, 4].map((k) => `together ${c + 4 * k}`).sort());
      const newest = rows.find((r) => r.id === rows[0].lastMessageId);
      expect(newest?.text).toBe(`together ${c + 16}`);
    }
  });

  it('the same delivery three times among others at once is stored once and answered 200 each time', async () => {
    const channel = await makeChannel(rt.deps);
    const twice = pageBody(channel.externalId, [textEvent(channel.externalId, '9201', 'only once', Date.now(), `m_once_${driver}`)]);
    const others = Array.from({ length: 6 }, (_, i) => pageBody(channel.externalId, [textEvent(channel.externalId, `930${i}`, `other ${i}`)]));
    const answers = await Promise.all([others[0], twice, others[1], twice, ...others.slice(2), twice].map((body) => postMeta(rt.deps, body)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await rt.deps.db.select().from(messages).where(eq(messages.providerMessageId, `m_once_${driver}`))).toHaveLength(1);
    expect(await rt.deps.db.select().from(messages).where(like(messages.text, 'other %'))).toHaveLength(6);
  });

  it("an event the database refuses, in a webhook sent with others, costs only that event: the others' are stored", async () => {
    const channel = await makeChannel(rt.deps);
    const event = (psid: string, mid: string, size?: number) => ({
      type: 'message' as const,
      channelExternalId: channel.externalId,
      contactExternalId: psid,
      providerMessageId: mid,
      timestamp: new Date(),
      text: mid,
      attachments: size ? [{ kind: 'file' as const, url: 'https://cdn.example.com/f.pdf', size }] : [],
      raw: { mid },
    });
    const mids = Array.from({ length: 8 }, (_, i) => `m_mixed_${driver}_${i}`);
    const results = await Promise.all(
      mids.map((mid, i) =>
        // the fourth webhook carries a good event and one whose file size no column can hold
        ingestEvents(rt.deps, 'meta', 'MESSENGER', i === 3 ? [event('9401', mid), event('9401', `${mid}_bad`, 1e12)] : [event(`94${i}0`, mid)]),
      ),
    );
    expect(results[3]).toMatchObject({ stored: 1, rejected: 1 });
    for (const [i, result] of results.entries()) if (i !== 3) expect(result).toMatchObject({ stored: 1, rejected: 0, duplicates: 0 });
    const stored = await rt.deps.db.select({ mid: messages.providerMessageId }).from(messages).where(inArray(messages.providerMessageId, [...mids, `${mids[3]}_bad`]));
    expect(stored.map((s) => s.mid).sort()).toEqual([...mids].sort());
    const rejected = await rt.deps.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id));
    expect(rejected.filter((r) => (r.payload as { rejected?: string }).rejected)).toHaveLength(1);
  });

  it('a group of messages out of order over several chats: each chat ends on its newest, is reopened, trimmed once, its customer fetched once, its live events in order', async () => {
    const channel = await makeChannel(rt.deps);
    const at = Date.now() - 60_000;
    // an archived chat, reopened by the customer writing again
    expect((await postMeta(rt.deps, pageBody(channel.externalId, [textEvent(channel.externalId, '9600', 'before', at - 1000, `m_before_${driver}`)]))).status).toBe(200);
    await rt.deps.db.update(chats).set({ status: 'ARCHIVED', archivedAt: new Date(), unread: false }).where(eq(chats.channelId, channel.id));
    const heard: InboxEventRecord[] = [];
    const stop = rt.deps.bus.subscribe((event) => void (event.channelId === channel.id && heard.push(event)));
    // per webhook two events; each chat gets its messages out of order of time, one of them with a file
    const sent = [
      [['9600', 3], ['9601', 1]],
      [['9600', 1], ['9602', 2]],
      [['9601', 3], ['9600', 2]],
      [['9602', 1], ['9601', 2]],
    ] as const;
    const file = { type: 'image', payload: { url: 'https://cdn.example.com/cat.jpg' } };
    const bodies = sent.map((pairs) =>
      pageBody(
        channel.externalId,
        pairs.map(([psid, k]) => {
          const event = textEvent(channel.externalId, psid, `${psid} #${k}`, at + k * 1000, `m_order_${driver}_${psid}_${k}`);
          // 9602's second message carries a file: its chat goes event by event, the others set-wise
          return psid === '9602' && k === 2 ? { ...event, message: { ...(event.message as object), attachments: [file] } } : event;
        }),
      ),
    );
    const answers = await Promise.all(bodies.map((body) => postMeta(rt.deps, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    for (const psid of ['9600', '9601', '9602']) {
      const [chat] = await rt.deps.db
        .select({ id: chats.id, status: chats.status, unread: chats.unread, awaiting: chats.awaitingReply, last: messages.text, contactId: contacts.id })
        .from(chats)
        .innerJoin(contacts, eq(contacts.id, chats.contactId))
        .innerJoin(messages, eq(messages.id, chats.lastMessageId))
        .where(and(eq(contacts.channelId, channel.id), eq(contacts.externalId, psid)));
      const newest = psid === '9602' ? 2 : 3;
      expect(chat).toMatchObject({ status: 'OPEN', unread: true, awaiting: true, last: `${psid} #${newest}` });
      const queued = await rt.deps.db.select({ kind: jobs.kind, payload: jobs.payload }).from(jobs).where(inArray(jobs.kind, ['prune-history', 'fetch-profile']));
      expect(queued.filter((j) => j.kind === 'prune-history' && (j.payload as { chatId: string }).chatId === chat.id)).toHaveLength(1);
      expect(queued.filter((j) => j.kind === 'fetch-profile' && (j.payload as { contactId: string }).contactId === chat.contactId)).toHaveLength(1);
      // each message logged once as added and once as a chat update, in the order stored
      const logged = await rt.deps.db.select().from(inboxEvents).where(eq(inboxEvents.chatId, chat.id)).orderBy(inboxEvents.id);
      const own = heard.filter((e) => e.chatId === chat.id);
      expect(own.map((e) => e.id)).toEqual(logged.filter((e) => Number(e.id) >= own[0].id).map((e) => Number(e.id)));
      expect(own.map((e) => e.type)).toEqual(own.flatMap((e, i) => (i % 2 === 0 ? ['MessageAdded', 'ChatUpdated'] : [])));
      const added = own.filter((e) => e.type === 'MessageAdded');
      expect(added).toHaveLength(psid === '9600' ? 3 : psid === '9601' ? 3 : 2);
      const order = await rt.deps.db.select({ id: messages.id, text: messages.text }).from(messages).where(inArray(messages.id, added.map((e) => e.messageId!)));
      // a chat's messages are logged in the order the platform sent them, whatever their times
      const sentOrder = sent.flat().filter(([p]) => p === psid).map(([, k]) => `${psid} #${k}`);
      expect(added.map((e) => order.find((m) => m.id === e.messageId)!.text)).toEqual(sentOrder);
    }
  });

  it("while a group commits the next one works, and a chat's messages still land in the order they came", async () => {
    const channel = await makeChannel(rt.deps);
    const { deps, counter } = counting(rt.deps);
    const at = Date.now();
    // two customers, thirty messages each, sent one after another in order of time
    const bodies = Array.from({ length: 60 }, (_, i) =>
      pageBody(channel.externalId, [textEvent(channel.externalId, `97${i % 2}`, `stream ${i}`, at + i, `m_stream_${driver}_${i}`)]),
    );
    const answers: Array<Promise<{ status: number }>> = [];
    for (const body of bodies) {
      answers.push(postMeta(deps, body));
      // a few arrive while the group before them is committing
      if (answers.length % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual(bodies.map(() => 200));
    expect(counter.mostOpen, 'transactions open at once').toBeGreaterThanOrEqual(2);
    for (const psid of ['970', '971']) {
      const [chat] = await rt.deps.db
        .select({ id: chats.id, last: messages.text })
        .from(chats)
        .innerJoin(contacts, eq(contacts.id, chats.contactId))
        .innerJoin(messages, eq(messages.id, chats.lastMessageId))
        .where(and(eq(contacts.channelId, channel.id), eq(contacts.externalId, psid)));
      const mine = bodies.map((_, i) => i).filter((i) => `97${i % 2}` === psid);
      expect(chat.last).toBe(`stream ${mine.at(-1)}`);
      const added = await rt.deps.db
        .select({ text: messages.text })
        .from(inboxEvents)
        .innerJoin(messages, eq(messages.id, inboxEvents.messageId))
        .where(and(eq(inboxEvents.chatId, chat.id), eq(inboxEvents.type, 'MessageAdded')))
        .orderBy(inboxEvents.id);
      expect(added.map((a) => a.text)).toEqual(mine.map((i) => `stream ${i}`));
    }
  });
});
