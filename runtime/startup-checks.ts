import { isDatabaseUnreachable } from '../db/unreachable';

/** A setting that keeps the process from starting: its sentence is printed alone, no stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Where a URL points, without its credentials: `host:port/path`. */
function whereTo(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '5432')}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'an unreadable address';
  }
}

function reasonOf(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(': ') || String(error);
}

// PostgreSQL refused us rather than being away: bad password or user, no such database
const REFUSED_CODES = new Set(['28P01', '28000', '3D000']);

/** Turns a failure to open or migrate the database at start into a sentence naming DATABASE_URL. */
export function databaseStartupError(url: string, error: unknown): StartupError | undefined {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (isDatabaseUnreachable(error)) {
    return new StartupError(`DATABASE_URL: PostgreSQL at ${whereTo(url)} cannot be reached (${reasonOf(error)}). Check the address and that the server runs.`);
  }
  if (code && REFUSED_CODES.has(code)) {
    return new StartupError(`DATABASE_URL: PostgreSQL at ${whereTo(url)} refused the connection (${reasonOf((error as { cause?: unknown }).cause ?? error)}). Check the user, password and database name.`);
  }
  return undefined;
}

/** Connects to REDIS_URL once and pings it; a wrong or unreachable one stops the start with a sentence. */
export async function checkRedisUrl(url: string, timeoutMs = 3000): Promise<void> {
  const { Redis } = await import('ioredis');
  let redis: InstanceType<typeof Redis>;
  try {
    redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  } catch (error) {
    throw new StartupError(`REDIS_URL: ${reasonOf(error)}. Write it as redis://[user:password@]host:port.`);
  }
  // the socket's own error (ECONNREFUSED...) says more than the "Connection is closed." that follows it
  let socketError: unknown;
  redis.on('error', (error: unknown) => void (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new StartupError(`REDIS_URL: Redis at ${whereTo(url)} cannot be reached (${reasonOf(socketError ?? error)}). Check the address and that the server runs.`);
  } finally {
    redis.disconnect();
  }
}

/** For `npm start` and `npm run worker`: a setting that is wrong ends the process with its sentence and status 1. */
export function exitOnStartupError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof StartupError || message.startsWith('Invalid configuration')) {
    console.error(`Chats could not start.\n${message}`);
    process.exit(1);
  }
  throw error;
}
