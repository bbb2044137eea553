import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { startPostgres, type PostgresServer } from '../harness/postgres';
import { deliver, type DeliveryOutcome, messengerDelivery, openPageDatabase, pool, type ServerProcess, startServerProcess } from '../helpers/server-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Messenger's own limit: a webhook not answered within 20 s counts as failed. */
const PLATFORM_TIMEOUT_MS = 20_000;

describe('a PostgreSQL outage', () => {
  let pg: PostgresServer;
  let database: Database;
  let server: ServerProcess;
  const pageId = '610000000000001';

  beforeAll(async () => {
    // a server of its own: this file stops and starts it
    pg = await startPostgres();
    database = await openPageDatabase(pg.url, pageId);
    server = await startServerProcess({ DATABASE_URL: pg.url });
  }, 120_000);

  afterAll(async () => {
    await server?.signal('SIGTERM');
    await database?.close();
    await pg?.stop();
  });

  it('webhooks get 503 with Retry-After within 2 s while it is stopped (never 200), and every event is stored once it is back', async () => {
    const outcomes = new Map<string, DeliveryOutcome[]>();
    let sending = true;
    let n = 0;
    const sender = async (lane: number) => {
      while (sending) {
        const mid = `m_outage_${lane}_${n++}`;
        outcomes.set(mid, [await deliver(server.url, messengerDelivery(pageId, mid))]);
        await sleep(50);
      }
    };
    const senders = [0, 1, 2, 3].map(sender);
    await sleep(1000);

    const haltedAt = Date.now();
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

    const resumedAt = Date.now();
    await pg.resume();
    // it recovers by itself: ready again, webhooks taken again
    await expect.poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 10_000, interval: 200 }).toBe(200);
    await sleep(1000);
    sending = false;
    await Promise.all(senders);

    const all = [...outcomes.values()].map((o) => o[0]);
    const duringOutage = all.filter((o) => o.startedAt >= haltedAt && o.startedAt + o.ms < resumedAt);
    expect(duringOutage.length).toBeGreaterThan(20);
    // never acknowledged while nothing can be stored; refused fast, with the time to come back
    for (const o of duringOutage) {
      expect(o.status).toBe(503);
      expect(o.retryAfter).toMatch(/^\d+$/);
      expect(o.ms).toBeLessThan(2000);
    }
    // nothing else went wrong around it: taken, or refused so the platform delivers again
    expect(new Set(all.map((o) => o.status))).toEqual(new Set([200, 503]));
    expect(Math.max(...all.map((o) => o.ms))).toBeLessThan(PLATFORM_TIMEOUT_MS);
    expect(all.filter((o) => o.startedAt > resumedAt + 3000).every((o) => o.status === 200)).toBe(true);

    // the platform delivers what was refused again; each event ends up stored exactly once
    const redeliveredAt = Date.now();
    await pool([...outcomes], 8, async ([mid, tries]) => {
      while (tries.at(-1)!.status !== 200 && tries.length < 10) {
        await sleep(tries.length > 1 ? 500 : 0);
        tries.push(await deliver(server.url, messengerDelivery(pageId, mid)));
      }
    });
    for (const [mid, tries] of outcomes) expect(tries.at(-1)!.status, `${mid}: ${JSON.stringify(tries)}\n${server.output()}`).toBe(200);
    const retried = [...outcomes.values()].filter((t) => t.length > 1).length;
    console.log(`outage: ${all.length} deliveries, ${duringOutage.length} during the outage, ${retried} delivered again, slowest ${Math.max(...all.map((o) => o.ms))} ms, redelivery took ${Date.now() - redeliveredAt} ms`);
    const stored = await database.db.execute(sql`select provider_message_id as mid, count(*)::int as n from messages group by 1`);
    const rows = stored as unknown as { mid: string; n: number }[];
    expect(rows.filter((r) => r.n > 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.mid))).toEqual(new Set(outcomes.keys()));
  }, 90_000);
});
