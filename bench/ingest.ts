/**
 * P3: signed Messenger webhooks stored per second, against raw one-row inserts per second into
 * the same PostgreSQL, side by side in one run; then the webhook's latency at a steady 500/s.
 * The webhook is served over real HTTP (node:http → handleMetaWebhook, as server.ts routes it);
 * the clients run in a second process so their CPU is not the server's. Each body is signed as
 * Meta signs it (X-Hub-Signature-256 over the raw bytes) and carries a new message id, spread
 * over 1,000 customers of a seeded page.
 *
 *   npm run bench:ingest     (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 *   BENCH_REQUESTS=3000 BENCH_CONCURRENCY=20 BENCH_RATE=500 BENCH_ROUNDS=3
 */
import { fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { signMetaBody, verifyMetaSignature } from '../channels/meta/signature';
import { pageBody, textEvent } from '../tests/helpers/meta-webhook';
import { TEST_APP_SECRET } from '../tests/helpers/runtime';
import { serveMetaWebhook } from '../tests/helpers/webhook-server';
import { openBenchDatabase, seedBenchInbox } from './seed-inbox';
import { CORES, postgresCpu } from './process-cpu';
import { median, percentile, ratio } from './stats';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CUSTOMERS = 1000;
const PAGE = 'bench-page';

interface ClientReport {
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
  /** The client's own CPU for the job, ms. */
  cpu: number;
}

type Job =
  | { kind: 'webhooks'; url: string; round: number; mode: 'closed' | 'open' }
  | { kind: 'raw'; databaseUrl: string };

if (process.argv[2] === 'client') clientProcess();
else await main();

/** The load clients, in their own process: webhooks (closed loop at CONCURRENCY, or open loop at RATE) or raw inserts. */
function clientProcess() {
  process.on('message', async (job: Job) => {
    const started = process.cpuUsage();
    const report = job.kind === 'raw' ? await rawInserts(job.databaseUrl) : await webhooks(job);
    const used = process.cpuUsage(started);
    process.send!({ ...report, cpu: (used.user + used.system) / 1000 });
  });
  process.send!('ready');
}

function bodies(round: number, mode: string): Array<{ body: string; signature: string }> {
  return Array.from({ length: REQUESTS }, (_, i) => {
    const psid = `psid${(i % CUSTOMERS) + 1}`;
    const body = pageBody(PAGE, [textEvent(PAGE, psid, `bench ${mode} ${round} #${i}`, Date.now(), `m_bench_${mode}_${round}_${i}`)]);
    return { body, signature: signMetaBody(body, TEST_APP_SECRET) };
  });
}

async function webhooks(job: Extract<Job, { kind: 'webhooks' }>): Promise<Omit<ClientReport, 'cpu'>> {
  const signed = bodies(job.round, job.mode);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  // node:http on kept-alive sockets: fetch (undici) costs the client several times more CPU per
  // request, and on two cores the client's CPU would cap the figure, not our server
  const agent = new Agent({ keepAlive: true, maxSockets: job.mode === 'closed' ? CONCURRENCY : 256 });
  const post = async (i: number) => {
    const { body, signature } = signed[i];
    const started = performance.now();
    const status = await postSigned(agent, job.url, body, signature);
    latencies.push(performance.now() - started);
    if (status === 200) ok++;
    else failed++;
  };
  const started = performance.now();
  if (job.mode === 'closed') {
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < signed.length) await post(next++);
    }));
  } else {
    // a steady RATE per second whatever the answers do (the platforms do not wait for us either)
    const pending: Promise<void>[] = [];
    for (let i = 0; i < signed.length; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(post(i));
    }
    await Promise.all(pending);
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { ok, failed, seconds, latencies };
}

