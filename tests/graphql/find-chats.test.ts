import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, clients, contacts } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const FIND = `query($search: String, $unread: Boolean, $awaitingReply: Boolean, $channelId: ID, $first: Int, $after: String) {
  chats(search: $search, unread: $unread, awaitingReply: $awaitingReply, channelId: $channelId, first: $first, after: $after) {
    edges { node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe.each(DRIVERS)('finding chats (%s)', (driver) => {
  let rt: BootedRuntime;
  let operator: Credentials;
  let narrow: Credentials;
  const ids: Record<string, string> = {};

  const find = async (who: Credentials, variables: Record<string, unknown>) => {
    const res = await gql(rt, who, FIND, variables);
    expect(res.errors).toBeUndefined();
    return (res.data!.chats.edges as { node: { id: string; title: string } }[]).map((e) => e.node.title);
  };

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Operator } = await builtinRoles(rt.deps);
    const onlyShop = await makeRole(rt.deps, ['CHATS']);
    const shop = await makeChannel(rt.deps, { roleIds: [Operator.id, onlyShop.id] });
    const secret = await makeChannel(rt.deps, { roleIds: [Operator.id] });
    operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
    narrow = { cookie: (await makeEmployee(rt.deps, onlyShop.id)).cookie };

    const anna = await makeChat(rt.deps, shop.id, { name: 'Anna Schmidt', text: 'Is my coffee machine repaired?', lastInboundAgoMs: 1000 });
    await rt.deps.db.update(contacts).set({ username: 'anna.s', phone: '+4917699988877' }).where(eq(contacts.id, anna.contact.id));
    const bert = await makeChat(rt.deps, shop.id, { name: 'Bert Brown', text: 'Price for 50% off_peak repair?', lastInboundAgoMs: 2000 });
    await rt.deps.db.update(chats).set({ unread: false }).where(eq(chats.id, bert.chat.id));
    const carla = await makeChat(rt.deps, shop.id, { name: null, text: 'hi', lastInboundAgoMs: 3000 });
    const [client] = await rt.deps.db.insert(clients).values({ name: 'Carla Client', phone: '+4930123456' }).returning();
    await rt.deps.db.update(chats).set({ clientId: client.id, unread: false, awaitingReply: false }).where(eq(chats.id, carla.chat.id));
    // a chat in a channel the narrow role may not use, matching every search below
    const hidden = await makeChat(rt.deps, secret.id, { name: 'Anna Secret', text: 'coffee machine 50% off_peak +4917699988877', lastInboundAgoMs: 500 });
    Object.assign(ids, { anna: anna.chat.id, bert: bert.chat.id, carla: carla.chat.id, hidden: hidden.chat.id });
  });
  afterAll(() => rt?.close());

  it('a search finds chats by name, @username, phone, the client and any message text', async () => {
    expect(await find(operator, { search: 'schmidt' })).toEqual(['Anna Schmidt']);
    expect(await find(operator, { search: '@anna.s' })).toEqual(['Anna Schmidt']);
    expect(await find(operator, { search: '+49 176 999' })).toEqual(['Anna Schmidt']);
    expect(await find(operator, { search: '0123456' })).toEqual(['Carla Client']);
    expect(await find(operator, { search: 'carla' })).toEqual(['Carla Client']);
    expect(await find(operator, { search: 'COFFEE MACHINE' })).toEqual(['Anna Secret', 'Anna Schmidt']);
    expect(await find(operator, { search: 'nobody writes this' })).toEqual([]);
  });

  it('a search never shows chats of channels the viewer cannot use', async () => {
    expect(await find(narrow, { search: 'coffee machine' })).toEqual(['Anna Schmidt']);
    expect(await find(narrow, { search: 'secret' })).toEqual([]);
    expect(await find(narrow, { search: '+4917699988877' })).toEqual(['Anna Schmidt']);
    expect(await find(narrow, { search: 'anna' })).toEqual(['Anna Schmidt']);
  });

  it('unread and awaiting reply narrow the list, alone or with a search', async () => {
    expect(await find(narrow, { unread: true })).toEqual(['Anna Schmidt']);
    expect(await find(narrow, { unread: false })).toEqual(['Bert Brown', 'Carla Client']);
    expect(await find(narrow, { awaitingReply: true })).toEqual(['Anna Schmidt', 'Bert Brown']);
    expect(await find(narrow, { awaitingReply: true, unread: false })).toEqual(['Bert Brown']);
    expect(await find(narrow, { awaitingReply: true, search: 'repair' })).toEqual(['Anna Schmidt', 'Bert Brown']);
  });

  it('search results page like the inbox, newest first', async () => {
    const first = await gql(rt, narrow, FIND, { search: 'repair', first: 1 });
    expect(first.data!.chats.edges.map((e: any) => e.node.title)).toEqual(['Anna Schmidt']);
    expect(first.data!.chats.pageInfo.hasNextPage).toBe(true);
    const second = await gql(rt, narrow, FIND, { search: 'repair', first: 1, after: first.data!.chats.pageInfo.endCursor });
    expect(second.data!.chats.edges.map((e: any) => e.node.title)).toEqual(['Bert Brown']);
    expect(second.data!.chats.pageInfo.hasNextPage).toBe(false);
  });

  it('a search string of any content is only ever a value: wildcards, quotes and SQL match literally', async () => {
    expect(await find(narrow, { search: '%' })).toEqual([]);
    expect(await find(narrow, { search: '50%' })).toEqual(['Bert Brown']);
    expect(await find(narrow, { search: 'f_peak' })).toEqual(['Bert Brown']);
    expect(await find(narrow, { search: 'f_pea' })).toEqual(['Bert Brown']);
    expect(await find(narrow, { search: '_' })).toEqual([]);
    expect(await find(narrow, { search: "'; drop table chats; --" })).toEqual([]);
    expect(await find(narrow, { search: 'an\u0000na\\' })).toEqual([]);
    expect(await find(narrow, { search: '   ' })).toEqual(['Anna Schmidt', 'Bert Brown', 'Carla Client']);
    // the list is still there
    expect(await find(narrow, { search: 'anna' })).toEqual(['Anna Schmidt']);
  });

  it('a search longer than 200 characters is refused with a sentence, not run', async () => {
    const res = await gql(rt, narrow, FIND, { search: 'a'.repeat(201) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/at most 200 characters/);
    expect(await find(narrow, { search: 'x'.repeat(200) })).toEqual([]);
  });

  it('one channel: the filter and the search together', async () => {
    const channelId = gid('Channel', (await rt.deps.db.select().from(chats).where(eq(chats.id, ids.hidden)))[0].channelId);
    expect(await find(operator, { channelId, search: 'anna' })).toEqual(['Anna Secret']);
    expect(await find(narrow, { channelId, search: 'anna' })).toEqual([]);
  });
});
