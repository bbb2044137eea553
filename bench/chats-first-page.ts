/**
 * P1, the inbox's first page: 50 chats with their contact and last message, through the whole
 * GraphQL pipeline (Yoga, auth, resolvers) against the same SQL sent straight to PostgreSQL, in
 * one run on one database of 10,000 chats and 500,000 messages. Prints the ratio of medians and
 * the SQL statements one GraphQL request costs.
 *
 * P2, keyset paging: the cursor walked page by page to page 100 (chats 4,951–5,000), then that
 * page against page 1, both through GraphQL, interleaved. P1 also prints this process's CPU
 * time per request, which a busy machine disturbs far less than wall time. BENCH_PROFILE=<file> writes a CPU
 * profile of the GraphQL rounds (open it in Chrome's DevTools).
 *
 *   npm run bench            (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 */
import { fillPlaceholders } from 'drizzle-orm';
import { chatsPageStatement } from '../domain/chats/list-chats';
import { openBenchDatabase, prepareBenchInbox } from './seed-inbox';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { FIRST_PAGE_QUERY, PAGE_AFTER_QUERY } from './queries';
import { median, ratio } from './stats';

const CHATS = Number(process.env.BENCH_CHATS ?? 10_000);
const PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const FAR_PAGE = 100;

const { rt, raw, close } = await openBenchDatabase();

try {
  const { headers } = await prepareBenchInbox(rt, raw, { chats: CHATS, perChat: PER_CHAT });
  type Page = { data?: { chats: { edges: unknown[]; pageInfo: { endCursor: string } } }; errors?: unknown };
  const page = async (query: string, variables?: Record<string, unknown>) => {
    const res = await rt.yoga.fetch('http://bench/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as Page;
    if (!body.data || body.data.chats.edges.length !== 50) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
    return body.data.chats.pageInfo.endCursor;
  };
  const viaGraphQL = () => page(FIRST_PAGE_QUERY);
  // the same statement the resolver sends, taken from drizzle and sent by hand
  const channelIds = ['00000000-0000-4000-8000-000000000001'];
  const statement = chatsPageStatement(rt.deps.db, { status: 'OPEN', channelIds, after: null, limit: 51 });
  const { sql: text, params: placeholders } = statement.query.getQuery();
  const params = fillPlaceholders(placeholders, statement.values);
  const viaSQL = async () => {
    // prepared, like the application's statement: both skip parse and plan after the first run
    const rows = await raw.unsafe(text, params as never[], { prepare: true });
    if (rows.length !== 51) throw new Error('unexpected row count');
  };

  if (process.env.BENCH_EXPLAIN) {
    const plan = await raw.unsafe(`explain analyze ${text}`, params as never[]);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }
  for (let i = 0; i < 30; i++) {
    await viaGraphQL();
    await viaSQL();
  }
  const before = rt.database.statements.count;
  await viaGraphQL();
  const statements = rt.database.statements.count - before;

  const g: number[] = [];
  const s: number[] = [];
  // this process's CPU per request too: on a shared machine it scatters far less than wall time
  const cpu = { sql: 0, graphql: 0 };
  const cpuOf = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let i = 0; i < ROUNDS; i++) {
    let c = process.cpuUsage();
    let t = performance.now();
    await viaSQL();
    s.push(performance.now() - t);
    cpu.sql += cpuOf(c);
    c = process.cpuUsage();
    t = performance.now();
    await viaGraphQL();
    g.push(performance.now() - t);
    cpu.graphql += cpuOf(c);
  }

  // P2: walk the cursor to page 100, then time it against page 1
  let cursor: string | null = null;
  for (let i = 1; i < FAR_PAGE; i++) cursor = await page(PAGE_AFTER_QUERY, { after: cursor });
  const farPage = () => page(PAGE_AFTER_QUERY, { after: cursor });
  for (let i = 0; i < 30; i++) await farPage();
  const first: number[] = [];
  const far: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    await viaGraphQL();
    first.push(performance.now() - t);
    t = performance.now();
    await farPage();
    far.push(performance.now() - t);
  }

  if (process.env.BENCH_PROFILE) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    // 100 µs, not the default 1 ms: a request's few milliseconds of CPU otherwise get a handful of samples
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < ROUNDS; i++) await viaGraphQL();
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
    session.disconnect();
  }

  const result = {
    chats: CHATS,
    messages: CHATS * PER_CHAT,
    rounds: ROUNDS,
    P1: {
      rawSqlMedianMs: +median(s).toFixed(2),
      graphqlMedianMs: +median(g).toFixed(2),
      ratio: ratio(median(g), median(s)),
      statementsPerRequest: statements,
      cpuPerRequestMs: { sql: +(cpu.sql / ROUNDS).toFixed(2), graphql: +(cpu.graphql / ROUNDS).toFixed(2) },
    },
    P2: {
      page1MedianMs: +median(first).toFixed(2),
      [`page${FAR_PAGE}MedianMs`]: +median(far).toFixed(2),
      ratio: ratio(median(far), median(first)),
    },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await close();
}
