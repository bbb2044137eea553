import { parseRetryAfter } from '../meta/graph-error';
import { ChannelSendError, type SendErrorKind } from '../types';
import { parseJson } from '../http';

/** The `{ ok: false, ... }` envelope the Bot API answers errors with. */
export interface TelegramErrorBody {
  ok: false;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * A ChannelSendError that keeps what Telegram said. `message` is an operator-readable sentence
 * followed by Telegram's wording in parentheses.
 */
export class TelegramApiError extends ChannelSendError {
  constructor(
    kind: SendErrorKind,
    message: string,
    readonly httpStatus: number,
    /** Telegram's own `description`, e.g. "Forbidden: bot was blocked by the user". */
    readonly description?: string,
    code?: number,
    retryAfterSeconds?: number,
    /** Set when a group was upgraded to a supergroup: the chat id to use from now on. */
    readonly migrateToChatId?: number,
  ) {
    super(kind, message, code, undefined, retryAfterSeconds);
    this.name = 'TelegramApiError';
  }
}

interface Classification {
  kind: SendErrorKind;
  sentence: string;
}

const RECONNECT = 'reconnect the channel in Settings > Chats with a token from @BotFather';

/**
 * Turns a failed Bot API response into a ChannelSendError the domain can act on. `body` may be
 * the parsed JSON or the raw text (proxies in front of Telegram answer 5xx with HTML). Telegram's
 * `error_code` decides when present; it matches the HTTP status in practice.
 */
export function parseTelegramError(status: number, body: unknown, retryAfterHeader?: string | null): TelegramApiError {
  const envelope = extractTelegramError(body);
  const code = envelope && typeof envelope.error_code === 'number' ? envelope.error_code : undefined;
  const description = typeof envelope?.description === 'string' && envelope.description ? envelope.description : undefined;
  const parameters = envelope?.parameters;
  const retryAfterSeconds =
    positiveInt(parameters?.retry_after) ?? parseRetryAfter(retryAfterHeader) ?? retryAfterFromDescription(description);
  const migrateToChatId = typeof parameters?.migrate_to_chat_id === 'number' ? parameters.migrate_to_chat_id : undefined;

  const effective = code ?? status;
  const { kind, sentence } = classify(effective, (description ?? '').toLowerCase(), retryAfterSeconds, envelope !== undefined);
  const note = description || code !== undefined ? ` (Telegram error ${effective}${description ? `: ${description}` : ''})` : '';
  return new TelegramApiError(kind, `${sentence}${note}`, status, description, code ?? status, retryAfterSeconds, migrateToChatId);
}

/** The `{ok:false}` envelope from parsed JSON or raw text; undefined if the body isn't one. */
export function extractTelegramError(body: unknown): TelegramErrorBody | undefined {
  const value = typeof body === 'string' ? parseJson(body) : body;
  if (typeof value !== 'object' || value === null || (value as { ok?: unknown }).ok !== false) return undefined;
  return value as TelegramErrorBody;
}

function classify(code: number, description: string, retryAfter: number | undefined, hasEnvelope: boolean): Classification {
  if (code === 401) {
    return { kind: 'auth', sentence: `Telegram rejected the bot token: it was revoked or replaced in @BotFather; ${RECONNECT}.` };
  }
  // A token that isn't even shaped like one gives 404 for every method; our method names are fixed.
  if (code === 404) {
    return { kind: 'auth', sentence: `Telegram doesn't recognise this bot token; ${RECONNECT}.` };
  }
  if (code === 429) {
    const wait = retryAfter !== undefined ? `try again in ${retryAfter} s` : 'try again later';
    return { kind: 'rate_limit', sentence: `Telegram is rate-limiting the bot; ${wait}.` };
  }
  if (code === 403) {
    if (description.includes('blocked by the user')) {
      return { kind: 'recipient', sentence: "The customer blocked the bot, so Telegram won't deliver messages to them." };
    }
    if (description.includes('user is deactivated')) {
      return { kind: 'recipient', sentence: "The customer's Telegram account was deleted, so messages can't be delivered." };
    }
    if (description.includes("can't initiate conversation")) {
      return {
        kind: 'recipient',
        sentence: 'The customer has not started a chat with the bot; Telegram only lets bots message people who wrote to them first.',
      };
    }
    return { kind: 'recipient', sentence: "Telegram won't let the bot message this chat." };
  }
  if (code === 400) return classifyBadRequest(description);
  if (code === 409) {
    return { kind: 'permanent', sentence: 'Another program is using this bot token at the same time (webhook and polling conflict).' };
  }
  if (code >= 500 || code === 408) {
    return { kind: 'transient', sentence: `Telegram had a temporary problem (HTTP ${code}); the request can be retried.` };
  }
  if (!hasEnvelope) return { kind: 'permanent', sentence: `Telegram answered HTTP ${code} without an error description.` };
  return { kind: 'permanent', sentence: 'Telegram rejected the request.' };
}

function classifyBadRequest(d: string): Classification {
  if (d.includes('chat not found') || d.includes('peer_id_invalid') || d.includes('user not found')) {
    return {
      kind: 'recipient',
      sentence: "Telegram doesn't know this chat: the customer may have deleted their account, or never wrote to this bot.",
    };
  }
  if (d.includes('message is too long')) {
    return { kind: 'permanent', sentence: 'The message is longer than the 4096 characters Telegram allows; split it into several messages.' };
  }
  if (d.includes('text is empty') || d.includes('text must be non-empty')) {
    return { kind: 'permanent', sentence: 'Telegram does not send empty messages.' };
  }
  if (d.includes("can't parse entities")) {
    return { kind: 'permanent', sentence: "Telegram couldn't read the message's formatting (MarkdownV2/HTML markup is broken)." };
  }
  if (d.includes('file is too big')) {
    return { kind: 'permanent', sentence: 'The file is larger than the 20 MB a bot may download from Telegram.' };
  }
  if (d.includes('file_id') || d.includes('file identifier')) {
    return { kind: 'permanent', sentence: "Telegram doesn't recognise this file: it belongs to another bot or is no longer available." };
  }
  if (d.includes('http url content') || d.includes('webpage_curl_failed') || d.includes('wrong type of the web page content')) {
    return { kind: 'permanent', sentence: "Telegram couldn't fetch the file from the URL it was given." };
  }
  if (d.includes('message to be replied not found')) {
    return { kind: 'permanent', sentence: 'The message being replied to no longer exists in this chat.' };
  }
  if (d.includes('upgraded to a supergroup')) {
    return { kind: 'permanent', sentence: 'This group became a supergroup and now has a new chat id.' };
  }
  if (d.includes('bad webhook') || d.includes('secret token')) {
    return { kind: 'permanent', sentence: 'Telegram refused the webhook settings.' };
  }
  return { kind: 'permanent', sentence: 'Telegram rejected the request as invalid.' };
}

function retryAfterFromDescription(description: string | undefined): number | undefined {
  const match = description ? /retry after (\d+)/i.exec(description) : null;
  return match ? Number(match[1]) : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
