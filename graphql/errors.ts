import { randomUUID } from 'node:crypto';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { isDatabaseUnreachable } from '../db/unreachable';
import type { Logger } from '../domain/deps';

interface DomainLike {
  name: string;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function asDomainError(error: unknown): DomainLike | null {
  const e = error as Partial<DomainLike> | null;
  return e && e.name === 'DomainError' && typeof e.code === 'string' ? (e as DomainLike) : null;
}

/** Our own errors and graphql-js's (syntax, validation, limits) are meant for the client; anything else is a fault. */
function isInternal(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  if (asDomainError(error.originalError)) return false;
  return !!error.originalError && !(error.originalError instanceof GraphQLError);
}

/** The request id an internal error was logged under, for its masked copy. */
const loggedUnder = new WeakMap<object, string>();

/**
 * Errors a user can act on keep their sentence and get `extensions.code`; anything else is masked
 * so no stack trace or provider JSON reaches a client, and carries the request id it was logged
 * under (`extensions.requestId`) so an integrator can quote it.
 */
export function maskError(error: unknown, message: string): Error {
  if (error instanceof GraphQLError) {
    const domain = asDomainError(error.originalError);
    if (domain) {
      return createGraphQLError(domain.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: { ...domain.details, code: domain.code },
      });
    }
    if (!isInternal(error)) return error;
  }
  const requestId = loggedUnder.get(error as object);
  if (isDatabaseUnreachable(error instanceof GraphQLError ? error.originalError : error)) {
    return createGraphQLError('The database cannot be reached right now. Try again in a few seconds.', {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: requestId ? { code: 'SERVICE_UNAVAILABLE', requestId } : { code: 'SERVICE_UNAVAILABLE' },
    });
  }
  return createGraphQLError(message, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: requestId ? { code: 'INTERNAL_SERVER_ERROR', requestId } : { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * Logs the internal errors among `errors` under a new request id (which their masked copies then
 * carry): for operations run in-process, where no Yoga plugin sees them (server components).
 */
export function logInternalErrors(log: Logger, errors: readonly GraphQLError[] | undefined, operationName?: string | null) {
  const requestId = randomUUID();
  for (const error of errors ?? []) {
    if (!isInternal(error)) continue;
    loggedUnder.set(error, requestId);
    log.error({ err: error.originalError ?? error, requestId, operationName, path: error.path?.join('.') }, 'GraphQL operation failed');
  }
}

const requestIds = new WeakMap<Request, string>();

/**
 * Every answer of /api/graphql carries `X-Request-Id`; an operation that fails inside (a bug, the
 * database gone) is logged under that id before its error is masked. Sockets get one id per
 * operation.
 */
export function useRequestIds(log: Logger): Plugin {
  const logFaults = (result: ExecutionResult, requestId: string, operationName: string | null | undefined) => {
    for (const error of result.errors ?? []) {
      if (!isInternal(error)) continue;
      loggedUnder.set(error, requestId);
      const cause = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      log.error({ err: cause, requestId, operationName, path: error.path?.join('.') }, 'GraphQL operation failed');
    }
  };
  const idOf = (context: unknown) => {
    const request = (context as { request?: Request } | undefined)?.request;
    return (request && requestIds.get(request)) ?? randomUUID();
  };
  return {
    onRequest({ request }) {
      requestIds.set(request, randomUUID());
    },
    onResponse({ request, response }) {
      const id = requestIds.get(request);
      if (id) response.headers.set('X-Request-Id', id);
    },
    onExecute({ args }) {
      const requestId = idOf(args.contextValue);
      return {
        onExecuteDone({ result }) {
          if ('errors' in result && result.errors) logFaults(result as ExecutionResult, requestId, args.operationName);
        },
      };
    },
    onSubscribe({ args }) {
      const requestId = idOf(args.contextValue);
      return {
        onSubscribeResult() {
          return { onNext: ({ result }) => logFaults(result as ExecutionResult, requestId, args.operationName) };
        },
      };
    },
  };
}
