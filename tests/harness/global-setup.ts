/**
 * Vitest globalSetup: one PostgreSQL server for the whole run (starting one per
 * test file would cost ~1-2s each). Test files read its admin URL with
 * `inject('pgUrl')` and make their own database with createDatabase().
 * Set TEST_DATABASE_URL to use an existing server instead.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server; pass to createDatabase(). */
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgUrl', external);
    return;
  }
  const server = await startPostgres();
  project.provide('pgUrl', server.url);
  return () => server.stop();
}
