import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CLIENT_ADDRESS_HEADER, markClientAddress } from '../../auth/client-address';
import { createRateLimits } from '../../auth/create-rate-limits';
import { createSession } from '../../domain/employees/sessions';
import { buildViewer } from '../../auth/viewer';
import { GRAPHQL_PATH } from '../../graphql/yoga';
import { createGraphQLSockets, type GraphQLSockets } from '../../graphql/ws';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeEmployee } from '../helpers/factories';
import { silentLog, startTestRuntime, testConfig } from '../helpers/runtime';
import { pngFile } from '../helpers/upload';
import { startRedis, type RedisServer } from '../harness/redis';

const QUERY = '{ inboxBadge }';
const WINDOW = '1';

/** A GraphQL request through Yoga in-process, as it arrives from server.ts (client address set). */
async function post(rt: BootedRuntime, headers: Record<string, string>, body: BodyInit = JSON.stringify({ query: QUERY })) {
  const res = await rt.yoga.fetch(`http://localhost${GRAPHQL_PATH}`, {
    method: 'POST',
    headers: typeof body === 'string' ? { 'content-type': 'application/json', ...headers } : headers,
    body,
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rate limits on GraphQL', () => {
  let rt: BootedRuntime;
  let roleId: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', {
      RATE_LIMIT_WINDOW_SECONDS: WINDOW,
      RATE_LIMIT_API_KEY: '3',
      RATE_LIMIT_SESSION: '3',
      RATE_LIMIT_SIGNED_OUT: '2',
      RATE_LIMIT_UPLOADS: '1',
    });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
  });
  afterAll(() => rt?.close());

  it('an API key over its limit is answered 429 with Retry-After and RATE_LIMITED, and answered again after the window', async () => {
    const { authorization } = await makeApiKey(rt.deps, roleId);
    for (let i = 0; i < 3; i++) expect((await post(rt, { authorization })).status).toBe(200);
    const refused = await post(rt, { authorization });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: Number(refused.retryAfter) });
    await sleep(Number(refused.retryAfter) * 1000 + 100);
    const again = await post(rt, { authorization });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ inboxBadge: 0 });
  });

  it('a key that floods is refused while another key still gets answers', async () => {
    const flooder = await makeApiKey(rt.deps, roleId);
    const other = await makeApiKey(rt.deps, roleId);
    const flood = await Promise.all(Array.from({ length: 20 }, () => post(rt, { authorization: flooder.authorization })));
    expect(flood.filter((r) => r.status === 429)).toHaveLength(17);
    const answer = await post(rt, { authorization: other.authorization });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ inboxBadge: 0 });
  });

  it('each session has its own limit, even of the same employee', async () => {
    const { employee, cookie } = await makeEmployee(rt.deps, roleId);
    const second = (await createSession(rt.deps.db, employee.id))!;
    for (let i = 0; i < 3; i++) expect((await post(rt, { cookie })).status).toBe(200);
    expect((await post(rt, { cookie })).status).toBe(429);
    expect((await post(rt, { cookie: `chats_session=${second.token}` })).status).toBe(200);
  });

  it('signed-out requests are limited per client address, and made-up keys count as signed out', async () => {
    const here = { [CLIENT_ADDRESS_HEADER]: '203.0.113.7' };
    expect((await post(rt, here)).status).toBe(200);
    expect((await post(rt, { ...here, authorization: 'Bearer chk_made_up_1' })).status).toBe(200);
    const refused = await post(rt, { ...here, authorization: 'Bearer chk_made_up_2' });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect((await post(rt, { [CLIENT_ADDRESS_HEADER]: '203.0.113.8' })).status).toBe(200);
    // one IPv6 subscriber owns a whole /64: rotating through it does not help
    expect((await post(rt, { [CLIENT_ADDRESS_HEADER]: '2001:db8:1:2::1' })).status).toBe(200);
    expect((await post(rt, { [CLIENT_ADDRESS_HEADER]: '2001:db8:1:2:ffff::9' })).status).toBe(200);
    expect((await post(rt, { [CLIENT_ADDRESS_HEADER]: '2001:db8:1:2:aaaa:bbbb:cccc:dddd' })).status).toBe(429);
  });

  it('uploads have their own, smaller limit', async () => {
    const { authorization } = await makeApiKey(rt.deps, roleId);
    const upload = () => {
      const form = new FormData();
      form.set('operations', JSON.stringify({ query: 'mutation($f: File) { __typename }', variables: { f: null } }));
      form.set('map', JSON.stringify({ 0: ['variables.f'] }));
      form.set('0', pngFile());
      return post(rt, { authorization }, form);
    };
    expect((await upload()).status).toBe(200);
    const refused = await upload();
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // other requests of the same key are still answered
    expect((await post(rt, { authorization })).status).toBe(200);
  });

  it('a client cannot choose its own address: the server overwrites what it claims', () => {
    const req = { headers: { [CLIENT_ADDRESS_HEADER]: '198.51.100.1', 'x-forwarded-for': '198.51.100.2' }, socket: { remoteAddress: '192.0.2.10' } };
    markClientAddress(req as never, 0);
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe('192.0.2.10');
    // behind one trusted proxy, the address that proxy appended (not what the client put before it)
    const proxied = { headers: { 'x-forwarded-for': '198.51.100.2, 192.0.2.77' }, socket: { remoteAddress: '10.0.0.1' } } as { headers: Record<string, string> };
    markClientAddress(proxied as never, 1);
    expect(proxied.headers[CLIENT_ADDRESS_HEADER]).toBe('192.0.2.77');
  });
});

