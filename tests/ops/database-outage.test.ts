import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../db/client';
import { createDatabase, startPostgres, type PostgresServer } from '../harness/postgres';
import { startFreezableProxy } from '../helpers/freezable-proxy';
import { deliver, type DeliveryOutcome, messengerDelivery, openPageDatabase, pool, type ServerProcess, startServerProcess } from '../helpers/server-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Messenger's own limit: a webhook not answered within 20 s counts as failed. */
const PLATFORM_TIMEOUT_MS = 20_000;

/** Four lanes of Messenger deliveries, one after another in each, until stopped. */
function streamDeliveries(url: string, pageId: string, prefix: string) {
  const outcomes = new Map<string, DeliveryOutcome[]>();
  let sending = true;
  let n = 0;
  const lanes = [0, 1, 2, 3].map(async (lane) => {
    while (sending) {
      const mid = `${prefix}_${lane}_${n++}`;
      outcomes.set(mid, [await deliver(url, messengerDelivery(pageId, mid))]);
      await sleep(50);
    }
  });
  return {
    async stop() {
      sending = false;
      await Promise.all(lanes);
      return outcomes;
    },
  };
}

/**
 * What the platform sees around an outage from `downAt` to `upAt`: refused fast (`fastMs`) with a
 * Retry-After, never acknowledged, nothing held to its timeout, taken again soon after; then it
 * delivers the refused events again, and each is stored exactly once.
 */
async function expectOutageHandled(server: ServerProcess, database: Database, pageId: string, outcomes: Map<string, DeliveryOutcome[]>, window: { downAt: number; upAt: number; fastMs: number }) {
  const all = [...outcomes.values()].map((o) => o[0]);
  const seen = () => JSON.stringify(all.map((o) => ({ at: o.startedAt - window.downAt, status: o.status, ms: o.ms })));
  const duringOutage = all.filter((o) => o.startedAt >= window.downAt && o.startedAt + o.ms < window.upAt);
  expect(duringOutage.length).toBeGreaterThan(20);
  for (const o of duringOutage) {
    expect(o.status).toBe(503);
    expect(o.retryAfter).toMatch(/^\d+$/);
  }
  // refused fast: only the first ones, which find out, wait up to fastMs
  expect(duringOutage.filter((o) => o.startedAt > window.downAt + window.fastMs).every((o) => o.ms < 500), seen()).toBe(true);
  expect(Math.max(...duringOutage.map((o) => o.ms)), seen()).toBeLessThan(window.fastMs);
  // nothing else went wrong around it: taken, or refused so the platform delivers again
  expect(new Set(all.map((o) => o.status))).toEqual(new Set([200, 503]));
  expect(Math.max(...all.map((o) => o.ms))).toBeLessThan(PLATFORM_TIMEOUT_MS);
  expect(all.filter((o) => o.startedAt > window.upAt + 3000).every((o) => o.status === 200), seen()).toBe(true);

  const prefix = [...outcomes.keys()][0].split('_').slice(0, 2).join('_');
  await pool([...outcomes], 8, async ([mid, tries]) => {
    while (tries.at(-1)!.status !== 200 && tries.length < 10) {
      await sleep(tries.length > 1 ? 500 : 0);
      tries.push(await deliver(server.url, messengerDelivery(pageId, mid)));
    }
  });
  for (const [mid, tries] of outcomes) expect(tries.at(-1)!.status, `${mid}: ${JSON.stringify(tries)}\n${server.output()}`).toBe(200);
  const stored = await database.db.execute(sql`select provider_message_id as mid, count(*)::int as n from messages where provider_message_id like ${prefix + '_%'} group by 1`);
  const rows = stored as unknown as { mid: string; n: number }[];
  expect(rows.filter((r) => r.n > 1)).toEqual([]);
  expect(new Set(rows.map((r) => r.mid))).toEqual(new Set(outcomes.keys()));
  const slowest = Math.max(...all.map((o) => o.ms));
  console.log(`${prefix}: ${all.length} deliveries, ${duringOutage.length} during the outage, slowest ${slowest} ms`);
}

describe('PostgreSQL stopped', () => {
  let pg: PostgresServer;
  let database: Database;
  let server: ServerProcess;
  const pageId = '610000000000001';

  beforeAll(async () => {
    // a server of its own: this file stops and starts it
    pg = await startPostgres();
    database = await openPageDatabase(pg.url, pageId);
    server = await startServerProcess({ DATABASE_URL: pg.url });
  }, 180_000);

  afterAll(async () => {
    await server?.signal('SIGTERM');
    await database?.close();
    await pg?.stop();
  });

  it('webhooks get 503 with Retry-After within 2 s (never 200), GraphQL a clear error, and every event is stored once it is back', async () => {
    const stream = streamDeliveries(server.url, pageId, 'm_stopped');
    await sleep(1000);
    const downAt = Date.now();
    await pg.halt();
    await sleep(1500);
    // while it is away: readiness says so, GraphQL answers a clear error at once
    const readyDown = await fetch(`${server.url}/api/ready`);
    expect(readyDown.status).toBe(503);
    expect(await readyDown.json()).toMatchObject({ ready: false, database: 'unreachable' });
    const askedAt = Date.now();
    const graphql = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer chk_someone' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const answer = (await graphql.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(Date.now() - askedAt).toBeLessThan(2000);
    expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(answer.errors?.[0]?.message).toMatch(/database cannot be reached/);
    await sleep(2000);

    const upAt = Date.now();
    await pg.resume();
    // it recovers by itself: ready again, webhooks taken again
    await expect.poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 10_000, interval: 200 }).toBe(200);
    await sleep(1000);
    await expectOutageHandled(server, database, pageId, await stream.stop(), { downAt, upAt, fastMs: 2000 });
  }, 90_000);
});

describe('PostgreSQL gone silent (a network partition: no error, no answer)', () => {
  let database: Database;
  let server: ServerProcess;
  let proxy: Awaited<ReturnType<typeof startFreezableProxy>>;
  const pageId = '610000000000002';

  beforeAll(async () => {
    const url = new URL(await createDatabase(inject('pgUrl')));
    database = await openPageDatabase(url.toString(), pageId);
    proxy = await startFreezableProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(proxy.port);
    server = await startServerProcess({ DATABASE_URL: url.toString() });
  }, 180_000);

  afterAll(async () => {
    await server?.signal('SIGTERM');
    await proxy?.close();
    await database?.close();
  });

  it('webhooks get 503 within 4 s and GraphQL a clear error instead of waiting for an answer; webhooks are taken again when the network is back', async () => {
    const stream = streamDeliveries(server.url, pageId, 'm_silent');
    await sleep(1000);
    const downAt = Date.now();
    proxy.freeze();
    await sleep(5000);
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(503);
    // GraphQL, too, answers at once instead of waiting on a database that does not answer
    const askedAt = Date.now();
    const graphql = await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer chk_someone' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await graphql.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - askedAt).toBeLessThan(500);
    const upAt = Date.now();
    proxy.thaw();
    await expect.poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 10_000, interval: 200 }).toBe(200);
    await sleep(1000);
    await expectOutageHandled(server, database, pageId, await stream.stop(), { downAt, upAt, fastMs: 4000 });
  }, 90_000);
});
