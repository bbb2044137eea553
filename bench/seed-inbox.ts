import postgres from 'postgres';
import { createApiKeyRecord } from '../auth/api-keys';
import { ensureBuiltinRoles } from '../domain/employees/create-employee';
import { bootRuntime, type BootedRuntime } from '../runtime/boot';
import { createDatabase, startPostgres } from '../tests/harness/postgres';
import { silentLog, testConfig } from '../tests/helpers/runtime';

/**
 * A fresh database for a benchmark (on BENCH_DATABASE_URL, or on a PostgreSQL started for the run),
 * the runtime on it, and a raw connection for seeding and for plain SQL timings. `durable`: the
 * started server keeps PostgreSQL's default fsync and synchronous commit, for benchmarks whose
 * figure depends on what a commit costs.
 */
export async function openBenchDatabase(options: { durable?: boolean } = {}) {
  const { server, url } = await benchDatabaseUrl(options.durable);
  const rt = await bootRuntime({ config: testConfig({ DATABASE_URL: url }), log: silentLog, startJobs: false });
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  return {
    rt,
    raw,
    url,
    async close() {
      await raw.end();
      await rt.close();
      await server?.stop();
    },
  };
}

async function benchDatabaseUrl(durable = false) {
  const server = process.env.BENCH_DATABASE_URL ? null : await startPostgres({ durable });
  const url = process.env.BENCH_DATABASE_URL ?? (await createDatabase(server!.url));
  return { server, url };
}

/**
 * The whole app as `npm start` serves it (the production build, on a fresh database as above),
 * with a raw connection for seeding. For benchmarks of pages.
 */
export async function openBenchServer() {
  const { server, url } = await benchDatabaseUrl();
  const { startServer } = await import('../server');
  const app = await startServer({ config: testConfig({ DATABASE_URL: url, LOG_LEVEL: 'warn' }), dev: false, seed: false });
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  return {
    app,
    raw,
    async close() {
      await raw.end();
      await app.stop();
      await server?.stop();
    },
  };
}

/**
 * The benchmarks' inbox: one Messenger page with `chats` chats of `perChat` messages each, newest
 * chat first, written straight with SQL (fast enough for half a million messages).
 */
export async function seedBenchInbox(raw: postgres.Sql, chats: number, perChat: number): Promise<void> {
  await raw.unsafe(`
  insert into channels (id, kind, name, external_id, access_token) values ('00000000-0000-4000-8000-000000000001', 'MESSENGER', 'Bench page', 'bench-page', 't');
  insert into contacts (id, channel_id, external_id, display_name)
    select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001', 'psid' || g, 'Customer ' || g
    from generate_series(1, ${chats}) g;
  insert into chats (id, channel_id, contact_id, unread, awaiting_reply, last_message_at, last_inbound_at)
    select ('00000000-0000-4000-b000-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001',
           ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, g % 3 = 0, g % 2 = 0,
           date_trunc('milliseconds', now() - (g || ' minutes')::interval), now() - (g || ' minutes')::interval
    from generate_series(1, ${chats}) g;
  insert into messages (chat_id, channel_id, direction, status, text, provider_message_id, sent_at)
    select ('00000000-0000-4000-b000-' || lpad(c::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001',
           (case when m % 2 = 0 then 'INBOUND' else 'OUTBOUND' end)::message_direction,
           (case when m % 2 = 0 then 'RECEIVED' else 'READ' end)::message_status,
           'Message ' || m || ' in chat ' || c, 'm_' || c || '_' || m,
           date_trunc('milliseconds', now() - (c || ' minutes')::interval - ((${perChat} - m) || ' seconds')::interval)
    from generate_series(1, ${chats}) c, generate_series(1, ${perChat}) m;
  update chats set last_message_id = (select id from messages where messages.chat_id = chats.id order by sent_at desc, id desc limit 1);
  analyze;
  `);
}

/** What searches look for besides messages: an @username and an E.164 phone on every contact. */
export async function seedBenchProfiles(raw: postgres.Sql): Promise<void> {
  await raw.unsafe(`
  update contacts set username = 'user' || substr(external_id, 5), phone = '+4917600' || lpad(substr(external_id, 5), 5, '0');
  analyze contacts;
  `);
}

/**
 * The benchmark inbox seeded (with profiles when asked) and an admin API key for it: the headers a
 * GraphQL request sends.
 */
export async function prepareBenchInbox(rt: BootedRuntime, raw: postgres.Sql, input: { chats: number; perChat: number; profiles?: boolean }) {
  const roles = await ensureBuiltinRoles(rt.deps.db);
  console.log(`seeding ${input.chats} chats and ${input.chats * input.perChat} messages…`);
  const t0 = performance.now();
  await seedBenchInbox(raw, input.chats, input.perChat);
  if (input.profiles) await seedBenchProfiles(raw);
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const key = await createApiKeyRecord(rt.deps.db, 'bench', roles.Admin.id);
  return { headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } };
}
