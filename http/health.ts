import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import { migrationsFolder } from '../db/client';
import type { BootedRuntime } from '../runtime/boot';
import { metrics, setJobCounts } from '../runtime/metrics';
import { RETRY_AFTER_SECONDS } from '../runtime/availability';

export const HEALTH_PATH = '/api/health';
export const READY_PATH = '/api/ready';
export const METRICS_PATH = '/api/metrics';

/** How long readiness waits for the database or Redis before it says "not ready". */
const CHECK_TIMEOUT_MS = 1500;

type Check = 'ok' | 'unreachable' | 'migrations pending' | 'not configured' | 'stopping';

export interface OpsRoutes {
  /** Answers `/api/health`, `/api/ready` and `/api/metrics`; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  close(): Promise<void>;
}

const within = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
};

/** The newest migration this code ships, as drizzle records it (`created_at` is the journal's `when`). */
function newestMigration(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/** `execute` gives PGlite's `{ rows }` or postgres.js's row list. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? result) as T[];
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * `/api/graphql` while the database is known to be away: the same error a resolver would meet,
 * at once, instead of an operation waiting on a database that does not answer.
 */
export function sendGraphQLUnavailable(res: ServerResponse) {
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS) });
  res.end(JSON.stringify({ errors: [{ message: 'The database cannot be reached right now. Try again in a few seconds.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
}

/**
 * Health, readiness and metrics, served by the custom server itself (not Next), so that a load
 * balancer and Prometheus get answers even while pages are busy or the process is stopping.
 */
export function createOpsRoutes(runtime: BootedRuntime, options: { stopping(): boolean }): OpsRoutes {
  const { config } = runtime.deps;
  const db = runtime.database.db;
  const newest = newestMigration();
  let redis: import('ioredis').Redis | undefined;

  async function redisCheck(): Promise<Check> {
    if (!config.redisUrl) return 'not configured';
    if (!redis) {
      const { Redis } = await import('ioredis');
      // no offline queue: while Redis is away the ping fails at once instead of waiting
      redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: CHECK_TIMEOUT_MS });
      redis.on('error', () => {});
      await within(new Promise((resolve) => redis!.once('ready', resolve)), CHECK_TIMEOUT_MS).catch(() => {});
    }
    try {
      await within(redis.ping(), CHECK_TIMEOUT_MS);
      return 'ok';
    } catch {
      return 'unreachable';
    }
  }

  async function databaseCheck(): Promise<Check> {
    try {
      const result = await within(db.execute(sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`), CHECK_TIMEOUT_MS);
      const last = Number(rowsOf<{ last: string | null }>(result)[0]?.last ?? 0);
      return last >= newest ? 'ok' : 'migrations pending';
    } catch (error) {
      runtime.availability.report(error);
      return 'unreachable';
    }
  }

  async function ready(res: ServerResponse) {
    if (options.stopping()) return send(res, 503, JSON.stringify({ ready: false, database: 'stopping' satisfies Check, redis: 'stopping' satisfies Check }));
    const [database, redisState] = await Promise.all([databaseCheck(), redisCheck()]);
    const ok = database === 'ok' && (redisState === 'ok' || redisState === 'not configured');
    send(res, ok ? 200 : 503, JSON.stringify({ ready: ok, database, redis: redisState }));
  }

  function authorized(req: IncomingMessage): boolean {
    if (!config.metricsToken) return true;
    const given = Buffer.from(req.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${config.metricsToken}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  async function jobCounts() {
    const query = (byPriority: boolean) =>
      db.execute(
        byPriority
          ? sql`select state, priority::text as priority, count(*)::int as count from jobs group by state, priority`
          : sql`select state, count(*)::int as count from jobs group by state`,
      );
    // jobs have a priority once the fair queue is in; until then they are counted by state alone
    const result = await within(query(true), CHECK_TIMEOUT_MS).catch(() => within(query(false), CHECK_TIMEOUT_MS));
    setJobCounts(rowsOf<{ state: string; priority?: string; count: number }>(result));
  }

  async function serveMetrics(req: IncomingMessage, res: ServerResponse) {
    if (!authorized(req)) {
      res.setHeader('www-authenticate', 'Bearer');
      return send(res, 401, 'Send Authorization: Bearer <METRICS_TOKEN>.\n', 'text/plain; charset=utf-8');
    }
    // an unreachable database leaves the job counts as they were; the rest is still served
    await jobCounts().catch(() => {});
    const { registry } = metrics();
    send(res, 200, await registry.metrics(), registry.contentType);
  }

  return {
    handle(req, res, path) {
      if (path !== HEALTH_PATH && path !== READY_PATH && path !== METRICS_PATH) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Use GET.\n', 'text/plain; charset=utf-8');
        return true;
      }
      const answered =
        path === HEALTH_PATH ? Promise.resolve(send(res, 200, JSON.stringify({ status: 'ok' }))) : path === READY_PATH ? ready(res) : serveMetrics(req, res);
      answered.catch((error: unknown) => {
        runtime.deps.log.error({ err: error, path }, 'health route failed');
        if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'internal' }));
      });
      return true;
    },
    async close() {
      redis?.disconnect();
    },
  };
}
