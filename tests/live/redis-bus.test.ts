import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { customerMessage, postMessengerWebhook } from '../../demo/simulate';
import type { Logger } from '../../domain/deps';
import { createGraphQLSockets, type GraphQLSockets } from '../../graphql/ws';
import { bootRuntime, type BootedRuntime } from '../../runtime/boot';
import { createDatabase } from '../harness/postgres';
import { startRedis, type RedisServer } from '../harness/redis';
import { makeApiKey, makeChannel, makeRole } from '../helpers/factories';
import { testConfig, TEST_APP_SECRET } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';
import { collect, openSocket } from '../helpers/ws-client';

const LIVE = 'subscription { inboxEvents { __typename ... on MessageAdded { cursor message { text } } } }';
type LiveEvent = { inboxEvents: { __typename: string; cursor?: string; message?: { text: string } } };

/** A logger that keeps what it was told, to count the warnings of an outage. */
function recordingLog() {
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const log: Logger = { info() {}, warn: (_obj, msg) => void warnings.push(String(msg)), error: (obj, msg) => void errors.push([obj, msg]) };
  return { log, warnings, errors };
}

/**
 * Two runtimes ("processes") on one PostgreSQL and one Redis, as `npm start` twice with
 * DATABASE_URL and REDIS_URL: A takes the webhooks, a subscriber is connected to B.
 */
describe('live events across processes (PostgreSQL + Redis)', () => {
  let redis: RedisServer;
  let a: BootedRuntime;
  let b: BootedRuntime;
  const logA = recordingLog();
  const logB = recordingLog();
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let sockets: GraphQLSockets;
  let server: Server;
  let urlB: string;
  let pageId: string;
  let authorization: string;

  beforeAll(async () => {
    redis = await startRedis();
    const databaseUrl = await createDatabase(inject('pgUrl'));
    const config = testConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url });
    a = await bootRuntime({ config, log: logA.log, startJobs: false });
    b = await bootRuntime({ config, log: logB.log, startJobs: false });
    for (const rt of [a, b]) await vi.waitFor(async () => expect(await rt.deps.bus.ready()).toBe(true), { timeout: 10_000 });

    const role = await makeRole(a.deps, ['CHATS']);
    const channel = await makeChannel(a.deps, { roleIds: [role.id] });
    pageId = channel.externalId;
    authorization = (await makeApiKey(a.deps, role.id)).authorization;
    hook = await serveMetaWebhook(a.deps);

    sockets = createGraphQLSockets(b.yoga, b.deps);
    server = createServer((_, res) => res.writeHead(404).end());
    server.on('upgrade', (req, socket, head) => {
      if (!sockets.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urlB = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sockets?.close();
    if (server) await new Promise((r) => server.close(r));
    await hook?.close();
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  const customerWrites = async (text: string) => {
    const target = { baseUrl: hook.origin, appSecret: TEST_APP_SECRET, pageId };
    const res = await postMessengerWebhook(target, [customerMessage(target, '3100000000000042', text)]);
    expect(res.status).toBe(200);
  };
  const texts = (events: LiveEvent[]) => events.flatMap((e) => (e.inboxEvents.message ? [e.inboxEvents.message.text] : []));

  it('a webhook taken by one process reaches a subscriber connected to another', async () => {
    const client = openSocket({ url: urlB, authorization });
    const sub = collect<LiveEvent>(client, LIVE);
    await new Promise((r) => setTimeout(r, 300));
    await customerWrites('taken by A, seen on B');
    await expect.poll(() => texts(sub.events), { timeout: 5000 }).toContain('taken by A, seen on B');
    sub.stop();
    await client.dispose();
  });

  it('Redis restarted while webhooks keep coming: the subscriber misses nothing and gets nothing twice', async () => {
    const client = openSocket({ url: urlB, authorization });
    const sub = collect<LiveEvent>(client, LIVE);
    await new Promise((r) => setTimeout(r, 300));
    const sent: string[] = [];
    const write = async (text: string) => {
      await customerWrites(text);
      sent.push(text);
    };

    for (let i = 0; i < 5; i++) await write(`before ${i}`);
    await expect.poll(() => texts(sub.events).length, { timeout: 5000 }).toBe(5);

    const port = Number(new URL(redis.url).port);
    await redis.stop();
    // webhooks are answered while Redis is away (the log is in PostgreSQL)
    for (let i = 0; i < 10; i++) await write(`during ${i}`);
    expect(await b.deps.bus.ready()).toBe(false);
    redis = await startRedis({ port });
    for (let i = 0; i < 5; i++) await write(`after ${i}`);

    await expect
      .poll(() => texts(sub.events).length, { timeout: 20_000, message: `${JSON.stringify({ sent, got: texts(sub.events), a: logA, b: logB })}` })
      .toBeGreaterThanOrEqual(sent.length);
    await new Promise((r) => setTimeout(r, 500));
    expect(texts(sub.events).sort()).toEqual([...sent].sort());
    const cursors = sub.events.filter((e) => e.inboxEvents.message).map((e) => e.inboxEvents.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
    await expect.poll(() => b.deps.bus.ready(), { timeout: 10_000 }).toBe(true);
    // one warning per process for the whole outage, not one per reconnect attempt or publish
    for (const { warnings } of [logA, logB]) expect(warnings.filter((w) => /Redis \(REDIS_URL\) is unreachable/.test(w))).toHaveLength(1);

    sub.stop();
    await client.dispose();
  });

  it('events a process could not announce (its own Redis connection dropped) still reach subscribers that stayed connected', async () => {
    const client = openSocket({ url: urlB, authorization });
    const sub = collect<LiveEvent>(client, LIVE);
    await new Promise((r) => setTimeout(r, 300));
    await customerWrites('before the publishers drop');
    await expect.poll(() => texts(sub.events), { timeout: 5000 }).toContain('before the publishers drop');

    // every plain connection (the publishers) is cut again and again while webhooks come in; the
    // subscriber connections stay, so only the publishers can tell them what they missed
    const admin = new Redis(redis.url);
    let kills = 0;
    const cut = setInterval(() => void admin.client('KILL', 'TYPE', 'normal').then((n) => void (kills += Number(n))), 15);
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      await customerWrites(`unannounced ${i}`);
      sent.push(`unannounced ${i}`);
    }
    clearInterval(cut);
    await admin.quit();
    expect(kills).toBeGreaterThan(0);

    await expect.poll(() => texts(sub.events).filter((t) => t.startsWith('unannounced')).sort(), { timeout: 10_000 }).toEqual(sent.sort());
    sub.stop();
    await client.dispose();
  });
});
