/** Errors an operator or integrator can act on; GraphQL maps `code` to `extensions.code`. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'SEND_BLOCKED' | 'UNAUTHENTICATED' | 'PLATFORM_UNREACHABLE';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new DomainError('BAD_USER_INPUT', message, details);
export const forbidden = (message = 'You do not have access to this. Ask an admin to grant your role access.') =>
  new DomainError('FORBIDDEN', message);
/** Missing and hidden alike: the caller cannot tell a thing it may not see from one that doesn't exist. */
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found. It may have been deleted, or the id is wrong.`);
