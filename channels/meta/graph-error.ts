import { ChannelSendError, type SendErrorKind } from '../types';
import { isObject, parseJson } from '../http';

/** The `error` object of a Graph API error response (fields beyond code/message are optional). */
export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

export interface MetaGraphErrorDetails {
  httpStatus: number;
  /** Meta's own wording, for logs and for operators who want the detail. */
  providerMessage?: string;
  providerType?: string;
  userTitle?: string;
  userMessage?: string;
  fbtraceId?: string;
}

/**
 * A ChannelSendError that also keeps what Meta said. `message` is an operator-readable sentence
 * followed by Meta's wording in parentheses; the raw pieces are on the extra fields.
 */
export class MetaGraphError extends ChannelSendError {
  readonly httpStatus: number;
  readonly providerMessage?: string;
  readonly providerType?: string;
  readonly userTitle?: string;
  readonly userMessage?: string;
  readonly fbtraceId?: string;

  constructor(
    kind: SendErrorKind,
    message: string,
    details: MetaGraphErrorDetails,
    code?: number | string,
    subcode?: number,
    retryAfterSeconds?: number,
  ) {
    super(kind, message, code, subcode, retryAfterSeconds);
    this.name = 'MetaGraphError';
    this.httpStatus = details.httpStatus;
    this.providerMessage = details.providerMessage;
    this.providerType = details.providerType;
    this.userTitle = details.userTitle;
    this.userMessage = details.userMessage;
    this.fbtraceId = details.fbtraceId;
  }
}

const RECONNECT = 'reconnect the channel in Settings > Chats';
const WINDOW_SUBCODES = new Set([2018278, 2018108, 2018065]);
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const TRANSIENT_CODES = new Set([2, 1200]);

interface Classification {
  kind: SendErrorKind;
  sentence: string;
}

/**
 * Turns a failed Graph response into a ChannelSendError the domain can act on. `body` may be the
 * parsed JSON, or the raw text when the response was not JSON (gateways answer 5xx with HTML).
 * The HTTP status is only a hint: Meta's `code`/`error_subcode` decide whenever they are present.
 */
export function parseGraphError(status: number, body: unknown, retryAfterHeader?: string | null): MetaGraphError {
  const error = extractGraphError(body);
  const retryAfterSeconds = parseRetryAfter(retryAfterHeader);
  const code = toInt(error?.code);
  const subcode = toInt(error?.error_subcode);
  const { kind, sentence } = error ? classify(status, code, subcode, error) : classifyWithoutEnvelope(status);
  const providerMessage = typeof error?.message === 'string' && error.message ? error.message : undefined;
  const details: MetaGraphErrorDetails = {
    httpStatus: status,
    providerMessage,
    providerType: stringOrUndefined(error?.type),
    userTitle: stringOrUndefined(error?.error_user_title),
    userMessage: stringOrUndefined(error?.error_user_msg),
    fbtraceId: stringOrUndefined(error?.fbtrace_id),
  };
  const parsed = new MetaGraphError(kind, withProviderNote(sentence, code, subcode, providerMessage), details, code, subcode, retryAfterSeconds);
  if (kind === 'permission') parsed.missingPermission = namedPermission(providerMessage);
  return parsed;
}

/** The permission Meta's wording names ("Requires pages_messaging permission ..."), if it names one. */
export function namedPermission(providerMessage: string | undefined): string | undefined {
  return providerMessage?.match(/\b(pages_[a-z_]+|instagram_[a-z_]+|whatsapp_business_[a-z_]+|business_management)\b/)?.[1];
}

/** The `error` object of a Graph error body, from parsed JSON or from raw text; undefined if absent. */
export function extractGraphError(body: unknown): GraphErrorBody | undefined {
  const value = typeof body === 'string' ? parseJson(body) : body;
  if (!isObject(value) || !isObject(value.error)) return undefined;
  return value.error as GraphErrorBody;
}