function postSigned(agent: Agent, url: string, body: string, signature: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hub-signature-256': signature } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

/** The baseline: one-row inserts, each its own statement, at the same concurrency over a pool as large as the app's. */
async function rawInserts(databaseUrl: string): Promise<Omit<ClientReport, 'cpu'>> {
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  await sql`create table if not exists bench_raw (id bigserial primary key, payload jsonb not null, received_at timestamptz not null default now())`;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      const t = performance.now();
      await sql`insert into bench_raw (payload) values (${sql.json({ mid: `raw_${i}`, text: `raw ${i}` })})`;
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await sql.end();
  return { ok: REQUESTS, failed: 0, seconds, latencies };
}

async function main() {
  // PostgreSQL's defaults, as production runs it: an acknowledged webhook is on disk, and a raw
  // insert's commit waits for the disk too (BENCH_DURABLE=0: the tests' fsync-off server)
  const bench = await openBenchDatabase({ durable: process.env.BENCH_DURABLE !== '0' });
  await seedBenchInbox(bench.raw, CUSTOMERS, 5);
  const databaseUrl = bench.url;
  const hook = await serveMetaWebhook(bench.rt.deps);
  const child = fork(fileURLToPath(import.meta.url), ['client'], { stdio: 'inherit' });
  await new Promise((resolve) => child.once('message', resolve));
  const run = (job: Job) =>
    new Promise<ClientReport>((resolve) => {
      child.once('message', (report) => resolve(report as ClientReport));
      child.send(job);
    });

  const ceiling = await serveCeiling();
  // what each side costs the whole machine: with every core busy, no run can go faster than that
  const pgCpu = (await postgresCpu(bench.raw)) ?? (() => Number.NaN);
  const rows: Array<{ ingest: number; raw: number; http: number; p50: number; p99: number; failed: number; cpu: number; httpCpu: number; pg: number; client: number; rawCost: number }> = [];
  const steady: Array<{ p50: number; p99: number; max: number; failed: number; rate: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const rawPg = pgCpu();
    const raw = await run({ kind: 'raw', databaseUrl });
    const rawCost = (pgCpu() - rawPg + raw.cpu) / REQUESTS;
    const httpCpu = process.cpuUsage();
    const http = await run({ kind: 'webhooks', url: ceiling.url, round, mode: 'closed' });
    const httpUsed = process.cpuUsage(httpCpu);
    const before = await countMessages(bench.raw);
    const cpu = process.cpuUsage();
    const pgBefore = pgCpu();
    const closed = await run({ kind: 'webhooks', url: hook.url, round, mode: 'closed' });
    const used = process.cpuUsage(cpu);
    const pg = (pgCpu() - pgBefore) / REQUESTS;
    const stored = (await countMessages(bench.raw)) - before;
    rows.push({
      ingest: stored / closed.seconds,
      raw: REQUESTS / raw.seconds,
      http: http.ok / http.seconds,
      p50: median(closed.latencies),
      p99: percentile(closed.latencies, 0.99),
      failed: closed.failed + (REQUESTS - stored),
      cpu: (used.user + used.system) / 1000 / REQUESTS,
      httpCpu: (httpUsed.user + httpUsed.system) / 1000 / REQUESTS,
      pg,
      client: closed.cpu / REQUESTS,
      rawCost,
    });
    const open = await run({ kind: 'webhooks', url: hook.url, round, mode: 'open' });
    steady.push({ p50: median(open.latencies), p99: percentile(open.latencies, 0.99), max: Math.max(...open.latencies), failed: open.failed, rate: open.ok / open.seconds });
    const r = rows.at(-1)!;
    const s = steady.at(-1)!;
    console.log(
      `round ${round}: ingest ${r.ingest.toFixed(0)}/s (server CPU ${r.cpu.toFixed(2)} ms per webhook, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.failed} lost or failed) | raw inserts ${r.raw.toFixed(0)}/s | ratio ${ratio(r.ingest, r.raw)} | HTTP alone ${r.http.toFixed(0)}/s (CPU ${r.httpCpu.toFixed(2)} ms; ${ratio(r.http, r.raw)} of raw; ours ${ratio(r.ingest, r.http)} of it) | at ${RATE}/s: p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(0)} ms, ${s.failed} failed, ${s.rate.toFixed(0)}/s answered`,
    );
  }
  const ratios = rows.map((r) => ratio(r.ingest, r.raw));
  const p99s = steady.map((s) => s.p99);
  console.log(`\nP3 signed webhook ingest vs raw one-row insert (${ROUNDS} rounds, ${REQUESTS} requests, concurrency ${CONCURRENCY}):`);
  console.log(`  ratio ${Math.min(...ratios)}–${Math.max(...ratios)} (target ≥ 0.5); p99 at ${RATE}/s ${Math.min(...p99s).toFixed(0)}–${Math.max(...p99s).toFixed(0)} ms (target ≤ 100 ms)`);
  const ceilings = rows.map((r) => ratio(r.http, r.raw));
  const ofCeiling = rows.map((r) => ratio(r.ingest, r.http));
  console.log(`  signed HTTP alone (no database) vs raw insert: ${Math.min(...ceilings)}–${Math.max(...ceilings)}; our ingest vs HTTP alone: ${Math.min(...ofCeiling)}–${Math.max(...ofCeiling)}`);
  for (const [n, r] of rows.entries()) {
    const total = r.cpu + r.pg + r.client;
    const most = (CORES * 1000) / total;
    console.log(
      `  round ${n + 1}, CPU per webhook: server ${r.cpu.toFixed(3)} + PostgreSQL ${r.pg.toFixed(3)} + client ${r.client.toFixed(3)} = ${total.toFixed(3)} ms (a raw insert: ${r.rawCost.toFixed(3)} ms); ` +
        `with all ${CORES} cores busy at most ${most.toFixed(0)} webhooks/s against ${((CORES * 1000) / r.rawCost).toFixed(0)} raw inserts/s: a ratio of at most ${ratio(r.rawCost, total)}`,
    );
  }
  child.kill();
  await hook.close();
  await ceiling.close();
  await bench.close();
}

/**
 * What HTTP alone allows on this machine: the same signed bodies read, verified and parsed in this
 * process and answered 200, with no database. No ingest can beat it, so it bounds what P3 can reach.
 */
async function serveCeiling() {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const ok = verifyMetaSignature(raw, req.headers['x-hub-signature-256'] as string, TEST_APP_SECRET);
    if (ok) JSON.parse(raw.toString('utf8'));
    res.writeHead(ok ? 200 : 401, { 'content-type': 'text/plain; charset=utf-8' }).end(ok ? 'EVENT_RECEIVED' : 'bad signature');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/meta`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function countMessages(raw: postgres.Sql): Promise<number> {
  const [{ n }] = await raw<{ n: string }[]>`select count(*)::text as n from messages`;
  return Number(n);
}
