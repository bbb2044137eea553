import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKeyRecord } from '../../auth/api-keys';
import type { Database } from '../../db/client';
import { messages } from '../../db/schema';
import { ensureBuiltinRoles } from '../../domain/employees/create-employee';
import { createDatabase } from '../harness/postgres';
import { messengerDelivery, openPageDatabase, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { collect, openSocket } from '../helpers/ws-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function requestHead(delivery: { body: string; signature: string }) {
  return (
    'POST /api/webhooks/meta HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `X-Hub-Signature-256: ${delivery.signature}\r\nContent-Length: ${Buffer.byteLength(delivery.body)}\r\n\r\n`
  );
}

function connectionRefused(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(Number(new URL(url).port), '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', () => resolve(true));
  });
}

describe('stopping a web process (SIGTERM)', () => {
  let database: Database;
  let server: ServerProcess;
  let apiKey: string;
  const pageId = '630000000000001';

  beforeAll(async () => {
    const url = await createDatabase(inject('pgUrl'));
    database = await openPageDatabase(url, pageId);
    const roles = await ensureBuiltinRoles(database.db);
    apiKey = await createApiKeyRecord(database.db, 'integrator', roles.Admin.id);
    server = await startServerProcess({ DATABASE_URL: url });
  }, 180_000);

  afterAll(async () => {
    await server?.signal('SIGKILL');
    await database?.close();
  });

  it('finishes the webhook in flight, refuses the next with 503, closes sockets with a reconnect code and exits 0', async () => {
    const live = openSocket({ url: server.url, authorization: `Bearer ${apiKey}` });
    const sub = collect(live, 'subscription { inboxEvents { __typename } }');
    await sleep(500);
    expect(sub.done).toBe(false);

    // one connection: a webhook whose body is still coming when the signal arrives, then another behind it
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (b) => void (answer += b.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const inFlight = messengerDelivery(pageId, 'm_in_flight');
    const late = messengerDelivery(pageId, 'm_late');
    socket.write(requestHead(inFlight) + inFlight.body.slice(0, 20));
    await sleep(500);

    const signalledAt = Date.now();
    const exited = server.signal('SIGTERM');
    // the process has begun to stop once it takes no new connections
    await expect.poll(() => connectionRefused(server.url), { timeout: 10_000, interval: 50 }).toBe(true);
    socket.write(inFlight.body.slice(20) + requestHead(late) + late.body);
    await closed;

    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1)).toEqual([503]);
    expect(answer).toMatch(/retry-after: \d+/i);
    await expect.poll(() => sub.done, { timeout: 5000 }).toBe(true);
    // 1012 Service Restart: graphql-ws clients reconnect on it (4401, 4403... they don't)
    expect((sub.error as { code?: number }).code).toBe(1012);

    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    const stored = await database.db.select({ id: messages.providerMessageId }).from(messages);
    expect(stored.map((m) => m.id)).toEqual(['m_in_flight']);
  }, 60_000);
});
