import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { isAllowedOrigin } from '../auth/origin';
import { buildViewer, onAccessEnded, sessionTokenHashOf, type Credentials, type EndedAccess } from '../auth/viewer';
import type { Deps } from '../domain/deps';
import { subscriberClosed, subscriberOpened } from '../runtime/metrics';
import { sendLiveResultsTo } from './live-results';
import { MAX_OPERATION_BYTES } from './upload-guard';
import { GRAPHQL_PATH, type GraphQLServer } from './yoga';

// Yoga's enveloped execute/subscribe, carried to graphql-ws through rootValue
type Run = (args: ExecutionArgs) => ReturnType<NonNullable<ServerOptions['execute']>>;
type EnvelopedRoot = { execute: Run; subscribe: Run };

export interface GraphQLSockets {
  /** Takes an upgrade for our path; returns false for any other path so Next can have it. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/** graphql-ws on the same path and the same Yoga as HTTP, so auth and limits apply alike. */
export function createGraphQLSockets(yoga: GraphQLServer, deps: Deps, options: { recheckMs?: number } = {}): GraphQLSockets {
  // every message (connection_init included) is capped like an HTTP body: a larger frame closes
  // the socket with 1009 before it is buffered whole or parsed
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_OPERATION_BYTES });
  const ended = endSocketsOnLostAccess(deps, options.recheckMs ?? RECHECK_MS);
  const server = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === 'string' ? params.authorization : null;
        const cookie = ctx.extra.request.headers.cookie;
        const viewer = await buildViewer(deps.db, { authorization, cookie });
        // refuse the socket outright: graphql-ws closes it with 4403 Forbidden
        if (!viewer) return false;
        ended.track(ctx.extra.socket, {
          credentials: { authorization, cookie },
          sessionTokenHash: viewer.kind === 'employee' ? sessionTokenHashOf({ authorization, cookie }) : null,
          employeeId: viewer.employeeId,
          apiKeyId: viewer.kind === 'apiKey' ? viewer.id : null,
        });
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          connectionParams: ctx.connectionParams,
          upgradeHeaders: ctx.extra.request.headers,
          signedIn: true,
          params: payload,
        });
        let document: ExecutionArgs['document'];
        try {
          document = parse(payload.query);
        } catch (error) {
          // a syntax error or a limit (tokens) answers this operation; the socket stays open
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (!errors.length) subscriberOpened();
        const next = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
        sendLiveResultsTo(args.contextValue as object, (payloadJson) => send(ctx.extra.socket, `${next}${payloadJson}}`));
        return errors.length ? errors : args;
      },
      onComplete: () => subscriberClosed(),
    },
    wss,
    10_000,
  );

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== GRAPHQL_PATH) return false;
      if (!isAllowedOrigin(request.headers.origin, request.headers.host, deps.config.publicUrl)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return true;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      return true;
    },
    async close() {
      ended.stop();
      // 1012 Service Restart: graphql-ws clients reconnect (to another process, or this one once it is back)
      const closing = [...wss.clients].map((client) => new Promise((resolve) => client.once('close', resolve)));
      for (const client of wss.clients) client.close(1012, 'Server restarting');
      // let the close frames reach the clients (a terminated socket reads as 1006 to them)
      await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      await server.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Below this many bytes waiting in a socket's buffer, a live event is written without waiting for the write. */
const WRITE_AHEAD_BYTES = 64 * 1024;

/**
 * A graphql-ws message written as graphql-ws does (nothing to a closing socket), except that a
 * socket keeping up is not waited for; one falling behind is, so its next events wait in its own
 * queue, not in memory here.
 */
function send(socket: WebSocket, message: string): Promise<void> | void {
  if (socket.readyState !== socket.OPEN) return;
  holdWritesThisTurn(socket);
  if (socket.bufferedAmount < WRITE_AHEAD_BYTES) return void socket.send(message);
  return new Promise((resolve, reject) => socket.send(message, (error) => (error ? reject(error) : resolve())));
}

/**
 * Live events handed out in one turn of the event loop (a burst of webhooks) go to each socket in
 * one system call: its TCP socket is corked on the first write and uncorked once the turn is over.
 */
const held = new Set<Duplex>();
function holdWritesThisTurn(socket: WebSocket) {
  // ws keeps the TCP socket in `_socket`; it corks it itself around each frame's header and body
  const tcp = (socket as unknown as { _socket?: Duplex | null })._socket;
  if (!tcp || held.has(tcp)) return;
  if (!held.size) setImmediate(releaseWrites);
  held.add(tcp);
  tcp.cork();
}
function releaseWrites() {
  for (const tcp of held) tcp.uncork();
  held.clear();
}

interface SocketOwner {
  credentials: Credentials;
  sessionTokenHash: string | null;
  employeeId: string | null;
  apiKeyId: string | null;
}

/** A change made by another server process reaches this one's sockets within this time. */
const RECHECK_MS = 30_000;

/**
 * Sign-out, deactivation and key revocation close the owner's sockets at once (4401: graphql-ws
 * clients don't retry it); in other processes, the periodic re-check finds it.
 */
function endSocketsOnLostAccess(deps: Deps, recheckMs: number) {
  const owners = new Map<WebSocket, SocketOwner>();
  const end = (socket: WebSocket) => {
    owners.delete(socket);
    socket.close(4401, 'Unauthorized: signed out, deactivated or key revoked');
  };
  const matches = (owner: SocketOwner, ended: EndedAccess) =>
    ('sessionTokenHash' in ended && owner.sessionTokenHash === ended.sessionTokenHash) ||
    ('employeeId' in ended && owner.employeeId === ended.employeeId) ||
    ('apiKeyId' in ended && owner.apiKeyId === ended.apiKeyId);
  const stopListening = onAccessEnded((ended) => {
    for (const [socket, owner] of owners) if (matches(owner, ended)) end(socket);
  });
  const recheck = setInterval(async () => {
    for (const [socket, owner] of owners) {
      // the database could not say (a hiccup): the socket stays until the next check, and the reason is logged
      const viewer = await buildViewer(deps.db, owner.credentials).catch((error: unknown) => {
        deps.log.warn({ err: error }, 'socket access re-check failed; trying again at the next check');
        return undefined;
      });
      if (viewer === null && owners.has(socket)) end(socket);
    }
  }, recheckMs);
  recheck.unref();
  const stop = () => {
    clearInterval(recheck);
    stopListening();
  };
  return {
    track(socket: WebSocket, owner: SocketOwner) {
      owners.set(socket, owner);
      socket.once('close', () => owners.delete(socket));
    },
    stop,
  };
}
