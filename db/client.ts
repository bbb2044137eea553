import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { lockDataDir } from './pglite-lock';
import { surviveDriverWriteAfterClose } from './survive-driver-crash';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Counts SQL statements sent, for the benchmark and for query-count tests. */
  statements: { count: number };
  /** The PostgreSQL URL: migrations run on a connection of their own, without the statement timeout. */
  url?: string;
  /**
   * `select 1` on a connection of its own, so a busy pool is not taken for an unreachable server;
   * rejects when the database does not answer.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
}

/** Seconds to open a connection to PostgreSQL before the attempt fails. */
export const CONNECT_TIMEOUT_SECONDS = 2;
/** The longest one SQL statement may run (PostgreSQL cancels it); migrations run without it. */
export const STATEMENT_TIMEOUT_MS = 15_000;

const MIGRATION_LOCK = 20_190_001;

export const migrationsFolder = path.join(path.dirname(new URL(import.meta.url).pathname), 'migrations');

/** Opens the database. Never call at import time: PGlite must have exactly one owner. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = { count: 0 };
  const logger = { logQuery: () => void statements.count++ };
  if (options.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    surviveDriverWriteAfterClose();
    const client = postgres(options.databaseUrl, {
      max: 10,
      onnotice: () => {},
      // fail fast (docs/decisions/019): an unreachable server is an error within seconds, not a
      // request parked behind reconnects that back off up to 20 s
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      connection: { statement_timeout: STATEMENT_TIMEOUT_MS, idle_in_transaction_session_timeout: 4 * STATEMENT_TIMEOUT_MS },
    });
    const db = drizzle(client, { schema, logger }) as unknown as Db;
    // opened at the first ping, so a process that never probes holds no extra connection
    let probe: ReturnType<typeof postgres> | undefined;
    return {
      db,
      driver: 'postgres',
      statements,
      url: options.databaseUrl,
      async ping() {
        probe ??= postgres(options.databaseUrl!, { max: 1, onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_SECONDS, backoff: () => 0.1 });
        await probe`select 1`;
      },
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), probe?.end({ timeout: 1 })]);
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  // trigram indexes find chats by any part of a name, phone or message (migration 0008)
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = options.dataDir ?? './.data';
  let dataDir = dir;
  let release = () => {};
  if (!dir.startsWith('memory://')) {
    dataDir = path.resolve(dir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let client;
  try {
    client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzle(client, { schema, logger }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    statements,
    ping: async () => void (await client.query('select 1')),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.driver === 'postgres' && database.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const client = postgres(database.url, { max: 1, onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_SECONDS });
    try {
      // several processes starting at once (web + worker): one migrates, the others wait and find it done
      await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.end({ timeout: 5 });
    }
  } else if (database.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(database.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder });
  }
}
