import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages, webhookEvents } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { builtinRoles, makeEmployee } from '../helpers/factories';
import { errorCode, gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

describe.each(DRIVERS)('Telegram (%s)', (driver) => {
  let rt: BootedRuntime;
  let tg: FakeTelegram;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;

  beforeAll(async () => {
    tg = await startFakeTelegram({ bots: [{ id: 7012345678, username: 'fixit_shop_bot' }], webhookRetryDelayMs: 10, webhookAttempts: 1 });
    rt = await startTestRuntime(driver, { TELEGRAM_API_URL: tg.url });
    hook = await serveMetaWebhook(rt.deps);
    rt.deps.config.publicUrl = hook.origin;
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
  });
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await tg?.stop();
  });

  const chatOf = async (userId: number) => {
    const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id title contact { externalId username } lastMessage { id text status error attachments { id kind url } } } } } }');
    return res.data!.chats.edges.map((e: any) => e.node).find((c: any) => c.contact.externalId === String(userId));
  };

  it('a bot token is all it takes: the server asks Telegram who the bot is and registers its webhook', async () => {
    const res = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: TELEGRAM, externalId: "", name: "", accessToken: $t) { name externalId state } }', { t: tg.bot.token });
    expect(res.data!.connectChannel).toEqual({ name: '@fixit_shop_bot', externalId: '7012345678', state: 'CONNECTED' });
    expect(tg.bot.webhook.url).toMatch(new RegExp(`^${hook.origin}/api/webhooks/telegram/[0-9a-f-]{36}$`));
    expect(tg.bot.webhook.secretToken).toMatch(/^[A-Za-z0-9_-]{30,}$/);
  });

  it('a wrong token is refused with a sentence, and no channel is stored', async () => {
    const res = await gql(rt, admin, 'mutation { connectChannel(kind: TELEGRAM, externalId: "", name: "", accessToken: "123:wrong") { id } }');
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/Telegram did not accept this bot token/);
    expect((await gql(rt, admin, '{ channels { kind } }')).data!.channels).toEqual([{ kind: 'TELEGRAM' }]);
  });

  it('a customer writes, the chat shows their name, and the reply goes out through sendMessage', async () => {
    await tg.userWrites({ id: 555000111, firstName: 'Maria', lastName: 'Lopez', username: 'marialo' }, 'Olá! Is my phone ready?');
    const chat = await chatOf(555000111);
    expect(chat).toMatchObject({ title: 'Maria Lopez', contact: { username: 'marialo' }, lastMessage: { text: 'Olá! Is my phone ready?' } });
    const sent = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "Yes, come by after 3") { id } }', { c: chat.id });
    await runJobs(rt);
    expect(tg.sent.at(-1)).toMatchObject({ chatId: 555000111, text: 'Yes, come by after 3' });
    const row = await gql(rt, admin, 'query($m: ID!) { node(id: $m) { ... on Message { status } } }', { m: sent.data!.sendMessage.id });
    expect(row.data!.node.status).toBe('SENT');
  });

  it('an update without the right secret is a 401 and stores nothing; a redelivered update is a no-op', async () => {
    const [{ n: before }] = await rt.deps.db.select({ n: count() }).from(webhookEvents);
    const wrong = await tg.userWrites(555000111, 'sneaky', { secret: 'wrong' });
    expect(wrong.attempts.at(-1)?.status).toBe(401);
    const missing = await tg.userWrites(555000111, 'sneaky too', { secret: null });
    expect(missing.attempts.at(-1)?.status).toBe(401);
    expect((await rt.deps.db.select({ n: count() }).from(webhookEvents))[0].n).toBe(before);
    const ok = await tg.userWrites(555000111, 'once only');
    await tg.redeliver(ok);
    const rows = await rt.deps.db.select().from(messages).where(eq(messages.text, 'once only'));
    expect(rows).toHaveLength(1);
  });

  it('a voice note is fetched with getFile and kept', async () => {
    await tg.userWrites(555000222, { voice: { seconds: 3 } });
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const chat = await chatOf(555000222);
    const attachment = chat.lastMessage.attachments[0];
    expect(attachment.kind).toBe('audio');
    expect(attachment.url).toMatch(/^\/api\/media\//);
    const [stored] = await rt.deps.db.select().from(attachments).where(eq(attachments.id, attachment.id));
    expect(stored.size).toBeGreaterThan(100);
  });

  it('a customer who blocked the bot: the send fails with a reason an operator understands', async () => {
    await tg.userWrites(555000333, 'bye');
    await tg.block(555000333);
    const chat = await chatOf(555000333);
    const sent = await gql(rt, admin, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "Are you there?") { id } }', { c: chat.id });
    await runJobs(rt);
    const row = await gql(rt, admin, 'query($m: ID!) { node(id: $m) { ... on Message { status error } } }', { m: sent.data!.sendMessage.id });
    expect(row.data!.node.status).toBe('FAILED');
    expect(row.data!.node.error).toMatch(/blocked the bot/);
  });
});
