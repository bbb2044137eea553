import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachments, messages } from '../../db/schema';
import { serveMedia } from '../../http/media';
import { MEDIA_MAX_BYTES } from '../../domain/media/download-attachment';
import { signedMediaPath } from '../../media/signed-link';
import type { BootedRuntime } from '../../runtime/boot';
import { fakeGraphErrors, startFakeMetaGraph, type FakeMetaGraph } from '../fakes/meta-graph';
import { startFakeInstagramGraph, type FakeInstagramGraph } from '../fakes/instagram-graph';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { startFakeWhatsApp, type FakeWhatsApp } from '../fakes/whatsapp-cloud';
import { builtinRoles, makeChannel, makeEmployee } from '../helpers/factories';
import { errorCode, gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { pngFile, sendWithFiles } from '../helpers/upload';
import { serveMetaWebhook } from '../helpers/webhook-server';

const pdfFile = (name = 'invoice.pdf') => new File([new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')], name, { type: 'application/pdf' });
const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

async function messageNode(rt: BootedRuntime, who: Credentials, id: string) {
  const res = await gql(rt, who, 'query($id: ID!) { node(id: $id) { ... on Message { status error text attachments { id kind url fileName } } } }', { id });
  return res.data!.node;
}

/** What the operator's browser gets from the bubble's link. */
function fetchAsOperator(rt: BootedRuntime, who: Credentials, url: string) {
  const id = url.split('/').pop()!;
  return serveMedia(new Request(`http://localhost${url}`, { headers: { cookie: who.cookie! } }), rt.deps, id);
}

describe.each(DRIVERS)('operators send files (%s)', (driver) => {
  describe('on Messenger: uploaded with the message as filedata', () => {
    let rt: BootedRuntime;
    let graph: FakeMetaGraph;
    let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
    let admin: Credentials;
    let psidSeq = 8100;

    beforeAll(async () => {
      graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET });
      rt = await startTestRuntime(driver, { META_GRAPH_URL: graph.url });
      hook = await serveMetaWebhook(rt.deps);
      graph.setWebhookUrl(hook.url);
      const { Admin } = await builtinRoles(rt.deps);
      admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
      const connected = await gql(rt, admin, 'mutation($id: String!, $t: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $t) { state } }', {
        id: graph.page.id,
        t: graph.page.token,
      });
      expect(connected.errors).toBeUndefined();
    });
    afterEach(() => {
      graph.clearFailures();
      vi.restoreAllMocks();
    });
    afterAll(async () => {
      await rt?.close();
      await hook?.close();
      await graph?.stop();
    });

    async function customerChat(ageMs = 60_000) {
      const psid = `65432109876${++psidSeq}`;
      await graph.customerWrites(psid, 'Can you send me the receipt?', { timestamp: Date.now() - ageMs });
      await graph.idle();
      const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id contact { externalId } } } } }');
      return { chatId: res.data!.chats.edges.find((e: any) => e.node.contact.externalId === psid).node.id as string, psid };
    }

    it('a photo and a text: the bubble shows the photo at once, the bytes reach Messenger, then the text, and the message is SENT', async () => {
      const { chatId, psid } = await customerChat();
      const photo = pngFile('receipt.png', 4096);
      const res = await sendWithFiles(rt, admin, chatId, 'Here is your receipt', [photo]);
      expect(res.errors).toBeUndefined();
      const sent = res.data!.sendMessage;
      expect(sent).toMatchObject({ status: 'PENDING', text: 'Here is your receipt' });
      expect(sent.attachments).toEqual([
        { id: expect.any(String), kind: 'image', url: `/api/media/${sent.attachments[0].id}`, mimeType: 'image/png', fileName: 'receipt.png', size: 4096 },
      ]);
      const served = await fetchAsOperator(rt, admin, sent.attachments[0].url);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(await bytesOf(photo));

      await runJobs(rt);
      await graph.idle();
      const [file, text] = graph.sent.slice(-2);
      expect(file).toMatchObject({ psid, messagingType: 'RESPONSE', attachment: { type: 'image' }, file: { source: 'upload', fileName: 'receipt.png', mimeType: 'image/png' } });
      expect(file.file!.bytes).toEqual(await bytesOf(photo));
      expect(text).toMatchObject({ psid, text: 'Here is your receipt' });
      const node = await messageNode(rt, admin, sent.id);
      expect(node).toMatchObject({ status: 'SENT', error: null });
      // the echoes of both parts are recognised as ours: no extra message appears
      const history = await gql(rt, admin, 'query($c: ID!) { chat(id: $c) { messages { edges { node { direction } } } } }', { c: chatId });
      expect(history.data!.chat.messages.edges.map((e: any) => e.node.direction)).toEqual(['INBOUND', 'OUTBOUND']);
      const [row] = await rt.deps.db.select().from(messages).where(eq(messages.text, 'Here is your receipt'));
      expect(row.providerMessageId).toBe(text.mid);
    });

    it('files alone, in the order attached: the text may be empty, and the last file\'s id is the message\'s', async () => {
      const { chatId } = await customerChat();
      const res = await sendWithFiles(rt, admin, chatId, '', [pdfFile('quote.pdf'), pngFile('front.png'), pngFile('back.png')]);
      expect(res.errors).toBeUndefined();
      expect(res.data!.sendMessage.attachments.map((a: any) => [a.fileName, a.kind])).toEqual([
        ['quote.pdf', 'file'],
        ['front.png', 'image'],
        ['back.png', 'image'],
      ]);
      await runJobs(rt);
      await graph.idle();
      const parts = graph.sent.slice(-3);
      expect(parts.map((p) => [p.attachment?.type, p.file?.fileName])).toEqual([
        ['file', 'quote.pdf'],
        ['image', 'front.png'],
        ['image', 'back.png'],
      ]);
      const [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, (await rt.deps.db.select().from(attachments).where(eq(attachments.fileName, 'quote.pdf')))[0].messageId));
      expect(row).toMatchObject({ status: 'SENT', text: null, providerMessageId: parts[2].mid });
    });

    it('a file over 25 MB, of a type we do not send, or an eleventh file is refused with BAD_USER_INPUT and nothing is stored', async () => {
      const { chatId } = await customerChat();
      const put = vi.spyOn(rt.deps.media, 'put');
      const before = (await rt.deps.db.select().from(messages)).length;

      const huge = new File([new Uint8Array(MEDIA_MAX_BYTES + 1)], 'video.mp4', { type: 'video/mp4' });
      const tooLarge = await sendWithFiles(rt, admin, chatId, 'big one', [huge]);
      expect(errorCode(tooLarge)).toBe('BAD_USER_INPUT');
      expect(tooLarge.errors![0].message).toMatch(/"video\.mp4" is 25\.0 MB; files can be at most 25 MB/);

      const page = new File(['<script>alert(1)</script>'], 'page.html', { type: 'text/html' });
      const wrongType = await sendWithFiles(rt, admin, chatId, 'look', [page]);
      expect(errorCode(wrongType)).toBe('BAD_USER_INPUT');
      expect(wrongType.errors![0].message).toMatch(/"page\.html" \(text\/html\) can't be sent\. Attach images, audio, video/);

      const eleven = await sendWithFiles(rt, admin, chatId, '', Array.from({ length: 11 }, (_, i) => pngFile(`p${i}.png`, 64)));
      expect(errorCode(eleven)).toBe('BAD_USER_INPUT');
      expect(eleven.errors![0].message).toMatch(/at most 10 files; this one has 11/);

      const empty = await sendWithFiles(rt, admin, chatId, '   ', []);
      expect(errorCode(empty)).toBe('BAD_USER_INPUT');
      expect(empty.errors![0].message).toMatch(/Write a message or attach a file/);

      expect(put).not.toHaveBeenCalled();
      expect(await rt.deps.db.select().from(messages)).toHaveLength(before);
    });

    it('a file just under 25 MB goes through, and uploads without a session are turned away before they are read', async () => {
      const { chatId } = await customerChat();
      const big = new File([new Uint8Array(MEDIA_MAX_BYTES - 1024)], 'manual.pdf', { type: 'application/pdf' });
      const ok = await sendWithFiles(rt, admin, chatId, '', [big]);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.sendMessage.attachments[0].size).toBe(MEDIA_MAX_BYTES - 1024);
      await runJobs(rt);
      expect(graph.sent.at(-1)?.file).toMatchObject({ fileName: 'manual.pdf', mimeType: 'application/pdf' });
      expect(graph.sent.at(-1)?.file?.bytes.byteLength).toBe(MEDIA_MAX_BYTES - 1024);
      expect((await messageNode(rt, admin, ok.data!.sendMessage.id)).status).toBe('SENT');

      const anonymous = await sendWithFiles(rt, {}, chatId, '', [pngFile()]);
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');

      // only uploads get the larger request cap; a JSON operation keeps Yoga's 25 MB
      const body = JSON.stringify({ query: '{ viewer { id } }', variables: { padding: 'x'.repeat(25_000_000) } });
      const json = await rt.yoga.fetch('http://localhost/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie! }, body });
      expect(json.status).toBe(413);
    });

    it('files are blocked exactly when text is: after 7 days without a tag the send is SEND_BLOCKED', async () => {
      const { chatId } = await customerChat(8 * 24 * 3600_000);
      const put = vi.spyOn(rt.deps.media, 'put');
      const res = await sendWithFiles(rt, admin, chatId, '', [pngFile()]);
      expect(errorCode(res)).toBe('SEND_BLOCKED');
      expect(res.errors![0].extensions!.block).toBe('TAG_REQUIRED');
      expect(put).not.toHaveBeenCalled();
    });

    it('Messenger refusing the upload is a visible FAILED with a readable reason; a transient error is retried', async () => {
      const { chatId } = await customerChat();
      graph.failNext({ ...fakeGraphErrors.userUnavailable, match: { method: 'POST', path: '/me/messages' } });
      const failed = (await sendWithFiles(rt, admin, chatId, '', [pngFile()])).data!.sendMessage;
      await runJobs(rt);
      const node = await messageNode(rt, admin, failed.id);
      expect(node.status).toBe('FAILED');
      expect(node.error).toMatch(/isn't available right now/);
      expect(node.error).not.toMatch(/[{}]/);

      graph.failNext({ ...fakeGraphErrors.unexpected, match: { method: 'POST', path: '/me/messages' } });
      const retried = (await sendWithFiles(rt, admin, chatId, '', [pngFile('again.png')])).data!.sendMessage;
      await runJobs(rt);
      expect(await messageNode(rt, admin, retried.id)).toMatchObject({ status: 'PENDING', error: expect.stringMatching(/^Retrying: /) });
      await runJobs(rt, { skipBackoff: true });
      expect((await messageNode(rt, admin, retried.id)).status).toBe('SENT');
      expect(graph.sent.at(-1)?.file?.fileName).toBe('again.png');
    });
  });

  describe('on WhatsApp: uploaded to /media, then sent by media id', () => {
    let rt: BootedRuntime;
    let wa: FakeWhatsApp;
    let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
    let admin: Credentials;
    let n = 0;

    beforeAll(async () => {
      wa = await startFakeWhatsApp({ appSecret: TEST_APP_SECRET });
      rt = await startTestRuntime(driver, { META_GRAPH_URL: wa.url });
      hook = await serveMetaWebhook(rt.deps);
      wa.setWebhookUrl(hook.whatsappUrl);
      const { Admin } = await builtinRoles(rt.deps);
      admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
      const res = await gql(rt, admin, 'mutation($id: String!, $t: String!, $w: String) { connectChannel(kind: WHATSAPP, externalId: $id, name: "", accessToken: $t, businessAccountId: $w) { state } }', {
        id: wa.phoneNumberId,
        t: wa.token,
        w: wa.wabaId,
      });
      expect(res.errors).toBeUndefined();
    });
    afterEach(() => wa.clearFailures());
    afterAll(async () => {
      await rt?.close();
      await hook?.close();
      await wa?.stop();
    });

    async function customerChat(ageMs = 60_000) {
      const waId = `1650555${String(++n).padStart(4, '0')}`;
      await wa.customerSends(waId, 'Please send the invoice', { timestamp: Date.now() - ageMs });
      await wa.idle();
      const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id contact { externalId } } } } }');
      return { chatId: res.data!.chats.edges.find((e: any) => e.node.contact.externalId === waId).node.id as string, waId };
    }

    it('a photo goes as an image and a PDF as a document with its name; the bytes arrive and the message is SENT', async () => {
      const { chatId, waId } = await customerChat();
      const photo = pngFile('parts.png', 3000);
      const pdf = pdfFile('invoice-42.pdf');
      const res = await sendWithFiles(rt, admin, chatId, 'Your invoice and the parts', [photo, pdf]);
      expect(res.errors).toBeUndefined();
      await runJobs(rt);
      await wa.idle();
      const [image, document, text] = wa.sent.slice(-3);
      expect(image).toMatchObject({ waId, type: 'image' });
      expect(new Uint8Array(image.media!.bytes)).toEqual(await bytesOf(photo));
      expect(image.media!.uploadedAs).toBe('parts.png');
      expect(document).toMatchObject({ type: 'document', fileName: 'invoice-42.pdf' });
      expect(new Uint8Array(document.media!.bytes)).toEqual(await bytesOf(pdf));
      expect(text).toMatchObject({ type: 'text', text: 'Your invoice and the parts' });
      // the files carry our ids, so a failed status for one of them is still ours
      expect(image.callbackData).toBe(`${(await rt.deps.db.select().from(attachments).where(eq(attachments.fileName, 'parts.png')))[0].messageId}#${(await rt.deps.db.select().from(attachments).where(eq(attachments.fileName, 'parts.png')))[0].id}`);
      expect(['SENT', 'DELIVERED', 'READ']).toContain((await messageNode(rt, admin, res.data!.sendMessage.id)).status);
    });

    it('a failed status for one file fails the whole message with WhatsApp\'s reason', async () => {
      const { chatId } = await customerChat();
      const res = await sendWithFiles(rt, admin, chatId, 'see photo', [pngFile('x.png')]);
      await runJobs(rt);
      await wa.idle();
      const image = wa.sent.find((s) => s.type === 'image' && s.media?.uploadedAs === 'x.png')!;
      await wa.failMessage(image.wamid, { code: 131053, title: 'Media upload error', details: 'Unable to process the media.' });
      await wa.idle();
      const node = await messageNode(rt, admin, res.data!.sendMessage.id);
      expect(node.status).toBe('FAILED');
      expect(node.error).toMatch(/^"x\.png" was not delivered: WhatsApp couldn't process the media file/);

      // Retry sends the file that did not arrive, not the text that did
      const sentBefore = wa.sent.length;
      const retried = await gql(rt, admin, 'mutation($m: ID!) { retryMessage(messageId: $m) { status } }', { m: res.data!.sendMessage.id });
      expect(retried.data!.retryMessage.status).toBe('PENDING');
      await runJobs(rt);
      await wa.idle();
      expect(wa.sent.slice(sentBefore).map((s) => [s.type, s.media?.uploadedAs])).toEqual([['image', 'x.png']]);
      expect(['SENT', 'DELIVERED', 'READ']).toContain((await messageNode(rt, admin, res.data!.sendMessage.id)).status);
    });

    it('a rate limit on the send is retried and the message goes out', async () => {
      const { chatId } = await customerChat();
      wa.failNext({ ...{ status: 400, code: 130429, message: '(#130429) Rate limit hit' }, match: { method: 'POST', path: /\/messages$/ } });
      const res = await sendWithFiles(rt, admin, chatId, '', [pdfFile('terms.pdf')]);
      await runJobs(rt);
      expect(await messageNode(rt, admin, res.data!.sendMessage.id)).toMatchObject({ status: 'PENDING', error: expect.stringMatching(/^Retrying: .*throughput/) });
      await runJobs(rt, { skipBackoff: true });
      await wa.idle();
      expect(['SENT', 'DELIVERED', 'READ']).toContain((await messageNode(rt, admin, res.data!.sendMessage.id)).status);
      expect(wa.sent.at(-1)).toMatchObject({ type: 'document', fileName: 'terms.pdf' });
    });

    it('a file too large or of a type we do not send is BAD_USER_INPUT and nothing is stored; WhatsApp refusing the upload is FAILED', async () => {
      const { chatId } = await customerChat();
      const put = vi.spyOn(rt.deps.media, 'put');
      const huge = await sendWithFiles(rt, admin, chatId, '', [new File([new Uint8Array(MEDIA_MAX_BYTES + 1)], 'clip.mp4', { type: 'video/mp4' })]);
      expect(errorCode(huge)).toBe('BAD_USER_INPUT');
      const exe = await sendWithFiles(rt, admin, chatId, '', [new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })]);
      expect(errorCode(exe)).toBe('BAD_USER_INPUT');
      expect(exe.errors![0].message).toMatch(/"setup\.exe" \(application\/x-msdownload\) can't be sent/);
      expect(put).not.toHaveBeenCalled();
      vi.restoreAllMocks();

      wa.failNext({ status: 400, code: 131053, message: '(#131053) Media upload error', details: 'Unsupported file.', match: { method: 'POST', path: /\/media$/ } });
      const res = await sendWithFiles(rt, admin, chatId, '', [pdfFile('bad.pdf')]);
      await runJobs(rt);
      const node = await messageNode(rt, admin, res.data!.sendMessage.id);
      expect(node.status).toBe('FAILED');
      expect(node.error).toMatch(/WhatsApp couldn't process the media file we sent/);
    });

    it('after 24 hours files are blocked like text: only a template may be sent', async () => {
      const { chatId } = await customerChat(25 * 3600_000);
      const res = await sendWithFiles(rt, admin, chatId, '', [pngFile()]);
      expect(errorCode(res)).toBe('SEND_BLOCKED');
      expect(res.errors![0].extensions!.block).toBe('TEMPLATE_REQUIRED');
    });
  });

  describe('on Telegram: sendPhoto / sendDocument / sendVoice with a multipart upload', () => {
    let rt: BootedRuntime;
    let tg: FakeTelegram;
    let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
    let admin: Credentials;
    let user = 555100000;

    beforeAll(async () => {
      tg = await startFakeTelegram({ bots: [{ id: 7012345679, username: 'files_shop_bot' }], webhookRetryDelayMs: 10, webhookAttempts: 1 });
      rt = await startTestRuntime(driver, { TELEGRAM_API_URL: tg.url });
      hook = await serveMetaWebhook(rt.deps);
      rt.deps.config.publicUrl = hook.origin;
      const { Admin } = await builtinRoles(rt.deps);
      admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
      const res = await gql(rt, admin, 'mutation($t: String!) { connectChannel(kind: TELEGRAM, externalId: "", name: "", accessToken: $t) { state } }', { t: tg.bot.token });
      expect(res.errors).toBeUndefined();
    });
    afterEach(() => tg.clearFailures());
    afterAll(async () => {
      await rt?.close();
      await hook?.close();
      await tg?.stop();
    });

    async function customerChat() {
      const id = ++user;
      await tg.userWrites({ id, firstName: 'Ana' }, 'Hi! Photo of the repair?');
      await tg.idle();
      const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id contact { externalId } } } } }');
      return { chatId: res.data!.chats.edges.find((e: any) => e.node.contact.externalId === String(id)).node.id as string, id };
    }

    it('a photo, a PDF and a voice note each go by their own method with the bytes, then the text', async () => {
      const { chatId, id } = await customerChat();
      const photo = pngFile('repair.png');
      const voice = new File([new Uint8Array([0x4f, 0x67, 0x67, 0x53, 1, 2, 3])], 'note.ogg', { type: 'audio/ogg' });
      const res = await sendWithFiles(rt, admin, chatId, 'All fixed!', [photo, pdfFile('bill.pdf'), voice]);
      expect(res.errors).toBeUndefined();
      await runJobs(rt);
      const parts = tg.sent.slice(-4);
      expect(parts.map((p) => [p.kind, p.chatId])).toEqual([
        ['photo', id],
        ['document', id],
        ['voice', id],
        ['text', id],
      ]);
      expect(parts[0].file).toMatchObject({ source: 'upload', fileName: 'repair.png', mimeType: 'image/png' });
      expect(parts[0].file!.bytes).toEqual(await bytesOf(photo));
      expect(parts[1].file).toMatchObject({ fileName: 'bill.pdf', mimeType: 'application/pdf' });
      expect(parts[2].file!.bytes).toEqual(await bytesOf(voice));
      expect(parts[3].text).toBe('All fixed!');
      const [row] = await rt.deps.db.select().from(messages).where(eq(messages.text, 'All fixed!'));
      expect(row).toMatchObject({ status: 'SENT', providerMessageId: parts[3].providerMessageId });
    });

    it('a failed text after the files is retried without sending the files again', async () => {
      const { chatId } = await customerChat();
      tg.failNext({ error_code: 500, description: 'Internal Server Error', method: 'sendMessage' });
      const res = await sendWithFiles(rt, admin, chatId, 'and the text', [pngFile('once.png')]);
      await runJobs(rt);
      expect(await messageNode(rt, admin, res.data!.sendMessage.id)).toMatchObject({ status: 'PENDING', error: expect.stringMatching(/^Retrying: /) });
      await runJobs(rt, { skipBackoff: true });
      expect((await messageNode(rt, admin, res.data!.sendMessage.id)).status).toBe('SENT');
      expect(tg.sent.filter((s) => s.file?.fileName === 'once.png')).toHaveLength(1);
      expect(tg.sent.at(-1)?.text).toBe('and the text');
    });

    it('a file too large or of a type we do not send is BAD_USER_INPUT and nothing is stored', async () => {
      const { chatId } = await customerChat();
      const put = vi.spyOn(rt.deps.media, 'put');
      const huge = await sendWithFiles(rt, admin, chatId, 'x', [new File([new Uint8Array(MEDIA_MAX_BYTES + 1)], 'scan.pdf', { type: 'application/pdf' })]);
      expect(errorCode(huge)).toBe('BAD_USER_INPUT');
      expect(huge.errors![0].extensions).toMatchObject({ field: 'attachments', index: 0, fileName: 'scan.pdf' });
      const script = await sendWithFiles(rt, admin, chatId, 'x', [new File(['#!/bin/sh'], 'run.sh', { type: 'application/x-sh' })]);
      expect(errorCode(script)).toBe('BAD_USER_INPUT');
      expect(put).not.toHaveBeenCalled();
      vi.restoreAllMocks();
    });

    it('a customer who blocked the bot: the upload fails for good with a readable reason', async () => {
      const { chatId, id } = await customerChat();
      await tg.block(id);
      await tg.idle();
      const res = await sendWithFiles(rt, admin, chatId, '', [pdfFile()]);
      await runJobs(rt);
      const node = await messageNode(rt, admin, res.data!.sendMessage.id);
      expect(node.status).toBe('FAILED');
      expect(node.error).toMatch(/blocked/i);
    });
  });

  describe('on Instagram: Meta downloads the file from a signed, expiring link', () => {
    let rt: BootedRuntime;
    let ig: FakeInstagramGraph;
    let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
    let admin: Credentials;
    let n = 0;

    beforeAll(async () => {
      ig = await startFakeInstagramGraph({ appSecret: TEST_APP_SECRET, fetchAttachmentUrls: true, webhookAttempts: 1, webhookRetryDelayMs: 1 });
      rt = await startTestRuntime(driver, { META_GRAPH_URL: ig.url });
      hook = await serveMetaWebhook(rt.deps);
      rt.deps.config.publicUrl = hook.origin;
      ig.setWebhookUrl(hook.url);
      ig.subscribe(ig.page.id);
      const { Admin } = await builtinRoles(rt.deps);
      admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
      await makeChannel(rt.deps, { kind: 'INSTAGRAM', externalId: ig.instagram.id, accessToken: ig.page.token });
    });
    afterAll(async () => {
      await rt?.close();
      await hook?.close();
      await ig?.stop();
    });

    async function customerChat() {
      const igsid = `99000000000${String(++n).padStart(5, '0')}`;
      await ig.customerWrites(igsid, 'Do you have a photo?');
      await ig.idle();
      const res = await gql(rt, admin, '{ chats(first: 50) { edges { node { id contact { externalId } } } } }');
      const edge = res.data!.chats.edges.find((e: any) => e.node.contact.externalId === igsid);
      expect(edge, 'the Instagram webhook created the chat').toBeTruthy();
      return { chatId: edge.node.id as string, igsid };
    }

    it('a photo is sent as a URL under PUBLIC_URL that Meta fetches; the bytes arrive and the message is SENT', async () => {
      const { chatId, igsid } = await customerChat();
      const photo = new File([await bytesOf(pngFile('shelf.png', 5000))], 'shelf.jpg', { type: 'image/jpeg' });
      const res = await sendWithFiles(rt, admin, chatId, 'Here it is', [photo]);
      expect(res.errors).toBeUndefined();
      await runJobs(rt);
      await ig.idle();
      const [file, text] = ig.sent.slice(-2);
      expect(file).toMatchObject({ igsid, attachment: { type: 'image' } });
      expect(String(file.attachment!.payload!.url)).toMatch(new RegExp(`^${hook.origin}/api/media/[0-9a-f-]{36}\\?exp=\\d+&sig=`));
      expect(file.file).toMatchObject({ mimeType: 'image/jpeg' });
      expect(file.file!.bytes).toEqual(await bytesOf(photo));
      expect(text).toMatchObject({ igsid, text: 'Here it is' });
      expect((await messageNode(rt, admin, res.data!.sendMessage.id)).status).toBe('SENT');
    });

    it('the link is refused once tampered with or expired, and never serves a customer\'s file', async () => {
      const { chatId } = await customerChat();
      const sent = (await sendWithFiles(rt, admin, chatId, '', [pngFile('a.png')])).data!.sendMessage;
      const id = sent.attachments[0].id;
      const get = (path: string) => serveMedia(new Request(`${hook.origin}${path}`), rt.deps, id);
      expect((await get(signedMediaPath(TEST_APP_SECRET, id))).status).toBe(200);
      // change the signature's first character to another one (replacing it with a fixed 'A' kept it 1 time in 64)
      expect((await get(signedMediaPath(TEST_APP_SECRET, id).replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))).status).toBe(403);
      expect((await get(signedMediaPath(TEST_APP_SECRET, id, Date.now() - 2 * 3600_000))).status).toBe(403);
      expect((await get(signedMediaPath('another-secret', id))).status).toBe(403);
      // an unsigned request still needs a session
      expect((await get(`/api/media/${id}`)).status).toBe(401);

      const [inbound] = await rt.deps.db.insert(attachments).values({ messageId: (await rt.deps.db.select().from(messages).where(eq(messages.direction, 'INBOUND')))[0].id, kind: 'image', storageKey: '2026-11/00000000-0000-4000-8000-000000000001' }).returning();
      const customerFile = await serveMedia(new Request(`${hook.origin}${signedMediaPath(TEST_APP_SECRET, inbound.id)}`), rt.deps, inbound.id);
      expect(customerFile.status).toBe(403);
    });

    it('when Meta cannot reach PUBLIC_URL the message is FAILED and says so', async () => {
      const { chatId } = await customerChat();
      const publicUrl = rt.deps.config.publicUrl;
      rt.deps.config.publicUrl = 'http://127.0.0.1:9';
      try {
        const res = await sendWithFiles(rt, admin, chatId, '', [pngFile('unreachable.png')]);
        await runJobs(rt);
        const node = await messageNode(rt, admin, res.data!.sendMessage.id);
        expect(node.status).toBe('FAILED');
        expect(node.error).toMatch(/could not download the file from our link; PUBLIC_URL must be reachable/);
      } finally {
        rt.deps.config.publicUrl = publicUrl;
      }
    });

    it('a file Instagram does not take (a PDF) is refused up front with what Instagram accepts', async () => {
      const { chatId } = await customerChat();
      const res = await sendWithFiles(rt, admin, chatId, '', [pdfFile()]);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/Instagram only accepts images \(PNG, JPEG, GIF\)/);
    });
  });
});
