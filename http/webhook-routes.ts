import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Deps } from '../domain/deps';
import type { Availability } from '../runtime/availability';
import { handleMetaWebhook } from './meta-webhook';
import { handleTelegramWebhook } from './telegram-webhook';
import { guardWebhook } from './webhook-guard';

type Handler = (request: Request, deps: Deps) => Promise<Response>;

/** The handler of a webhook path (`/api/webhooks/meta`, `/whatsapp`, `/telegram/<channel>`), or null. */
export function webhookHandler(path: string): Handler | null {
  if (path === '/api/webhooks/meta' || path === '/api/webhooks/whatsapp') return handleMetaWebhook;
  const telegram = /^\/api\/webhooks\/telegram\/([^/]+)$/.exec(path);
  if (telegram) {
    const channelId = decodeURIComponent(telegram[1]);
    return (request, deps) => handleTelegramWebhook(request, deps, channelId);
  }
  return null;
}

/**
 * Serves a webhook straight from node:http, as server.ts does: Next's router would cost more per
 * request than storing the event does (docs/decisions/029). A POST runs under the webhook guard
 * (503 instead of a hang or a 500 while the database is away); Meta's GET handshake does not.
 */
export async function serveWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  handler: Handler,
  runtime: { deps: Deps; availability?: Availability },
): Promise<void> {
  let response: Response;
  try {
    const request = toRequest(req);
    const run = () => handler(request, runtime.deps);
    response = req.method === 'POST' ? await guardWebhook(runtime.availability, run) : await run();
  } catch (err) {
    runtime.deps.log.error({ err, path: req.url?.split('?')[0] }, 'webhook failed; the platform will deliver it again');
    response = new Response('The event could not be stored; deliver it again.', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': String(body.byteLength) });
  res.end(body);
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  // the path and query only: the Host header is the sender's to choose
  return new Request(`http://localhost${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // @ts-expect-error Node's fetch needs this for a streamed body; the DOM types don't know it
    duplex: 'half',
  });
}
