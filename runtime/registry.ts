import type { Deps } from '../domain/deps';
import type { Availability } from './availability';

/**
 * The one runtime of this process, reachable from the custom server's modules and from Next's
 * bundle alike (they are separate module graphs; globalThis is shared).
 */
export interface Runtime {
  deps: Deps;
  /**
   * Runs a GraphQL operation in-process with the caller's credentials, for server components:
   * the same schema, resolvers and access checks as /api/graphql, without an HTTP hop.
   */
  runOperation<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    variables: TVariables,
    credentials: { cookie?: string | null; authorization?: string | null; acceptLanguage?: string | null; userAgent?: string | null },
  ): Promise<{ data?: TResult | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
  /** Whether this process takes webhooks now (not while stopping or while the database is away). */
  availability?: Availability;
}

/** What codegen's client preset produces in string mode (a String carrying its result type). */
export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  __apiType?: (variables: TVariables) => TResult;
}

const KEY = Symbol.for('chats.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime | undefined) {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error('The Chats runtime is not started: run the app with `npm start` (server.ts), not `next start`.');
  return runtime;
}

export function getDeps(): Deps {
  return getRuntime().deps;
}
