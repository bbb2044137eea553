import { CORS_EXPOSED_HEADERS } from '../lib/security/headers';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { buildViewer } from '../auth/viewer';
import { pickLocale } from '../domain/chats/title';
import type { Deps } from '../domain/deps';
import { readCookie } from '../auth/cookies';
import { createContext, type Context } from './context';
import { useSharedLiveResults } from './live-results';
import { maskError, useRequestIds } from './errors';
import { BoundedDocumentCache, noCache, useOperationLimits, useValidationCache } from './limits';
import { schema } from './schema';
import { useUploadGuard } from './upload-guard';
import { useRateLimits } from './rate-limits';

export const GRAPHQL_PATH = '/api/graphql';

export interface ServerContext {
  /** Set by the graphql-ws wiring: the socket's credentials. */
  connectionParams?: Record<string, unknown>;
  /** Set by the graphql-ws wiring: headers of the upgrade request (cookie, accept-language). */
  upgradeHeaders?: Record<string, string | string[] | undefined>;
  /** Set by the graphql-ws wiring: a socket is only ever opened with valid credentials. */
  signedIn?: boolean;
}

/** The header a browser must send with a cookie-authenticated request (the UI's client does). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * A page on another site can make the browser send the operator's cookie with a form or a
 * `no-cors` fetch, but not with a custom header or a JSON body (those need a CORS preflight, which
 * only CORS_ORIGINS pass). Requests with an API key carry no ambient credentials and need neither.
 */
function useCookieCSRFPrevention(): Plugin {
  const prevention = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse(payload) {
      if (payload.request.headers.has('authorization') || !payload.request.headers.has('cookie')) return;
      return prevention.onRequestParse!(payload);
    },
  };
}

/** Only the configured origins get CORS headers, each exactly; any other origin gets none. */
function corsFor(allowed: string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.includes(origin)) return false as const;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', CSRF_HEADER],
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    };
  };
}

/** Characters of query text Yoga keeps parsed (and validated): about 8 MB of heap at most. */
const DOCUMENT_CACHE_CHARS = 4_000_000;

export type GraphQLServer = YogaServerInstance<ServerContext, Context>;

export interface GraphQLServerOptions {
  /** false: no operation limits, CSRF prevention or bounded cache (only for bench/graphql-limits.ts). */
  limits?: boolean;
}

/** One Yoga for HTTP and WebSocket alike; the context is built the same way for both. */
export function createGraphQLServer(deps: Deps, options: GraphQLServerOptions = {}): GraphQLServer {
  const limits = options.limits ?? true;
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: process.env.NODE_ENV !== 'production',
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    logging: false,
    plugins: [useRateLimits(deps), useGraphQlJit(), useSharedLiveResults(), useRequestIds(deps.log), useUploadGuard(deps), ...(limits ? [useCookieCSRFPrevention(), ...useOperationLimits(deps), useValidationCache()] : [])],
    // with limits, validation is cached by useValidationCache (after the rules are added)
    parserAndValidationCache: limits ? { documentCache: new BoundedDocumentCache(DOCUMENT_CACHE_CHARS), errorCache: noCache, validationCache: false } : true,
    cors: corsFor(deps.config.corsOrigins),
    // files come inline (GraphQL multipart): room for a message's files (MAX_REQUEST_BYTES), checked
    // one by one later; every other body is held to MAX_OPERATION_BYTES: both by the upload guard
    maxRequestBodySize: false,
    context: async (initial) => {
      const header = (name: string) => {
        const fromUpgrade = initial.upgradeHeaders?.[name];
        if (fromUpgrade !== undefined) return Array.isArray(fromUpgrade) ? fromUpgrade.join(', ') : fromUpgrade;
        return initial.request?.headers.get(name) ?? null;
      };
      const params = initial.connectionParams ?? {};
      const authorization =
        (typeof params.authorization === 'string' ? params.authorization : null) ??
        (typeof params.Authorization === 'string' ? params.Authorization : null) ??
        header('authorization');
      const cookie = header('cookie');
      const viewer = await buildViewer(deps.db, { authorization, cookie });
      return createContext(deps, viewer, pickLocale(header('accept-language'), readCookie(cookie, 'NEXT_LOCALE')), { authorization, cookie });
    },
  });
}
