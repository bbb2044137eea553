import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import postgres from 'postgres';
import WebSocket from 'ws';
import { createSchema, createYoga } from 'graphql-yoga';
import { BoundedDocumentCache, LIMITS, useTimeBudget } from '../../graphql/limits';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeChannel, makeChat, makeEmployee } from '../helpers/factories';
import { startTestRuntime } from '../helpers/runtime';
import { collect, openSocket } from '../helpers/ws-client';
import { post, serveGraphQL, type ServedGraphQL } from './serve';

/** A query nested `levels` deep through chat → messages → chat → ... */
function nested(levels: number) {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `chat { messages(last: 1) { edges { node { ${inner} } } } }`;
  return `{ chats(first: 1) { edges { node { messages(last: 1) { edges { node { ${inner} } } } } } } }`;
}

/**
 * A full garbage collection, whether or not node runs with --expose-gc: the heap is measured after
 * what can be freed is freed, not whenever the collector happens to run on a busy machine.
 */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('limits on what one GraphQL operation may ask for', () => {
  let rt: BootedRuntime;
  let api: ServedGraphQL;
  let admin: { authorization: string };
  let other: { authorization: string };
  let operatorCookie: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    const { Admin, Operator } = await builtinRoles(rt.deps);
    const channel = await makeChannel(rt.deps, { roleIds: [Operator.id] });
    for (let i = 0; i < 3; i++) await makeChat(rt.deps, channel.id);
    admin = await makeApiKey(rt.deps, Admin.id);
    other = await makeApiKey(rt.deps, Admin.id);
    operatorCookie = (await makeEmployee(rt.deps, Operator.id)).cookie;
    api = await serveGraphQL(rt);
  });
  afterAll(async () => {
    await api?.close();
    await rt?.close();
  });

  it('a 24 MB query is refused by its length before it is read or parsed', async () => {
    const query = `{ ${'inboxBadge '.repeat(2_200_000)}}`;
    expect(query.length).toBeGreaterThan(24_000_000);
    const started = Date.now();
    const res = await post(api.url, query, { authorization: admin.authorization });
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0].message).toMatch(/larger than 128 KB/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a burst of large unique queries from a stranger leaves the heap where it was', async () => {
    const gc = collectGarbage();
    gc();
    const before = process.memoryUsage().heapUsed;
    // each just under the body cap (the token limit stops it) or far over it (refused unread)
    const bodies = Array.from({ length: 40 }, (_, i) => (i % 2 ? `{ a${i}: ${'__typename '.repeat(11_000)}}` : `{ b${i}: ${'__typename '.repeat(150_000)}}`));
    const answers = await Promise.all(bodies.map((q) => post(api.url, q)));
    for (const res of answers) expect(res.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // the test's own copies of the queries (35 MB) are not what is measured
    bodies.length = 0;
    await new Promise((r) => setTimeout(r, 50));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 2–3 MB here; an unbounded parse cache would keep every query and its tree
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    // the server still answers
    expect((await post(api.url, '{ inboxBadge }', { authorization: admin.authorization })).body.data).toEqual({ inboxBadge: expect.any(Number) });
  });

  it('many large valid queries from a signed-in key are kept parsed only up to the cache\'s bound in characters', async () => {
    // the cache the server parses through, whichever instance it is: the one these queries reach
    const stored = vi.spyOn(BoundedDocumentCache.prototype, 'set');
    try {
      // each a legal operation of a few tokens, padded by a comment to ~100 KB (under the body cap)
      const queries = Array.from({ length: 70 }, (_, i) => `# ${i} ${'padding '.repeat(12_500)}\n{ inboxBadge }`);
      for (const query of queries) {
        expect(query.length).toBeLessThan(128 * 1024 - 100);
        expect((await post(api.url, query, { authorization: admin.authorization })).body).toEqual({ data: { inboxBadge: expect.any(Number) } });
      }
      const sent = queries.reduce((sum, q) => sum + q.length, 0);
      const cache = stored.mock.contexts.find((c, i) => stored.mock.calls[i][0] === queries[0]) as BoundedDocumentCache<unknown> | undefined;
      expect(cache, 'the server parses through a BoundedDocumentCache').toBeDefined();
      const hits = queries.filter((q) => cache!.get(q) !== undefined);
      const kept = hits.reduce((sum, q) => sum + q.length, 0);
      expect(sent).toBeGreaterThan(1.5 * cache!.maxChars);
      expect(kept).toBeLessThanOrEqual(cache!.maxChars);
      // it is a cache: the newest queries are there, the oldest gone
      expect(hits).toContain(queries.at(-1));
      expect(hits).not.toContain(queries[0]);
    } finally {
      stored.mockRestore();
    }
  });

  it(`a query over ${LIMITS.tokens} tokens is refused with QUERY_TOO_COMPLEX and a sentence`, async () => {
    const res = await post(api.url, `{ ${'__typename '.repeat(LIMITS.tokens)}}`, { authorization: admin.authorization });
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(res.body.errors?.[0].message).toMatch(/Token limit of 3000 exceeded\. Send a shorter operation/);
  });

  it('a deeply nested query is refused at once, and another key\'s { inboxBadge } answers quickly meanwhile', async () => {
    const started = Date.now();
    const deep = post(api.url, nested(6), { authorization: admin.authorization });
    const badge = post(api.url, '{ inboxBadge }', { authorization: other.authorization }).then((r) => ({ ...r, ms: Date.now() - started }));
    const [refused, answered] = await Promise.all([deep, badge]);
    expect(refused.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.body.errors?.[0].message).toMatch(/(depth|Cost) limit of \d+ exceeded/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answered.body.data).toEqual({ inboxBadge: expect.any(Number) });
    expect(answered.ms).toBeLessThan(2000);
  });

  it(`a query nested more than ${LIMITS.depth} levels deep is refused`, async () => {
    const res = await post(api.url, nested(2), { authorization: admin.authorization });
    expect(res.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0].message).toMatch(/Query depth limit of 10 exceeded, found 15\. Nest selections at most 10 levels deep\./);
  });

  it('many aliases are refused', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `t${i}: channels { id }`).join(' ');
    const res = await post(api.url, `{ ${aliases} }`, { authorization: admin.authorization });
    expect(res.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0].message).toMatch(/Aliases limit of 20 exceeded/);
  });

  it('many directives are refused', async () => {
    const res = await post(api.url, `{ inboxBadge ${'@include(if: true) '.repeat(50)} }`, { authorization: admin.authorization });
    expect(res.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('the cost counts first/last, written inline or passed as variables', async () => {
    const query = 'query($a: Int, $b: Int) { chats(first: $a) { edges { node { messages(last: $b) { edges { node { id text createdAt status direction } } } } } } }';
    const inline = await post(api.url, query.replace('query($a: Int, $b: Int) ', '').replaceAll('$a', '200').replaceAll('$b', '500'), { authorization: admin.authorization });
    expect(inline.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(inline.body.errors?.[0].message).toMatch(/Query Cost limit of 300000 exceeded.*smaller first\/last/);
    const variables = await post(api.url, query, { authorization: admin.authorization }, { a: 200, b: 500 });
    expect(variables.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(variables.body.data ?? null).toBeNull();
    const small = await post(api.url, query, { authorization: admin.authorization }, { a: 5, b: 5 });
    expect(small.body.errors).toBeUndefined();
  });

  it('a signed-out request gets no field suggestions and no introspection; a signed-in one gets both', async () => {
    const typo = await post(api.url, '{ inboxBadg }');
    expect(typo.body.errors?.[0].message).toBe('Cannot query field "inboxBadg" on type "Query".');
    const typoSignedIn = await post(api.url, '{ inboxBadg }', { authorization: admin.authorization });
    expect(typoSignedIn.body.errors?.[0].message).toMatch(/Did you mean "inboxBadge"/);

    const introspection = '{ __schema { queryType { name } } }';
    const stranger = await post(api.url, introspection);
    expect(stranger.body.data ?? null).toBeNull();
    expect(stranger.body.errors?.[0].message).toMatch(/introspection/i);
    const viaCookie = await post(api.url, introspection, { cookie: operatorCookie, 'x-graphql-yoga-csrf': '1' });
    expect(viaCookie.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('a subscription over the socket meets the same limits', async () => {
    const client = openSocket({ url: api.url, authorization: admin.authorization });
    const deep = collect(client, `subscription { inboxEvents { ... on MessageAdded { message { ${nested(4).slice(2, -2)} } } } }`);
    await expect.poll(() => deep.done, { timeout: 5000 }).toBe(true);
    expect(JSON.stringify(deep.error)).toContain('QUERY_TOO_COMPLEX');
    const long = collect(client, `subscription { ${'__typename '.repeat(LIMITS.tokens)}}`);
    await expect.poll(() => long.done, { timeout: 5000 }).toBe(true);
    expect(JSON.stringify(long.error)).toContain('QUERY_TOO_COMPLEX');
    await client.dispose();
  });

  it('a socket message (connection_init included) over 128 KB closes the socket before it is parsed', async () => {
    const ws = new WebSocket(`${api.url.replace('http', 'ws')}/api/graphql`, 'graphql-transport-ws');
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: admin.authorization, padding: 'x'.repeat(200 * 1024) } }));
    expect(await closed).toBe(1009);
  });
});

describe('the time budget of one operation', () => {
  it('an operation past its budget is answered at once with QUERY_TOO_COMPLEX', async () => {
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { slow: Int fast: Int }',
        resolvers: { Query: { slow: () => new Promise((resolve) => setTimeout(() => resolve(1), 1500)), fast: () => 1 } },
      }),
      plugins: [useTimeBudget(200)],
    });
    const ask = async (query: string) => {
      const started = Date.now();
      const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      return { body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }, ms: Date.now() - started };
    };
    const slow = await ask('{ slow }');
    expect(slow.ms).toBeLessThan(1000);
    expect(slow.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(slow.body.errors?.[0].message).toMatch(/took longer than 0.2 s/);
    expect((await ask('{ fast }')).body).toEqual({ data: { fast: 1 } });
  });
});

