/**
 * One key floods, the others should not notice: the p99 of a normal query (the inbox's first page)
 * from well-behaved keys, alone and while another key floods from a second process, in one run,
 * through the real HTTP server (the rate-limit gate, then Yoga on node:http, as server.ts mounts
 * them). For contrast, the same flood against the same limits without blocking a flooding key (as
 * before decision 034; every contrast below runs without it), with every refusal answered at once
 * (the gate without holding), as before decision 027 (every refusal made by Yoga, a flooding key's
 * allowance running beside the others), with the rate limit but no
 * cap on operations running at once, against a server without limits, and against a zero-cost
 * server in another process (the flooder's own CPU).
 * The verdict compares the p99 while flooding with the p99 alone (the target: within 20 %) and with
 * the p99 while the same client floods the zero-cost server (what our server adds on top).
 * Every phase starts alike and a first round of all of them is thrown away (decision 036), so the
 * quiet and the flooded phases differ only in the flood.
 *
 *   npm run bench:flood      (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 */
import { execFileSync, fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { FIRST_PAGE_QUERY } from './queries';
import { percentile, ratio } from './stats';


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

/**
 * Pins a process (all its threads) to one core, so the flooding client's CPU is not taken from the
 * server's core. False where that is not possible (one core, no taskset, BENCH_PIN=0).
 */
function pin(pid: number, core: number): boolean {
  if (process.env.BENCH_PIN === '0' || cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const { createApiKeyRecord } = await import('../domain/roles/api-keys');
  const { markClientAddress } = await import('../auth/client-address');
  const { createRateLimits } = await import('../auth/create-rate-limits');
  const { createPriority } = await import('../auth/priority');
  const { ensureBuiltinRoles } = await import('../domain/employees/create-employee');
  const { createGraphQLServer, GRAPHQL_PATH } = await import('../graphql/yoga');
  const { createRateLimitGate, GATE_HOLD_SOCKETS } = await import('../http/rate-limit-gate');
  const { gateKeyOf } = await import('../auth/refused');
  const { silentLog, testConfig } = await import('../tests/helpers/runtime');
  const { openBenchDatabase, seedBenchInbox } = await import('./seed-inbox');

  const CHATS = Number(process.env.BENCH_CHATS ?? 2000);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 200);
  const CONCURRENCY = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 16);
  const NORMAL_KEYS = 16;
  const SETTLE_MS = 500;
  const LEAD_IN_REQUESTS = 5;

  // the server (and the well-behaved client timing it) on core 0, the flooding client on core 1
  const loadAtStart = loadavg()[0];
  const pinned = pin(process.pid, 0);
  const bench = await openBenchDatabase();
  const { rt, raw } = bench;
  // the default limits, as a server would run them (or RATE_LIMIT_API_KEY, RATE_LIMIT_WINDOW_SECONDS, RATE_LIMIT_IN_FLIGHT_* from the environment)
  const env = process.env;
  const limits = {
    RATE_LIMIT_API_KEY: env.RATE_LIMIT_API_KEY,
    RATE_LIMIT_WINDOW_SECONDS: env.RATE_LIMIT_WINDOW_SECONDS,
    RATE_LIMIT_IN_FLIGHT_API_KEY: env.RATE_LIMIT_IN_FLIGHT_API_KEY,
    RATE_LIMIT_IN_FLIGHT_QUEUE: env.RATE_LIMIT_IN_FLIGHT_QUEUE,
    RATE_LIMIT_FLOOD_STRIKES: env.RATE_LIMIT_FLOOD_STRIKES,
    RATE_LIMIT_FLOOD_BLOCK_SECONDS: env.RATE_LIMIT_FLOOD_BLOCK_SECONDS,
  };
  // the contrasts below are the server as it was before decision 034: a flooding key is never blocked
  const unpenalisedLimits = { ...limits, RATE_LIMIT_FLOOD_STRIKES: '0' };
  const config = testConfig(limits);
  // as server.ts runs it: refused credentials turned away before Yoga, a repeated refusal held to the window's end
  const limitedLimits = createRateLimits(config, silentLog);
  const limited = createGraphQLServer({ ...rt.deps, limits: limitedLimits });
  // the same, every refusal answered at once (no holding): what the cheap refusal alone does
  const unheldLimits = createRateLimits(testConfig(unpenalisedLimits), silentLog);
  const unheld = createGraphQLServer({ ...rt.deps, limits: unheldLimits });
  // as before decision 027: every refusal made by Yoga, at once, and a flooding key's allowance running beside the others
  const inYoga = createGraphQLServer({ ...rt.deps, limits: { ...createRateLimits(testConfig(unpenalisedLimits), silentLog), priority: createPriority(false) } });
  // as before decision 034: the gate and priority of 027, a flooding key never blocked
  const unpenalisedRateLimits = createRateLimits(testConfig(unpenalisedLimits), silentLog);
  const unpenalised = createGraphQLServer({ ...rt.deps, limits: unpenalisedRateLimits });
  // the rate limit alone, every allowed request running at once (as before the in-flight cap)
  const uncapped = createGraphQLServer({ ...rt.deps, limits: createRateLimits(testConfig({ ...unpenalisedLimits, RATE_LIMIT_IN_FLIGHT_API_KEY: '0' }), silentLog) });
  const unlimited = createGraphQLServer({ ...rt.deps, limits: createRateLimits(testConfig({ RATE_LIMIT_API_KEY: '0', RATE_LIMIT_IN_FLIGHT_API_KEY: '0' }), silentLog) });
  const servers: Server[] = [];
  let refuserChild: ReturnType<typeof fork> | undefined;
  const serve = async (handler: typeof rt.yoga, gate?: ReturnType<typeof createRateLimitGate>) => {
    const server = createServer((req, res) => {
      markClientAddress(req, 0);
      if (gate?.(req, res)) return;
      void handler(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${GRAPHQL_PATH}`;
  };

  try {
    const roles = await ensureBuiltinRoles(rt.deps.db);
    await seedBenchInbox(raw, CHATS, 5);

    const limitedUrl = await serve(limited, createRateLimitGate(limitedLimits.refused));
    const unheldUrl = await serve(unheld, createRateLimitGate(unheldLimits.refused, { holdSockets: 0 }));
    const unpenalisedUrl = await serve(unpenalised, createRateLimitGate(unpenalisedRateLimits.refused));
    const inYogaUrl = await serve(inYoga);
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

    const floods: Record<string, { ok: number; limited: number; other: number; seconds: number; phases: number; phasesAnswered: number }> = {};
    const samples: Record<'alone' | 'aloneAgain' | 'flood' | 'floodUnpenalised' | 'floodUnheld' | 'floodInYoga' | 'floodUncapped' | 'floodWithoutLimits' | 'floodElsewhere', number[]> = {
      alone: [],
      aloneAgain: [],
      flood: [],
      floodUnpenalised: [],
      floodUnheld: [],
      floodInYoga: [],
      floodUncapped: [],
      floodWithoutLimits: [],
      floodElsewhere: [],
    };
    refuserChild = fork(fileURLToPath(import.meta.url), ['refuser'], { execArgv: ['--import', 'tsx'] });
    // the zero-cost server answers on the server's core: what receiving the flood costs there at the least
    if (pinned) pin(refuserChild.pid!, 0);
    const refuserUrl = (await new Promise((resolve) => refuserChild!.once('message', resolve))) as string;

    // false during the untimed first round: what it measures is thrown away
    let recording = false;
    // every phase, quiet or flooded, starts the same way: a pause (a flood's time to reach its limit),
    // then a few untimed requests. A first request after a pause is slow on this machine, and only
    // the flooded phases used to pause, so their p99 carried it
    const measure = async (url: string, into: number[]) => {
      for (let i = 0; i < LEAD_IN_REQUESTS; i++) await normalQuery(url);
      for (let i = 0; i < PER_ROUND; i++) {
        const ms = await normalQuery(url);
        if (recording) into.push(ms);
      }
    };
    const quietly = async (url: string, into: number[]) => {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      await measure(url, into);
    };
    const withFlood = async (url: string, name: string, work: () => Promise<void>) => {
      const floodChild = fork(fileURLToPath(import.meta.url), ['flood', url, `Bearer ${flooderKey}`, String(CONCURRENCY)], { execArgv: ['--import', 'tsx'] });
      if (pinned) pin(floodChild.pid!, 1);
      await new Promise((resolve) => floodChild.once('message', resolve));
      const t = performance.now();
      floodChild.send('go');
      await new Promise((resolve) => floodChild.once('message', resolve));
      // let the flood reach its limit first: what we measure is the flood being turned away
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      await work();
      floodChild.send('stop');
      const counts = (await new Promise((resolve) => floodChild.once('message', resolve))) as { ok: number; limited: number; other: number };
      const seconds = (performance.now() - t) / 1000;
      floodChild.send('exit');
      if (!recording) return;
      const sum = (floods[name] ??= { ok: 0, limited: 0, other: 0, seconds: 0, phases: 0, phasesAnswered: 0 });
      sum.phases++;
      if (counts.ok > 0) sum.phasesAnswered++;
      sum.ok += counts.ok;
      sum.limited += counts.limited;
      sum.other += counts.other;
      sum.seconds += seconds;
    };

    // warm up both servers (jit, prepared statements, viewer cache)
    for (let i = 0; i < 60; i++) {
      await normalQuery(limitedUrl);
      await normalQuery(unheldUrl);
      await normalQuery(unpenalisedUrl);
      await normalQuery(inYogaUrl);
      await normalQuery(uncappedUrl);
      await normalQuery(unlimitedUrl);
    }
    // a flood that has gone on for a while: against our server the flooder has been blocked
    // (decision 034) before the rounds begin, as it would be seconds into a real flood; the block
    // ends during the run like any other, and the flood gets its allowance again until blocked anew
    let warmUpSeconds = 0;
    if (config.rateLimits.flood.strikes > 0) {
      const flooderGateKey = gateKeyOf({ authorization: `Bearer ${flooderKey}` }, '127.0.0.1');
      const t = performance.now();
      await withFlood(limitedUrl, 'warmUp', async () => {
        while ((limitedLimits.refused.until(flooderGateKey) ?? 0) - Date.now() < 2000 && performance.now() - t < 20_000) await new Promise((r) => setTimeout(r, 200));
      });
      warmUpSeconds = +((performance.now() - t) / 1000).toFixed(1);
    }
    const skipped = (name: string) => process.env[`BENCH_SKIP_${name}`] === '1';
    const phases = [
      () => quietly(limitedUrl, samples.alone),
      () => withFlood(limitedUrl, 'limited', () => measure(limitedUrl, samples.flood)),
      () => withFlood(refuserUrl, 'elsewhere', () => measure(limitedUrl, samples.floodElsewhere)),
      !skipped('UNPENALISED') && (() => withFlood(unpenalisedUrl, 'unpenalised', () => measure(unpenalisedUrl, samples.floodUnpenalised))),
      !skipped('UNHELD') && (() => withFlood(unheldUrl, 'unheld', () => measure(unheldUrl, samples.floodUnheld))),
      !skipped('IN_YOGA') && (() => withFlood(inYogaUrl, 'inYoga', () => measure(inYogaUrl, samples.floodInYoga))),
      !skipped('UNCAPPED') && (() => withFlood(uncappedUrl, 'uncapped', () => measure(uncappedUrl, samples.floodUncapped))),
      !skipped('UNLIMITED') && (() => withFlood(unlimitedUrl, 'unlimited', () => measure(unlimitedUrl, samples.floodWithoutLimits))),
      // the same as `alone` once more, with no flood: how far two measurements of the same thing differ on this machine now
      () => quietly(limitedUrl, samples.aloneAgain),
    ].filter((phase) => phase !== false);
    // the seed's and the warm-up's dead rows vacuumed now, not by autovacuum during the rounds
    await raw.unsafe('vacuum analyze');
    // one untimed round of every phase: the first seconds after the warm-up are slower for all
    // phases (compilation, the database settling) and would land on whichever phases come first
    for (const phase of phases) await phase();
    recording = true;
    for (let round = 0; round < ROUNDS; round++) {
      // every other round backwards, so no phase always comes first or right after another
      for (const phase of round % 2 ? [...phases].reverse() : phases) await phase();
    }

    const pct = (xs: number[], p: number) => (xs.length ? +percentile(xs, p).toFixed(2) : null);
    const rate = (f?: { ok: number; limited: number; other: number; seconds: number; phases: number; phasesAnswered: number }) =>
      f && {
        requestsPerSecond: Math.round((f.ok + f.limited + f.other) / f.seconds),
        answered: f.ok,
        refused429: f.limited,
        failed: f.other,
        // a blocked flooder gets no answers for a while: in how many of the flood phases it got any
        phasesWithAnswers: `${f.phasesAnswered} of ${f.phases}`,
      };
    const p99 = (xs: number[]) => percentile(xs, 0.99);
    const p99Ratio = (a: number[], b: number[]) => ratio(p99(a), p99(b));
    // the baseline: every quiet measurement, before and after each round's floods (a p99 of one of
    // them alone swings with a few slow samples; which one to take would be the bench's choice)
    const quiet = [...samples.alone, ...samples.aloneAgain];
    const loadAtEnd = loadavg()[0];
    const { rateLimits } = config;
    const result = {
      limit: `${rateLimits.apiKey} per ${rateLimits.windowSeconds} s per key, ${rateLimits.inFlight.apiKey || 'no cap on'} running at once (${rateLimits.inFlight.queue} waiting); repeated refusals held to the window's end (at most 1 s, ${GATE_HOLD_SOCKETS} at once); ${rateLimits.flood.strikes ? `blocked ${rateLimits.flood.blockSeconds} s after sending before its Retry-After in ${rateLimits.flood.strikes} windows of 10` : 'never blocked'}`,
      chats: CHATS,
      normalRequests: samples.alone.length,
      floodConnections: CONCURRENCY,
      quiet: { p50: pct(quiet, 0.5), p99: pct(quiet, 0.99) },
      alone: { p50: pct(samples.alone, 0.5), p99: pct(samples.alone, 0.99) },
      aloneAgain: { p50: pct(samples.aloneAgain, 0.5), p99: pct(samples.aloneAgain, 0.99) },
      whileFlooding: { p50: pct(samples.flood, 0.5), p99: pct(samples.flood, 0.99) },
      flood: rate(floods.limited),
      // how long the flooder flooded before the rounds until it was blocked (0: not blocked, strikes off)
      floodWarmUpSeconds: warmUpSeconds,
      // the same flooding client against a server that costs nothing: this machine's share of the slowdown
      whileFloodingElsewhere: { p50: pct(samples.floodElsewhere, 0.5), p99: pct(samples.floodElsewhere, 0.99), flood: rate(floods.elsewhere) },
      // the same, a flooding key never blocked (as before decision 034)
      before034: samples.floodUnpenalised.length
        ? { whileFlooding: { p50: pct(samples.floodUnpenalised, 0.5), p99: pct(samples.floodUnpenalised, 0.99) }, flood: rate(floods.unpenalised), p99Ratio: p99Ratio(samples.floodUnpenalised, quiet) }
        : undefined,
      // the same limits, refusals answered at once by the gate (no holding); and as before decision 027 (no gate, no priority)
      refusedAtOnce: samples.floodUnheld.length ? { whileFlooding: { p50: pct(samples.floodUnheld, 0.5), p99: pct(samples.floodUnheld, 0.99) }, flood: rate(floods.unheld) } : undefined,
      before027: samples.floodInYoga.length ? { whileFlooding: { p50: pct(samples.floodInYoga, 0.5), p99: pct(samples.floodInYoga, 0.99) }, flood: rate(floods.inYoga) } : undefined,
      rateLimitOnly: samples.floodUncapped.length
        ? { whileFlooding: { p50: pct(samples.floodUncapped, 0.5), p99: pct(samples.floodUncapped, 0.99) }, flood: rate(floods.uncapped) }
        : undefined,
      withoutLimits: samples.floodWithoutLimits.length
        ? { whileFlooding: { p50: pct(samples.floodWithoutLimits, 0.5), p99: pct(samples.floodWithoutLimits, 0.99) }, flood: rate(floods.unlimited) }
        : undefined,
      // the target: p99 while flooding within 20 % of p99 alone; and what our server adds to the flooder's own CPU
      p99Ratio: p99Ratio(samples.flood, quiet),
      p99RatioToFirstAlone: p99Ratio(samples.flood, samples.alone),
      p99RatioToFloodElsewhere: p99Ratio(samples.flood, samples.floodElsewhere),
      // no flood either time: the noise any ratio above carries
      p99RatioAloneAgain: p99Ratio(samples.aloneAgain, samples.alone),
      // what the figures were measured on: the flooding client shares this machine with the server
      machine: { cores: cpus().length, pinned, loadAverage1m: { start: +loadAtStart.toFixed(2), end: +loadAtEnd.toFixed(2) } },
      verdict: [
        `p99 while one key floods: ${p99(samples.flood).toFixed(2)} ms = ${p99Ratio(samples.flood, quiet)}x alone (${p99(quiet).toFixed(2)} ms, both quiet measurements of each round): target (<= 1.2x) ${p99Ratio(samples.flood, quiet) <= 1.2 ? 'met' : 'NOT met'}`,
        `= ${p99Ratio(samples.flood, samples.floodElsewhere)}x the same client flooding a zero-cost server on the server's core that answers at once (${p99(samples.floodElsewhere).toFixed(2)} ms; ${rate(floods.elsewhere)?.requestsPerSecond} requests a second there, ${rate(floods.limited)?.requestsPerSecond} against ours, which holds repeated refusals): our server adds ${(p99(samples.flood) - p99(samples.floodElsewhere)).toFixed(1)} ms`,
        `the same query alone, measured again at the end of each round: p99 ${p99(samples.aloneAgain).toFixed(2)} ms = ${p99Ratio(samples.aloneAgain, samples.alone)}x the first (the noise of this machine right now)`,
        `measured on ${cpus().length} cores, ${pinned ? 'server and database on core 0, flooding client on core 1' : 'nothing pinned (the flooding client competes with the server for the same cores)'}; ` +
          `load average ${loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end (other work on the machine shares these cores; compare runs only at similar load)`,
      ],
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const server of servers) server.close();
    refuserChild?.kill();
    await bench.close();
  }
}
