import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../db/client';
import { jobs } from '../db/schema';
import { backoffSeconds, createJobWorker, enqueueJob } from './queue';

describe('the job queue', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
  });
  afterAll(() => database?.close());

  it('backs off exponentially, capped at five minutes', () => {
    expect([1, 2, 3, 8, 9, 20].map(backoffSeconds)).toEqual([2, 4, 8, 256, 300, 300]);
  });

  it('runs a job once and marks it done', async () => {
    const seen: unknown[] = [];
    const worker = createJobWorker(database.db, { 'mark-seen': async (payload) => void seen.push(payload) });
    const id = (await enqueueJob(database.db, 'mark-seen', { chatId: 'a' }))!;
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(seen).toEqual([{ chatId: 'a' }]);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'DONE', attempts: 1 });
  });

  it('reschedules a retryable failure after the platform\'s Retry-After, and gives up after the last attempt', async () => {
    const worker = createJobWorker(database.db, {
      'fetch-profile': async () => {
        throw Object.assign(new Error('slow down'), { retryable: true, retryAfterSeconds: 60 });
      },
    });
    const id = (await enqueueJob(database.db, 'fetch-profile', { contactId: 'c' }, { maxAttempts: 2 }))!;
    await worker.drain();
    let [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'QUEUED', attempts: 1, lastError: 'slow down' });
    expect(row.runAt.getTime() - Date.now()).toBeGreaterThan(55_000);
    await database.db.update(jobs).set({ runAt: new Date(0) }).where(eq(jobs.id, id));
    await worker.drain();
    [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'FAILED', attempts: 2 });
  });

  it('a permanent failure is not retried', async () => {
    const worker = createJobWorker(database.db, {
      'send-message': async () => {
        throw Object.assign(new Error('blocked'), { retryable: false });
      },
    });
    const id = (await enqueueJob(database.db, 'send-message', { messageId: 'm' }))!;
    await worker.drain();
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'FAILED', attempts: 1 });
  });

  it('takes back a job whose worker died while running it', async () => {
    const id = (await enqueueJob(database.db, 'mark-seen', { chatId: 'crashed' }))!;
    await database.db.update(jobs).set({ state: 'RUNNING', attempts: 1, lockedUntil: new Date(Date.now() - 1000) }).where(eq(jobs.id, id));
    const seen: unknown[] = [];
    const worker = createJobWorker(database.db, { 'mark-seen': async (payload) => void seen.push(payload) });
    await worker.drain();
    expect(seen).toEqual([{ chatId: 'crashed' }]);
  });
});
