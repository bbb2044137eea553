import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Deps } from '../domain/deps';
import type { Availability } from '../runtime/availability';
import { acceptMetaBody, handleMetaWebhook, type WebhookAnswer } from './meta-webhook';
import { WEBHOOK_BODY_LIMIT } from './read-body';
import { handleTelegramWebhook } from './telegram-webhook';
import { guardWebhook, Refused, sendWebhookRefused } from './webhook-guard';

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
 * A signed Meta POST of a declared length within the cap, what Meta always sends, is read and
 * answered without Fetch objects, which cost more CPU than the rest of its way to the database
 * (docs/decisions/032); node:http frames that body by its declared length. Anything else goes
 * through the handler's Fetch Request.
 */
export async function serveWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  handler: Handler,
  runtime: { deps: Deps; availability?: Availability },
): Promise<void> {
  const { deps, availability } = runtime;
  try {
    const signature = handler === handleMetaWebhook ? signedWithinCap(req, deps) : null;
    if (signature) return answer(res, await guardWebhook(availability, async () => acceptMetaBody(Buffer.concat(await req.toArray()), signature, deps)));
    const request = toRequest(req);
    const run = () => handler(request, deps);
    const outcome = req.method === 'POST' ? await guardWebhook(availability, run) : await run();
    if (outcome instanceof Refused) return sendWebhookRefused(res, outcome.reason);
    const body = Buffer.from(await outcome.arrayBuffer());
    res.writeHead(outcome.status, { ...Object.fromEntries(outcome.headers), 'content-length': String(body.byteLength) });
    res.end(body);
  } catch (err) {
    deps.log.error({ err, path: req.url?.split('?')[0] }, 'webhook failed; the platform will deliver it again');
    if (!res.headersSent) answer(res, { status: 500, body: 'The event could not be stored; deliver it again.' });
  }
}

/** The signature of a signed Meta POST whose declared length is within the cap; null for anything else. */
function signedWithinCap(req: IncomingMessage, deps: Deps): string | null {
  const signature = req.headers['x-hub-signature-256'];
  const length = Number(req.headers['content-length']);
  const ok = req.method === 'POST' && deps.config.metaAppSecret && typeof signature === 'string' && signature && Number.isInteger(length) && length <= WEBHOOK_BODY_LIMIT;
  return ok ? signature : null;
}

function answer(res: ServerResponse, outcome: WebhookAnswer | Refused) {
  if (outcome instanceof Refused) return sendWebhookRefused(res, outcome.reason);
  res.writeHead(outcome.status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(outcome.body)) });
  res.end(outcome.body);
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