function classify(status: number, code: number | undefined, subcode: number | undefined, error: GraphErrorBody): Classification {
  switch (code) {
    case 190:
      return { kind: 'auth', sentence: `The page's access token has expired or was revoked; ${RECONNECT}.` };
    case 102:
      return { kind: 'auth', sentence: `The Facebook session behind this channel is no longer valid; ${RECONNECT}.` };
    case 10:
      if (subcode !== undefined && WINDOW_SUBCODES.has(subcode)) {
        return { kind: 'window', sentence: "The customer's 24-hour/7-day messaging window has closed." };
      }
      return { kind: 'permission', sentence: 'Meta refused the request because the app lacks a permission it needs for this page.' };
    case 230:
      return { kind: 'permission', sentence: "The page's permissions don't allow messaging this person (is pages_messaging granted?)." };
    case 551:
      return {
        kind: 'recipient',
        sentence: "This person isn't available right now: they may have blocked the page or deactivated their account.",
      };
    case 10900:
      return { kind: 'recipient', sentence: 'A private reply has already been sent for this comment.' };
    case 10903:
      return { kind: 'recipient', sentence: "This person can't be replied to for this activity." };
    case 100:
      if (subcode === 2018001) {
        return { kind: 'recipient', sentence: "Messenger doesn't know this customer on this page (no matching user found)." };
      }
      // [UNCONFIRMED subcodes] the file of an attachment could not be fetched from its URL / not be taken
      if (subcode === 2018008) {
        return { kind: 'permanent', sentence: 'Meta could not download the file from our link; PUBLIC_URL must be reachable from the internet.' };
      }
      if (subcode === 2018047) {
        return { kind: 'permanent', sentence: 'Meta did not accept the file (its type or size is not allowed here).' };
      }
      return { kind: 'permanent', sentence: 'Meta rejected the request as invalid (a parameter is wrong or not allowed).' };
    case 368:
      return {
        kind: 'permanent',
        sentence: "Meta blocked this action as a policy violation; check the page's status in Meta Business Suite.",
      };
  }
  if (code !== undefined && RATE_LIMIT_CODES.has(code)) {
    return { kind: 'rate_limit', sentence: `Meta is rate-limiting requests (${rateLimitScope(code)}); try again later.` };
  }
  // 80000-80014 are Graph's business-use-case rate limits (80006 is the Messenger one).
  if (code !== undefined && code >= 80000 && code <= 80014) {
    return { kind: 'rate_limit', sentence: "Meta is rate-limiting requests for this page's business use case; try again later." };
  }
  // Graph reserves 200-299 for permission errors (200 itself, 210 page-role, 230 above...).
  if (code !== undefined && code >= 200 && code <= 299) {
    return {
      kind: 'permission',
      sentence: `The app is missing a permission for this page or its access was removed; ${RECONNECT}.`,
    };
  }
  if ((code !== undefined && TRANSIENT_CODES.has(code)) || status >= 500 || error.is_transient === true) {
    return { kind: 'transient', sentence: 'Meta had a temporary problem handling the request; it can be retried.' };
  }
  return { kind: 'permanent', sentence: `Meta rejected the request${code !== undefined ? ` (error ${code})` : ''}.` };
}

function classifyWithoutEnvelope(status: number): Classification {
  if (status >= 500 || status === 408) {
    return { kind: 'transient', sentence: `Meta's servers answered HTTP ${status}; the request can be retried.` };
  }
  if (status === 429) return { kind: 'rate_limit', sentence: 'Meta is rate-limiting requests; try again later.' };
  return { kind: 'permanent', sentence: `Meta answered HTTP ${status} without an error description.` };
}

function rateLimitScope(code: number): string {
  switch (code) {
    case 4:
      return "the app's request limit was reached";
    case 17:
      return "the user's request limit was reached";
    case 32:
      return "the page's request limit was reached";
    default:
      return 'calls to this API exceeded the rate limit';
  }
}

function withProviderNote(sentence: string, code: number | undefined, subcode: number | undefined, providerMessage?: string): string {
  if (!providerMessage && code === undefined) return sentence;
  const id = code === undefined ? '' : subcode === undefined ? ` ${code}` : ` ${code}/${subcode}`;
  // Graph prefixes messages with "(#code) ", which would repeat the code just printed.
  const text = providerMessage?.replace(/^\(#\d+\)\s*/, '');
  return `${sentence} (Meta error${id}${text ? `: ${text}` : ''})`;
}

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
