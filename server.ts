import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import next from 'next';
import { markClientAddress } from './auth/client-address';
import { loadConfig, type Config } from './config';
import { DEMO_ADMIN, seedDemoIfEmpty } from './domain/seed/seed-demo';
import { GRAPHQL_PATH } from './graphql/yoga';
import { createGraphQLSockets } from './graphql/ws';
import { API_CSP, baseSecurityHeaders } from './lib/security/headers';
import { bootRuntime } from './runtime/boot';
import { withLocalSecrets } from './runtime/local-secrets';
import { createOpsRoutes, sendGraphQLUnavailable } from './http/health';
import { sendWebhookRefused } from './http/webhook-guard';
import { serveWebhook, webhookHandler } from './http/webhook-routes';
import { createRateLimitGate } from './http/rate-limit-gate';
import { observeWebhook, webhookProviderOf } from './runtime/metrics';
import { exitOnStartupError } from './runtime/startup-checks';

/** How long a stopping server lets in-flight requests and the running job finish before it cuts them. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface AppServer {
  url: string;
  /** True when this start loaded the demo data into an empty database. */
  seededDemo: boolean;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: Config;
  dev?: boolean;
  seed?: boolean;
  /** Folder holding the Next app (and its .next build). */
  dir?: string;
}

/** One process, one port: Next pages, GraphQL over HTTP and WebSocket, and the webhooks. */
export async function startServer(options: StartOptions = {}): Promise<AppServer> {
  const config = options.config ?? loadConfig();
  const runtime = await bootRuntime({ config, register: true });
  const seededDemo = options.seed ? await seedDemoIfEmpty(runtime.deps) : false;

  const dev = options.dev ?? process.env.NODE_ENV === 'development';
  const app = next({ dev, dir: options.dir ?? process.cwd(), port: config.port, hostname: 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();
  const nextUpgrade = app.getUpgradeHandler();
  const sockets = createGraphQLSockets(runtime.yoga, runtime.deps);
  let stopping: Promise<void> | undefined;
  const ops = createOpsRoutes(runtime, { stopping: () => stopping !== undefined });
  // credentials already over their rate limit are refused before Yoga, their body unread
  const rateLimitGate = createRateLimitGate(runtime.deps.limits.refused, { corsOrigins: config.corsOrigins });

  const baseHeaders = Object.entries(baseSecurityHeaders(config.publicUrl));
  const server = createServer((req, res) => {
    markClientAddress(req, config.trustProxy);
    const path = (req.url ?? '/').split('?')[0];
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    // data, not pages: nothing may run in or frame them (pages get theirs with a nonce from proxy.ts;
    // GraphiQL in development loads its own scripts)
    if (path.startsWith('/api/') && !(dev && path === GRAPHQL_PATH)) res.setHeader('Content-Security-Policy', API_CSP);
    if (path === GRAPHQL_PATH && rateLimitGate(req, res)) return;
    if (path === GRAPHQL_PATH && req.method !== 'OPTIONS' && !runtime.availability.databaseUp()) return sendGraphQLUnavailable(res);
    if (path === GRAPHQL_PATH) return void runtime.yoga(req, res);
    if (ops.handle(req, res, path)) return;
    const provider = webhookProviderOf(path);
    if (provider) {
      const started = performance.now();
      res.once('finish', () => observeWebhook(provider, res.statusCode, (performance.now() - started) / 1000));
      // stopping, or the database away: refused before Next, the platform delivers again later
      const refusal = runtime.availability.refusal();
      if (refusal && req.method === 'POST') return sendWebhookRefused(res, refusal);
      const webhook = webhookHandler(path);
      if (webhook) return void serveWebhook(req, res, webhook, runtime);
    }
    void handle(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    markClientAddress(req, config.trustProxy);
    if (sockets.handleUpgrade(req, socket, head)) return;
    if ((req.url ?? '').startsWith('/_next/')) return void nextUpgrade(req, socket, head);
    socket.destroy();
  });

  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const port = (server.address() as AddressInfo).port;
  // PORT=0 picks a free port; the demo Graph API and simulator need the real one
  config.port = port;
  runtime.deps.log.info({ port, database: runtime.database.driver }, 'chats is listening');

  const stop = () =>
    (stopping ??= (async () => {
      // stop taking new work (webhooks on open connections get 503, readiness turns false), close
      // live sockets with a code clients reconnect on, then let in-flight requests and jobs finish
      runtime.availability.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await sockets.close();
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      await closed;
      await app.close?.();
      await ops.close();
      await runtime.close();
    })());
  return { url: `http://localhost:${port}`, port, server, stop, seededDemo };
}

/** `npm start` / `tsx server.ts`: serve until SIGTERM or SIGINT, then drain and exit. */
export async function main() {
  const started = await (async () => {
    const config = loadConfig(withLocalSecrets(process.env));
    return startServer({ config, seed: process.env.SEED_DEMO !== '0' });
  })().catch(exitOnStartupError);
  console.log(`\nChats is running at http://localhost:${started.port}`);
  if (started.seededDemo) console.log(`Demo data loaded: sign in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // a drain that cannot finish (a job stuck on a platform) must not keep the process forever
      setTimeout(() => {
        console.error(`Chats did not stop within ${(2 * SHUTDOWN_GRACE_MS) / 1000} s; exiting anyway.`);
        process.exit(1);
      }, 2 * SHUTDOWN_GRACE_MS).unref();
      void started.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return started;
}

if (process.argv[1]?.endsWith('/server.ts')) await main();
