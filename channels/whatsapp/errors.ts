/**
 * WhatsApp Cloud API error codes (PLATFORMS.md D.5) turned into SendErrorKinds with sentences an
 * operator can act on. The same table serves synchronous Graph errors (`parseWhatsAppError`) and
 * the `errors[]` of `failed` statuses that arrive by webhook (`describeWhatsAppStatusError`), since
 * Meta reports e.g. 131047 either way.
 */
import { extractGraphError, MetaGraphError, parseGraphError, parseRetryAfter } from '../meta/graph-error';
import type { SendErrorKind } from '../types';
import { isObject } from '../http';

interface Classification {
  kind: SendErrorKind;
  sentence: string;
}

const RECONNECT = 'reconnect the WhatsApp number in Settings > Chats';
const TEMPLATE_FIX = 'check the template in WhatsApp Manager';

const CODES: Record<number, Classification> = {
  // Auth
  0: { kind: 'auth', sentence: `WhatsApp no longer accepts this number's access token; ${RECONNECT}.` },
  190: { kind: 'auth', sentence: `The WhatsApp access token has expired or was revoked; ${RECONNECT}.` },
  // Window
  131047: {
    kind: 'window',
    sentence:
      'More than 24 hours have passed since the customer last wrote, so WhatsApp only allows an approved template message now.',
  },
  // The On-Premises era code for the same rule; kept in case an old integration reports it.
  470: {
    kind: 'window',
    sentence:
      'More than 24 hours have passed since the customer last wrote, so WhatsApp only allows an approved template message now.',
  },
  // Rate limits
  4: { kind: 'rate_limit', sentence: 'The app reached its WhatsApp API request limit; the message will be retried later.' },
  130429: {
    kind: 'rate_limit',
    sentence: "WhatsApp's sending throughput for this number was reached; the message will be retried later.",
  },
  131056: {
    kind: 'rate_limit',
    sentence: 'Too many messages were sent to this customer in a short time; the message will be retried after a pause.',
  },
  80007: {
    kind: 'rate_limit',
    sentence: 'The WhatsApp Business Account reached its rate limit; the message will be retried later.',
  },
  // Recipient
  131026: {
    kind: 'recipient',
    sentence:
      "WhatsApp couldn't deliver the message: the number may not be on WhatsApp, the customer may have blocked this business, or their app is out of date.",
  },
  131021: { kind: 'recipient', sentence: 'A WhatsApp number cannot send a message to itself.' },
  131030: {
    kind: 'recipient',
    sentence: "This number isn't on the test number's allowed recipient list; add it in the Meta app dashboard.",
  },
  // Quality / policy
  131048: {
    kind: 'permanent',
    sentence: 'WhatsApp limited this number because too many of its messages were flagged as spam; check the quality rating in WhatsApp Manager.',
  },
  131049: {
    kind: 'permanent',
    sentence: 'WhatsApp held this marketing message back to limit how many the customer receives; try again another day.',
  },
  131031: {
    kind: 'permanent',
    sentence: 'The WhatsApp Business Account is locked (policy or verification issue); check its status in WhatsApp Manager.',
  },
  368: {
    kind: 'permanent',
    sentence: 'Meta temporarily blocked this number for policy violations; check its status in WhatsApp Manager.',
  },
  131042: {
    kind: 'permanent',
    sentence: "The WhatsApp Business Account has a payment problem; check the payment method in Meta Business Suite.",
  },
  // Bad requests
  100: { kind: 'permanent', sentence: 'WhatsApp rejected the request as invalid (a parameter is wrong or not allowed).' },
  131008: { kind: 'permanent', sentence: 'WhatsApp rejected the message because a required field is missing.' },
  131009: { kind: 'permanent', sentence: 'WhatsApp rejected a value in the request (for example an unknown or too old message id).' },
  131051: { kind: 'permanent', sentence: "WhatsApp doesn't support this message type." },
  131052: {
    kind: 'permanent',
    sentence: "WhatsApp couldn't download the media the customer sent; ask them to send it again.",
  },
  131053: { kind: 'permanent', sentence: "WhatsApp couldn't process the media file we sent (wrong type or too large)." },
  133010: {
    kind: 'permission',
    sentence: 'This phone number is not registered with the WhatsApp Cloud API; finish its registration in WhatsApp Manager.',
  },
  10: { kind: 'permission', sentence: 'The app lacks a permission it needs for this WhatsApp Business Account (whatsapp_business_messaging?).' },
  // Templates
  132000: {
    kind: 'permanent',
    sentence: `The number of template parameters doesn't match the approved template; ${TEMPLATE_FIX}.`,
  },
  132001: {
    kind: 'permanent',
    sentence: `This template doesn't exist in that language, or it isn't approved yet; ${TEMPLATE_FIX}.`,
  },
  132005: { kind: 'permanent', sentence: `The template text is too long once the parameters are filled in; ${TEMPLATE_FIX}.` },
  132007: { kind: 'permanent', sentence: `The template content breaks a WhatsApp policy; ${TEMPLATE_FIX}.` },
  132012: { kind: 'permanent', sentence: `A template parameter has the wrong format; ${TEMPLATE_FIX}.` },
  132015: { kind: 'permanent', sentence: `The template is paused because of low quality; ${TEMPLATE_FIX}.` },
  132016: { kind: 'permanent', sentence: `The template was disabled because of low quality; ${TEMPLATE_FIX}.` },
  // Temporary
  1: { kind: 'transient', sentence: 'WhatsApp had an unknown temporary problem; the message will be retried.' },
  2: { kind: 'transient', sentence: 'The WhatsApp service was temporarily unavailable; the message will be retried.' },
  131000: { kind: 'transient', sentence: 'Something went wrong on WhatsApp\'s side; the message will be retried.' },
  131016: { kind: 'transient', sentence: 'The WhatsApp service is overloaded right now; the message will be retried.' },
};

