/**
 * Plumbing every fake server shares: a settable clock, real HTTP on 127.0.0.1, background work that
 * `stop()` waits for and cancels, and request body reading / parsing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isObject } from '../../channels/http';

export { isObject };

/** Waits, unless the fake is stopped first (its AbortSignal), so no timer outlives a test. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------
// Clock

export interface FakeClock {
  now(): number;
  set(time: number | Date): void;
  advance(ms: number): void;
}

/**
 * Without `now` the clock runs with real time (shifted by set/advance), as the platforms' clocks do;
 * with `now` (ms or Date) it stands still, so window edges can be hit to the millisecond.
 */
export function createFakeClock(now?: number | Date): FakeClock {
  const frozen = now !== undefined;
  let base = frozen ? +now : 0;
  return {
    now: () => (frozen ? base : Date.now() + base),
    set: (time: number | Date) => {
      base = frozen ? +time : +time - Date.now();
    },
    advance: (ms: number) => {
      base += ms;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Background work (webhooks in flight)

export interface FakeLifecycle {
  /** Aborted by `shutdown`: cancels waits, retries and outgoing requests. */
  signal: AbortSignal;
  /** Registers work in flight (a webhook, an echo) so `idle` and `shutdown` wait for it; returns the promise. */
  track<T>(promise: Promise<T>): Promise<T>;
  /** Resolves once every tracked promise (and any it started) has settled. */
  idle(): Promise<void>;
  /** Aborts, waits for the work in flight, then closes the server. */
  shutdown(server: LocalServer): Promise<void>;
}

export function createFakeLifecycle(): FakeLifecycle {
  const life = new AbortController();
  const pending = new Set<Promise<unknown>>();
  const idle = async (): Promise<void> => {
    while (pending.size) await Promise.all([...pending]);
  };
  return {
    signal: life.signal,
    track<T>(promise: Promise<T>): Promise<T> {
      const settled = promise.catch(() => undefined);
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
      return promise;
    },
    idle,
    async shutdown(server) {
      life.abort();
      await idle();
      await server.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface LocalServer {
  server: Server;
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/** Serves `handle` on a free port of 127.0.0.1; a handler that throws answers 500 with the error text. */
export async function serveLocally(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<LocalServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The whole request body, as sent. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file part of a multipart body (Send API `filedata`, WhatsApp media `file`, Telegram uploads). */
export interface UploadedFile {
  upload: true;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export function isUpload(value: unknown): value is UploadedFile {
  return isObject(value) && value.upload === true;
}

/** A form value that looks like a JSON object or array is decoded (APIs take nested params that way); anything else stays text. */
export function maybeJson(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A multipart/form-data body as fields: file parts become UploadedFile, text parts go through
 * `field` (e.g. maybeJson). Throws when the body is not valid multipart.
 */
export async function parseMultipart(
  raw: Buffer,
  contentType: string,
  field: (value: string) => unknown = (value) => value,
): Promise<Record<string, unknown>> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form) {
    fields[key] =
      typeof value === 'string'
        ? field(value)
        : ({ upload: true, fileName: value.name, mimeType: value.type, bytes: new Uint8Array(await value.arrayBuffer()) } satisfies UploadedFile);
  }
  return fields;
}

/** An application/x-www-form-urlencoded body; values that look like JSON objects or arrays are decoded. */
export function parseUrlEncoded(text: string): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) form[key] = maybeJson(value);
  return form;
}

/** A body for a call log: uploads summarised as `{ fileName, mimeType, size }` instead of their bytes. */
export function describeUploads<T>(body: T): T {
  if (!isObject(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, isUpload(value) ? { fileName: value.fileName, mimeType: value.mimeType, size: value.bytes.byteLength } : value]),
  ) as T;
}
