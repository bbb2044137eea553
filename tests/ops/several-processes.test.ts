import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../db/client';
import { createDatabase } from '../harness/postgres';
import { deliver, messengerDelivery, openPageDatabase, pool, type ServerProcess, startServerProcess } from '../helpers/server-process';

/**
 * Deliveries in the duplicates run: 300 under `npm test` (about a minute on two busy cores);
 * `FAULT_DELIVERIES=10000` for the full run the issue asks for.
 */
const DELIVERIES = Number(process.env.FAULT_DELIVERIES ?? 300);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function storedCounts(database: Database, prefix: string) {
  const result = await database.db.execute(
    sql`select provider_message_id as mid, count(*)::int as n from messages where provider_message_id like ${prefix + '%'} group by 1`,
  );
  return new Map((result as unknown as { mid: string; n: number }[]).map((r) => [r.mid, r.n]));
}

/** Delivers again what was not answered 200, as the platform does, until it is (or gives up). */
async function deliverUntilAcknowledged(urls: string[], pageId: string, mids: string[]) {
  const failed: string[] = [];
  await pool(mids, 8, async (mid, i) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      if ((await deliver(urls[(i + attempt) % urls.length], messengerDelivery(pageId, mid))).status === 200) return;
      await sleep(300);
    }
    failed.push(mid);
  });
  return failed;
}

describe('several web processes on one PostgreSQL', () => {
  let database: Database;
  let web: ServerProcess[] = [];
  const pageId = '620000000000001';

  beforeAll(async () => {
    const url = await createDatabase(inject('pgUrl'));
    database = await openPageDatabase(url, pageId);
    web = await Promise.all([startServerProcess({ DATABASE_URL: url }), startServerProcess({ DATABASE_URL: url })]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(web.map((w) => w.signal('SIGTERM')));
    await database?.close();
  });

  it(`${DELIVERIES} deliveries with 30 % duplicates over two processes: each message stored exactly once, none lost`, async () => {
    const unique = Math.round(DELIVERIES * 0.7);
    const mids = Array.from({ length: unique }, (_, i) => `m_dup_${i}`);
    // a duplicate is a redelivery of an earlier event, often to the other process, sometimes at the same moment
    const plan: string[] = [...mids];
    for (let i = 0; i < DELIVERIES - unique; i++) {
      const original = Math.floor(Math.random() * unique);
      plan.splice(Math.min(plan.length, plan.indexOf(mids[original]) + 1 + Math.floor(Math.random() * 20)), 0, mids[original]);
    }
    const statuses = new Map<number, number>();
    const unacknowledged = new Set<string>();
    const acknowledged = new Set<string>();
    await pool(plan, 20, async (mid, i) => {
      // 30 customers, so the same chats are written by both processes at once
      const delivery = messengerDelivery(pageId, mid, `psid_${Number(mid.split('_')[2]) % 30}`);
      const { status } = await deliver(web[i % 2].url, delivery);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) acknowledged.add(mid);
      else unacknowledged.add(mid);
    });
    // what was refused (a conflict between processes, say) the platform delivers again
    const lost = await deliverUntilAcknowledged(
      web.map((w) => w.url),
      pageId,
      [...unacknowledged].filter((m) => !acknowledged.has(m)),
    );
    console.log(`duplicates run: ${plan.length} deliveries, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(lost).toEqual([]);
    const stored = await storedCounts(database, 'm_dup_');
    expect([...stored].filter(([, n]) => n > 1)).toEqual([]);
    expect(mids.filter((m) => !stored.has(m))).toEqual([]);
    expect(stored.size).toBe(unique);
  }, 600_000);

  it('kill -9 of a web process during ingest: every event it acknowledged is stored, and the rest arrive through the other', async () => {
    const victim = await startServerProcess({ DATABASE_URL: database.url! });
    expect((await deliver(victim.url, messengerDelivery(pageId, 'm_kill_warm'))).status).toBe(200);
    const mids = Array.from({ length: 200 }, (_, i) => `m_kill_${i}`);
    const acknowledged: string[] = ['m_kill_warm'];
    // killed in the middle of the stream: some acknowledged, some in flight, the rest refused
    const killed = (async () => {
      while (acknowledged.length < 30) await sleep(10);
      victim.child.kill('SIGKILL');
      await victim.exited;
    })();
    await pool(mids, 10, async (mid, i) => {
      const { status } = await deliver(victim.url, messengerDelivery(pageId, mid, `psid_kill_${i % 7}`));
      if (status === 200) acknowledged.push(mid);
    });
    await killed;
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeLessThan(mids.length);
    const stored = await storedCounts(database, 'm_kill_');
    // acknowledged means stored: the 200 went out after the commit
    expect(acknowledged.filter((m) => !stored.has(m))).toEqual([]);
    // the platform delivers the rest again, to the process that is still up
    const lost = await deliverUntilAcknowledged([web[0].url], pageId, mids.filter((m) => !acknowledged.includes(m)));
    expect(lost).toEqual([]);
    const after = await storedCounts(database, 'm_kill_');
    expect([...after].filter(([, n]) => n > 1)).toEqual([]);
    expect(after.size).toBe(mids.length + 1);
    console.log(`kill -9: ${acknowledged.length - 1} of ${mids.length} acknowledged before the kill`);
  }, 300_000);
});
