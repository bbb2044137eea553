import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeWhatsApp, type FakeWhatsApp } from '../fakes/whatsapp-cloud';
import { builtinRoles, makeEmployee } from '../helpers/factories';
import { errorCode, gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

describe.each(DRIVERS)('WhatsApp (%s)', (driver) => {
  let rt: BootedRuntime;
  let wa: FakeWhatsApp;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;
  let channelGid: string;

  beforeAll(async () => {
    wa = await startFakeWhatsApp({ appSecret: TEST_APP_SECRET });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: wa.url });
    hook = await serveMetaWebhook(rt.deps);
    wa.setWebhookUrl(hook.whatsappUrl);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const res = await gql(rt, admin, 'mutation($id: String!, $t: String!, $w: String) { connectChannel(kind: WHATSAPP, externalId: $id, name: "", accessToken: $t, businessAccountId: $w) { id kind state } }', {
      id: wa.phoneNumberId,
      t: wa.token,
      w: wa.wabaId,
    });
    expect(res.data!.connectChannel).toMatchObject({ kind: 'WHATSAPP', state: 'CONNECTED' });
    channelGid = res.data!.connectChannel.id;
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await wa?.stop();
  });

  const chatOf = async (waId: string) => {
    const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id title contact { externalId } lastMessage { id text status attachments { id kind url } } } } } }');
    return res.data!.chats.edges.map((e: any) => e.node).find((c: any) => c.contact.externalId === waId);
  };

  it('a wrong token is refused when connecting', async () => {
    const res = await gql(rt, admin, 'mutation($id: String!) { connectChannel(kind: WHATSAPP, externalId: $id, name: "", accessToken: "nope") { id } }', { id: wa.phoneNumberId });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/WhatsApp did not accept/);
  });

  it('a customer writes, the operator answers inside 24 hours, and statuses come back', async () => {
    await wa.customerSends('16505551234', 'Hi, is my order ready?');
    await wa.idle();
    const chat = await chatOf('16505551234');
    expect(chat.lastMessage.text).toBe('Hi, is my order ready?');
    const sent = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "Yes! Pick it up today.") { id } }', { c: chat.id });
    await runJobs(rt);
    await wa.idle();
    expect(wa.sent.at(-1)).toMatchObject({ waId: '16505551234', text: 'Yes! Pick it up today.' });
    const status = await gql(rt, admin, 'query($m: ID!) { node(id: $m) { ... on Message { status } } }', { m: sent.data!.sendMessage.id });
    expect(['SENT', 'DELIVERED', 'READ']).toContain(status.data!.node.status);
  });

  it('a voice note is downloaded in two authenticated steps', async () => {
    await wa.customerSends('16505559999', { type: 'audio', voice: true, bytes: Buffer.from('OggS-voice-bytes'), mimeType: 'audio/ogg' });
    await wa.idle();
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const chat = await chatOf('16505559999');
    const attachment = chat.lastMessage.attachments[0];
    const [stored] = await rt.deps.db.select().from(attachments).where(eq(attachments.id, attachment.id));
    expect(stored.error).toBeNull();
    expect(stored.storageKey).toBeTruthy();
    expect(Buffer.from((await rt.deps.media.get(stored.storageKey!))!).toString()).toBe('OggS-voice-bytes');
  });

  it('after 24 hours only a template may be sent', async () => {
    await wa.customerSends('16505550000', 'old message', { timestamp: Date.now() - 25 * 3600_000 });
    await wa.idle();
    const chat = await chatOf('16505550000');
    const res = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "Hello again") { id } }', { c: chat.id });
    expect(res.errors![0].extensions).toMatchObject({ code: 'SEND_BLOCKED', block: 'TEMPLATE_REQUIRED' });
  });

  it('lists the approved templates of the number', async () => {
    const res = await gql(rt, admin, '{ channels { kind templates { name language category body } } }');
    const templates = res.data!.channels.find((c: any) => c.kind === 'WHATSAPP').templates;
    expect(templates).toContainEqual({ name: 'order_update', language: 'en_US', category: 'UTILITY', body: 'Hi {{1}}, your order {{2}} is on its way.' });
    expect(templates.map((t: any) => t.name)).not.toContain('summer_sale');
  });

  it('after 24 hours an approved template goes out, its text filled in for the operator', async () => {
    await wa.customerSends('16505550001', 'where is my order?', { timestamp: Date.now() - 30 * 3600_000 });
    await wa.idle();
    const chat = await chatOf('16505550001');
    const wrongCount = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "", template: { name: "order_update", language: "en_US", params: ["Ana"] }) { id } }', { c: chat.id });
    expect(errorCode(wrongCount)).toBe('BAD_USER_INPUT');
    const res = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "", template: { name: "order_update", language: "en_US", params: ["Ana", "O-0042"] }) { id text status } }', { c: chat.id });
    expect(res.data!.sendMessage).toMatchObject({ text: 'Hi Ana, your order O-0042 is on its way.', status: 'PENDING' });
    await runJobs(rt);
    expect(wa.sent.at(-1)).toMatchObject({ waId: '16505550001', template: { name: 'order_update', language: 'en_US', params: ['Ana', 'O-0042'] } });
  });

  it('starts a chat with a client by phone number: only with a template, then the chat is theirs', async () => {
    const client = (await gql(rt, admin, 'mutation { createClient(name: "Phone Only", phone: "+1 650 555 7777") { id } }')).data!.createClient.id;
    const untemplated = await gql(rt, admin, 'mutation($k: ID!, $ch: ID!) { startChat(clientId: $k, channelId: $ch, text: "Hi") { id } }', { k: client, ch: channelGid });
    expect(untemplated.errors![0].extensions).toMatchObject({ code: 'SEND_BLOCKED', block: 'TEMPLATE_REQUIRED' });
    expect(await chatOf('16505557777')).toBeUndefined();
    const started = await gql(rt, admin, 'mutation($k: ID!, $ch: ID!) { startChat(clientId: $k, channelId: $ch, text: "", template: { name: "hello_world", language: "en_US" }) { id client { id } contact { externalId phone } } }', {
      k: client,
      ch: channelGid,
    });
    expect(started.data!.startChat).toMatchObject({ client: { id: client }, contact: { externalId: '16505557777', phone: '+16505557777' } });
    await runJobs(rt);
    expect(wa.sent.at(-1)).toMatchObject({ waId: '16505557777', template: { name: 'hello_world' } });
  });
});
