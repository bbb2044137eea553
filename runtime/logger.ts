import pino from 'pino';
import type { Logger } from '../domain/deps';

/**
 * What never reaches a log line: credentials, platform tokens, and what customers wrote or sent.
 * Paths are pino's (`*` is one level of any key).
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'accessToken',
  'token',
  'payload',
  'text',
  'body',
  'variables',
  'headers.authorization',
  'headers.cookie',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.accessToken',
  '*.access_token',
  '*.token',
  '*.apiKey',
  '*.payload',
  '*.text',
  '*.body',
  '*.variables',
  '*.params',
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * A failed SQL statement (drizzle's DrizzleQueryError) carries its parameters, which are the rows
 * being written: a customer's message, a token. Only the statement and the database's reason are
 * kept; the same for a wrapped cause.
 */
export function scrubError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 3) return error;
  const e = error as Error & { query?: unknown; params?: unknown; cause?: unknown };
  const withParams = 'params' in e && typeof e.query === 'string';
  const copy = Object.create(Object.getPrototypeOf(e)) as Error & Record<string, unknown>;
  for (const key of Object.keys(e)) if (key !== 'params' && key !== 'parameters') copy[key] = (e as unknown as Record<string, unknown>)[key];
  copy.name = e.name;
  copy.message = withParams ? `Failed query: ${e.query}` : e.message;
  copy.stack = withParams ? `${copy.message}\n${(e.stack ?? '').split('\n').slice(2).join('\n')}` : e.stack;
  if (e.cause !== undefined) copy.cause = scrubError(e.cause, depth + 1);
  return copy;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: (error: unknown) => pino.stdSerializers.err(scrubError(error) as Error) },
    },
    destination,
  );
}
