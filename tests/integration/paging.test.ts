import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, clients, messages } from '../../db/schema';
import { selectChatViews } from '../../domain/chats/chat-view';
import { chatsPageQuery } from '../../domain/chats/list-chats';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeChat, makeEmployee } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';
import { asc, desc, eq } from 'drizzle-orm';

describe.each(DRIVERS)('paging (%s)', (driver) => {
  let rt: BootedRuntime;
  let admin: Credentials;
  let longChat: string;
  let longChatId: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const channel = await makeChannel(rt.deps);
    // 7 chats, one minute apart, two of them at the very same instant (the id breaks the tie)
    for (let i = 0; i < 7; i++) await makeChat(rt.deps, channel.id, { name: `Customer ${i}`, lastInboundAgoMs: (i === 6 ? 5 : i) * 60_000 + 1000 });
    const { chat } = await makeChat(rt.deps, channel.id, { name: 'Long history', lastInboundAgoMs: 10 * 60_000 });
    longChat = gid('Chat', chat.id);
    longChatId = chat.id;
    const start = Date.now() - 9 * 60_000;
    await rt.deps.db.insert(messages).values(
      Array.from({ length: 120 }, (_, i) => ({
        chatId: chat.id,
        channelId: channel.id,
        direction: (i % 2 ? 'OUTBOUND' : 'INBOUND') as 'OUTBOUND' | 'INBOUND',
        status: (i % 2 ? 'READ' : 'RECEIVED') as 'READ' | 'RECEIVED',
        text: `#${i}`,
        providerMessageId: `m_long_${i}`,
        sentAt: new Date(start + Math.floor(i / 3) * 1000),
      })),
    );
    await rt.deps.db.update(chats).set({ status: 'OPEN' }).where(eq(chats.id, chat.id));
  });
  afterAll(() => rt?.close());

  it('walks the chat list newest first, page by page, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await gql(rt, admin, 'query($after: String) { chats(first: 3, after: $after) { edges { node { title lastMessageAt } } pageInfo { hasNextPage endCursor } } }', { after });
      seen.push(...res.data.chats.edges.map((e: any) => e.node.title));
      if (!res.data.chats.pageInfo.hasNextPage) break;
      after = res.data.chats.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe('Customer 0');
    expect(seen.at(-1)).toBe('Long history');
  });

  it('a page of chats reads exactly as drizzle maps the same rows: with and without a last message or a client', async () => {
    const all = await rt.deps.db.select({ id: chats.id, channelId: chats.channelId }).from(chats).orderBy(desc(chats.lastMessageAt), desc(chats.id));
    const [client] = await rt.deps.db.insert(clients).values({ name: 'Linked Client' }).returning();
    await rt.deps.db.update(chats).set({ clientId: client.id }).where(eq(chats.id, all[1].id));
    await rt.deps.db.update(chats).set({ lastMessageId: null }).where(eq(chats.id, all[2].id));
    try {
      const page = await chatsPageQuery(rt.deps.db, { status: 'OPEN', channelIds: [all[0].channelId], after: null, limit: 20 });
      const plain = await selectChatViews(rt.deps.db).orderBy(desc(chats.lastMessageAt), desc(chats.id));
      expect(page).toEqual(plain);
      expect(page[1]).toMatchObject({ clientName: 'Linked Client' });
      expect(page[2].lastMessage).toBeNull();
      expect(page[0].lastMessage).toMatchObject({ chatId: all[0].id });
      expect(page[0].chat.lastMessageAt).toBeInstanceOf(Date);
      // the same keys in the same order (what JSON shows)
      expect(JSON.stringify(page)).toBe(JSON.stringify(plain));
    } finally {
      await rt.deps.db.update(chats).set({ clientId: null }).where(eq(chats.id, all[1].id));
      const [last] = await rt.deps.db.select({ id: messages.id }).from(messages).where(eq(messages.chatId, all[2].id)).orderBy(desc(messages.sentAt)).limit(1);
      await rt.deps.db.update(chats).set({ lastMessageId: last.id }).where(eq(chats.id, all[2].id));
    }
  });

  it('refuses a cursor it never gave out', async () => {
    expect(errorCode(await gql(rt, admin, '{ chats(after: "bogus") { edges { cursor } } }'))).toBe('BAD_USER_INPUT');
  });

  it('loads a long history backwards from the newest, and forwards again, in time order', async () => {
    const texts: string[] = [];
    let before: string | null = null;
    for (;;) {
      const res: any = await gql(rt, admin, 'query($c: ID!, $before: String) { chat(id: $c) { messages(last: 50, before: $before) { edges { node { text } } pageInfo { hasPreviousPage startCursor } } } }', { c: longChat, before });
      const conn = res.data.chat.messages;
      texts.unshift(...conn.edges.map((e: any) => e.node.text));
      if (!conn.pageInfo.hasPreviousPage) break;
      before = conn.pageInfo.startCursor;
    }
    // messages written in the same millisecond keep a stable order: by id
    const expected = await rt.deps.db.select({ text: messages.text }).from(messages).where(eq(messages.chatId, longChatId)).orderBy(asc(messages.sentAt), asc(messages.id));
    expect(texts).toEqual(expected.map((m) => m.text));
    expect(texts).toHaveLength(121);
    const forward: any = await gql(rt, admin, 'query($c: ID!) { chat(id: $c) { messages(first: 5) { edges { node { text } } pageInfo { hasNextPage endCursor } } } }', { c: longChat });
    expect(forward.data.chat.messages.edges.map((e: any) => e.node.text)).toEqual(texts.slice(0, 5));
    expect(forward.data.chat.messages.pageInfo.hasNextPage).toBe(true);
  });
});
