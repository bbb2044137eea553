import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createGraphQLSockets } from '../../graphql/ws';
import type { BootedRuntime } from '../../runtime/boot';

export interface SocketOptions {
  url: string;
  authorization?: string;
  cookie?: string;
  origin?: string;
}

/** A graphql-ws client as a browser or an integrator would open it (cookie/Origin or a key). */
export function openSocket(options: SocketOptions): Client {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  class HeaderWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url: options.url.replace(/^http/, 'ws') + '/api/graphql',
    webSocketImpl: HeaderWebSocket,
    connectionParams: options.authorization ? { authorization: options.authorization } : undefined,
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Collected<T> {
  events: T[];
  error?: unknown;
  done: boolean;
  stop(): void;
}

export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): Collected<T> {
  const state: Collected<T> = { events: [], done: false, stop: () => {} };
  state.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => void state.events.push(value.data as T),
      error: (error) => {
        state.error = error;
        state.done = true;
      },
      complete: () => void (state.done = true),
    },
  );
  return state;
}

/** The GraphQL endpoint over HTTP and sockets on a free port, mounted as the custom server does. */
export async function serveGraphQL(rt: BootedRuntime) {
  const sockets = createGraphQLSockets(rt.yoga, rt.deps);
  const http = createServer((req, res) => void rt.yoga(req, res));
  http.on('upgrade', (req, socket, head) => void (sockets.handleUpgrade(req, socket, head) || socket.destroy()));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async close() {
      await sockets.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