/** The real timers, for waiting while the test has faked the global ones. */
const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

describe('the time budget on the server as createGraphQLServer builds it', () => {
  let rt: BootedRuntime;
  let api: ServedGraphQL;
  let key: { authorization: string };
  let holder: postgres.Sql;
  let watcher: postgres.Sql;

  beforeAll(async () => {
    rt = await startTestRuntime('postgres');
    const { Admin } = await builtinRoles(rt.deps);
    await makeChannel(rt.deps, { roleIds: [Admin.id] });
    key = await makeApiKey(rt.deps, Admin.id);
    api = await serveGraphQL(rt);
    holder = postgres(rt.database.url!, { max: 1, onnotice: () => {} });
    watcher = postgres(rt.database.url!, { max: 1, onnotice: () => {} });
    // both connections open before the test fakes the clock
    await Promise.all([holder`select 1`, watcher`select 1`]);
  });
  afterAll(async () => {
    await Promise.all([holder?.end({ timeout: 1 }), watcher?.end({ timeout: 1 })]);
    await api?.close();
    await rt?.close();
  });

  it(`an operation stuck on the database for ${LIMITS.timeMs / 1000} s is answered with QUERY_TOO_COMPLEX before the database moves`, async () => {
    expect((await post(api.url, '{ inboxBadge }', key)).body).toEqual({ data: { inboxBadge: 0 } });
    // another transaction holds the chats table (as a long migration would): the badge's count waits
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.begin(async (tx) => {
      await tx`lock table chats in access exclusive mode`;
      locked();
      await released;
    });
    await lockTaken;
    // the budget's clock is faked, so the test need not wait the real seconds
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let answered = false;
      const answer = post(api.url, '{ inboxBadge }', key).finally(() => (answered = true));
      const waiting = async () => (await watcher`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)[0].n as number;
      for (let i = 0; i < 250 && (await waiting()) === 0; i++) await sleep(20);
      expect(await waiting(), 'the operation waits for the locked table').toBe(1);
      vi.advanceTimersByTime(LIMITS.timeMs - 1);
      await sleep(200);
      expect(answered, 'not answered before its budget is spent').toBe(false);
      vi.advanceTimersByTime(1);
      const res = await Promise.race([answer, sleep(5000).then(() => null)]);
      expect(res, 'answered while the database is still stuck').not.toBeNull();
      expect(res!.body.data ?? null).toBeNull();
      expect(res!.body.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
      expect(res!.body.errors?.[0].message).toContain(`took longer than ${LIMITS.timeMs / 1000} s and was stopped`);
      expect(await waiting(), 'the database was still stuck when the answer came').toBe(1);
    } finally {
      vi.useRealTimers();
      release();
      await holding;
    }
    // the database moves again: the same operation answers
    expect((await post(api.url, '{ inboxBadge }', key)).body).toEqual({ data: { inboxBadge: 0 } });
  });
});
