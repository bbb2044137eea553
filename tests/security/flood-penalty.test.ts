import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../../auth/create-rate-limits';
import { buildViewer } from '../../auth/viewer';
import { GRAPHQL_PATH } from '../../graphql/yoga';
import { createRateLimitGate } from '../../http/rate-limit-gate';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey } from '../helpers/factories';
import { silentLog, startTestRuntime, testConfig } from '../helpers/runtime';
import { startRedis, type RedisServer } from '../harness/redis';
import { serveBehindGate } from './serve';

const QUERY = JSON.stringify({ query: '{ inboxBadge }' });
// two a one-second window; coming back early in two windows (of ten) is flooding, blocked for four seconds
const LIMITS = { RATE_LIMIT_API_KEY: '2', RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_FLOOD_STRIKES: '2', RATE_LIMIT_FLOOD_BLOCK_SECONDS: '4' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Answer = { status: number; retryAfter: number | null; data?: unknown; code?: unknown };

/**
 * /api/graphql over real HTTP as server.ts mounts it: the gate (holding repeats to the window's
 * end), then Yoga.
 */
describe('a key that keeps sending before its Retry-After is blocked for a while', () => {
  let rt: BootedRuntime;
  let served: Awaited<ReturnType<typeof serveBehindGate>>;
  let url: string;
  let roleId: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', LIMITS);
    roleId = (await builtinRoles(rt.deps)).Admin.id;
    const gate = createRateLimitGate(rt.deps.limits.refused);
    served = await serveBehindGate(rt, () => gate);
    url = served.url;
  });
  afterAll(async () => {
    await served?.close();
    await rt?.close();
  });

  const post = async (authorization: string): Promise<Answer> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: QUERY });
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
    const retryAfter = res.headers.get('retry-after');
    return { status: res.status, retryAfter: retryAfter === null ? null : Number(retryAfter), data: body.data, code: body.errors?.[0]?.extensions?.code };
  };
  /** Spends the allowance until a 429; then, if `early`, sends once more before its Retry-After (held to the window's end). */
  const overLimit = async (authorization: string, early: boolean): Promise<Answer> => {
    let answer = await post(authorization);
    while (answer.status === 200) answer = await post(authorization);
    return early ? post(authorization) : answer;
  };

  it('a key that comes back before its Retry-After window after window is refused for the cooling-off period; a key that went over once and another key are answered', async () => {
    const flooder = (await makeApiKey(rt.deps, roleId)).authorization;
    const once = (await makeApiKey(rt.deps, roleId)).authorization;
    const other = (await makeApiKey(rt.deps, roleId)).authorization;

    // the honest one: a burst over its limit, sent all at once (one window, a strike), then it waits as told
    const burst = await Promise.all(Array.from({ length: 6 }, () => post(once)));
    expect(burst.filter((a) => a.status === 200)).toHaveLength(2);
    await sleep(Math.max(...burst.map((a) => a.retryAfter ?? 0)) * 1000 + 50);
    for (let i = 0; i < 2; i++) {
      // goes over again and honours Retry-After: no strike
      const refused = await overLimit(once, false);
      expect(refused.status).toBe(429);
      await sleep(refused.retryAfter! * 1000 + 50);
    }

    // the flooder comes back early in two windows: the second is its last strike
    expect((await overLimit(flooder, true)).retryAfter).toBe(1);
    const struck = await overLimit(flooder, true);
    expect(struck.status).toBe(429);
    expect(struck.code).toBe('RATE_LIMITED');
    // it is told to wait out the cooling-off period, not the one-second window
    expect(struck.retryAfter).toBeGreaterThanOrEqual(2);
    // and refused in the windows after, as long as it lasts
    const blocked = await post(flooder);
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBeGreaterThanOrEqual(1);

    // meanwhile the key that went over once has its whole allowance, and so has another key
    for (const key of [once, once, other, other]) expect((await post(key)).data).toEqual({ inboxBadge: 0 });

    // after the cooling-off period the flooder is answered again
    await sleep(blocked.retryAfter! * 1000 + 50);
    const again = await post(flooder);
    expect(again.status).toBe(200);
    expect(again.data).toEqual({ inboxBadge: 0 });

    // and should it flood again, its first early return blocks it at once, twice as long
    const repeat = await overLimit(flooder, true);
    expect(repeat.status).toBe(429);
    expect(repeat.retryAfter).toBeGreaterThanOrEqual(5);
    expect((await post(other)).data).toEqual({ inboxBadge: 0 });
  }, 20_000);
});

describe('a flooding key blocked in Redis (REDIS_URL)', () => {
  let redis: RedisServer;
  let rt: BootedRuntime;
  let roleId: string;

  beforeAll(async () => {
    redis = await startRedis();
    rt = await startTestRuntime('pglite', { REDIS_URL: redis.url, ...LIMITS });
    roleId = (await builtinRoles(rt.deps)).Admin.id;
  });
  afterAll(async () => {
    await rt?.close();
    await redis?.stop();
  });

  it('is refused by every process for the cooling-off period', async () => {
    const other = createRateLimits(testConfig({ REDIS_URL: redis.url, ...LIMITS }), silentLog);
    try {
      expect(await other.ready()).toBe(true);
      const { authorization } = await makeApiKey(rt.deps, roleId);
      const apiKeyId = (await buildViewer(rt.deps.db, { authorization }))!.id;
      const post = async () => (await rt.yoga.fetch(`http://localhost${GRAPHQL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: QUERY })).status;
      // two windows in which it sends on after its first 429 (through Yoga: no gate in front)
      for (let window = 0; window < 2; window++) {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push(await post());
        expect(statuses).toEqual([200, 200, 429, 429]);
        if (window === 0) await sleep((await other.apiKey.take(apiKeyId))! * 1000 + 50);
      }
      // the strike is counted after the answer: give it a moment
      await sleep(100);
      // the other process, whose own window would have ended by now, is told to wait out the block
      await sleep(1000);
      expect(await other.apiKey.take(apiKeyId)).toBeGreaterThanOrEqual(1);
      expect(await post()).toBe(429);
    } finally {
      await other.close();
    }
  }, 20_000);
});
