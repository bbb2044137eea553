import type { SQL } from 'drizzle-orm';
import type { Executor } from './client';

/** What a drizzle database or transaction on postgres.js holds at run time (not in its types). */
interface PostgresJsInternals {
  dialect?: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session?: {
    client?: { unsafe?(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]> };
    logger?: { logQuery(query: string, params: unknown[]): void };
  };
}

/**
 * Runs a hand-written statement and returns its rows, whichever driver runs it (postgres.js answers
 * an array, PGlite `{ rows }`). On postgres.js the statement is prepared once per connection and
 * reused: drizzle sends every statement unprepared, which costs a second round trip each time
 * (Parse and Describe, then Bind and Execute). Used for the few fixed statements on hot paths
 * (a webhook's, claiming jobs), whose text never varies, so the prepared set stays small.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const internals = db as unknown as PostgresJsInternals;
  const unsafe = internals.session?.client?.unsafe;
  if (unsafe && internals.dialect) {
    const { sql, params } = internals.dialect.sqlToQuery(query);
    internals.session!.logger?.logQuery(sql, params);
    return (await unsafe.call(internals.session!.client, sql, params, { prepare: true })) as T[];
  }
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}
