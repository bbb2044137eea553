import { parseTelegramUpdate } from '../channels/telegram/parse-update';
import { TELEGRAM_SECRET_HEADER, verifyTelegramSecret } from '../channels/telegram/verify';
import { MalformedWebhookError, type InboundEvent, type UnreadableEvent } from '../channels/types';
import { findTelegramChannel } from '../domain/channels/find-channel';
import type { Deps } from '../domain/deps';
import { ingestEvents } from '../domain/inbound/ingest-events';
import { BodyTooLargeError, lingerThenClose, readBodyWithin, tooLarge, WEBHOOK_BODY_LIMIT } from './read-body';

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `POST /api/webhooks/telegram/<channelId>`: one path per bot. The secret token we gave Telegram
 * in setWebhook must come back on every update; without it nothing is stored.
 */
export async function handleTelegramWebhook(request: Request, deps: Deps, channelId: string): Promise<Response> {
  if (request.method !== 'POST') return text(405, 'Telegram delivers updates with POST.');
  const channel = await findTelegramChannel(deps.db, channelId);
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
  // an update we cannot read is kept as rejected and acknowledged: Telegram would otherwise
  // retry it, holding back every later update of the bot
  let events: InboundEvent[] = [];
  const unreadable: UnreadableEvent[] = [];
  try {
    events = parseTelegramUpdate(body, channel.externalId);
  } catch (error) {
    if (!(error instanceof MalformedWebhookError)) throw error;
    unreadable.push({ channelExternalId: channel.externalId, reason: error.message, raw: body });
  }
  const result = await ingestEvents(deps, 'telegram', 'TELEGRAM', events, unreadable);
  deps.log.info({ provider: 'telegram', ...result }, 'webhook processed');
  return text(200, 'OK');
}
