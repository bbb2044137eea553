import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Messenger, Instagram (through Facebook Login) and WhatsApp all live on graph.facebook.com, while
 * each has its own fake here. This stands in for the one host: it hands every call to the fake
 * that issued the call's token (the Facebook Login dialog and code exchange carry no token and go
 * to the Instagram fake). Bodies and headers pass through untouched, signatures included.
 */
export async function startGraphRouter(routes: { byToken: (token: string) => string | undefined; login: string; fallback: string }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://router');
    const token = url.searchParams.get('access_token') ?? bearer(req) ?? url.searchParams.get('fb_exchange_token');
    const loginCall = /\/(dialog\/oauth|oauth\/access_token)$/.test(url.pathname);
    const target = new URL((token && routes.byToken(token)) ?? (loginCall ? routes.login : routes.fallback));
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.writeHead(502).end(String(error)));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function bearer(req: IncomingMessage): string | undefined {
  return req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
}
