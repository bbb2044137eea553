import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels, jobs, messages } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { fakeGraphErrors, startFakeMetaGraph, type FakeGraphErrorName, type FakeMetaGraph } from '../fakes/meta-graph';
import { builtinRoles, makeEmployee } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

const DAY = 24 * 3600_000;

describe.each(DRIVERS)('sending on Messenger (%s)', (driver) => {
  let rt: BootedRuntime;
  let graph: FakeMetaGraph;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;
  let psidSeq = 7000;

  beforeAll(async () => {
    graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: graph.url });
    hook = await serveMetaWebhook(rt.deps);
    graph.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const connected = await gql(rt, admin, 'mutation($id: String!, $token: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $token) { name state } }', {
      id: graph.page.id,
      token: graph.page.token,
    });
    expect(connected.errors).toBeUndefined();
    expect(connected.data!.connectChannel).toEqual({ name: graph.page.name, state: 'CONNECTED' });
  });
  afterEach(() => graph.clearFailures());
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await graph?.stop();
  });

  /** A customer writes through the fake platform; returns the chat's global id. */
  async function customerChat(text = 'Hi, is my phone ready?', ageMs = 60_000) {
    const psid = `65432109876${++psidSeq}`;
    await graph.customerWrites(psid, text, { timestamp: Date.now() - ageMs });
    await graph.idle();
    const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id contact { externalId } } } } }');
    const edge = res.data!.chats.edges.find((e: { node: { contact: { externalId: string } } }) => e.node.contact.externalId === psid);
    expect(edge, 'the webhook created the chat').toBeTruthy();
    return { chatId: edge.node.id as string, psid };
  }

  /** Fails the next sends only (not profile look-ups or mark_seen). */
  const failSends = (name: FakeGraphErrorName, times = 1) =>
    graph.failNext({ ...fakeGraphErrors[name], match: { method: 'POST', path: '/me/messages' } }, times);

  const send = (chatId: string, text: string, tag?: string) =>
    gql(rt, admin, 'mutation($c: ID!, $t: String!, $tag: MessageTag) { sendMessage(chatId: $c, text: $t, tag: $tag) { id status tag } }', { c: chatId, t: text, tag });

  const message = async (id: string) =>
    (await gql(rt, admin, 'query($id: ID!) { node(id: $id) { ... on Message { status error tag deliveredAt readAt } } }', { id })).data!.node;

  it('a reply goes out as RESPONSE, comes back as an echo without a duplicate, then delivered and read', async () => {
    const { chatId, psid } = await customerChat();
    const res = await send(chatId, 'Yes, it is ready.');
    expect(res.data!.sendMessage.status).toBe('PENDING');
    await runJobs(rt);
    await graph.idle();
    const call = graph.sent.at(-1)!;
    expect(call).toMatchObject({ psid, messagingType: 'RESPONSE', text: 'Yes, it is ready.' });
    expect(gid('Message', call.metadata!)).toBe(res.data!.sendMessage.id);
    expect((await message(res.data!.sendMessage.id)).status).toBe('SENT');

    await graph.deliver(psid);
    expect((await message(res.data!.sendMessage.id)).status).toBe('DELIVERED');
    await graph.read(psid);
    const read = await message(res.data!.sendMessage.id);
    expect(read.status).toBe('READ');
    expect(read.readAt).toBeTruthy();

    const history = await gql(rt, admin, 'query($c: ID!) { chat(id: $c) { messages { edges { node { direction text } } } } }', { c: chatId });
    expect(history.data!.chat.messages.edges.map((e: { node: { direction: string } }) => e.node.direction)).toEqual(['INBOUND', 'OUTBOUND']);
  });

  it('a text over 1000 characters is refused with BAD_USER_INPUT and nothing is written', async () => {
    const { chatId } = await customerChat();
    const before = await rt.deps.db.select().from(messages);
    const res = await send(chatId, 'x'.repeat(1001));
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/1000/);
    expect(await rt.deps.db.select().from(messages)).toHaveLength(before.length);
    expect((await send(chatId, 'y'.repeat(1000))).errors).toBeUndefined();
  });

  it('an unknown chat id is NOT_FOUND', async () => {
    expect(errorCode(await send(gid('Chat', '00000000-0000-4000-8000-000000000000'), 'hi'))).toBe('NOT_FOUND');
    expect(errorCode(await send('garbage', 'hi'))).toBe('NOT_FOUND');
  });

  it('rate limits and server errors are retried with backoff until the send goes through', async () => {
    const { chatId } = await customerChat();
    failSends('rateLimitCalls');
    failSends('serverError');
    const id = (await send(chatId, 'after a hiccup')).data!.sendMessage.id;
    await runJobs(rt);
    let row = await message(id);
    expect(row.status).toBe('PENDING');
    expect(row.error).toMatch(/^Retrying: /);
    const [job] = await rt.deps.db.select().from(jobs).where(eq(jobs.state, 'QUEUED'));
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
    await runJobs(rt, { skipBackoff: true, rounds: 2 });
    row = await message(id);
    expect(row).toMatchObject({ status: 'SENT', error: null });
  });

  it('a permanent error is a visible FAILED with a readable reason, and Retry sends it again', async () => {
    const { chatId } = await customerChat();
    failSends('userUnavailable');
    const id = (await send(chatId, 'are you there?')).data!.sendMessage.id;
    await runJobs(rt);
    const failed = await message(id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).not.toMatch(/[{}]/);
    expect(failed.error.length).toBeGreaterThan(10);
    const retried = await gql(rt, admin, 'mutation($m: ID!) { retryMessage(messageId: $m) { status } }', { m: id });
    expect(retried.data!.retryMessage.status).toBe('PENDING');
    await runJobs(rt);
    expect((await message(id)).status).toBe('SENT');
  });

  it('an expired token fails the send, marks the channel SYNC_LOST and blocks further sends', async () => {
    const { chatId } = await customerChat();
    graph.expireToken();
    try {
      const id = (await send(chatId, 'hello?')).data!.sendMessage.id;
      await runJobs(rt);
      expect((await message(id)).status).toBe('FAILED');
      const chat = await gql(rt, admin, 'query($c: ID!) { chat(id: $c) { channel { state } sendability { canSend block } } }', { c: chatId });
      expect(chat.data!.chat).toEqual({ channel: { state: 'SYNC_LOST' }, sendability: { canSend: false, block: 'SYNC_LOST' } });
      const blocked = await send(chatId, 'again');
      expect(errorCode(blocked)).toBe('SEND_BLOCKED');
      expect(blocked.errors![0].extensions!.block).toBe('SYNC_LOST');
    } finally {
      graph.restoreToken();
      await rt.deps.db.update(channels).set({ state: 'CONNECTED' });
    }
  });

  it('between 24 hours and 7 days a reply carries HUMAN_AGENT', async () => {
    const { chatId } = await customerChat('hello from 3 days ago', 3 * DAY);
    const res = await send(chatId, 'Sorry for the wait');
    expect(res.data!.sendMessage.tag).toBe('HUMAN_AGENT');
    await runJobs(rt);
    expect(graph.sent.at(-1)).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect((await message(res.data!.sendMessage.id)).status).toBe('SENT');
  });

  it('after 7 days a message needs one of the three tags', async () => {
    const { chatId } = await customerChat('old question', 8 * DAY);
    const chat = await gql(rt, admin, 'query($c: ID!) { chat(id: $c) { sendability { canSend block allowedTags } } }', { c: chatId });
    expect(chat.data!.chat.sendability).toEqual({
      canSend: false,
      block: 'TAG_REQUIRED',
      allowedTags: ['ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE', 'CONFIRMED_EVENT_UPDATE'],
    });
    const untagged = await send(chatId, 'Your order shipped');
    expect(errorCode(untagged)).toBe('SEND_BLOCKED');
    const tagged = await send(chatId, 'Your order shipped', 'POST_PURCHASE_UPDATE');
    expect(tagged.errors).toBeUndefined();
    await runJobs(rt);
    expect(graph.sent.at(-1)).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' });
  });

  it('opening an unread chat tells Messenger we have seen it', async () => {
    const { chatId, psid } = await customerChat();
    const res = await gql(rt, admin, 'mutation($c: ID!) { markChatRead(chatId: $c) { unread } }', { c: chatId });
    expect(res.data!.markChatRead.unread).toBe(false);
    await runJobs(rt);
    expect(graph.calls.some((c) => (c.body as { sender_action?: string; recipient?: { id: string } })?.sender_action === 'mark_seen' && (c.body as { recipient: { id: string } }).recipient.id === psid)).toBe(true);
  });

  it('a new customer gets their name from the profile API, or stays "Unknown client" when private', async () => {
    const { chatId } = await customerChat();
    const privatePsid = `65432109876${++psidSeq}`;
    graph.addCustomer({ psid: privatePsid, pageId: graph.page.id });
    graph.setPrivate(privatePsid, 'no-profile');
    await graph.customerWrites(privatePsid, 'anonymous hello');
    await graph.idle();
    await runJobs(rt);
    const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id title contact { externalId displayName } } } } }');
    const byPsid = new Map(res.data!.chats.edges.map((e: { node: { contact: { externalId: string }; title: string } }) => [e.node.contact.externalId, e.node.title]));
    const named = res.data!.chats.edges.find((e: { node: { id: string } }) => e.node.id === chatId).node;
    expect(named.contact.displayName).toBeTruthy();
    expect(byPsid.get(privatePsid)).toBe('Unknown client');
  });
});
