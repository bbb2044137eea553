import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { markClientAddress } from '../../auth/client-address';
import { buildViewer } from '../../auth/viewer';
import { createGraphQLSockets, type GraphQLSockets } from '../../graphql/ws';
import { CSRF_HEADER, GRAPHQL_PATH } from '../../graphql/yoga';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeEmployee } from '../helpers/factories';
import { startTestRuntime } from '../helpers/runtime';

/**
 * A heavy query, stood in for by `inboxBadge` held for `holdMs` (the real count still runs on the
 * real database): the probe records how many of one viewer's run at the same moment.
 */
const probe = vi.hoisted(() => ({ holdMs: 0, running: new Map<string, number>(), most: new Map<string, number>(), spans: new Map<string, { start: number; end: number }[]>() }));
vi.mock('../../domain/chats/inbox-badge', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../domain/chats/inbox-badge')>();
  return {
    ...real,
    countInboxBadge: async (...args: Parameters<typeof real.countInboxBadge>) => {
      const who = args[1]?.id ?? 'nobody';
      const now = (probe.running.get(who) ?? 0) + 1;
      probe.running.set(who, now);
      probe.most.set(who, Math.max(now, probe.most.get(who) ?? 0));
      const span = { start: performance.now(), end: 0 };
      probe.spans.set(who, [...(probe.spans.get(who) ?? []), span]);
      try {
        await new Promise((r) => setTimeout(r, probe.holdMs));
        return await real.countInboxBadge(...args);
      } finally {
        probe.running.set(who, probe.running.get(who)! - 1);
        span.end = performance.now();
      }
    },
  };
});

const QUERY = '{ inboxBadge }';
const HOLD_MS = 200;

