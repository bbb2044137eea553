import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { addressBucket, CLIENT_ADDRESS_HEADER } from '../auth/client-address';
import { readCookie, SESSION_COOKIE } from '../auth/cookies';
import type { InFlight, Release } from '../auth/in-flight';
import { rateLimitedMessage, rateLimitedResponse, secondsUntil, type Limit } from '../auth/rate-limits';
import { gateKeyOf } from '../auth/refused';
import { hashToken } from '../auth/tokens';
import { buildViewer, type Credentials, type Viewer } from '../auth/viewer';
import type { Deps } from '../domain/deps';

/**
 * Rate limits per API key, per session, and per client address for anyone signed out: an HTTP
 * request is counted before its body is read and answered 429 with Retry-After; each operation on
 * a socket is counted too and answered with a RATE_LIMITED error. File uploads count twice: as a
 * request, and against the smaller upload limit.
 *
 * What is allowed then takes its turn: only a few operations of one identity run at once
 * (RATE_LIMIT_IN_FLIGHT_*), the next ones wait in a short queue of their own, and beyond it they
 * are refused like the others (Retry-After: 1). So a key's allowance of heavy queries, which
 * arrives together at the start of each window, is spread out instead of occupying the event loop
 * that everybody else's requests need. An HTTP request holds its turn until its response is
 * ready; a socket operation until its result is; a subscription once it has started, not at all.
 *
 * Credentials refused by their limit a moment ago are flooding: what they are still allowed runs
 * in the background, one at a time and only while nobody else's operation runs (auth/priority.ts),
 * and until their window ends they are refused again before Yoga (http/rate-limit-gate.ts).
 * An API key or signed-out address that keeps coming back before its Retry-After is blocked for
 * RATE_LIMIT_FLOOD_BLOCK_SECONDS (Limit.strike), refused by the limit itself and by the gate.
 */
export function useRateLimits(deps: Deps): Plugin {
  /** Counts an operation; answers its turn (a release) when it may run, else the seconds to wait. */
  const admit = async (viewer: Viewer | null, credentials: Credentials, address: string | null, opts: { upload: boolean; turn: boolean }): Promise<Release | number> => {
    const { limit, inFlight, key } = bucketOf(deps, viewer, credentials, address);
    const { refused, priority } = deps.limits;
    const gateKey = gateKeyOf(credentials, address);
    const until = await limit.takeUntil(key);
    if (until !== null) {
      // the same credentials are turned away before Yoga until the window ends (http/rate-limit-gate.ts);
      // coming back before then is a strike, and a key that keeps doing it is blocked for a while
      refused.note(gateKey, until, () => limit.strike(key).catch(failedStrike));
      return secondsUntil(until);
    }
    const wait = opts.upload && viewer ? await deps.limits.uploads.take(key) : null;
    if (wait !== null) return wait;
    if (!opts.turn) return noTurn;
    const turn = await inFlight.enter(key);
    if (!turn) return 1;
    // a flooding key's allowance runs when nobody else's operation does (auth/priority.ts)
    const run = refused.flooding(gateKey) ? await priority.background() : priority.foreground();
    return () => {
      run();
      turn();
    };
  };
  const failOpen = (err: unknown) => {
    deps.log.error({ err }, 'rate limit check failed; the request was let through');
    return noTurn;
  };
  const failedStrike = (err: unknown) => {
    deps.log.error({ err }, 'counting a flooding strike failed; the key was not blocked');
    return null;
  };
  /** The turns of HTTP requests still being answered. */
  const turns = new WeakMap<Request, Release>();

  return {
    async onRequest({ request, endResponse, fetchAPI, requestHandler, setRequestHandler }) {
      if (request.method === 'OPTIONS') return;
      const credentials = { authorization: request.headers.get('authorization'), cookie: request.headers.get('cookie') };
      const upload = request.method === 'POST' && !!request.headers.get('content-type')?.toLowerCase().includes('multipart/form-data');
      const admitted = await buildViewer(deps.db, credentials)
        .then((viewer) => admit(viewer, credentials, request.headers.get(CLIENT_ADDRESS_HEADER), { upload, turn: true }))
        .catch(failOpen);
      if (typeof admitted === 'number') return endResponse(rateLimitedResponse(admitted, fetchAPI.Response));
      if (admitted === noTurn) return;
      // the turn ends with the response (onResponse), or when the handler fails
      turns.set(request, admitted);
      setRequestHandler(async (req, ctx) => {
        try {
          return await requestHandler(req, ctx);
        } catch (err) {
          admitted();
          throw err;
        }
      });
    },
    onResponse({ request }) {
      turns.get(request)?.();
      turns.delete(request);
    },
    // HTTP requests were counted in onRequest: only a socket's operations wait for a promise here
    onExecute({ args, setResultAndStopExecution }) {
      if (!onSocket(args.contextValue)) return;
      return socketOperation(args.contextValue, true).then((admitted) => {
        if (typeof admitted === 'number') return setResultAndStopExecution(rateLimitedResult(admitted));
        if (admitted === noTurn) return;
        return { onExecuteDone: () => admitted() };
      });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      if (!onSocket(args.contextValue)) return;
      return socketOperation(args.contextValue, false).then((admitted) => {
        if (typeof admitted === 'number') setResultAndStopExecution(rateLimitedResult(admitted));
      });
    },
  };

  /** An operation arriving on a socket (HTTP requests were counted in onRequest). */
  function socketOperation(context: unknown, turn: boolean): Promise<Release | number> {
    const ctx = context as { upgradeHeaders: Record<string, string | string[] | undefined>; viewer?: Viewer | null; credentials?: Credentials };
    const address = ctx.upgradeHeaders[CLIENT_ADDRESS_HEADER];
    return admit(ctx.viewer ?? null, ctx.credentials ?? {}, typeof address === 'string' ? address : null, { upload: false, turn }).catch(failOpen);
  }
}

const onSocket = (context: unknown) => !!(context as { upgradeHeaders?: unknown } | undefined)?.upgradeHeaders;

/** Let through without taking a turn (not counted, or the check failed). */
const noTurn: Release = () => {};

function bucketOf(deps: Deps, viewer: Viewer | null, credentials: Credentials, address: string | null): { limit: Limit; inFlight: InFlight; key: string } {
  const { limits } = deps;
  if (viewer?.kind === 'apiKey') return { limit: limits.apiKey, inFlight: limits.inFlight.apiKey, key: viewer.id };
  const session = viewer && readCookie(credentials.cookie, SESSION_COOKIE);
  if (session) return { limit: limits.session, inFlight: limits.inFlight.session, key: hashToken(session) };
  return { limit: limits.signedOut, inFlight: limits.inFlight.signedOut, key: addressBucket(address) };
}

function rateLimitedResult(retryAfter: number) {
  return { errors: [createGraphQLError(rateLimitedMessage(retryAfter), { extensions: { code: 'RATE_LIMITED', retryAfter } })] };
}
