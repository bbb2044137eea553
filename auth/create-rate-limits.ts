import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Logger } from '../domain/deps';
import { createInFlight } from './in-flight';
import { createPriority } from './priority';
import { createRefusedCredentials } from './refused';
import { secondsUntil, type Backoff, type Limit, type RateLimits } from './rate-limits';

const PREFIX = 'chats:rl:';
/** How long a flooding key's blocks are remembered, and how often a repeat block doubles at most (60 s → 16 min). */
const REPEAT_MEMORY_SECONDS = 3600;
const MAX_DOUBLINGS = 4;
const unlimited: Limit = { take: async () => null, takeUntil: async () => null, strike: async () => null };

/**
 * The limits of this process: in memory, or in Redis when REDIS_URL is set so several processes
 * count together. Should Redis go away, each process keeps counting on its own until it is back.
 */
export function createRateLimits(config: Config, log: Logger): RateLimits {
  const { rateLimits: limits } = config;
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : null;

  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const options = { keyPrefix: PREFIX + name, points, duration };
    if (!redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: redis,
      // refused keys are remembered here too, so a flood costs no round trip to Redis
      inMemoryBlockOnConsumed: points,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };

  const limit = (name: string, points: number, windowSeconds = limits.windowSeconds, penalised = false): Limit => {
    if (points <= 0) return unlimited;
    const l = limiter(name, points, windowSeconds);
    const takeUntil = (key: string) => consumeOrWait(l, key);
    const take = async (key: string) => {
      const until = await takeUntil(key);
      return until === null ? null : secondsUntil(until);
    };
    const { strikes, blockSeconds } = limits.flood;
    if (!penalised || strikes <= 0) return { take, takeUntil, strike: async () => null };
    // strikes are counted like everything else (in Redis when it is set), over ten windows
    const struck = limiter(`${name}:strikes`, strikes, windowSeconds * 10);
    // a key blocked within the hour is a repeat: its first strike blocks it again, each time twice as long
    const blocks = limiter(`${name}:blocks`, Number.MAX_SAFE_INTEGER, REPEAT_MEMORY_SECONDS);
    const strike = async (key: string) => {
      const [{ consumedPoints }, before] = await Promise.all([struck.consume(key).catch(refusedOrThrow), blocks.get(key)]);
      if (!before?.consumedPoints && consumedPoints < strikes) return null;
      const { consumedPoints: times } = await blocks.consume(key);
      const seconds = blockSeconds * 2 ** Math.min(times - 1, MAX_DOUBLINGS);
      // refused by the limit itself until the block ends: every process and the gate in front of Yoga see it
      await Promise.all([l.block(key, seconds), struck.delete(key)]);
      return Date.now() + seconds * 1000;
    };
    return { take, takeUntil, strike };
  };

  const backoff = (name: string, free: number, windowSeconds: number): Backoff => {
    const failures = limiter(`${name}:failures`, Number.MAX_SAFE_INTEGER, windowSeconds);
    const waits = limiter(`${name}:wait`, 1, 1);
    return {
      async waiting(key) {
        const state = await waits.get(key);
        return state && state.consumedPoints > 1 && state.msBeforeNext > 0 ? seconds(state.msBeforeNext) : null;
      },
      async fail(key) {
        const { consumedPoints } = await failures.consume(key);
        if (consumedPoints <= free) return null;
        const wait = Math.min(2 ** Math.min(consumedPoints - free - 1, 30), limits.signInMaxDelaySeconds);
        await waits.block(key, wait);
        return wait;
      },
      async forget(key) {
        await Promise.all([failures.delete(key), waits.delete(key)]);
      },
    };
  };

  return {
    // a flooding API key or signed-out address is blocked for a while; a session never (an operator's inbox is our own client)
    apiKey: limit('api-key', limits.apiKey, limits.windowSeconds, true),
    session: limit('session', limits.session),
    signedOut: limit('signed-out', limits.signedOut, limits.windowSeconds, true),
    inFlight: {
      apiKey: createInFlight(limits.inFlight.apiKey, limits.inFlight.queue),
      session: createInFlight(limits.inFlight.session, limits.inFlight.queue),
      signedOut: createInFlight(limits.inFlight.signedOut, limits.inFlight.queue),
    },
    refused: createRefusedCredentials(),
    priority: createPriority(limits.inFlight.apiKey > 0 || limits.inFlight.session > 0 || limits.inFlight.signedOut > 0),
    uploads: limit('uploads', limits.uploads),
    signIn: limit('sign-in', limits.signIn, 60),
    // an account's run of wrong passwords is forgotten after a quiet day; an address's after an hour
    signInByAccount: backoff('sign-in:account', limits.signInFreeFailures, 24 * 3600),
    // an office behind one address makes more honest typos than one person
    signInByAddress: backoff('sign-in:address', limits.signInFreeFailures * 4, 3600),
    shared: redis !== null,
    async ready(timeoutMs = 5000) {
      if (!redis || redis.status === 'ready') return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), timeoutMs);
        const done = (ok: boolean) => {
          clearTimeout(timer);
          redis.off('ready', onReady);
          resolve(ok);
        };
        const onReady = () => done(true);
        redis.once('ready', onReady);
      });
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

function connectRedis(url: string, log: Logger): Redis {
  // no offline queue: while Redis is unreachable a limit answers from memory at once instead of waiting
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let warned = 0;
  redis.on('error', (err: Error) => {
    if (Date.now() - warned < 60_000) return;
    warned = Date.now();
    log.warn({ err: err.message }, 'Redis for rate limits is unreachable; each process counts on its own until it is back');
  });
  return redis;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Null while under the limit, else the epoch ms at which the key's window ends. */
async function consumeOrWait(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (refused) {
    return Date.now() + refusedOrThrow(refused).msBeforeNext;
  }
}

/** A limiter's refusal is its answer (the count, the time left); anything else is a failure. */
function refusedOrThrow(refused: unknown): RateLimiterRes {
  if (refused instanceof RateLimiterRes) return refused;
  throw refused;
}
