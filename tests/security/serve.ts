import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { markClientAddress } from '../../auth/client-address';
import { GRAPHQL_PATH } from '../../graphql/yoga';
import { createGraphQLSockets, type GraphQLSockets } from '../../graphql/ws';
import type { RateLimitGate } from '../../http/rate-limit-gate';
import type { BootedRuntime } from '../../runtime/boot';

export interface ServedGraphQL {
  url: string;
  server: Server;
  sockets: GraphQLSockets;
  close(): Promise<void>;
}

/** /api/graphql over real HTTP and WebSocket, as server.ts mounts it (without Next, which these tests don't need). */
export async function serveGraphQL(runtime: BootedRuntime): Promise<ServedGraphQL> {
  const sockets = createGraphQLSockets(runtime.yoga, runtime.deps);
  const server = createServer((req, res) => void runtime.yoga(req, res));
  server.on('upgrade', (req, socket, head) => {
    if (!sockets.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    sockets,
    async close() {
      await sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * /api/graphql over real HTTP as server.ts mounts it: the client address stamped, the rate-limit
 * gate first (asked anew for each request, so a test can swap it), then Yoga; `reachedYoga` is told
 * of each request the gate let through.
 */
export async function serveBehindGate(runtime: BootedRuntime, gate: () => RateLimitGate, reachedYoga = () => {}): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    markClientAddress(req, 0);
    if (gate()(req, res)) return;
    reachedYoga();
    void runtime.yoga(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${GRAPHQL_PATH}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** POSTs an operation as JSON; `headers` adds credentials and the like. */
export async function post(url: string, query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, body };
}
