import { existsSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_PATH } from '../../graphql/yoga';
import { createRateLimitGate, type RateLimitGate, type RateLimitGateOptions } from '../../http/rate-limit-gate';
import type { BootedRuntime } from '../../runtime/boot';
import { startServer, type AppServer } from '../../server';
import { builtinRoles, makeApiKey } from '../helpers/factories';
import { startTestRuntime, testConfig } from '../helpers/runtime';
import { serveBehindGate } from './serve';

const QUERY = JSON.stringify({ query: '{ inboxBadge }' });

/**
 * /api/graphql over real HTTP as server.ts mounts it: the gate first, then Yoga (counted, to see
 * which requests reached it).
 */
describe('credentials over their rate limit are refused before Yoga', () => {
  let rt: BootedRuntime;
  let served: Awaited<ReturnType<typeof serveBehindGate>>;
  let url: string;
  let roleId: string;
  let gate: RateLimitGate;
  let reachedYoga = 0;
  const useGate = (options: Partial<RateLimitGateOptions>) => (gate = createRateLimitGate(rt.deps.limits.refused, options));

  beforeAll(async () => {
    // two a window, a window of two seconds: long enough to send again inside it
    rt = await startTestRuntime('pglite', { RATE_LIMIT_API_KEY: '2', RATE_LIMIT_WINDOW_SECONDS: '2', RATE_LIMIT_IN_FLIGHT_API_KEY: '2' });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
    served = await serveBehindGate(rt, () => gate, () => reachedYoga++);
    url = served.url;
  });
  afterAll(async () => {
    await served?.close();
    await rt?.close();
  });

  const post = async (authorization: string, signal?: AbortSignal) => {
    const t = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: QUERY, signal });
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body, ms: performance.now() - t };
  };
  /** Spends a fresh key's allowance: two answers, then Yoga's own 429. */
  const overLimit = async () => {
    const { authorization } = await makeApiKey(rt.deps, roleId);
    expect((await post(authorization)).status).toBe(200);
    expect((await post(authorization)).status).toBe(200);
    expect((await post(authorization)).status).toBe(429);
    return authorization;
  };

  it('a key refused in this window is refused again before its body is read, without reaching Yoga', async () => {
    useGate({ holdSockets: 0 });
    const authorization = await overLimit();
    const before = reachedYoga;
    // headers and the first bytes of a body that never arrives in full
    const answer = await new Promise<{ res: IncomingMessage; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100000', authorization } });
      req.on('error', reject);
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ res, body });
          req.destroy();
        });
      });
      req.write('{"query":"{ inbox');
    });
    expect(answer.res.statusCode).toBe(429);
    expect(Number(answer.res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(answer.body).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: Number(answer.res.headers['retry-after']) });
    expect(reachedYoga).toBe(before);
    // another key is answered as usual
    const other = await makeApiKey(rt.deps, roleId);
    expect((await post(other.authorization)).body.data).toEqual({ inboxBadge: 0 });
  });

  it('a key that sends again before its Retry-After gets that 429 only when its window ends, while another key is answered at once', async () => {
    useGate({ holdMs: 1000 });
    const authorization = await overLimit();
    const other = await makeApiKey(rt.deps, roleId);
    const [held, answered] = await Promise.all([post(authorization), post(other.authorization)]);
    expect(held.status).toBe(429);
    expect(held.retryAfter).toBe('1');
    expect(held.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    // held to the end of the two-second window, at most one second
    expect(held.ms).toBeGreaterThanOrEqual(900);
    expect(answered.status).toBe(200);
    expect(answered.ms).toBeLessThan(held.ms / 2);
    expect(gate.held()).toBe(0);
  });

  it('at most the configured number of answers are held at once, the rest are refused at once, and a client that gives up frees its place', async () => {
    useGate({ holdSockets: 2, holdMs: 1000 });
    const authorization = await overLimit();
    const giveUp = new AbortController();
    const first = post(authorization, giveUp.signal).catch(() => null);
    const second = post(authorization);
    await new Promise((r) => setTimeout(r, 100));
    expect(gate.held()).toBe(2);
    const beyond = await Promise.all([post(authorization), post(authorization)]);
    expect(beyond.map((a) => a.status)).toEqual([429, 429]);
    for (const a of beyond) expect(a.ms).toBeLessThan(600);
    giveUp.abort();
    await first;
    await new Promise((r) => setTimeout(r, 50));
    expect(gate.held()).toBe(1);
    expect((await second).status).toBe(429);
    expect(gate.held()).toBe(0);
  });
});

describe('the server as npm start runs it', () => {
  let app: AppServer;

  beforeAll(async () => {
    if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (npm test does it first).');
    app = await startServer({ config: testConfig({ RATE_LIMIT_SIGNED_OUT: '1', RATE_LIMIT_WINDOW_SECONDS: '2', LOG_LEVEL: 'warn' }), dev: false, seed: false });
  });
  afterAll(() => app?.stop());

  it('signed out and over the limit, a request sent again before its Retry-After is answered 429 at the window\'s end, its body never read', async () => {
    const url = `${app.url}${GRAPHQL_PATH}`;
    const send = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(429);
    const t = performance.now();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100000' } });
      req.on('error', reject);
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode);
          req.destroy();
        });
      });
      req.write('{"query":"{ inbox');
    });
    expect(status).toBe(429);
    expect(performance.now() - t).toBeGreaterThanOrEqual(800);
  });
});
