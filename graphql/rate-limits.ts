import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { addressBucket, CLIENT_ADDRESS_HEADER } from '../auth/client-address';
import { readCookie, SESSION_COOKIE } from '../auth/cookies';
import { rateLimitedMessage, rateLimitedResponse, type Limit } from '../auth/rate-limits';
import { hashToken } from '../auth/tokens';
import { buildViewer, type Credentials, type Viewer } from '../auth/viewer';
import type { Deps } from '../domain/deps';

/**
 * Rate limits per API key, per session, and per client address for anyone signed out: an HTTP
 * request is counted before its body is read and answered 429 with Retry-After; each operation on
 * a socket is counted too and answered with a RATE_LIMITED error. File uploads count twice: as a
 * request, and against the smaller upload limit.
 */
export function useRateLimits(deps: Deps): Plugin {
  const overLimit = async (viewer: Viewer | null, credentials: Credentials, address: string | null, upload: boolean) => {
    const { limit, key } = bucketOf(deps, viewer, credentials, address);
    const wait = await limit.take(key);
    if (wait !== null || !upload || !viewer) return wait;
    return deps.limits.uploads.take(key);
  };
  const failOpen = (err: unknown) => {
    deps.log.error({ err }, 'rate limit check failed; the request was let through');
    return null;
  };

  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS') return;
      const credentials = { authorization: request.headers.get('authorization'), cookie: request.headers.get('cookie') };
      const upload = request.method === 'POST' && !!request.headers.get('content-type')?.toLowerCase().includes('multipart/form-data');
      const wait = await buildViewer(deps.db, credentials)
        .then((viewer) => overLimit(viewer, credentials, request.headers.get(CLIENT_ADDRESS_HEADER), upload))
        .catch(failOpen);
      if (wait !== null) endResponse(rateLimitedResponse(wait, fetchAPI.Response));
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const wait = await socketOperationWait(args.contextValue);
      if (wait !== null) setResultAndStopExecution(rateLimitedResult(wait));
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const wait = await socketOperationWait(args.contextValue);
      if (wait !== null) setResultAndStopExecution(rateLimitedResult(wait));
    },
  };

  /** HTTP requests were counted in onRequest; only operations arriving on a socket are counted here. */
  async function socketOperationWait(context: unknown): Promise<number | null> {
    const ctx = context as { upgradeHeaders?: Record<string, string | string[] | undefined>; viewer?: Viewer | null; credentials?: Credentials };
    if (!ctx.upgradeHeaders) return null;
    const address = ctx.upgradeHeaders[CLIENT_ADDRESS_HEADER];
    return overLimit(ctx.viewer ?? null, ctx.credentials ?? {}, typeof address === 'string' ? address : null, false).catch(failOpen);
  }
}

function bucketOf(deps: Deps, viewer: Viewer | null, credentials: Credentials, address: string | null): { limit: Limit; key: string } {
  if (viewer?.kind === 'apiKey') return { limit: deps.limits.apiKey, key: viewer.id };
  const session = viewer && readCookie(credentials.cookie, SESSION_COOKIE);
  if (session) return { limit: deps.limits.session, key: hashToken(session) };
  return { limit: deps.limits.signedOut, key: addressBucket(address) };
}

function rateLimitedResult(retryAfter: number) {
  return { errors: [createGraphQLError(rateLimitedMessage(retryAfter), { extensions: { code: 'RATE_LIMITED', retryAfter } })] };
}
