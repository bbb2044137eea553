import { inject } from 'vitest';
import { loadConfig, type Config } from '../../config';
import type { Logger } from '../../domain/deps';
import { bootRuntime, type BootedRuntime } from '../../runtime/boot';
import { createDatabase } from '../harness/postgres';

export type Driver = 'pglite' | 'postgres';
export const DRIVERS: Driver[] = ['pglite', 'postgres'];

export const silentLog: Logger = { info() {}, warn() {}, error() {} };

export const TEST_APP_SECRET = 'test-app-secret';
export const TEST_VERIFY_TOKEN = 'test-verify-token';

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    PORT: '0',
    DATA_DIR: 'memory://',
    META_APP_SECRET: TEST_APP_SECRET,
    META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    META_GRAPH_URL: 'http://127.0.0.1:9/v24.0',
    // suites fire requests far faster than a person: GraphQL limits are off unless a test sets them
    // (tests/security/rate-limits.test.ts); the browser suite runs with the real ones
    RATE_LIMIT_API_KEY: '0',
    RATE_LIMIT_SESSION: '0',
    RATE_LIMIT_SIGNED_OUT: '0',
    RATE_LIMIT_UPLOADS: '0',
    RATE_LIMIT_IN_FLIGHT_API_KEY: '0',
    RATE_LIMIT_IN_FLIGHT_SESSION: '0',
    RATE_LIMIT_IN_FLIGHT_SIGNED_OUT: '0',
    ...overrides,
  });
}

/**
 * A runtime on a fresh database: an in-memory PGlite, or a new database on the PostgreSQL server
 * the vitest global setup started. Jobs don't poll: tests drain them when they choose.
 */
export async function startTestRuntime(driver: Driver, overrides: Record<string, string | undefined> = {}): Promise<BootedRuntime> {
  const databaseUrl = driver === 'postgres' ? await createDatabase(inject('pgUrl')) : undefined;
  return bootRuntime({ config: testConfig({ DATABASE_URL: databaseUrl, ...overrides }), log: silentLog, startJobs: false });
}
