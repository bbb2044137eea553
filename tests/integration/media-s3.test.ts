import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages } from '../../db/schema';
import { serveMedia } from '../../http/media';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeS3, type FakeS3 } from '../fakes/s3';
import { builtinRoles, makeChannel, makeChat, makeEmployee } from '../helpers/factories';
import { gid, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { pageBody, postMeta } from '../helpers/meta-webhook';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';
import { pngFile, sendWithFiles } from '../helpers/upload';

const PHOTO = Buffer.from('89504e470d0a1a0a' + 'cd'.repeat(700), 'hex');
const S3 = { bucket: 'chats-media', accessKeyId: 'AKIAFAKECHATS0000002', secretAccessKey: 'fake-secret-for-the-integration-test' };

async function startCdn() {
  const server: Server = createServer((req, res) => {
    if (req.url === '/photo.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PHOTO);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

describe.each(DRIVERS)('media in S3-compatible storage (%s)', (driver) => {
  let rt: BootedRuntime;
  let s3: FakeS3;
  let cdn: Awaited<ReturnType<typeof startCdn>>;
  let pageId: string;
  let channelId: string;
  let admin: Credentials;

  beforeAll(async () => {
    s3 = await startFakeS3(S3);
    cdn = await startCdn();
    rt = await startTestRuntime(driver, {
      MEDIA_HOSTS: new URL(cdn.origin).host,
      S3_BUCKET: S3.bucket,
      S3_ENDPOINT: s3.url,
      S3_ACCESS_KEY_ID: S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    });
    const { Admin } = await builtinRoles(rt.deps);
    const channel = await makeChannel(rt.deps);
    pageId = channel.externalId;
    channelId = channel.id;
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
  });
  afterAll(async () => {
    await rt?.close();
    await cdn?.close();
    await s3?.stop();
  });

  it('a customer\'s photo is downloaded into the bucket and served through /api/media', async () => {
    const mid = `m_s3_${driver}`;
    const event = { sender: { id: `8800${driver.length}` }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, attachments: [{ type: 'image', payload: { url: `${cdn.origin}/photo.png` } }] } };
    expect((await postMeta(rt.deps, pageBody(pageId, [event]))).status).toBe(200);
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const [{ attachment }] = await rt.deps.db
      .select({ attachment: attachments })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(messages.providerMessageId, mid));
    expect(attachment).toMatchObject({ error: null, mimeType: 'image/png', size: PHOTO.byteLength });
    expect(s3.objects.get(attachment.storageKey!)?.bytes.equals(PHOTO)).toBe(true);
    expect(s3.requests.find((r) => r.method === 'PUT' && r.key === attachment.storageKey)).toMatchObject({ accessKeyId: S3.accessKeyId, status: 200 });

    const served = await serveMedia(new Request(`http://localhost/api/media/${attachment.id}`, { headers: { cookie: admin.cookie! } }), rt.deps, attachment.id);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PHOTO)).toBe(true);
  });

  it('an operator\'s file goes to the bucket too, and a file gone from the bucket reads as gone', async () => {
    const { chat } = await makeChat(rt.deps, channelId);
    const res = await sendWithFiles(rt, admin, gid('Chat', chat.id), '', [pngFile('to-s3.png', 1500)]);
    expect(res.errors).toBeUndefined();
    const [row] = await rt.deps.db.select().from(attachments).where(eq(attachments.fileName, 'to-s3.png'));
    expect(s3.objects.get(row.storageKey!)?.bytes.byteLength).toBe(1500);
    s3.objects.delete(row.storageKey!);
    const gone = await serveMedia(new Request(`http://localhost/api/media/${row.id}`, { headers: { cookie: admin.cookie! } }), rt.deps, row.id);
    expect(gone.status).toBe(404);
  });
});
