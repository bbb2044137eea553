import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

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

/**
 * Errors a user can act on keep their sentence and get `extensions.code`; anything else is masked
 * so no stack trace or provider JSON reaches a client.
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
    if (!error.originalError || error.originalError instanceof GraphQLError) return error;
  }
  return createGraphQLError(message, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
