import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages } from '../../db/schema';
import { serveMedia } from '../../http/media';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeChannel, makeChat } from '../helpers/factories';
import { gid } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { pageBody, postMeta } from '../helpers/meta-webhook';
import { startTestRuntime } from '../helpers/runtime';
import { collect, openSocket } from '../helpers/ws-client';
import { post, serveGraphQL, type ServedGraphQL } from './serve';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');

/** A stand-in for the platform's CDN, labelling files as it is told. */
async function startCdn() {
  const server: Server = createServer((req, res) => {
    if (req.url === '/invoice.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    if (req.url === '/fake.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(HTML);
    if (req.url === '/slow.png') return void res.writeHead(503).end(); // the file stays pending (retried)
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

describe('correctness found while attacking the API', () => {
  let rt: BootedRuntime;
  let api: ServedGraphQL;
  let cdn: Awaited<ReturnType<typeof startCdn>>;
  let key: string;
  let pageId: string;
  let chatId: string;
  let n = 0;

  beforeAll(async () => {
    cdn = await startCdn();
    rt = await startTestRuntime('pglite', { MEDIA_HOSTS: new URL(cdn.origin).host });
    const { Admin } = await builtinRoles(rt.deps);
    const channel = await makeChannel(rt.deps, { roleIds: [Admin.id] });
    pageId = channel.externalId;
    chatId = (await makeChat(rt.deps, channel.id)).chat.id;
    key = (await makeApiKey(rt.deps, Admin.id)).authorization;
    api = await serveGraphQL(rt);
  });
  afterAll(async () => {
    await api?.close();
    await rt?.close();
    await cdn?.close();
  });

  async function customerSends(items: { type: string; payload: Record<string, unknown> }[]) {
    const mid = `m_sec_${++n}`;
    const event = { sender: { id: `77${n}` }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, attachments: items } };
    expect((await postMeta(rt.deps, pageBody(pageId, [event]))).status).toBe(200);
    return mid;
  }

  const rowsOf = (mid: string) =>
    rt.deps.db
      .select({ attachment: attachments })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(messages.providerMessageId, mid))
      .orderBy(attachments.position, attachments.createdAt)
      .then((rows) => rows.map((r) => r.attachment));

  async function urlsOf(mid: string) {
    const [message] = await rt.deps.db.select().from(messages).where(eq(messages.providerMessageId, mid));
    const res = await post(api.url, `{ node(id: "${gid('Message', message.id)}") { ... on Message { attachments { id kind url } } } }`, { authorization: key });
    return res.body.data.node.attachments as { id: string; kind: string; url: string }[];
  }

  it('a platform link of another scheme is never kept, and Attachment.url is our own route until the file is stored', async () => {
    const mid = await customerSends([
      { type: 'image', payload: { url: 'javascript:alert(document.domain)' } },
      { type: 'file', payload: { url: 'data:text/html,<script>alert(1)</script>' } },
      { type: 'image', payload: { url: `${cdn.origin}/slow.png` } },
    ]);
    const rows = await rowsOf(mid);
    expect(rows.map((r) => r.sourceUrl)).toEqual([null, null, `${cdn.origin}/slow.png`]);
    const urls = await urlsOf(mid);
    for (const a of urls) expect(a.url).toBe(`/api/media/${a.id}?pending`);
    const pending = await serveMedia(new Request(`http://x/api/media/${rows[2].id}`, { headers: { authorization: key } }), rt.deps, rows[2].id);
    expect(pending.status).toBe(202);
    expect(pending.headers.get('retry-after')).toBe('3');
    const never = await serveMedia(new Request(`http://x/api/media/${rows[0].id}`, { headers: { authorization: key } }), rt.deps, rows[0].id);
    expect(never.status).toBe(404);
  });

  it('a stored file\'s url is the plain media route', async () => {
    const mid = await customerSends([{ type: 'file', payload: { url: `${cdn.origin}/invoice.pdf` } }]);
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const [a] = await urlsOf(mid);
    expect(a.url).toBe(`/api/media/${a.id}`);
    expect((await rowsOf(mid))[0]).toMatchObject({ mimeType: 'application/pdf', error: null });
  });

  it('a document is kept with the type its bytes show, not the type it was labelled with', async () => {
    const mid = await customerSends([{ type: 'file', payload: { url: `${cdn.origin}/fake.pdf` } }]);
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const [row] = await rowsOf(mid);
    expect(row.storageKey).not.toBeNull();
    expect(row.mimeType).toBe('application/octet-stream');
    const served = await serveMedia(new Request(`http://x/api/media/${row.id}`, { headers: { authorization: key } }), rt.deps, row.id);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  describe('inboxEvents(after:) replays what was missed', () => {
    const EVENT = '__typename ... on ChatUpdated { cursor chat { id status } }';
    let cursor: string;

    beforeAll(async () => {
      cursor = (await post(api.url, '{ inboxCursor }', { authorization: key })).body.data.inboxCursor;
      const archived = await post(api.url, `mutation { archiveChat(chatId: "${gid('Chat', chatId)}") { id } }`, { authorization: key });
      expect(archived.body.errors).toBeUndefined();
    });

    async function replayed(query: string, variables: Record<string, unknown> = {}) {
      const client = openSocket({ url: api.url, authorization: key });
      const sub = collect<{ inboxEvents: { __typename: string; chat?: { status: string } } }>(client, query, variables);
      try {
        await expect.poll(() => sub.events.length, { timeout: 5000 }).toBeGreaterThan(0);
        return sub.events;
      } finally {
        sub.stop();
        await client.dispose();
      }
    }

    it('with the cursor written inline', async () => {
      const events = await replayed(`subscription { inboxEvents(after: "${cursor}") { ${EVENT} } }`);
      expect(events[0].inboxEvents).toMatchObject({ __typename: 'ChatUpdated', chat: { status: 'ARCHIVED' } });
    });

    it('with the cursor in a variable of any name', async () => {
      const events = await replayed(`subscription Resume($cursor: String) { inboxEvents(after: $cursor) { ${EVENT} } }`, { cursor });
      expect(events[0].inboxEvents).toMatchObject({ __typename: 'ChatUpdated', chat: { status: 'ARCHIVED' } });
    });

    it('with the variable named after', async () => {
      const events = await replayed(`subscription($after: String) { inboxEvents(after: $after) { ${EVENT} } }`, { after: cursor });
      expect(events[0].inboxEvents).toMatchObject({ __typename: 'ChatUpdated', chat: { status: 'ARCHIVED' } });
    });
  });
});
