/**
 * A minimal stand-in for our webhook route, for tests of the fakes and of the client: it keeps
 * each POST's exact bytes and headers, answers a status you choose, and performs the GET
 * handshake with a verify token.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyMetaHandshake } from '../../channels/meta/signature';
import { readBody } from './fake-utils';

export interface RecordedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact bytes received. */
  raw: Buffer;
  text: string;
}

export interface WebhookRecorder {
  url: string;
  received: RecordedWebhook[];
  /** Answer the next `times` POSTs with this status (default: 200). */
  respondNext(status: number, times?: number): void;
  /** Hold the next POST's answer this long (to trip the sender's timeout). */
  delayNext(ms: number): void;
  /** Resolves once at least `count` POSTs have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<RecordedWebhook[]>;
  stop(): Promise<void>;
}

export async function startWebhookRecorder(options: { verifyToken?: string; path?: string } = {}): Promise<WebhookRecorder> {
  const received: RecordedWebhook[] = [];
  const statuses: number[] = [];
  const delays: number[] = [];
  const waiters: Array<() => void> = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://recorder');
    if (req.method === 'GET') {
      const result = verifyMetaHandshake(url.searchParams, options.verifyToken ?? '');
      res.writeHead(result.ok ? 200 : 403, { 'content-type': 'text/plain' });
      res.end(result.ok ? result.challenge : 'Forbidden');
      return;
    }
    const raw = await readBody(req);
    received.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, raw, text: raw.toString('utf8') });
    for (const wake of waiters.splice(0)) wake();
    const delay = delays.shift();
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (res.destroyed) return;
    res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' });
    res.end('EVENT_RECEIVED');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${options.path ?? '/webhooks/messenger'}`,
    received,
    respondNext(status, times = 1) {
      for (let i = 0; i < times; i++) statuses.push(status);
    },
    delayNext(ms) {
      delays.push(ms);
    },
    async waitFor(count, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`webhook recorder: expected ${count} POSTs, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received.slice(0, count);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
