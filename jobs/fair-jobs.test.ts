import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../db/client';
import { jobs } from '../db/schema';
import { createDatabase } from '../tests/harness/postgres';
import { createJobWorker, enqueueJob, type JobContext } from './queue';

const DRIVERS = ['pglite', 'postgres'] as const;

async function open(driver: (typeof DRIVERS)[number]) {
  const database = await openDatabase(driver === 'postgres' ? { databaseUrl: await createDatabase(inject('pgUrl')) } : { dataDir: 'memory://' });
  await migrateDatabase(database);
  return database;
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe.each(DRIVERS)('fair jobs (%s)', (driver) => {
  let database: Database;
  beforeAll(async () => {
    database = await open(driver);
  });
  afterAll(() => database?.close());
  const clear = () => database.db.delete(jobs);

  it("an operator's send runs before housekeeping that was queued earlier", async () => {
    await clear();
    const order: string[] = [];
    for (let i = 0; i < 20; i++) await enqueueJob(database.db, 'prune-history', { chatId: `c${i}` });
    await enqueueJob(database.db, 'download-media', { attachmentId: 'a' });
    await enqueueJob(database.db, 'send-message', { messageId: 'm' });
    const worker = createJobWorker(
      database.db,
      {
        'prune-history': async () => void order.push('prune'),
        'download-media': async () => void order.push('media'),
        'send-message': async () => void order.push('send'),
      },
      { concurrency: 1 },
    );
    expect(await worker.drain()).toBe(22);
    expect(order.slice(0, 2)).toEqual(['send', 'media']);
  });

  it('runs several jobs at once, never more than its concurrency', async () => {
    await clear();
    let running = 0;
    let most = 0;
    for (let i = 0; i < 12; i++) await enqueueJob(database.db, 'fetch-profile', { contactId: `p${i}` });
    const worker = createJobWorker(
      database.db,
      {
        'fetch-profile': async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 30));
          running--;
        },
      },
      { concurrency: 3 },
    );
    expect(await worker.drain()).toBe(12);
    expect(most).toBe(3);
  });

  it('a send queued while housekeeping fills the worker starts at once: housekeeping never takes the last slot', async () => {
    await clear();
    const release = gate();
    const sent = gate();
    for (let i = 0; i < 10; i++) await enqueueJob(database.db, 'prune-history', { chatId: `busy${i}` });
    const worker = createJobWorker(
      database.db,
      { 'prune-history': () => release.opened, 'send-message': async () => sent.open() },
      { concurrency: 2 },
    );
    worker.start();
    worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await enqueueJob(database.db, 'send-message', { messageId: 'urgent' });
    const started = Date.now();
    worker.wake();
    await sent.opened;
    expect(Date.now() - started).toBeLessThan(1000);
    release.open();
    await worker.stop();
  });

  it('a job with a dedupe key is queued once while it waits, and again once it has started', async () => {
    await clear();
    const key = { dedupeKey: 'prune:chat-1' };
    const first = await enqueueJob(database.db, 'prune-history', { chatId: 'chat-1' }, key);
    expect(first).not.toBeNull();
    expect(await enqueueJob(database.db, 'prune-history', { chatId: 'chat-1' }, key)).toBeNull();
    expect(await database.db.select().from(jobs)).toHaveLength(1);

    const inside = gate();
    const release = gate();
    const worker = createJobWorker(database.db, {
      'prune-history': async () => {
        inside.open();
        await release.opened;
      },
    });
    const draining = worker.drain();
    await inside.opened;
    // it runs now: a message arriving meanwhile needs a trim after it
    expect(await enqueueJob(database.db, 'prune-history', { chatId: 'chat-1' }, key)).not.toBeNull();
    release.open();
    await draining;
    expect((await database.db.select().from(jobs)).map((j) => j.state)).toEqual(['DONE', 'DONE']);
  });

  it("a worker's job is taken back only once its lock has run out, with what it had committed to", async () => {
    await clear();
    const id = (await enqueueJob(database.db, 'send-message', { messageId: 'm' }))!;
    const stuck = gate();
    const dead = createJobWorker(
      database.db,
      {
        'send-message': async (_payload, job) => {
          await job.checkpoint('handing-over');
          stuck.open();
          await new Promise(() => {}); // this worker never comes back
        },
      },
      { lockSeconds: 1 },
    );
    void dead.drain();
    await stuck.opened;

    const seen: JobContext[] = [];
    const survivor = createJobWorker(database.db, { 'send-message': async (_payload, job) => void seen.push(job) }, { lockSeconds: 1 });
    expect(await survivor.drain()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await survivor.drain()).toBe(1);
    expect(seen).toMatchObject([{ jobId: id, attempt: 2, interruptedAt: 'handing-over' }]);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'DONE', checkpoint: null });
  });
});

describe('two workers on one PostgreSQL', () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    const url = await createDatabase(inject('pgUrl'));
    a = await openDatabase({ databaseUrl: url });
    await migrateDatabase(a);
    b = await openDatabase({ databaseUrl: url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('never run the same job twice (SKIP LOCKED)', async () => {
    await a.db.insert(jobs).values(Array.from({ length: 300 }, (_, i) => ({ kind: 'mark-seen', payload: { chatId: `c${i}` }, priority: 1 })));
    const runs: string[] = [];
    const handler = async (payload: { chatId: string }) => {
      runs.push(payload.chatId);
      await new Promise((resolve) => setImmediate(resolve));
    };
    const one = createJobWorker(a.db, { 'mark-seen': handler }, { concurrency: 4 });
    const two = createJobWorker(b.db, { 'mark-seen': handler }, { concurrency: 4 });
    const [x, y] = await Promise.all([one.drain(), two.drain()]);
    expect(x + y).toBe(300);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    expect(new Set(runs).size).toBe(300);
    expect(runs).toHaveLength(300);
  });
});
