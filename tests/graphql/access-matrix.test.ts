import { parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViewer } from '../../auth/viewer';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import { createContext } from '../../graphql/context';
import { schema } from '../../graphql/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

describe.each(DRIVERS)('who sees what (%s)', (driver) => {
  let rt: BootedRuntime;
  let pageId: string;
  let chatGid: string;
  let messageGid: string;
  let channelGid: string;
  const who: Record<string, Credentials> = {};
  const sees: Record<string, boolean> = {
    admin: true,
    operatorWithAccess: true,
    operatorWithoutAccess: false,
    keyWithAccess: true,
    keyWithoutAccess: false,
    roleWithoutChats: false,
  };

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin } = await builtinRoles(rt.deps);
    const granted = await makeRole(rt.deps, ['CHATS', 'CLIENTS']);
    const other = await makeRole(rt.deps, ['CHATS', 'CLIENTS']);
    const noChats = await makeRole(rt.deps, ['CLIENTS']);
    const channel = await makeChannel(rt.deps, { roleIds: [granted.id, noChats.id] });
    pageId = channel.externalId;
    const { chat, message } = await makeChat(rt.deps, channel.id);
    chatGid = gid('Chat', chat.id);
    messageGid = gid('Message', message.id);
    channelGid = gid('Channel', channel.id);
    who.admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    who.operatorWithAccess = { cookie: (await makeEmployee(rt.deps, granted.id)).cookie };
    who.operatorWithoutAccess = { cookie: (await makeEmployee(rt.deps, other.id)).cookie };
    who.keyWithAccess = { authorization: (await makeApiKey(rt.deps, granted.id)).authorization };
    who.keyWithoutAccess = { authorization: (await makeApiKey(rt.deps, other.id)).authorization };
    who.roleWithoutChats = { cookie: (await makeEmployee(rt.deps, noChats.id)).cookie };
  });
  afterAll(() => rt?.close());

  const viewers = Object.keys(sees);

  it.each(viewers)('%s: the chat list shows the chat only with channel access', async (name) => {
    const res = await gql(rt, who[name], '{ chats { edges { node { id } } } }');
    if (name === 'roleWithoutChats') return expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors).toBeUndefined();
    expect(res.data!.chats.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(sees[name] ? [chatGid] : []);
  });

  it.each(viewers)('%s: chat(id) and node(id) resolve only with access', async (name) => {
    const res = await gql(rt, who[name], 'query($c: ID!, $m: ID!) { chat(id: $c) { id } chatNode: node(id: $c) { id } messageNode: node(id: $m) { id } }', {
      c: chatGid,
      m: messageGid,
    });
    if (name === 'roleWithoutChats') return expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data?.chat?.id ?? null).toBe(sees[name] ? chatGid : null);
    expect(res.data?.chatNode?.id ?? null).toBe(sees[name] ? chatGid : null);
    expect(res.data?.messageNode?.id ?? null).toBe(sees[name] ? messageGid : null);
  });

  it.each(viewers)('%s: the badge counts only accessible chats', async (name) => {
    const res = await gql(rt, who[name], '{ inboxBadge }');
    if (name === 'roleWithoutChats') return expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data!.inboxBadge).toBe(sees[name] ? 1 : 0);
  });

  it.each(viewers)('%s: channels lists the channel only with access (or Settings)', async (name) => {
    const res = await gql(rt, who[name], '{ channels { id } }');
    if (name === 'roleWithoutChats') return expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data!.channels.map((c: { id: string }) => c.id)).toEqual(sees[name] ? [channelGid] : []);
  });

  it.each(viewers.filter((n) => !sees[n]))('%s: every chat mutation is refused and changes nothing', async (name) => {
    for (const [query, vars] of [
      ['mutation($c: ID!) { sendMessage(chatId: $c, text: "hi") { id } }', { c: chatGid }],
      ['mutation($c: ID!) { markChatRead(chatId: $c) { id } }', { c: chatGid }],
    ] as const) {
      const res = await gql(rt, who[name], query, vars);
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
    const admin = await gql(rt, who.admin, 'query($c: ID!) { chat(id: $c) { unread messages { edges { node { id } } } } }', { c: chatGid });
    expect(admin.data!.chat.unread).toBe(true);
    expect(admin.data!.chat.messages.edges).toHaveLength(1);
  });

  it('without credentials everything asks to sign in', async () => {
    for (const query of ['{ chats { edges { node { id } } } }', '{ inboxBadge }', '{ channels { id } }']) {
      expect(errorCode(await gql(rt, null, query))).toBe('UNAUTHENTICATED');
    }
    expect((await gql(rt, null, '{ viewer { id } }')).data).toEqual({ viewer: null });
    expect(errorCode(await gql(rt, { authorization: 'Bearer chk_not-a-key' }, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
  });

  it('live events reach only subscribers with access to the channel', async () => {
    const received: Record<string, string[]> = {};
    const iterators: AsyncIterator<unknown>[] = [];
    for (const name of viewers.filter((n) => n !== 'roleWithoutChats')) {
      const viewer = await buildViewer(rt.deps.db, who[name]);
      const result = await subscribe({
        schema,
        document: parse('subscription { inboxEvents { __typename ... on MessageAdded { message { text } } } }'),
        contextValue: createContext(rt.deps, viewer),
      });
      const iterator = result as AsyncIterableIterator<{ data: { inboxEvents: { __typename: string; message?: { text: string } } } }>;
      iterators.push(iterator);
      received[name] = [];
      void (async () => {
        for await (const event of iterator) {
          received[name].push(event.data.inboxEvents.message?.text ?? event.data.inboxEvents.__typename);
        }
      })();
    }
    await ingestEvents(rt.deps, 'meta', 'MESSENGER', [
      {
        type: 'message',
        channelExternalId: pageId,
        contactExternalId: '777',
        providerMessageId: `m_live_${driver}`,
        timestamp: new Date(),
        text: 'live one',
        attachments: [],
        raw: {},
      },
    ]);
    await expect.poll(() => received.admin.includes('live one')).toBe(true);
    await expect.poll(() => received.keyWithAccess.includes('live one')).toBe(true);
    await expect.poll(() => received.operatorWithAccess.includes('live one')).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(received.operatorWithoutAccess).toEqual([]);
    expect(received.keyWithoutAccess).toEqual([]);
    for (const it of iterators) await it.return?.();
  });
});