describe('rate limits on graphql-ws', () => {
  let rt: BootedRuntime;
  let server: Server;
  let sockets: GraphQLSockets;
  let url: string;
  let roleId: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { RATE_LIMIT_WINDOW_SECONDS: '30', RATE_LIMIT_API_KEY: '3', RATE_LIMIT_SESSION: '3', RATE_LIMIT_SIGNED_OUT: '3' });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
    // the wiring of server.ts without Next: Yoga for requests, graphql-ws for upgrades
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
    await sockets?.close();
    await new Promise((r) => server?.close(r));
    await rt?.close();
  });

  const run = (client: ReturnType<typeof createClient>, query: string) =>
    new Promise<{ data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
      let result: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] } = {};
      client.subscribe({ query }, { next: (value) => void (result = value as typeof result), error: reject, complete: () => resolve(result) });
    });

  it('every operation on a socket counts, and the one over the limit is answered RATE_LIMITED with retryAfter', async () => {
    const { authorization } = await makeApiKey(rt.deps, roleId);
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await run(client, QUERY)).data).toEqual({ inboxBadge: 0 });
      const refused = await run(client, QUERY);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(refused.errors?.[0].extensions?.retryAfter).toBeGreaterThanOrEqual(1);
      const subscription = await run(client, 'subscription { inboxEvents { __typename } }');
      expect(subscription.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      // the socket itself stays open for when the window has passed
      const other = await makeApiKey(rt.deps, roleId);
      const second = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: other.authorization }, retryAttempts: 0 });
      expect((await run(second, QUERY)).data).toEqual({ inboxBadge: 0 });
      await second.dispose();
    } finally {
      await client.dispose();
    }
  });

  it('HTTP requests and socket operations of one key share its limit', async () => {
    const { authorization } = await makeApiKey(rt.deps, roleId);
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await post(rt, { authorization })).status).toBe(200);
      expect((await run(client, QUERY)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });
});

describe('rate limits in Redis (REDIS_URL)', () => {
  let redis: RedisServer;
  let rt: BootedRuntime;
  let roleId: string;

  beforeAll(async () => {
    redis = await startRedis();
    rt = await startTestRuntime('pglite', { REDIS_URL: redis.url, RATE_LIMIT_WINDOW_SECONDS: '30', RATE_LIMIT_API_KEY: '4' });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
  });
  afterAll(async () => {
    await rt?.close();
    await redis?.stop();
  });

  it('two processes on one Redis count a key together', async () => {
    expect(rt.deps.limits.shared).toBe(true);
    // a second process: its own limiters and its own Redis connection
    const other = createRateLimits(testConfig({ REDIS_URL: redis.url, RATE_LIMIT_WINDOW_SECONDS: '30', RATE_LIMIT_API_KEY: '4' }), silentLog);
    try {
      expect(await other.ready()).toBe(true);
      const { authorization } = await makeApiKey(rt.deps, roleId);
      // an API key's requests are counted under the key's id
      const apiKeyId = (await buildViewer(rt.deps.db, { authorization }))!.id;
      expect((await post(rt, { authorization })).status).toBe(200);
      expect((await post(rt, { authorization })).status).toBe(200);
      expect(await other.apiKey.take(apiKeyId)).toBeNull();
      expect(await other.apiKey.take(apiKeyId)).toBeNull();
      expect((await post(rt, { authorization })).status).toBe(429);
      expect(await other.apiKey.take(apiKeyId)).toBeGreaterThanOrEqual(1);
    } finally {
      await other.close();
    }
  });

  it('sign-in waits are shared too', async () => {
    const other = createRateLimits(testConfig({ REDIS_URL: redis.url, SIGN_IN_FREE_FAILURES: '1' }), silentLog);
    const first = createRateLimits(testConfig({ REDIS_URL: redis.url, SIGN_IN_FREE_FAILURES: '1' }), silentLog);
    try {
      expect(await Promise.all([first.ready(), other.ready()])).toEqual([true, true]);
      expect(await first.signInByAccount.fail('someone@shop.example')).toBeNull();
      expect(await other.signInByAccount.fail('someone@shop.example')).toBe(1);
      expect(await first.signInByAccount.waiting('someone@shop.example')).toBe(1);
    } finally {
      await Promise.all([first.close(), other.close()]);
    }
  });

  it('while Redis is away each process keeps limiting on its own', async () => {
    const { authorization } = await makeApiKey(rt.deps, roleId);
    await redis.stop();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await post(rt, { authorization })).status);
    expect(answers).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
