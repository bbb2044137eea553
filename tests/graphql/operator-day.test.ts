import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

describe.each(DRIVERS)('an operator\'s day: archive, documents, start a chat (%s)', (driver) => {
  let rt: BootedRuntime;
  let operator: Credentials;
  let outsider: Credentials;
  let operatorName: string;
  let pageId: string;
  let channelId: string;
  let channelGid: string;
  let hiddenChannelGid: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Operator } = await builtinRoles(rt.deps);
    const other = await makeRole(rt.deps, ['CHATS', 'CLIENTS', 'DOCUMENTS']);
    const channel = await makeChannel(rt.deps, { roleIds: [Operator.id] });
    const hidden = await makeChannel(rt.deps, { roleIds: [] });
    pageId = channel.externalId;
    channelId = channel.id;
    channelGid = gid('Channel', channel.id);
    hiddenChannelGid = gid('Channel', hidden.id);
    const op = await makeEmployee(rt.deps, Operator.id, 'Olga Operator');
    operator = { cookie: op.cookie };
    operatorName = op.employee.name;
    outsider = { cookie: (await makeEmployee(rt.deps, other.id)).cookie };
  });
  afterAll(() => rt?.close());

  const chatState = async (chatId: string) =>
    (await gql(rt, operator, 'query($c: ID!) { chat(id: $c) { status archivedAt archivedBy { name } } }', { c: chatId })).data!.chat;

  it('archiving records who and when; the chat leaves the open list', async () => {
    const { chat } = await makeChat(rt.deps, channelId, { psid: '8001' });
    const id = gid('Chat', chat.id);
    const before = Date.now();
    const res = await gql(rt, operator, 'mutation($c: ID!) { archiveChat(chatId: $c) { status archivedAt archivedBy { name } } }', { c: id });
    expect(res.data!.archiveChat.status).toBe('ARCHIVED');
    expect(res.data!.archiveChat.archivedBy.name).toBe(operatorName);
    expect(new Date(res.data!.archiveChat.archivedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const open = await gql(rt, operator, '{ chats { edges { node { id } } } }');
    expect(open.data!.chats.edges.map((e: any) => e.node.id)).not.toContain(id);
    const archived = await gql(rt, operator, '{ chats(status: ARCHIVED) { edges { node { id } } } }');
    expect(archived.data!.chats.edges.map((e: any) => e.node.id)).toContain(id);
  });

  it('a new customer message reopens an archived chat by itself', async () => {
    const archived = await gql(rt, operator, '{ chats(status: ARCHIVED) { edges { node { id contact { externalId } } } } }');
    const id = archived.data!.chats.edges.find((e: any) => e.node.contact.externalId === '8001').node.id;
    await ingestEvents(rt.deps, 'meta', 'MESSENGER', [
      { type: 'message', channelExternalId: pageId, contactExternalId: '8001', providerMessageId: `m_reopen_${driver}`, timestamp: new Date(), text: 'one more thing', attachments: [], raw: {} },
    ]);
    expect(await chatState(id)).toEqual({ status: 'OPEN', archivedAt: null, archivedBy: null });
  });

  it('sending a message reopens it, and so does the Reopen button', async () => {
    const { chat } = await makeChat(rt.deps, channelId);
    const id = gid('Chat', chat.id);
    await gql(rt, operator, 'mutation($c: ID!) { archiveChat(chatId: $c) { id } }', { c: id });
    await gql(rt, operator, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "We are still here") { id } }', { c: id });
    expect((await chatState(id)).status).toBe('OPEN');
    await gql(rt, operator, 'mutation($c: ID!) { archiveChat(chatId: $c) { id } }', { c: id });
    const reopened = await gql(rt, operator, 'mutation($c: ID!) { reopenChat(chatId: $c) { status archivedBy { name } } }', { c: id });
    expect(reopened.data!.reopenChat).toEqual({ status: 'OPEN', archivedBy: null });
  });

  it('a chat the viewer cannot see cannot be archived, answers like a missing one, and nothing changes', async () => {
    const { chat } = await makeChat(rt.deps, channelId);
    const id = gid('Chat', chat.id);
    expect(errorCode(await gql(rt, outsider, 'mutation($c: ID!) { archiveChat(chatId: $c) { id } }', { c: id }))).toBe('NOT_FOUND');
    expect((await chatState(id)).status).toBe('OPEN');
  });

  it('documents are numbered per kind, and show on the client', async () => {
    const client = (await gql(rt, operator, 'mutation { createClient(name: "Numbered Client") { id } }')).data!.createClient.id;
    const make = async (kind: string, title: string) =>
      (await gql(rt, operator, 'mutation($c: ID!, $k: DocumentKind!, $t: String!) { createDocument(clientId: $c, kind: $k, title: $t) { kind number title status } }', { c: client, k: kind, t: title })).data!.createDocument;
    expect(await make('ORDER', 'Screen replacement')).toEqual({ kind: 'ORDER', number: 'O-0001', title: 'Screen replacement', status: 'NEW' });
    expect((await make('ORDER', 'Battery')).number).toBe('O-0002');
    expect((await make('ESTIMATE', 'Water damage check')).number).toBe('E-0001');
    const numbers = await Promise.all(Array.from({ length: 5 }, (_, i) => make('INVOICE', `Invoice ${i}`)));
    expect(numbers.map((d) => d.number).sort()).toEqual(['I-0001', 'I-0002', 'I-0003', 'I-0004', 'I-0005']);
    const docs = await gql(rt, operator, 'query($c: ID!) { client(id: $c) { documents { number } } }', { c: client });
    expect(docs.data!.client.documents).toHaveLength(8);
    expect(errorCode(await gql(rt, operator, 'mutation($c: ID!) { createDocument(clientId: $c, kind: LEAD, title: " ") { id } }', { c: client }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(rt, operator, 'mutation { createDocument(clientId: "bogus", kind: LEAD, title: "x") { id } }'))).toBe('NOT_FOUND');
  });

  it('starts a chat with a client on a channel where they already wrote', async () => {
    const { chat } = await makeChat(rt.deps, channelId, { name: 'Returning Customer' });
    const client = (await gql(rt, operator, 'mutation { createClient(name: "Returning Customer") { id } }')).data!.createClient.id;
    await gql(rt, operator, 'mutation($c: ID!, $k: ID!) { linkClient(chatId: $c, clientId: $k) { id } }', { c: gid('Chat', chat.id), k: client });
    await gql(rt, operator, 'mutation($c: ID!) { archiveChat(chatId: $c) { id } }', { c: gid('Chat', chat.id) });
    const started = await gql(rt, operator, 'mutation($k: ID!, $ch: ID!) { startChat(clientId: $k, channelId: $ch, text: "Your phone is ready") { id status lastMessage { text status } } }', { k: client, ch: channelGid });
    expect(started.data!.startChat).toEqual({ id: gid('Chat', chat.id), status: 'OPEN', lastMessage: { text: 'Your phone is ready', status: 'PENDING' } });
  });

  it('starting a chat without an identity on the channel, or on a channel without access, is refused', async () => {
    const client = (await gql(rt, operator, 'mutation { createClient(name: "Never Wrote", phone: "+49 170 0000000") { id } }')).data!.createClient.id;
    const unreachable = await gql(rt, operator, 'mutation($k: ID!, $ch: ID!) { startChat(clientId: $k, channelId: $ch, text: "Hi") { id } }', { k: client, ch: channelGid });
    expect(errorCode(unreachable)).toBe('BAD_USER_INPUT');
    expect(unreachable.errors![0].message).toMatch(/Never Wrote has not written/);
    const hidden = await gql(rt, operator, 'mutation($k: ID!, $ch: ID!) { startChat(clientId: $k, channelId: $ch, text: "Hi") { id } }', { k: client, ch: hiddenChannelGid });
    expect(errorCode(hidden)).toBe('NOT_FOUND');
  });

  it('malformed ids are NOT_FOUND, never a server error', async () => {
    const bad = Buffer.from('Chat:not-a-uuid').toString('base64');
    expect(errorCode(await gql(rt, operator, 'mutation($c: ID!) { archiveChat(chatId: $c) { id } }', { c: bad }))).toBe('NOT_FOUND');
    expect((await gql(rt, operator, 'query($c: ID!) { node(id: $c) { id } }', { c: bad })).data).toEqual({ node: null });
  });
});