async function post(rt: BootedRuntime, headers: Record<string, string>) {
  const t = performance.now();
  const res = await rt.yoga.fetch(`http://localhost${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body, ms: performance.now() - t };
}

const idOf = async (rt: BootedRuntime, credentials: { authorization?: string; cookie?: string }) => (await buildViewer(rt.deps.db, credentials))!.id;

describe('operations running at once per identity', () => {
  let rt: BootedRuntime;
  let roleId: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', {
      RATE_LIMIT_API_KEY: '100',
      RATE_LIMIT_SESSION: '100',
      RATE_LIMIT_IN_FLIGHT_API_KEY: '2',
      RATE_LIMIT_IN_FLIGHT_QUEUE: '6',
      // the default, as an operator's browser meets it
      RATE_LIMIT_IN_FLIGHT_SESSION: undefined,
    });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
  });
  afterAll(() => rt?.close());
  afterEach(() => {
    probe.holdMs = 0;
  });

  it('a key firing ten heavy queries at once has two running, six waiting their turn, two refused; another key is answered meanwhile', async () => {
    probe.holdMs = HOLD_MS;
    const flooder = await makeApiKey(rt.deps, roleId);
    const other = await makeApiKey(rt.deps, roleId);
    const flooderId = await idOf(rt, flooder);
    const flood = Promise.all(Array.from({ length: 10 }, () => post(rt, { authorization: flooder.authorization })));
    await new Promise((r) => setTimeout(r, HOLD_MS / 2));
    const answer = await post(rt, { authorization: other.authorization });
    const answers = await flood;

    expect(probe.most.get(flooderId)).toBe(2);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(8);
    for (const a of answers.filter((a) => a.status === 200)) expect(a.body.data).toEqual({ inboxBadge: 0 });
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(2);
    expect(refused[0].retryAfter).toBe('1');
    expect(refused[0].body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    // the queue takes four turns of HOLD_MS; the other key waits behind none of them
    expect(Math.max(...answers.map((a) => a.ms))).toBeGreaterThanOrEqual(4 * HOLD_MS - 20);
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(2 * HOLD_MS);
    // every turn was given back: the key runs two at once again
    const again = await Promise.all([post(rt, { authorization: flooder.authorization }), post(rt, { authorization: flooder.authorization })]);
    expect(again.map((a) => a.status)).toEqual([200, 200]);
  });

  it('an operator\'s inbox loading eight queries at once runs them all at once', async () => {
    probe.holdMs = HOLD_MS;
    const { cookie } = await makeEmployee(rt.deps, roleId);
    const id = await idOf(rt, { cookie });
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(rt, { cookie, [CSRF_HEADER]: '1' })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(probe.most.get(id)).toBe(8);
  });
});

describe('a flooding key yields to the others', () => {
  let rt: BootedRuntime;
  let roleId: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { RATE_LIMIT_API_KEY: '3', RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_IN_FLIGHT_API_KEY: '2' });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
  });
  afterAll(() => rt?.close());
  afterEach(() => {
    probe.holdMs = 0;
  });

  it('what a key that just went over its limit is still allowed runs only once no other key\'s operation is running', async () => {
    const flooder = await makeApiKey(rt.deps, roleId);
    const other = await makeApiKey(rt.deps, roleId);
    const flooderId = await idOf(rt, flooder);
    const otherId = await idOf(rt, other);
    const answers = await Promise.all(Array.from({ length: 4 }, () => post(rt, { authorization: flooder.authorization })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429]);
    // the next window: the flooder is allowed again, but waits for the other key's heavy query
    await new Promise((r) => setTimeout(r, 1100));
    probe.holdMs = HOLD_MS;
    const slow = post(rt, { authorization: other.authorization });
    await new Promise((r) => setTimeout(r, HOLD_MS / 4));
    const [flooded, answered] = await Promise.all([post(rt, { authorization: flooder.authorization }), slow]);
    expect(flooded.status).toBe(200);
    expect(answered.status).toBe(200);
    expect(answered.ms).toBeLessThan(2 * HOLD_MS);
    const otherSpan = probe.spans.get(otherId)!.at(-1)!;
    const flooderSpan = probe.spans.get(flooderId)!.at(-1)!;
    expect(flooderSpan.start).toBeGreaterThanOrEqual(otherSpan.end);
  });

  it('a key that never went over its limit runs at once beside others', async () => {
    probe.holdMs = HOLD_MS;
    const first = await makeApiKey(rt.deps, roleId);
    const second = await makeApiKey(rt.deps, roleId);
    const slow = post(rt, { authorization: first.authorization });
    await new Promise((r) => setTimeout(r, HOLD_MS / 4));
    const [a, b] = await Promise.all([post(rt, { authorization: second.authorization }), slow]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const firstSpan = probe.spans.get(await idOf(rt, first))!.at(-1)!;
    const secondSpan = probe.spans.get(await idOf(rt, second))!.at(-1)!;
    expect(secondSpan.start).toBeLessThan(firstSpan.end);
  });
});

describe('operations running at once on graphql-ws', () => {
  let rt: BootedRuntime;
  let server: Server;
  let sockets: GraphQLSockets;
  let url: string;
  let roleId: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { RATE_LIMIT_API_KEY: '100', RATE_LIMIT_IN_FLIGHT_API_KEY: '2', RATE_LIMIT_IN_FLIGHT_QUEUE: '6' });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
    sockets = createGraphQLSockets(rt.yoga, rt.deps);
    server = createServer((req, res) => {
      markClientAddress(req, 0);
      void rt.yoga(req, res);
    });
    server.on('upgrade', (req, socket, head) => {
      markClientAddress(req, 0);
      if (!sockets.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${GRAPHQL_PATH}`;
  });
  afterAll(async () => {
    probe.holdMs = 0;
    await sockets?.close();
    await new Promise((r) => server?.close(r));
    await rt?.close();
  });

  it('a key\'s operations on a socket beyond two wait their turn, and an open subscription takes none', async () => {
    probe.holdMs = HOLD_MS;
    const { authorization } = await makeApiKey(rt.deps, roleId);
    const id = await idOf(rt, { authorization });
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0 });
    const run = (query: string) =>
      new Promise<{ data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
        let result = {};
        client.subscribe({ query }, { next: (value) => void (result = value), error: reject, complete: () => resolve(result) });
      });
    const unsubscribe = client.subscribe({ query: 'subscription { inboxEvents { __typename } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const t = performance.now();
      const answers = await Promise.all(Array.from({ length: 6 }, () => run(QUERY)));
      expect(answers).toEqual(Array(6).fill({ data: { inboxBadge: 0 } }));
      expect(probe.most.get(id)).toBe(2);
      expect(performance.now() - t).toBeGreaterThanOrEqual(3 * HOLD_MS - 20);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });
});
