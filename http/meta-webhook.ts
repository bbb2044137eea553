import { verifyMetaHandshake, verifyMetaSignature } from '../channels/meta/signature';
import { metaWebhookKind } from '../channels/meta/webhook';
import { MalformedWebhookError, type UnreadableEvent } from '../channels/types';
import type { Deps } from '../domain/deps';
import { ingestComments } from '../domain/inbound/ingest-comments';
import { ingestEvents } from '../domain/inbound/ingest-events';
import { BodyTooLargeError, lingerThenClose, readBodyWithin, tooLarge, WEBHOOK_BODY_LIMIT } from './read-body';
import { countWebhookEvents } from '../runtime/metrics';

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `GET|POST /api/webhooks/meta` and `/api/webhooks/whatsapp` (Messenger, Instagram, WhatsApp: one
 * app secret, one envelope, told apart by `object`): Meta's handshake, then signed event batches. The signature is
 * checked over the raw bytes (Meta's escaping breaks any re-serialisation), and the 200 goes out
 * only after the events are committed, so a failure makes Meta deliver again.
 */
export async function handleMetaWebhook(request: Request, deps: Deps): Promise<Response> {
  if (request.method === 'GET') {
    const token = deps.config.metaVerifyToken;
    if (!token) return text(403, 'META_VERIFY_TOKEN is not configured on this server.');
    const result = verifyMetaHandshake(new URL(request.url).searchParams, token);
    return result.ok ? text(200, result.challenge) : text(403, 'Verification token mismatch.');
  }
  if (request.method !== 'POST') return text(405, 'Use GET for verification or POST for events.');

  const secret = deps.config.metaAppSecret;
  if (!secret) return text(401, 'META_APP_SECRET is not configured, so no Meta webhook can be verified.');
  const signature = request.headers.get('x-hub-signature-256');
  let raw: Uint8Array;
  try {
    // an unsigned body is refused unread; a signed one only once it is whole, and never past the cap
    if (!signature) {
      lingerThenClose(request);
      return text(401, 'Invalid or missing X-Hub-Signature-256.');
    }
    raw = await readBodyWithin(request, WEBHOOK_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(error.limit);
    throw error;
  }
  const answer = await acceptMetaBody(raw, signature, deps);
  return text(answer.status, answer.body);
}

/** What a webhook is answered: a status and a sentence for the platform's log (text/plain). */
export interface WebhookAnswer {
  status: number;
  body: string;
}

/**
 * A signed POST's bytes, read whole: verified, parsed and stored. Also called straight from
 * node:http (http/webhook-routes.ts), with no Fetch Request or Response around it.
 */
export async function acceptMetaBody(raw: Uint8Array, signature: string, deps: Deps): Promise<WebhookAnswer> {
  const secret = deps.config.metaAppSecret;
  if (!secret || !verifyMetaSignature(raw, signature, secret)) {
    return { status: 401, body: 'Invalid or missing X-Hub-Signature-256.' };
  }
  let body: { object?: unknown };
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return { status: 400, body: 'The body is not valid JSON.' };
  }
  // an event that cannot be read is kept as rejected; only a body that is not a batch at all is a 400
  const unreadable: UnreadableEvent[] = [];
  try {
    const kind = metaWebhookKind(body);
    if (kind) {
      const adapter = deps.channels.adapter(kind);
      const provider = adapter.capabilities.webhookProvider;
      const events = adapter.parseWebhook(body, null, unreadable);
      const comments = adapter.parseComments(body, unreadable);
      const result = await ingestEvents(deps, provider, kind, events, unreadable);
      deps.log.info({ provider, kind, ...result }, 'webhook processed');
      countWebhookEvents(provider, result);
      if (comments.length) deps.log.info({ provider, kind, ...(await ingestComments(deps, provider, kind, comments)) }, 'webhook comments processed');
    } else {
      deps.log.warn({ object: body?.object }, 'meta webhook for an object we do not handle yet; acknowledged');
    }
  } catch (error) {
    if (error instanceof MalformedWebhookError) return { status: 400, body: error.message };
    throw error;
  }
  return { status: 200, body: 'EVENT_RECEIVED' };
}
