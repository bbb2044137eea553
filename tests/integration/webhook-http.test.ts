import { eq } from 'drizzle-orm';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMetaBody } from '../../channels/meta/signature';
import { messages } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel } from '../helpers/factories';
import { pageBody, textEvent } from '../helpers/meta-webhook';
import { startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

/** A POST over real HTTP; `chunked`: no Content-Length, the body in two chunks. */
function post(url: string, body: string, headers: Record<string, string>, chunked = false) {
  return new Promise<{ status: number; text: string; contentType?: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text, contentType: res.headers['content-type'] }));
    });
    req.on('error', reject);
    if (chunked) {
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    } else req.end(body);
  });
}

/** Counts the Fetch Requests built while `work` runs. */
async function fetchRequestsBuilt(work: () => Promise<unknown>) {
  const Original = globalThis.Request;
  let built = 0;
  globalThis.Request = new Proxy(Original, {
    construct(target, args, newTarget) {
      built++;
      return Reflect.construct(target, args, newTarget);
    },
  });
  try {
    await work();
  } finally {
    globalThis.Request = Original;
  }
  return built;
}

describe('Meta webhooks over node:http, read straight or through a Fetch Request', () => {
  let rt: BootedRuntime;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    hook = await serveMetaWebhook(rt.deps);
  });
  afterAll(async () => {
    await hook?.close();
    await rt?.close();
  });

  it('a signed delivery of a declared length is stored and answered without any Fetch Request', async () => {
    const channel = await makeChannel(rt.deps);
    const body = pageBody(channel.externalId, [textEvent(channel.externalId, '9701', 'straight', Date.now(), 'm_http_straight')]);
    let answer: Awaited<ReturnType<typeof post>> | undefined;
    const built = await fetchRequestsBuilt(async () => (answer = await post(hook.url, body, { 'x-hub-signature-256': signMetaBody(body, TEST_APP_SECRET) })));
    expect(answer).toEqual({ status: 200, text: 'EVENT_RECEIVED', contentType: 'text/plain; charset=utf-8' });
    expect(built).toBe(0);
    expect(await rt.deps.db.select().from(messages).where(eq(messages.providerMessageId, 'm_http_straight'))).toHaveLength(1);
  });

  it('either way in, a delivery gets the same answer: stored, a wrong signature, a body that is not JSON', async () => {
    const channel = await makeChannel(rt.deps);
    for (const chunked of [false, true]) {
      const mid = `m_http_${chunked ? 'chunked' : 'declared'}`;
      const good = pageBody(channel.externalId, [textEvent(channel.externalId, '9702', mid, Date.now(), mid)]);
      expect(await post(hook.url, good, { 'x-hub-signature-256': signMetaBody(good, TEST_APP_SECRET) }, chunked)).toMatchObject({ status: 200, text: 'EVENT_RECEIVED' });
      expect(await rt.deps.db.select().from(messages).where(eq(messages.providerMessageId, mid))).toHaveLength(1);
      expect(await post(hook.url, good, { 'x-hub-signature-256': signMetaBody(good, 'another secret') }, chunked)).toEqual({
        status: 401,
        text: 'Invalid or missing X-Hub-Signature-256.',
        contentType: 'text/plain; charset=utf-8',
      });
      const broken = '{"object": "page", ';
      expect(await post(hook.url, broken, { 'x-hub-signature-256': signMetaBody(broken, TEST_APP_SECRET) }, chunked)).toMatchObject({ status: 400, text: 'The body is not valid JSON.' });
    }
  });
});
