/**
 * Live fan-out, in one run on one PostgreSQL, the subscribers in a second process:
 *  P4  a signed webhook → 1,000 graphql-ws subscribers (the whole product: webhook, ingest, fan-out,
 *      per-subscriber GraphQL execution, sockets), p50/p99 from the POST to each arrival, against a
 *      bare graphql-ws server broadcasting the same payload on an HTTP POST. Target ≤ 2× + 10 ms.
 *  P5  deliveries per second under a burst of webhooks, against a raw `ws` broadcast of the same
 *      messages to as many sockets. Target ≥ 0.3.
 *
 *   npm run bench:fanout   (BENCH_SUBSCRIBERS, BENCH_IDENTITIES, BENCH_ROUNDS, BENCH_BURST, BENCH_RUNS)
 *   BENCH_PROFILE=out.cpuprofile: a CPU profile of the server side during our burst (open it in Chrome's DevTools)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Repeater } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { createApiKeyRecord } from '../auth/api-keys';
import { customerMessage, postMessengerWebhook } from '../demo/simulate';
import { ensureBuiltinRoles } from '../domain/employees/create-employee';
import { createGraphQLSockets } from '../graphql/ws';
import { serveMetaWebhook } from '../tests/helpers/webhook-server';
import { TEST_APP_SECRET } from '../tests/helpers/runtime';
import { openBenchDatabase, seedBenchInbox } from './seed-inbox';
import { median, percentile, ratio } from './stats';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
/** Distinct API keys the subscribers sign in with (several sockets per integration or operator). */
const IDENTITIES = Number(process.env.BENCH_IDENTITIES ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const BURST = Number(process.env.BENCH_BURST ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const PROFILE = process.env.BENCH_PROFILE;

const QUERY =
  'subscription { inboxEvents { __typename ... on MessageAdded { cursor message { id text direction createdAt } } ... on ChatUpdated { cursor chat { id unread } } } }';
const now = () => performance.timeOrigin + performance.now();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `work` under the CPU profiler when BENCH_PROFILE names a file (the last run's profile is kept). */
async function profiled<T>(work: () => Promise<T>): Promise<T> {
  if (!PROFILE) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(PROFILE, JSON.stringify(profile));
    session.disconnect();
  }
}

/** The subscribers' process, and a request/answer over IPC. */
function startClients() {
  const child: ChildProcess = fork(new URL('./fanout-clients.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ask = <T = Record<string, unknown>>(command: object) =>
    new Promise<T>((resolve) => {
      child.once('message', (answer) => resolve(answer as T));
      child.send(command);
    });
  return { ask, kill: () => child.kill() };
}
type Stats = { arrivals: Record<string, number[]>; total: number; lastAt: number };

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** A bare graphql-ws server: the same subscription shape, resolved from the payload it is handed. */
async function bareGraphQLServer() {
  const schema = buildSchema(`
    type Message { id: ID! text: String direction: String! createdAt: String! }
    type Chat { id: ID! unread: Boolean! }
    type MessageAdded { cursor: String! message: Message! }
    type ChatUpdated { cursor: String! chat: Chat! }
    union InboxEvent = MessageAdded | ChatUpdated
    type Query { ok: Boolean }
    type Subscription { inboxEvents: InboxEvent }
  `);
  const listeners = new Set<(payload: object) => void>();
  const subscription = schema.getSubscriptionType()!.getFields().inboxEvents;
  subscription.subscribe = () =>
    new Repeater<object>(async (push, stop) => {
      const listener = (payload: object) => void push({ inboxEvents: payload });
      listeners.add(listener);
      await stop;
      listeners.delete(listener);
    });
  const wss = new WebSocketServer({ noServer: true });
  const dispose = useServer({ schema }, wss);
  let seq = 0;
  const server = createServer((req, res) => {
    const text = decodeURIComponent(req.url!.slice(1));
    const at = new Date().toISOString();
    // what our server sends for a message: the message, then its chat
    for (const listener of listeners) listener({ __typename: 'MessageAdded', cursor: String(++seq), message: { id: `m${seq}`, text, direction: 'INBOUND', createdAt: at } });
    for (const listener of listeners) listener({ __typename: 'ChatUpdated', cursor: String(++seq), chat: { id: 'c1', unread: true } });
    res.end('ok');
  });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  const host = await listen(server);
  return {
    url: `ws://${host}/`,
    send: (text: string) => fetch(`http://${host}/${encodeURIComponent(text)}`).then((r) => r.text()),
    close: async () => {
      await dispose.dispose();
      server.close();
    },
  };
}

/** A raw `ws` broadcast: the same bytes our server sends, to every socket, no GraphQL at all. */
async function rawBroadcastServer() {
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_, res) => res.end());
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  const host = await listen(server);
  let seq = 0;
  return {
    url: `ws://${host}/`,
    broadcast(text: string) {
      const at = new Date().toISOString();
      const messages = [
        JSON.stringify({ id: '1', type: 'next', payload: { data: { inboxEvents: { __typename: 'MessageAdded', cursor: String(++seq), message: { id: `m${seq}`, text, direction: 'INBOUND', createdAt: at } } } } }),
        JSON.stringify({ id: '1', type: 'next', payload: { data: { inboxEvents: { __typename: 'ChatUpdated', cursor: String(++seq), chat: { id: 'c1', unread: true } } } } }),
      ];
      for (const message of messages) for (const client of wss.clients) client.send(message);
    },
    close: () => {
      for (const client of wss.clients) client.terminate();
      server.close();
    },
  };
}

/** P4: rounds one after another; each round's latency is POST → each subscriber's arrival. */
async function latencyRounds(clients: ReturnType<typeof startClients>, label: string, send: (text: string) => Promise<unknown>) {
  await clients.ask({ cmd: 'reset' });
  const starts = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    const text = `${label} round ${round}`;
    starts.set(text, now());
    await send(text);
    for (let waited = 0; waited < 10_000; waited += 10) {
      if ((await clients.ask<{ count: number }>({ cmd: 'count', marker: text })).count >= SUBSCRIBERS) break;
      await pause(10);
    }
    await pause(50);
  }
  const stats = await clients.ask<Stats>({ cmd: 'stats' });
  const latencies: number[] = [];
  let missing = 0;
  for (const [text, start] of starts) {
    const arrived = stats.arrivals[text] ?? [];
    missing += SUBSCRIBERS - arrived.length;
    for (const at of arrived) latencies.push(at - start);
  }
  return { p50: median(latencies), p99: percentile(latencies, 0.99), missing };
}

/** P5: a burst of events as fast as they go; deliveries per second until the last one arrives. */
async function burst(clients: ReturnType<typeof startClients>, label: string, fire: (texts: string[]) => Promise<unknown>) {
  await clients.ask({ cmd: 'reset' });
  const texts = Array.from({ length: BURST }, (_, i) => `${label} burst ${i}`);
  const expected = SUBSCRIBERS * BURST * 2;
  const start = now();
  const cpu = process.cpuUsage();
  await fire(texts);
  for (let waited = 0; waited < 60_000; waited += 20) {
    if ((await clients.ask<{ total: number }>({ cmd: 'count' })).total >= expected) break;
    await pause(20);
  }
  const stats = await clients.ask<Stats>({ cmd: 'stats' });
  // this process's CPU per delivery (the clients have their own): steadier than a rate on a busy machine
  const { user, system } = process.cpuUsage(cpu);
  return { perSecond: stats.total / ((stats.lastAt - start) / 1000), cpuPerDelivery: (user + system) / stats.total, delivered: stats.total, expected };
}

const { rt, raw, close } = await openBenchDatabase();
const rows: string[] = [];
try {
  await seedBenchInbox(raw, 200, 5);
  const roles = await ensureBuiltinRoles(rt.deps.db);
  const keys: string[] = [];
  for (let i = 0; i < IDENTITIES; i++) keys.push(`Bearer ${await createApiKeyRecord(rt.deps.db, `bench ${i}`, roles.Admin.id)}`);
  const hook = await serveMetaWebhook(rt.deps);
  const sockets = createGraphQLSockets(rt.yoga, rt.deps);
  const ours = createServer((_, res) => res.writeHead(404).end());
  ours.on('upgrade', (req, socket, head) => void (sockets.handleUpgrade(req, socket, head) || socket.destroy()));
  const oursUrl = `ws://${await listen(ours)}/api/graphql`;
  const target = { baseUrl: hook.origin, appSecret: TEST_APP_SECRET, pageId: 'bench-page' };
  let psid = 0;
  const webhook = async (text: string) => {
    // one customer per message, so every round is one new message in one chat
    const res = await postMessengerWebhook(target, [customerMessage(target, `psid${(psid++ % 200) + 1}`, text)]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  };
  const bare = await bareGraphQLServer();
  const rawWs = await rawBroadcastServer();

  console.log(`${SUBSCRIBERS} subscribers (${IDENTITIES} API keys), ${ROUNDS} rounds, bursts of ${BURST}, ${RUNS} run(s)`);
  for (let run = 1; run <= RUNS; run++) {
    const clients = startClients();
    await clients.ask({ cmd: 'open', kind: 'graphql-ws', url: oursUrl, count: SUBSCRIBERS, query: QUERY, authorizations: keys });
    const oursLatency = await latencyRounds(clients, `ours ${run}`, webhook);
    const oursBurst = await profiled(() =>
      burst(clients, `ours ${run}`, async (texts) => {
        // 8 webhooks at a time, as a platform retrying a backlog would
        for (let i = 0; i < texts.length; i += 8) await Promise.all(texts.slice(i, i + 8).map(webhook));
      }),
    );
    await clients.ask({ cmd: 'close' });
    clients.kill();

    const bareClients = startClients();
    await bareClients.ask({ cmd: 'open', kind: 'graphql-ws', url: bare.url, count: SUBSCRIBERS, query: QUERY, authorizations: [null] });
    const bareLatency = await latencyRounds(bareClients, `bare ${run}`, bare.send);
    await bareClients.ask({ cmd: 'close' });
    bareClients.kill();

    const rawClients = startClients();
    await rawClients.ask({ cmd: 'open', kind: 'ws', url: rawWs.url, count: SUBSCRIBERS });
    const rawBurst = await burst(rawClients, `raw ${run}`, async (texts) => {
      for (const text of texts) rawWs.broadcast(text);
    });
    await rawClients.ask({ cmd: 'close' });
    rawClients.kill();

    const p4Target = 2 * bareLatency.p99 + 10;
    const row = `| ${run} | ${oursLatency.p50.toFixed(1)} / ${oursLatency.p99.toFixed(1)} ms | ${bareLatency.p50.toFixed(1)} / ${bareLatency.p99.toFixed(1)} ms | ${ratio(oursLatency.p99, bareLatency.p99)}× (target ≤ ${p4Target.toFixed(1)} ms: ${oursLatency.p99 <= p4Target ? 'met' : 'NOT met'}) | ${Math.round(oursBurst.perSecond)}/s | ${Math.round(rawBurst.perSecond)}/s | ${ratio(oursBurst.perSecond, rawBurst.perSecond)} (${oursBurst.perSecond / rawBurst.perSecond >= 0.3 ? 'met' : 'NOT met'}) |`;
    rows.push(row);
    if (oursLatency.missing || bare.url === '' || oursBurst.delivered !== oursBurst.expected) {
      console.log(`run ${run}: missing ${oursLatency.missing} latency deliveries, burst ${oursBurst.delivered}/${oursBurst.expected}`);
    }
    console.log(row);
    console.log(`run ${run}: server CPU per delivery during the burst: ours ${oursBurst.cpuPerDelivery.toFixed(1)} µs, raw ws ${rawBurst.cpuPerDelivery.toFixed(1)} µs (raw / ours ${ratio(rawBurst.cpuPerDelivery, oursBurst.cpuPerDelivery)})`);
  }
  console.log('\n| run | P4 ours p50 / p99 | bare graphql-ws p50 / p99 | P4 p99 ratio | P5 ours deliveries | raw ws broadcast | P5 ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  await bare.close();
  rawWs.close();
  await sockets.close();
  ours.close();
  await hook.close();
} finally {
  await close();
}
