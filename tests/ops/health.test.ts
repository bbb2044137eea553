import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKeyRecord } from '../../auth/api-keys';
import { getDeps } from '../../runtime/registry';
import { startServer, type AppServer } from '../../server';
import { createDatabase } from '../harness/postgres';
import { startRedis, type RedisServer } from '../harness/redis';
import { builtinRoles, makeChannel } from '../helpers/factories';
import { testConfig } from '../helpers/runtime';
import { deliver, messengerDelivery } from '../helpers/server-process';
import { collect, openSocket } from '../helpers/ws-client';

const TOKEN = 'metrics-token-for-tests';

/** The value of one sample line of Prometheus text, e.g. `chats_live_subscribers`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-z_]+)(?:\{(.*)\})? (.+)$/);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe('health, readiness and metrics', () => {
  let app: AppServer;
  let redis: RedisServer;
  let pageId: string;
  let apiKey: string;

  beforeAll(async () => {
    if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (npm test does it first).');
    redis = await startRedis();
    const databaseUrl = await createDatabase(inject('pgUrl'));
    app = await startServer({ config: testConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url, METRICS_TOKEN: TOKEN }), dev: false, seed: false });
    const deps = getDeps();
    const roles = await builtinRoles(deps);
    pageId = (await makeChannel(deps, {})).externalId;
    apiKey = await createApiKeyRecord(deps.db, 'integrator', roles.Admin.id);
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  it('/api/health answers 200 while the process lives, /api/ready 200 when PostgreSQL and Redis answer and migrations are applied', async () => {
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, database: 'ok', redis: 'ok' });
  });

  it('/api/metrics is refused without METRICS_TOKEN and shows ingest, jobs, live subscribers and published events with it', async () => {
    expect((await fetch(`${app.url}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);

    const live = openSocket({ url: app.url, authorization: `Bearer ${apiKey}` });
    const sub = collect(live, 'subscription { inboxEvents { __typename } }');
    await new Promise((r) => setTimeout(r, 300));
    expect((await deliver(app.url, messengerDelivery(pageId, 'm_metrics_1'))).status).toBe(200);
    expect((await deliver(app.url, messengerDelivery(pageId, 'm_metrics_1'))).status).toBe(200);
    await expect.poll(() => sub.events.length, { timeout: 5000 }).toBeGreaterThan(0);

    const response = await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'chats_webhook_requests_total', { provider: 'meta', status: '200' })).toBe(2);
    expect(sample(text, 'chats_webhook_duration_seconds_count', { provider: 'meta' })).toBe(2);
    expect(sample(text, 'chats_webhook_events_total', { outcome: 'stored' })).toBe(1);
    expect(sample(text, 'chats_webhook_events_total', { outcome: 'duplicate' })).toBe(1);
    expect(sample(text, 'chats_live_subscribers')).toBe(1);
    expect(sample(text, 'chats_events_published_total', { type: 'MessageAdded' })).toBeGreaterThanOrEqual(1);
    // the message queued its jobs (profile, history): counted by state from the database
    expect(text).toMatch(/^chats_jobs\{state="[A-Z]+",priority="[^"]*"\} \d+$/m);
    expect(sample(text, 'chats_database_up')).toBe(1);

    sub.stop();
    await live.dispose();
    await expect
      .poll(async () => sample(await (await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text(), 'chats_live_subscribers'), { timeout: 5000 })
      .toBe(0);
  });

  it('/api/ready is 503 while a migration this code ships is not applied', async () => {
    const { db } = getDeps();
    const [newest] = (await db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`)) as unknown as {
      id: number;
      hash: string;
      created_at: string;
    }[];
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${newest.id}`);
    try {
      const ready = await fetch(`${app.url}/api/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, database: 'migrations pending' });
    } finally {
      await db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${newest.id}, ${newest.hash}, ${newest.created_at})`);
    }
    expect((await fetch(`${app.url}/api/ready`)).status).toBe(200);
  });

  it('/api/ready is 503 when Redis does not answer, while /api/health stays 200', async () => {
    await redis.stop();
    const startedAt = Date.now();
    const ready = await fetch(`${app.url}/api/ready`);
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, database: 'ok', redis: 'unreachable' });
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});
