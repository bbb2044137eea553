import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

describe.each(DRIVERS)('clients and the inbox badge (%s)', (driver) => {
  let rt: BootedRuntime;
  let operator: Credentials;
  let chatOnly: Credentials;
  let chatId: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Operator } = await builtinRoles(rt.deps);
    const noClients = await makeRole(rt.deps, ['CHATS']);
    const channel = await makeChannel(rt.deps, { roleIds: [Operator.id, noClients.id] });
    chatId = gid('Chat', (await makeChat(rt.deps, channel.id, { name: 'Anna' })).chat.id);
    operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
    chatOnly = { cookie: (await makeEmployee(rt.deps, noClients.id)).cookie };
  });
  afterAll(() => rt?.close());

  it('creates a client, finds it by name or phone, and links it to a chat', async () => {
    const created = await gql(rt, operator, 'mutation { createClient(name: "Anna Schmidt", phone: "+49 30 1234567") { id name phone } }');
    const client = created.data!.createClient;
    for (const search of ['anna', '1234567']) {
      const found = await gql(rt, operator, 'query($s: String) { clients(search: $s) { edges { node { id } } } }', { s: search });
      expect(found.data!.clients.edges.map((e: any) => e.node.id)).toContain(client.id);
    }
    const linked = await gql(rt, operator, 'mutation($c: ID!, $k: ID!) { linkClient(chatId: $c, clientId: $k) { client { name chats { id } } } }', { c: chatId, k: client.id });
    expect(linked.data!.linkClient.client).toEqual({ name: 'Anna Schmidt', chats: [{ id: chatId }] });
  });

  it('linking to a client that does not exist is NOT_FOUND and changes nothing', async () => {
    const res = await gql(rt, operator, 'mutation($c: ID!, $k: ID!) { linkClient(chatId: $c, clientId: $k) { id } }', {
      c: chatId,
      k: gid('Client', '00000000-0000-4000-8000-000000000000'),
    });
    expect(errorCode(res)).toBe('NOT_FOUND');
    const chat = await gql(rt, operator, 'query($c: ID!) { chat(id: $c) { client { name } } }', { c: chatId });
    expect(chat.data!.chat.client.name).toBe('Anna Schmidt');
  });

  it('a client needs a name; clients need the CLIENTS permission', async () => {
    expect(errorCode(await gql(rt, operator, 'mutation { createClient(name: "  ") { id } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(rt, chatOnly, 'mutation { createClient(name: "X") { id } }'))).toBe('FORBIDDEN');
    expect(errorCode(await gql(rt, chatOnly, '{ clients { edges { node { id } } } }'))).toBe('FORBIDDEN');
  });

  it('the badge counts unread and unanswered chats and drops when the operator reads and answers', async () => {
    const badge = async () => (await gql(rt, operator, '{ inboxBadge }')).data!.inboxBadge;
    expect(await badge()).toBe(1);
    const read = await gql(rt, operator, 'mutation($c: ID!) { markChatRead(chatId: $c) { unread awaitingReply } }', { c: chatId });
    expect(read.data!.markChatRead).toEqual({ unread: false, awaitingReply: true });
    expect(await badge()).toBe(1);
    await gql(rt, operator, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "On it!") { id } }', { c: chatId });
    expect(await badge()).toBe(0);
  });
});
