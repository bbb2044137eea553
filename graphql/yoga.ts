import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { buildViewer } from '../auth/viewer';
import { pickLocale } from '../domain/chats/title';
import type { Deps } from '../domain/deps';
import { readCookie } from '../auth/cookies';
import { createContext, type Context } from './context';
import { maskError } from './errors';
import { schema } from './schema';
import { MAX_REQUEST_BYTES, useUploadGuard } from './upload-guard';
import { useRateLimits } from './rate-limits';

export const GRAPHQL_PATH = '/api/graphql';

export interface ServerContext {
  /** Set by the graphql-ws wiring: the socket's credentials. */
  connectionParams?: Record<string, unknown>;
  /** Set by the graphql-ws wiring: headers of the upgrade request (cookie, accept-language). */
  upgradeHeaders?: Record<string, string | string[] | undefined>;
}

export type GraphQLServer = YogaServerInstance<ServerContext, Context>;

/** One Yoga for HTTP and WebSocket alike; the context is built the same way for both. */
export function createGraphQLServer(deps: Deps): GraphQLServer {
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: process.env.NODE_ENV !== 'production',
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    logging: false,
    plugins: [useRateLimits(deps), useGraphQlJit(), useUploadGuard(deps)],
    // files come inline (GraphQL multipart): room for a message's files, checked one by one later
    maxRequestBodySize: MAX_REQUEST_BYTES,
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
