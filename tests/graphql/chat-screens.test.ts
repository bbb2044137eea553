import { parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViewer } from '../../auth/viewer';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import { createContext } from '../../graphql/context';
import { schema } from '../../graphql/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeChat, makeEmployee } from '../helpers/factories';
import { gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime, type Driver } from '../helpers/runtime';

/** What the chat screens read from the API: titles, who sent a message, the unread count. */

const LIVE = 'subscription { inboxEvents { __typename ... on ChatUpdated { chat { id title } } } }';
type LiveEvent = { inboxEvents: { __typename: string; chat?: { id: string; title: string } } };

let seq = 0;

describe.each(DRIVERS)('chat screens (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  let operator: Credentials;
  let colleague: Credentials;
  let channel: Awaited<ReturnType<typeof makeChannel>>;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Operator } = await builtinRoles(rt.deps);
    channel = await makeChannel(rt.deps, { roleIds: [Operator.id] });
    operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
    colleague = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
  });
  afterAll(() => rt?.close());

  it('once linked, the client\'s name is the chat\'s title in the chat, the list, the client\'s chats and live for other operators', async () => {
    const { chat } = await makeChat(rt.deps, channel.id, { name: null });
    const chatId = gid('Chat', chat.id);
    const title = async () => (await gql(rt, operator, 'query($c: ID!) { chat(id: $c) { title } }', { c: chatId })).data!.chat.title;
    expect(await title()).toBe('Unknown client');

    const received: LiveEvent['inboxEvents'][] = [];
    const iterator = (await subscribe({ schema, document: parse(LIVE), contextValue: createContext(rt.deps, await buildViewer(rt.deps.db, colleague)) })) as AsyncIterableIterator<{
      data: LiveEvent;
    }>;
    void (async () => {
      for await (const event of iterator) received.push(event.data.inboxEvents);
    })();

    const client = (await gql(rt, operator, 'mutation { createClient(name: "Anna Schmidt") { id } }')).data!.createClient;
    const linked = await gql(rt, operator, 'mutation($c: ID!, $k: ID!) { linkClient(chatId: $c, clientId: $k) { title } }', { c: chatId, k: client.id });
    expect(linked.data!.linkClient.title).toBe('Anna Schmidt');
    expect(await title()).toBe('Anna Schmidt');

    const list = await gql(rt, colleague, '{ chats(first: 50) { edges { node { id title } } } }');
    expect(list.data!.chats.edges.find((e: any) => e.node.id === chatId).node.title).toBe('Anna Schmidt');
    const own = await gql(rt, operator, 'query($k: ID!) { node(id: $k) { ... on Client { chats { id title } } } }', { k: client.id });
    expect(own.data!.node.chats).toEqual([{ id: chatId, title: 'Anna Schmidt' }]);

    await expect.poll(() => received.find((e) => e.chat?.id === chatId)?.chat?.title).toBe('Anna Schmidt');
    await iterator.return?.();
  });

  it('a linked client\'s name wins over the name the platform gives', async () => {
    const { chat } = await makeChat(rt.deps, channel.id, { name: 'marco_1987' });
    const client = (await gql(rt, operator, 'mutation { createClient(name: "Marco Rossi") { id } }')).data!.createClient;
    const linked = await gql(rt, operator, 'mutation($c: ID!, $k: ID!) { linkClient(chatId: $c, clientId: $k) { title contact { displayName } } }', {
      c: gid('Chat', chat.id),
      k: client.id,
    });
    expect(linked.data!.linkClient).toEqual({ title: 'Marco Rossi', contact: { displayName: 'marco_1987' } });
  });

  it('a message written in Business Suite is marked as sent outside the app; ours carry their sender', async () => {
    const { chat, contact } = await makeChat(rt.deps, channel.id, { name: 'Echo Customer' });
    await ingestEvents(rt.deps, 'meta', 'MESSENGER', [
      {
        type: 'echo',
        channelExternalId: channel.externalId,
        contactExternalId: contact.externalId,
        providerMessageId: `m_echo_${++seq}`,
        timestamp: new Date(),
        text: 'Written in Business Suite',
        attachments: [],
        raw: {},
      },
    ]);
    await gql(rt, operator, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "Written here") { id } }', { c: gid('Chat', chat.id) });
    const res = await gql(rt, operator, 'query($c: ID!) { chat(id: $c) { messages(last: 10) { edges { node { text direction sentOutside sender { name } } } } } }', {
      c: gid('Chat', chat.id),
    });
    const byText = Object.fromEntries(res.data!.chat.messages.edges.map((e: any) => [e.node.text, e.node]));
    expect(byText['Written in Business Suite']).toMatchObject({ direction: 'OUTBOUND', sentOutside: true, sender: null });
    expect(byText['Written here']).toMatchObject({ direction: 'OUTBOUND', sentOutside: false, sender: { name: expect.any(String) } });
    expect(byText.Hello).toMatchObject({ direction: 'INBOUND', sentOutside: false });
  });

  it('unreadChats counts the open chats with an unread customer message, and drops when one is read', async () => {
    const count = async () => (await gql(rt, colleague, '{ unreadChats }')).data!.unreadChats as number;
    const before = await count();
    const { chat } = await makeChat(rt.deps, channel.id, { name: 'Unread One' });
    await makeChat(rt.deps, channel.id, { name: 'Unread Two' });
    expect(await count()).toBe(before + 2);
    await gql(rt, colleague, 'mutation($c: ID!) { markChatRead(chatId: $c) { id } }', { c: gid('Chat', chat.id) });
    expect(await count()).toBe(before + 1);
    // answering leaves the chat read; archiving takes it out of the count
    const other = await makeChat(rt.deps, channel.id, { name: 'Unread Three' });
    await gql(rt, colleague, 'mutation($c: ID!) { archiveChat(chatId: $c) { id } }', { c: gid('Chat', other.chat.id) });
    expect(await count()).toBe(before + 1);
  });
});
