/**
 * One key floods, the others should not notice: the p99 of a normal query (the inbox's first page)
 * from well-behaved keys, alone and while another key floods from a second process, in one run,
 * through the real HTTP server (Yoga on node:http, as server.ts mounts it). For contrast, the same
 * flood against the server with the rate limit but no cap on operations running at once, against a
 * server without limits, and against a zero-cost server in another process (the flooder's own CPU).
 * The verdict compares the p99 while flooding with the p99 alone (the target: within 20 %) and with
 * the p99 while the same client floods the zero-cost server (what our server adds on top).
 *
 *   npm run bench:flood      (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 */
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { FIRST_PAGE_QUERY } from './queries';
import { percentile } from './stats';


if (process.argv[2] === 'flood') await flood(process.argv[3], process.argv[4], Number(process.argv[5]));
else if (process.argv[2] === 'refuser') await refuser();
else await main();

/**
 * A server in its own process that refuses everything at once: flooding it instead of ours shows
 * what the flood costs this machine (the flooding client's CPU) apart from what it costs our server.
 */
async function refuser() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"errors":[]}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send!(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

/** The flooding client: as many requests as `concurrency` connections carry, until told to stop. */
async function flood(url: string, authorization: string, concurrency: number) {
  let running = false;
  let counts = { ok: 0, limited: 0, other: 0 };
  const body = JSON.stringify({ query: FIRST_PAGE_QUERY });
  const loop = async () => {
    while (running) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body }).catch(() => null);
      await res?.arrayBuffer();
      if (res?.status === 200) counts.ok++;
      else if (res?.status === 429) counts.limited++;
      else counts.other++;
    }
  };
  let loops: Promise<void>[] = [];
  process.on('message', async (message: string) => {
    if (message === 'go') {
      running = true;
      counts = { ok: 0, limited: 0, other: 0 };
      loops = Array.from({ length: concurrency }, loop);
      process.send!('going');
    } else if (message === 'stop') {
      running = false;
      await Promise.all(loops);
      process.send!(counts);
    } else if (message === 'exit') process.exit(0);
  });
  process.send!('ready');
}

