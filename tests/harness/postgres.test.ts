import postgres from 'postgres';
import { expect, inject, test } from 'vitest';
import { createDatabase } from './postgres';

test('global setup provides a PostgreSQL 15 server with per-file databases', async () => {
  const url = await createDatabase(inject('pgUrl'));
  expect(new URL(url).pathname).toMatch(/^\/test_/);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string; db: string }[]>`select version(), current_database() as db`;
    expect(row.version).toMatch(/^PostgreSQL 15\./);
    expect(`/${row.db}`).toBe(new URL(url).pathname);
  } finally {
    await sql.end({ timeout: 5 });
  }
});
