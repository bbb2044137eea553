/**
 * The app as the browser tests see it: the real server (production build, PGlite in a temp
 * folder) talking to the platform fakes (Messenger, Instagram with Facebook Login, WhatsApp,
 * Telegram), plus a small control port through which a test makes a customer write, or the
 * platform deliver and read. Prints one JSON line when ready.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { and, eq } from 'drizzle-orm';
import { buildEmployeeViewer, forgetViewers } from '../../auth/viewer';
import { channelRoles, channels, chats, contacts } from '../../db/schema';
import { checkChannelHealth } from '../../domain/channels/check-channel-health';
import { connectChannel } from '../../domain/channels/connect-channel';
import { setChannelReceiveComments } from '../../domain/channels/set-channel-receive-comments';
import { createClient } from '../../domain/clients/clients';
import { createDocument } from '../../domain/documents/create-document';
import { DEMO_PAGE_ID } from '../../domain/seed/seed-demo';
import { createEmployee, ensureBuiltinRoles } from '../../domain/employees/create-employee';
import { getDeps } from '../../runtime/registry';
import { startServer } from '../../server';
import { startFakeInstagramGraph } from '../fakes/instagram-graph';
import { startFakeMetaGraph } from '../fakes/meta-graph';
import { startFakeTelegram } from '../fakes/telegram-bot-api';
import { startFakeWhatsApp } from '../fakes/whatsapp-cloud';
import { testConfig, TEST_APP_SECRET } from '../helpers/runtime';
import { speechOggOpus } from '../helpers/speech';
import { startGraphRouter } from './graph-router';

const DAY = 24 * 3600_000;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chats-e2e-'));

// ---- the platforms
const graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET, pages: [{}, { name: 'Fix-It Express' }] });
const ig = await startFakeInstagramGraph({ appSecret: TEST_APP_SECRET, webhookAttempts: 1 });
// an Instagram account connected before the tests start (the first one is left for Facebook Login)
const igConnected = ig.addPage({ name: 'Fix-It Instagram', instagram: { username: 'fixit.repairs', name: 'Fix-It Repairs' } });
const wa = await startFakeWhatsApp({ appSecret: TEST_APP_SECRET });
const tg = await startFakeTelegram({ bots: [{ id: 7011111111, username: 'fixit_connect_bot' }, { id: 7022222222, username: 'fixit_shop_bot' }] });
const igTokens = () => new Set([ig.user.token, ig.user.longLivedToken, ...ig.pages.map((p) => p.token)]);
const router = await startGraphRouter({
  byToken: (token) => (igTokens().has(token) ? ig.origin : token === wa.token ? wa.origin : undefined),
  login: ig.origin,
  fallback: graph.origin,
});

const app = await startServer({
  config: testConfig({
    DATA_DIR: dataDir,
    META_GRAPH_URL: `${router.origin}/v24.0`,
    META_APP_ID: ig.appId,
    META_OAUTH_DIALOG_URL: `${router.origin}/v24.0/dialog/oauth`,
    TELEGRAM_API_URL: tg.url,
    MEDIA_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // the production rate limits: an operator clicking through the inbox must never meet them
    RATE_LIMIT_API_KEY: undefined,
    RATE_LIMIT_SESSION: undefined,
    RATE_LIMIT_SIGNED_OUT: undefined,
    RATE_LIMIT_UPLOADS: undefined,
    RATE_LIMIT_IN_FLIGHT_API_KEY: undefined,
    RATE_LIMIT_IN_FLIGHT_SESSION: undefined,
    RATE_LIMIT_IN_FLIGHT_SIGNED_OUT: undefined,
  }),
  dev: false,
  seed: false,
});
const url = app.url.replace('localhost', '127.0.0.1');
const deps = getDeps();
// the browser is on 127.0.0.1: Facebook's redirect and Telegram's webhook must come back there
deps.config.publicUrl = url;
graph.setWebhookUrl(`${url}/api/webhooks/meta`);
ig.setWebhookUrl(`${url}/api/webhooks/meta`);
wa.setWebhookUrl(`${url}/api/webhooks/whatsapp`);

// ---- the shop
const roles = await ensureBuiltinRoles(deps.db);
const admin = { email: 'admin@e2e.local', password: 'e2e-admin-pass', name: 'Erika Admin' };
const operator = { email: 'operator@e2e.local', password: 'e2e-operator-pass', name: 'Otto Operator' };
const adminEmployee = await createEmployee(deps.db, { ...admin, roleId: roles.Admin.id });
await createEmployee(deps.db, { ...operator, roleId: roles.Operator.id });
const [channel] = await deps.db
  .insert(channels)
  .values({ kind: 'MESSENGER', name: graph.page.name, externalId: graph.page.id, accessToken: graph.page.token })
  .returning();
await deps.db.insert(channelRoles).values({ channelId: channel.id, roleId: roles.Operator.id });
const asAdmin = await buildEmployeeViewer(deps.db, adminEmployee.id);
const igChannel = await connectChannel(deps, asAdmin, { kind: 'INSTAGRAM', externalId: '', name: '', accessToken: igConnected.token, roleIds: [roles.Operator.id] });
await connectChannel(deps, asAdmin, { kind: 'TELEGRAM', externalId: '', name: '', accessToken: tg.bots.get(7022222222)!.token, roleIds: [roles.Operator.id] });
const photo = readFileSync(new URL('./fixtures/cracked-screen.png', import.meta.url));

// ---- the control port: what the platform and the customer do, on a test's command
const control = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
  try {
    if (req.url === '/customer-writes') await graph.customerWrites(body.psid, body.text, body.ageMs ? { timestamp: Date.now() - body.ageMs } : undefined);
    else if (req.url === '/deliver') await graph.deliver(body.psid);
    else if (req.url === '/read') await graph.read(body.psid);
    else if (req.url === '/sent') return void res.end(JSON.stringify(graph.sent));
    else if (req.url === '/instagram-customer-writes') {
      if (!ig.customers.has(body.igsid)) ig.addCustomer({ igsid: body.igsid, igId: igChannel.externalId, name: body.name, username: body.username });
      const ageMs = (body.ageDays ?? 0) * DAY;
      await ig.customerWrites(body.igsid, body.text, { igId: igChannel.externalId, timestamp: Date.now() - ageMs - 60_000 });
    } else if (req.url === '/telegram-user-sends') {
      const user = { id: body.userId, firstName: body.firstName ?? 'Tom', lastName: body.lastName ?? 'Berger' };
      // `speech`: a voice note that says these words (espeak-ng, OGG/Opus), for the transcription tests
      // `corrupt`: a voice note whose bytes are not audio
      const voice = body.speech ? { bytes: speechOggOpus(body.speech), seconds: 6 } : body.corrupt ? { bytes: new TextEncoder().encode('OggS but not really audio'), seconds: 4 } : { seconds: 3 };
      const content = body.kind === 'voice' ? { voice } : { photo: { bytes: new Uint8Array(photo), width: 96, height: 64 }, caption: body.caption };
      await tg.userWrites(user, content, { bot: 7022222222 });
    } else if (req.url === '/telegram-revoke') {
      // the bot's token is replaced in @BotFather: the old one stops working
      return void res.end(JSON.stringify({ token: tg.revokeToken(7022222222) }));
    } else if (req.url === '/check-channels') await checkChannelHealth(deps);
    else if (req.url === '/connect-whatsapp') {
      await connectChannel(deps, asAdmin, { kind: 'WHATSAPP', externalId: wa.phoneNumberId, businessAccountId: wa.wabaId, name: '', accessToken: wa.token });
    } else if (req.url === '/client') {
      const client = await createClient(deps.db, asAdmin, { name: body.name, phone: body.phone ?? null });
      return void res.end(JSON.stringify({ id: client.id }));
    } else if (req.url === '/crm-order') {
      // a client with a phone and an order; linked to the chat of `psid` when given
      const client = await createClient(deps.db, asAdmin, { name: body.name, phone: body.phone ?? null });
      if (body.psid) {
        const [contact] = await deps.db.select().from(contacts).where(eq(contacts.externalId, body.psid));
        await deps.db.update(chats).set({ clientId: client.id }).where(eq(chats.contactId, contact.id));
      }
      const document = await createDocument(deps, asAdmin, { clientId: client.id, kind: body.kind ?? 'ORDER', title: body.title });
      return void res.end(JSON.stringify({ clientId: client.id, number: document.number }));
    } else if (req.url === '/config') {
      // what a server started with other settings would do: Facebook Login off, SEED_DEMO=0
      const was = { metaAppId: deps.config.metaAppId ?? null, seedDemo: deps.config.seedDemo };
      if ('metaAppId' in body) deps.config.metaAppId = body.metaAppId ?? undefined;
      if ('seedDemo' in body) deps.config.seedDemo = body.seedDemo;
      return void res.end(JSON.stringify(was));
    } else if (req.url === '/demo-page') {
      // the page `npm start` seeds for trying the inbox; removed again so other tests never see it
      await deps.db.delete(channels).where(and(eq(channels.kind, 'MESSENGER'), eq(channels.externalId, DEMO_PAGE_ID)));
      if (body.present) {
        const [demo] = await deps.db.insert(channels).values({ kind: 'MESSENGER', name: 'Demo page', externalId: DEMO_PAGE_ID, accessToken: 'demo-token' }).returning();
        await deps.db.insert(channelRoles).values({ channelId: demo.id, roleId: roles.Operator.id });
      }
      forgetViewers(deps.db);
    } else if (req.url === '/page-comment') {
      // a customer comments under one of the page's posts (a reply to another comment with `parentId`)
      const from = { id: body.userId, name: body.name ?? 'Jane Doe' };
      const at = body.ageDays ? graph.clock.now() - body.ageDays * DAY : undefined;
      // `post: { message, picture: true }`: under a new post with that text (and a picture the fake's CDN serves)
      const post = body.post ? graph.comments.addPost(graph.page.id, { message: body.post.message }) : undefined;
      if (post && body.post.picture) post.picture = `${graph.origin}/platform/postpic/?post=${encodeURIComponent(post.id)}`;
      const comment = await graph.comments.customerComments(graph.page.id, { from, text: body.text, parentId: body.parentId, at, postId: post?.id });
      await graph.idle();
      return void res.end(JSON.stringify({ commentId: comment.id }));
    } else if (req.url === '/page-comments') {
      return void res.end(JSON.stringify([...graph.comments.comments.values()]));
    } else if (req.url === '/comments-switch') {
      // what the Settings switch does (tests/e2e/settings.spec.ts drives the switch itself)
      await setChannelReceiveComments(deps, asAdmin, channel.id, body.enabled);
    } else return void res.writeHead(404).end();
    await Promise.all([graph.idle(), ig.idle(), tg.idle()]);
    res.end('{}');
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

console.log(
  JSON.stringify({
    ready: true,
    url,
    control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    admin,
    operator,
    pageName: graph.page.name,
    connect: {
      page: { id: graph.pages.get([...graph.pages.keys()][1])!.id, token: graph.pages.get([...graph.pages.keys()][1])!.token, name: 'Fix-It Express' },
      instagram: { username: ig.instagram.username, user: ig.user.name },
      whatsapp: { phoneNumberId: wa.phoneNumberId, businessAccountId: wa.wabaId, token: wa.token },
      telegram: { token: tg.bots.get(7011111111)!.token, username: 'fixit_connect_bot' },
    },
  }),
);

const stop = async () => {
  control.close();
  await app.stop();
  await Promise.all([graph.stop(), ig.stop(), wa.stop(), tg.stop(), router.stop()]);
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
