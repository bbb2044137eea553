import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages } from '../../db/schema';
import { serveMedia } from '../../http/media';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeEmployee, makeRole } from '../helpers/factories';
import { gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { pageBody, postMeta } from '../helpers/meta-webhook';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const PHOTO = Buffer.from('89504e470d0a1a0a' + 'ab'.repeat(500), 'hex');

/** A stand-in for Facebook's CDN: photos, an HTML page, a file too large to keep. */
async function startCdn() {
  const server: Server = createServer((req, res) => {
    if (req.url === '/photo.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PHOTO);
    if (req.url === '/page.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    if (req.url === '/huge.mp4') return void res.writeHead(200, { 'content-type': 'video/mp4' }).end(Buffer.alloc(26 * 1024 * 1024));
    if (req.url === '/hop') return void res.writeHead(302, { location: 'http://127.0.0.2:9/elsewhere.png' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

describe.each(DRIVERS)('media (%s)', (driver) => {
  let rt: BootedRuntime;
  let cdn: Awaited<ReturnType<typeof startCdn>>;
  let pageId: string;
  let admin: Credentials;
  let outsider: Credentials;
  let n = 0;

  beforeAll(async () => {
    cdn = await startCdn();
    rt = await startTestRuntime(driver, { MEDIA_HOSTS: new URL(cdn.origin).host, CHAT_HISTORY_LIMIT: '3' });
    const { Admin } = await builtinRoles(rt.deps);
    pageId = (await makeChannel(rt.deps)).externalId;
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    outsider = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CHATS'])).id)).cookie };
  });
  afterAll(async () => {
    await rt?.close();
    await cdn?.close();
  });

  /** A customer sends one attachment; returns what the API then says about it. */
  async function customerSends(url: string, type = 'image') {
    const mid = `m_media_${driver}_${++n}`;
    const event = { sender: { id: `900${n}` }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, attachments: [{ type, payload: { url } }] } };
    expect((await postMeta(rt.deps, pageBody(pageId, [event]))).status).toBe(200);
    await runJobs(rt, { skipBackoff: true, rounds: 5 });
    const [row] = await rt.deps.db
      .select({ attachment: attachments })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(messages.providerMessageId, mid));
    return row.attachment;
  }

  const fetchMedia = (id: string, who: Credentials | null) =>
    serveMedia(new Request(`http://x/api/media/${id}`, { headers: who?.cookie ? { cookie: who.cookie } : {} }), rt.deps, id);

  it('a photo is downloaded and served only to viewers who may see the chat', async () => {
    const photo = await customerSends(`${cdn.origin}/photo.png`);
    expect(photo).toMatchObject({ mimeType: 'image/png', size: PHOTO.byteLength, error: null });
    const ok = await fetchMedia(photo.id, admin);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer()).equals(PHOTO)).toBe(true);
    expect((await fetchMedia(photo.id, outsider)).status).toBe(404);
    expect((await fetchMedia(photo.id, null)).status).toBe(401);
    const api = await gql(rt, admin, '{ chats(first: 1) { edges { node { lastMessage { attachments { url kind } } } } } }');
    expect(api.data!.chats.edges[0].node.lastMessage.attachments).toEqual([{ url: `/api/media/${photo.id}`, kind: 'image' }]);
  });

  it('a host that is not the platform\'s is never fetched, and the message says why', async () => {
    const stray = await customerSends('http://127.0.0.2:9/photo.png');
    expect(stray.storageKey).toBeNull();
    expect(stray.error).toMatch(/Not downloaded: 127\.0\.0\.2:9 is not one of the platform's media hosts/);
    const redirected = await customerSends(`${cdn.origin}/hop`);
    expect(redirected.error).toMatch(/not one of the platform's media hosts/);
  });

  it('a type we do not accept, or a file that is too large, is not kept', async () => {
    expect((await customerSends(`${cdn.origin}/page.html`, 'file')).error).toMatch(/type text\/html are not accepted/);
    expect((await customerSends(`${cdn.origin}/huge.mp4`, 'video')).error).toMatch(/larger than 25 MB/);
  });

  it('a chat keeps only the newest CHAT_HISTORY_LIMIT messages, and old media files go with them', async () => {
    const psid = `7700${driver === 'pglite' ? 1 : 2}`;
    const first = { sender: { id: psid }, recipient: { id: pageId }, timestamp: Date.now() - 10_000, message: { mid: `m_old_${driver}`, attachments: [{ type: 'image', payload: { url: `${cdn.origin}/photo.png` } }] } };
    await postMeta(rt.deps, pageBody(pageId, [first]));
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const [old] = await rt.deps.db.select({ attachment: attachments }).from(attachments).innerJoin(messages, eq(messages.id, attachments.messageId)).where(eq(messages.providerMessageId, `m_old_${driver}`));
    expect(await rt.deps.media.get(old.attachment.storageKey!)).not.toBeNull();
    for (let i = 0; i < 4; i++) {
      await postMeta(rt.deps, pageBody(pageId, [{ sender: { id: psid }, recipient: { id: pageId }, timestamp: Date.now() - 5000 + i, message: { mid: `m_new_${driver}_${i}`, text: `new ${i}` } }]));
    }
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const [chat] = await rt.deps.db.select({ chatId: messages.chatId }).from(messages).where(eq(messages.providerMessageId, `m_new_${driver}_3`));
    const [{ n: left }] = await rt.deps.db.select({ n: count() }).from(messages).where(eq(messages.chatId, chat.chatId));
    expect(Number(left)).toBe(3);
    expect(await rt.deps.media.get(old.attachment.storageKey!)).toBeNull();
  });
});
