/**
 * Finding chats (issue 11): searches and filters over 10,000 chats and 500,000 messages on
 * PostgreSQL, each through the whole GraphQL pipeline and as the same SQL sent straight to the
 * database. Prints median and p95 per query and the ratio of medians.
 *
 *   npm run bench:search     (starts a throwaway PostgreSQL; or set BENCH_DATABASE_URL)
 */
import { filteredChatsPage, type ChatFilters } from '../domain/chats/list-chats';
import { SEARCH_PAGE_QUERY } from './queries';
import { openBenchDatabase, prepareBenchInbox } from './seed-inbox';
import { median, percentile, ratio, timeAlternating } from './stats';

const CHATS = Number(process.env.BENCH_CHATS ?? 10_000);
const PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const CHANNEL = '00000000-0000-4000-8000-000000000001';

/** name → what the operator typed, and how many chats the first page must show (-1: not checked). */
const CASES: { name: string; filters: Partial<ChatFilters>; expect: number }[] = [
  { name: 'name', filters: { search: 'Customer 4242' }, expect: 1 },
  { name: '@username', filters: { search: '@user4242' }, expect: 1 },
  { name: 'phone (spaced)', filters: { search: '+49 176 0004 242' }, expect: 1 },
  { name: 'message, one chat', filters: { search: 'in chat 9876' }, expect: 1 },
  { name: 'message, 10,000 hits', filters: { search: 'Message 1 in' }, expect: 50 },
  { name: 'message, every message', filters: { search: 'message' }, expect: 50 },
  { name: 'no match', filters: { search: 'xyzzy' }, expect: 0 },
  { name: '200 characters', filters: { search: 'ab'.repeat(100) }, expect: 0 },
  { name: 'two characters', filters: { search: '42' }, expect: 50 },
  { name: 'unread', filters: { unread: true }, expect: 50 },
  { name: 'unread + awaiting + search', filters: { search: 'Customer 12', unread: true, awaitingReply: true }, expect: -1 },
];

const { rt, raw, close } = await openBenchDatabase();

try {
  const { headers } = await prepareBenchInbox(rt, raw, { chats: CHATS, perChat: PER_CHAT, profiles: true });
  const results = [];
  for (const c of CASES) {
    const filters: ChatFilters = { search: c.filters.search ?? null, unread: c.filters.unread ?? null, awaitingReply: c.filters.awaitingReply ?? null };
    const variables = { search: filters.search, unread: filters.unread, awaitingReply: filters.awaitingReply };
    const viaGraphQL = async () => {
      const res = await rt.yoga.fetch('http://bench/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query: SEARCH_PAGE_QUERY, variables }) });
      const body = (await res.json()) as { data?: { chats: { edges: unknown[] } }; errors?: unknown };
      if (!body.data || (c.expect >= 0 && body.data.chats.edges.length !== c.expect)) throw new Error(`${c.name}: unexpected answer ${JSON.stringify(body).slice(0, 300)}`);
    };
    // the statement the resolver sends, taken from drizzle and sent by hand
    const statement = filteredChatsPage(rt.deps.db, { status: 'OPEN', channelIds: [CHANNEL], after: null, limit: 51 }, filters).toSQL();
    const viaSQL = async () => {
      const rows = await raw.unsafe(statement.sql, statement.params as never[]);
      if (c.expect >= 0 && rows.length !== (c.expect === 50 ? 51 : c.expect)) throw new Error(`${c.name}: unexpected row count ${rows.length}`);
    };
    if (process.env.BENCH_EXPLAIN) {
      const plan = await raw.unsafe(`explain analyze ${statement.sql}`, statement.params as never[]);
      console.log(`-- ${c.name}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    const { a: s, b: g } = await timeAlternating(viaSQL, viaGraphQL, ROUNDS, 5);
    results.push({
      query: c.name,
      graphqlMedianMs: +median(g).toFixed(2),
      graphqlP95Ms: +percentile(g, 0.95).toFixed(2),
      sqlMedianMs: +median(s).toFixed(2),
      sqlP95Ms: +percentile(s, 0.95).toFixed(2),
      ratio: ratio(median(g), median(s)),
    });
    console.log(JSON.stringify(results[results.length - 1]));
  }
  console.log(`\n${CHATS} chats, ${CHATS * PER_CHAT} messages, ${ROUNDS} rounds per query`);
  console.table(results);
} finally {
  await close();
}
