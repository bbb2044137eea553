/**
 * What the GraphQL limits cost a normal request: the inbox's chat list (the UI's own ChatList
 * query, 40 chats, `first` as a variable) through Yoga with every limit on (graphql-armor, the
 * variables' cost, CSRF prevention, the bounded cache, the time budget) and with them off, in one
 * run on one PostgreSQL database. Many short alternating blocks of closed-loop load at a fixed
 * concurrency (short, so load from anything else on the machine falls on both modes alike);
 * prints throughput and p99 per mode and the ratio (target: on ≥ 0.9 × off).
 *
 *   npm run bench:limits     (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 */
import { createApiKeyRecord } from '../auth/api-keys';
import { ensureBuiltinRoles } from '../domain/employees/create-employee';
import { ChatListDocument } from '../graphql-client/graphql';
import { createGraphQLServer, type GraphQLServer } from '../graphql/yoga';
import { openBenchDatabase, seedBenchInbox } from './seed-inbox';
import { percentile } from './stats';

const CHATS = Number(process.env.BENCH_CHATS ?? 2_000);
const PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 10);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 40);
const BLOCK_MS = Number(process.env.BENCH_BLOCK_MS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);


const { rt, raw, close } = await openBenchDatabase();

try {
  const roles = await ensureBuiltinRoles(rt.deps.db);
  console.log(`seeding ${CHATS} chats and ${CHATS * PER_CHAT} messages…`);
  await seedBenchInbox(raw, CHATS, PER_CHAT);

  const key = await createApiKeyRecord(rt.deps.db, 'bench', roles.Admin.id);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  const body = JSON.stringify({ query: String(ChatListDocument), variables: { status: 'OPEN', first: 40, after: null } });
  const modes: Record<'on' | 'off', GraphQLServer> = { on: rt.yoga, off: createGraphQLServer(rt.deps, { limits: false }) };

  const once = async (yoga: GraphQLServer) => {
    const res = await yoga.fetch('http://bench/api/graphql', { method: 'POST', headers, body });
    const json = (await res.json()) as { data?: { chats: { edges: unknown[] } }; errors?: unknown };
    if (!json.data || json.data.chats.edges.length !== 40) throw new Error(`unexpected answer: ${JSON.stringify(json).slice(0, 300)}`);
  };

  /** CONCURRENCY clients, each sending its next request when the last is answered, for `ms`. */
  async function block(yoga: GraphQLServer, ms: number) {
    const latencies: number[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          await once(yoga);
          latencies.push(performance.now() - t);
        }
      }),
    );
    return latencies;
  }

  for (const yoga of Object.values(modes)) await block(yoga, 1000); // warm up: jit, caches, plans

  const samples = { on: [] as number[], off: [] as number[] };
  const seconds = { on: 0, off: 0 };
  for (let i = 0; i < BLOCKS; i++) {
    // alternate which goes first, so drift over the run falls on both alike
    for (const mode of i % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const t = performance.now();
      samples[mode].push(...(await block(modes[mode], BLOCK_MS)));
      seconds[mode] += (performance.now() - t) / 1000;
    }
  }
  const summary = (mode: 'on' | 'off') => ({
    requests: samples[mode].length,
    perSecond: +(samples[mode].length / seconds[mode]).toFixed(1),
    p50Ms: +percentile(samples[mode], 0.5).toFixed(2),
    p99Ms: +percentile(samples[mode], 0.99).toFixed(2),
  });
  const on = summary('on');
  const off = summary('off');
  console.log(
    JSON.stringify(
      { query: 'ChatList (40 chats)', concurrency: CONCURRENCY, limitsOn: on, limitsOff: off, throughputRatio: +(on.perSecond / off.perSecond).toFixed(3), p99Ratio: +(on.p99Ms / off.p99Ms).toFixed(3) },
      null,
      2,
    ),
  );
} finally {
  await close();
}