async function main() {
  const { createApiKeyRecord } = await import('../domain/roles/api-keys');
  const { markClientAddress } = await import('../auth/client-address');
  const { createRateLimits } = await import('../auth/create-rate-limits');
  const { ensureBuiltinRoles } = await import('../domain/employees/create-employee');
  const { createGraphQLServer, GRAPHQL_PATH } = await import('../graphql/yoga');
  const { bootRuntime } = await import('../runtime/boot');
  const { createDatabase, startPostgres } = await import('../tests/harness/postgres');
  const { silentLog, testConfig } = await import('../tests/helpers/runtime');

  const CHATS = Number(process.env.BENCH_CHATS ?? 2000);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 200);
  const CONCURRENCY = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 16);
  const NORMAL_KEYS = 16;

  const pg = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
  const dbUrl = process.env.BENCH_DATABASE_URL ?? (await createDatabase(pg!.url));
  // the default limits, as a server would run them (or RATE_LIMIT_API_KEY, RATE_LIMIT_WINDOW_SECONDS, RATE_LIMIT_IN_FLIGHT_* from the environment)
  const env = process.env;
  const limits = {
    RATE_LIMIT_API_KEY: env.RATE_LIMIT_API_KEY,
    RATE_LIMIT_WINDOW_SECONDS: env.RATE_LIMIT_WINDOW_SECONDS,
    RATE_LIMIT_IN_FLIGHT_API_KEY: env.RATE_LIMIT_IN_FLIGHT_API_KEY,
    RATE_LIMIT_IN_FLIGHT_QUEUE: env.RATE_LIMIT_IN_FLIGHT_QUEUE,
  };
  const rt = await bootRuntime({ config: testConfig({ DATABASE_URL: dbUrl, ...limits }), log: silentLog, startJobs: false });
  // the rate limit alone, every allowed request running at once (as before the in-flight cap)
  const uncapped = createGraphQLServer({ ...rt.deps, limits: createRateLimits(testConfig({ ...limits, RATE_LIMIT_IN_FLIGHT_API_KEY: '0' }), silentLog) });
  const unlimited = createGraphQLServer({ ...rt.deps, limits: createRateLimits(testConfig({ RATE_LIMIT_API_KEY: '0', RATE_LIMIT_IN_FLIGHT_API_KEY: '0' }), silentLog) });
  const raw = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const servers: Server[] = [];
  let refuserChild: ReturnType<typeof fork> | undefined;
  const serve = async (handler: typeof rt.yoga) => {
    const server = createServer((req, res) => {
      markClientAddress(req, 0);
      void handler(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${GRAPHQL_PATH}`;
  };

  try {
    const roles = await ensureBuiltinRoles(rt.deps.db);
    await raw.unsafe(`
      insert into channels (id, kind, name, external_id, access_token) values ('00000000-0000-4000-8000-000000000001', 'MESSENGER', 'Bench page', 'bench-page', 't');
      insert into contacts (id, channel_id, external_id, display_name)
        select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001', 'psid' || g, 'Customer ' || g
        from generate_series(1, ${CHATS}) g;
      insert into chats (id, channel_id, contact_id, unread, awaiting_reply, last_message_at, last_inbound_at)
        select ('00000000-0000-4000-b000-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001',
               ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, g % 3 = 0, g % 2 = 0,
               now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
        from generate_series(1, ${CHATS}) g;
      insert into messages (chat_id, channel_id, direction, status, text, provider_message_id, sent_at)
        select ('00000000-0000-4000-b000-' || lpad(c::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001',
               'INBOUND'::message_direction, 'RECEIVED'::message_status, 'Message ' || m, 'm_' || c || '_' || m,
               now() - (c || ' minutes')::interval - ((5 - m) || ' seconds')::interval
        from generate_series(1, ${CHATS}) c, generate_series(1, 5) m;
      update chats set last_message_id = (select id from messages where messages.chat_id = chats.id order by sent_at desc, id desc limit 1);
      analyze;
    `);

    const limitedUrl = await serve(rt.yoga);
    const uncappedUrl = await serve(uncapped);
    const unlimitedUrl = await serve(unlimited);
    // the well-behaved integrators take turns, each far below its limit; one more key floods
    const normal = await Promise.all(Array.from({ length: NORMAL_KEYS }, (_, i) => createApiKeyRecord(rt.deps.db, `integrator ${i}`, roles.Admin.id)));
    const flooderKey = await createApiKeyRecord(rt.deps.db, 'flooder', roles.Admin.id);

    let turn = 0;
    const body = JSON.stringify({ query: FIRST_PAGE_QUERY });
    const normalQuery = async (url: string) => {
      const authorization = `Bearer ${normal[turn++ % normal.length]}`;
      const t = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
      const json = (await res.json()) as { data?: { chats: { edges: unknown[] } } };
      const ms = performance.now() - t;
      if (json.data?.chats.edges.length !== 50) throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return ms;
    };

    const floods: Record<string, { ok: number; limited: number; other: number; seconds: number }> = {};
    const samples: Record<'alone' | 'flood' | 'floodUncapped' | 'floodWithoutLimits' | 'floodElsewhere', number[]> = {
      alone: [],
      flood: [],
      floodUncapped: [],
      floodWithoutLimits: [],
      floodElsewhere: [],
    };
    refuserChild = fork(fileURLToPath(import.meta.url), ['refuser'], { execArgv: ['--import', 'tsx'] });
    const refuserUrl = (await new Promise((resolve) => refuserChild!.once('message', resolve))) as string;

    const measure = async (url: string, into: number[]) => {
      for (let i = 0; i < PER_ROUND; i++) into.push(await normalQuery(url));
    };
    const withFlood = async (url: string, name: string, work: () => Promise<void>) => {
      const floodChild = fork(fileURLToPath(import.meta.url), ['flood', url, `Bearer ${flooderKey}`, String(CONCURRENCY)], { execArgv: ['--import', 'tsx'] });
      await new Promise((resolve) => floodChild.once('message', resolve));
      const t = performance.now();
      floodChild.send('go');
      await new Promise((resolve) => floodChild.once('message', resolve));
      // let the flood reach its limit first: what we measure is the flood being turned away
      await new Promise((r) => setTimeout(r, 500));
      await work();
      floodChild.send('stop');
      const counts = (await new Promise((resolve) => floodChild.once('message', resolve))) as { ok: number; limited: number; other: number };
      const seconds = (performance.now() - t) / 1000;
      const sum = (floods[name] ??= { ok: 0, limited: 0, other: 0, seconds: 0 });
      sum.ok += counts.ok;
      sum.limited += counts.limited;
      sum.other += counts.other;
      sum.seconds += seconds;
      floodChild.send('exit');
    };

    // warm up both servers (jit, prepared statements, viewer cache)
    for (let i = 0; i < 60; i++) {
      await normalQuery(limitedUrl);
      await normalQuery(uncappedUrl);
      await normalQuery(unlimitedUrl);
    }
    for (let round = 0; round < ROUNDS; round++) {
      await measure(limitedUrl, samples.alone);
      await withFlood(limitedUrl, 'limited', () => measure(limitedUrl, samples.flood));
      await withFlood(refuserUrl, 'elsewhere', () => measure(limitedUrl, samples.floodElsewhere));
      if (process.env.BENCH_SKIP_UNCAPPED !== '1') await withFlood(uncappedUrl, 'uncapped', () => measure(uncappedUrl, samples.floodUncapped));
      if (process.env.BENCH_SKIP_UNLIMITED !== '1') await withFlood(unlimitedUrl, 'unlimited', () => measure(unlimitedUrl, samples.floodWithoutLimits));
    }

    const pct = (xs: number[], p: number) => (xs.length ? +percentile(xs, p).toFixed(2) : null);
    const rate = (f?: { ok: number; limited: number; other: number; seconds: number }) =>
      f && { requestsPerSecond: Math.round((f.ok + f.limited + f.other) / f.seconds), answered: f.ok, refused429: f.limited, failed: f.other };
    const p99 = (xs: number[]) => pct(xs, 0.99) ?? 0;
    const ratio = (a: number[], b: number[]) => +(p99(a) / (p99(b) || 1)).toFixed(2);
    const { rateLimits } = rt.deps.config;
    const result = {
      limit: `${rateLimits.apiKey} per ${rateLimits.windowSeconds} s per key, ${rateLimits.inFlight.apiKey || 'no cap on'} running at once (${rateLimits.inFlight.queue} waiting)`,
      chats: CHATS,
      normalRequests: samples.alone.length,
      floodConnections: CONCURRENCY,
      alone: { p50: pct(samples.alone, 0.5), p99: pct(samples.alone, 0.99) },
      whileFlooding: { p50: pct(samples.flood, 0.5), p99: pct(samples.flood, 0.99) },
      flood: rate(floods.limited),
      // the same flooding client against a server that costs nothing: this machine's share of the slowdown
      whileFloodingElsewhere: { p50: pct(samples.floodElsewhere, 0.5), p99: pct(samples.floodElsewhere, 0.99), flood: rate(floods.elsewhere) },
      rateLimitOnly: samples.floodUncapped.length
        ? { whileFlooding: { p50: pct(samples.floodUncapped, 0.5), p99: pct(samples.floodUncapped, 0.99) }, flood: rate(floods.uncapped) }
        : undefined,
      withoutLimits: samples.floodWithoutLimits.length
        ? { whileFlooding: { p50: pct(samples.floodWithoutLimits, 0.5), p99: pct(samples.floodWithoutLimits, 0.99) }, flood: rate(floods.unlimited) }
        : undefined,
      // the target: p99 while flooding within 20 % of p99 alone; and what our server adds to the flooder's own CPU
      p99Ratio: ratio(samples.flood, samples.alone),
      p99RatioToFloodElsewhere: ratio(samples.flood, samples.floodElsewhere),
      verdict: [
        `p99 while one key floods: ${p99(samples.flood)} ms = ${ratio(samples.flood, samples.alone)}x alone (${p99(samples.alone)} ms): target (<= 1.2x) ${ratio(samples.flood, samples.alone) <= 1.2 ? 'met' : 'NOT met'}`,
        `= ${ratio(samples.flood, samples.floodElsewhere)}x the same flood against a zero-cost server elsewhere (${p99(samples.floodElsewhere)} ms, the flooding client's own CPU): our server adds ${(p99(samples.flood) - p99(samples.floodElsewhere)).toFixed(1)} ms`,
      ],
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const server of servers) server.close();
    refuserChild?.kill();
    await raw.end();
    await rt.close();
    await pg?.stop();
  }
}
