import { TELEGRAM_SECRET_HEADER, verifyTelegramSecret } from '../channels/telegram/verify';
import type { UnreadableEvent } from '../channels/types';
import { findChannelOfWebhook } from '../domain/channels/find-channel';
import type { Deps } from '../domain/deps';
import { ingestEvents } from '../domain/inbound/ingest-events';
import { BodyTooLargeError, lingerThenClose, readBodyWithin, tooLarge, WEBHOOK_BODY_LIMIT } from './read-body';
import { countWebhookEvents } from '../runtime/metrics';

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `POST /api/webhooks/telegram/<channelId>`: one path per bot. The secret token we gave Telegram
 * in setWebhook must come back on every update; without it nothing is stored.
 */
export async function handleTelegramWebhook(request: Request, deps: Deps, channelId: string): Promise<Response> {
  if (request.method !== 'POST') return text(405, 'Telegram delivers updates with POST.');
  const channel = await findChannelOfWebhook(deps.db, 'telegram', channelId);
  if (!channel?.webhookSecret || !verifyTelegramSecret(request.headers.get(TELEGRAM_SECRET_HEADER), channel.webhookSecret)) {
    lingerThenClose(request);
    return text(401, 'Unknown bot or wrong X-Telegram-Bot-Api-Secret-Token.');
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBodyWithin(request, WEBHOOK_BODY_LIMIT)));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(error.limit);
    return text(400, 'The body is not valid JSON.');
  }
  // the bot's adapter reads the update; one it cannot read is kept as rejected and acknowledged
  const adapter = deps.channels.adapter(channel.kind);
  const provider = adapter.capabilities.webhookProvider;
  const unreadable: UnreadableEvent[] = [];
  const events = adapter.parseWebhook(body, channel, unreadable);
  const result = await ingestEvents(deps, provider, channel.kind, events, unreadable);
  deps.log.info({ provider, ...result }, 'webhook processed');
  countWebhookEvents(provider, result);
  return text(200, 'OK');
}