function classifyCode(code: number): Classification | undefined {
  const known = CODES[code];
  if (known) return known;
  // The 132xxx block is the template family (parameters, formats, pausing, flows).
  if (code >= 132000 && code <= 132999) {
    return { kind: 'permanent', sentence: `WhatsApp refused the template message; ${TEMPLATE_FIX}.` };
  }
  // Graph reserves 200-299 for permissions, e.g. a number not allow-listed for this app.
  if (code >= 200 && code <= 299) {
    return { kind: 'permission', sentence: `The app lacks a permission for this WhatsApp Business Account; ${RECONNECT}.` };
  }
  // Graph's business-use-case rate limits (80007 is WhatsApp's own, above).
  if (code >= 80000 && code <= 80014) {
    return { kind: 'rate_limit', sentence: 'Meta is rate-limiting this WhatsApp Business Account; the message will be retried later.' };
  }
  return undefined;
}

/** A WhatsApp error object: the Graph `error` or one of a status's `errors[]`. */
interface WhatsAppErrorBody {
  message?: unknown;
  title?: unknown;
  code?: unknown;
  error_subcode?: unknown;
  type?: unknown;
  error_user_title?: unknown;
  error_user_msg?: unknown;
  fbtrace_id?: unknown;
  error_data?: unknown;
}

/**
 * Turns a failed Cloud API response into a MetaGraphError (a ChannelSendError) classified by the
 * WhatsApp codes of D.5. `body` may be parsed JSON or raw text. Codes WhatsApp doesn't define fall
 * back to the Meta-wide rules of `parseGraphError`.
 */
export function parseWhatsAppError(status: number, body: unknown, retryAfterHeader?: string | null): MetaGraphError {
  const error = extractGraphError(body) as WhatsAppErrorBody | undefined;
  const code = toInt(error?.code);
  const classification = code === undefined ? undefined : classifyCode(code);
  if (!error || code === undefined || !classification) {
    const generic = parseGraphError(status, body, retryAfterHeader);
    // parseGraphError speaks of pages; everything else it says holds for WhatsApp too.
    return generic;
  }
  const subcode = toInt(error.error_subcode);
  const providerMessage = stringOf(error.message);
  const details = detailsOf(error.error_data);
  // A 5xx with a code we'd call permanent is still worth one more try.
  const kind = classification.kind === 'permanent' && status >= 500 ? 'transient' : classification.kind;
  return new MetaGraphError(
    kind,
    withProviderNote(classification.sentence, code, providerMessage, details),
    {
      httpStatus: status,
      providerMessage: details ? `${providerMessage ?? ''}${providerMessage ? ': ' : ''}${details}` : providerMessage,
      providerType: stringOf(error.type),
      userTitle: stringOf(error.error_user_title),
      userMessage: stringOf(error.error_user_msg),
      fbtraceId: stringOf(error.fbtrace_id),
    },
    code,
    subcode,
    parseRetryAfter(retryAfterHeader),
  );
}

export interface WhatsAppStatusError {
  kind: SendErrorKind;
  /** Operator-readable sentence followed by WhatsApp's own wording. */
  message: string;
  code?: number;
}

/**
 * Describes the `errors[]` of a `failed` status. Several errors are joined; the first decides the
 * kind. An empty or missing list still yields a readable (permanent) failure.
 */
export function describeWhatsAppStatusError(errors: unknown): WhatsAppStatusError {
  const list = Array.isArray(errors) ? errors.filter(isObject) : [];
  if (list.length === 0) {
    return { kind: 'permanent', message: 'WhatsApp reported that the message failed, without saying why.' };
  }
  const described = list.map((e) => describeOne(e as WhatsAppErrorBody));
  const first = described[0];
  return {
    kind: first.kind,
    message: described.map((d) => d.message).join(' '),
    ...(first.code !== undefined ? { code: first.code } : {}),
  };
}

function describeOne(error: WhatsAppErrorBody): WhatsAppStatusError {
  const code = toInt(error.code);
  const classification = code === undefined ? undefined : classifyCode(code);
  const title = stringOf(error.title) ?? stringOf(error.message);
  const details = detailsOf(error.error_data);
  const sentence =
    classification?.sentence ?? `WhatsApp couldn't deliver the message${code !== undefined ? ` (error ${code})` : ''}.`;
  const result: WhatsAppStatusError = {
    kind: classification?.kind ?? 'permanent',
    message: withProviderNote(sentence, code, title, details),
  };
  if (code !== undefined) result.code = code;
  return result;
}

function withProviderNote(sentence: string, code: number | undefined, text: string | undefined, details: string | undefined): string {
  // Graph prefixes messages with "(#code) ", which would repeat the code printed here.
  const cleaned = text?.replace(/^\(#\d+\)\s*/, '');
  const parts = [cleaned, details && details !== cleaned ? details : undefined].filter(Boolean);
  if (code === undefined && parts.length === 0) return sentence;
  const id = code === undefined ? '' : ` ${code}`;
  return `${sentence} (WhatsApp error${id}${parts.length ? `: ${parts.join(' — ')}` : ''})`;
}

function detailsOf(errorData: unknown): string | undefined {
  return isObject(errorData) ? stringOf(errorData.details) : undefined;
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
