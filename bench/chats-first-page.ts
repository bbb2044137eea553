/**
 * The inbox's first page: 50 chats with their contact and last message, through the whole
 * GraphQL pipeline (Yoga, auth, resolvers) against the same SQL sent straight to PostgreSQL, in
 * one run on one database of 10,000 chats and 500,000 messages. Prints the ratio of medians and
 * the SQL statements one GraphQL request costs.
 *
 *   npm run bench            (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 */
import { fillPlaceholders } from 'drizzle-orm';
import { chatsPageStatement } from '../domain/chats/list-chats';
import { openBenchDatabase, prepareBenchInbox } from './seed-inbox';
import { FIRST_PAGE_QUERY } from './queries';
import { median, timeAlternating } from './stats';

const CHATS = Number(process.env.BENCH_CHATS ?? 10_000);
const PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);



const { rt, raw, close } = await openBenchDatabase();

try {
  const { headers } = await prepareBenchInbox(rt, raw, { chats: CHATS, perChat: PER_CHAT });
  const viaGraphQL = async () => {
    const res = await rt.yoga.fetch('http://bench/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query: FIRST_PAGE_QUERY }) });
    const body = (await res.json()) as { data?: { chats: { edges: unknown[] } }; errors?: unknown };
    if (!body.data || body.data.chats.edges.length !== 50) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  };
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

  const { a: s, b: g } = await timeAlternating(viaSQL, viaGraphQL, ROUNDS);
  const result = {
    chats: CHATS,
    messages: CHATS * PER_CHAT,
    rounds: ROUNDS,
    rawSqlMedianMs: +median(s).toFixed(2),
    graphqlMedianMs: +median(g).toFixed(2),
    ratio: +(median(g) / median(s)).toFixed(2),
    statementsPerRequest: statements,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await close();
}
