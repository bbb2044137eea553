/**
 * J1: an operator's send while 10,000 housekeeping jobs (history trims) wait: how long until the
 * send starts, with the queue as the runtime wires it (priorities, JOB_CONCURRENCY slots, the
 * real trim handler on PostgreSQL). For contrast, the same queue drained first come first served
 * (the send queued last): what one-at-a-time FIFO made it wait. Sends are queued at three moments
 * while the housekeeping drains.
 *
 *   npm run bench:jobs       (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 *   BENCH_JOBS=10000
 */
import { sql } from 'drizzle-orm';
import { pruneHistory } from '../domain/messages/prune-history';
import { createJobWorker, enqueueJob } from '../jobs/queue';
import { openBenchDatabase, seedBenchInbox } from './seed-inbox';
import { median } from './stats';

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const CHATS = 1000;

const bench = await openBenchDatabase();
await seedBenchInbox(bench.raw, CHATS, 5);
const { deps } = bench.rt;

async function queueHousekeeping() {
  await bench.raw`delete from jobs`;
  await bench.raw.unsafe(`
    insert into jobs (kind, payload, priority, max_attempts)
    select 'prune-history', jsonb_build_object('chatId', ('00000000-0000-4000-b000-' || lpad(((g % ${CHATS}) + 1)::text, 12, '0'))), 3, 3
    from generate_series(1, ${JOBS}) g`);
}

let sendStarted: (() => void) | undefined;
const handlers = {
  'prune-history': async (payload: { chatId: string }) => void (await pruneHistory(deps, payload)),
  'send-message': async () => sendStarted?.(),
};

/** Queues one send now and resolves with the milliseconds until its handler starts. */
async function timeSend(wake: () => void): Promise<number> {
  const started = new Promise<void>((resolve) => (sendStarted = resolve));
  const queued = performance.now();
  await enqueueJob(deps.db, 'send-message', { messageId: '00000000-0000-4000-8000-0000000000ff' });
  wake();
  await started;
  return performance.now() - queued;
}

// the queue as it runs now
await queueHousekeeping();
const worker = createJobWorker(deps.db, handlers, { concurrency: deps.config.jobs.concurrency, pollMs: 1000 });
const drainStarted = performance.now();
const draining = worker.drain();
const waits: number[] = [];
for (const after of [300, 1500, 4000]) {
  await new Promise((resolve) => setTimeout(resolve, after - (performance.now() - drainStarted)));
  waits.push(await timeSend(() => worker.wake()));
}
await draining;
const cleared = (performance.now() - drainStarted) / 1000;

// first come, first served, one at a time: the send behind the housekeeping
await queueHousekeeping();
await deps.db.execute(sql`update jobs set priority = 0`);
const fifo = createJobWorker(deps.db, handlers, { concurrency: 1 });
const fifoStarted = performance.now();
const fifoSend = new Promise<void>((resolve) => (sendStarted = resolve));
await deps.db.execute(sql`insert into jobs (kind, payload, priority) values ('send-message', '{}'::jsonb, 0)`);
await Promise.all([fifo.drain(), fifoSend]);
const fifoWait = (performance.now() - fifoStarted) / 1000;

console.log(`J1 an operator's send while ${JOBS} housekeeping jobs wait (concurrency ${deps.config.jobs.concurrency}):`);
console.log(`  send started after ${waits.map((w) => w.toFixed(0)).join(', ')} ms (median ${median(waits).toFixed(0)} ms; target: within 1 s); the housekeeping cleared in ${cleared.toFixed(1)} s`);
console.log(`  first come, first served, one at a time: the send started after ${fifoWait.toFixed(1)} s`);
await bench.close();
