import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isAllowedOrigin } from '../auth/origin';
import { buildViewer } from '../auth/viewer';
import type { Deps } from '../domain/deps';
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
export function createGraphQLSockets(yoga: GraphQLServer, deps: Deps): GraphQLSockets {
  // every message (connection_init included) is capped like an HTTP body: a larger frame closes
  // the socket with 1009 before it is buffered whole or parsed
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_OPERATION_BYTES });
  const server = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === 'string' ? params.authorization : null;
        const viewer = await buildViewer(deps.db, { authorization, cookie: ctx.extra.request.headers.cookie });
        // refuse the socket outright: graphql-ws closes it with 4403 Forbidden
        return viewer !== null;
      },
      onSubscribe: async (ctx, _id, payload) => {
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
        return errors.length ? errors : args;
      },
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
      await server.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
