/**
 * The WhatsApp Business Cloud API calls the channel needs (PLATFORMS.md D.2, D.3): text and
 * template sends, mark-as-read, two-step media download, the template catalogue and the phone
 * number lookup used to check a token on connect. Every call carries `Authorization: Bearer`.
 * Failures throw a ChannelSendError (a MetaGraphError when Meta answered) classified by
 * `parseWhatsAppError`.
 */
import { graphCall, type GraphCallConfig } from '../meta/graph-call';
import { ChannelSendError, type SendResult } from '../types';
import { parseWhatsAppError } from './errors';
import { isObject } from '../http';

export { describeWhatsAppStatusError, parseWhatsAppError, type WhatsAppStatusError } from './errors';

export interface WhatsAppClientConfig {
  /** Graph base including the version, e.g. `https://graph.facebook.com/v24.0`. */
  graphUrl: string;
  /** System-user (or business) access token with whatsapp_business_messaging. */
  accessToken: string;
  /** The business phone number's id: the channel's external id, and the sender of every message. */
  phoneNumberId: string;
  /** The WhatsApp Business Account id; needed for the template catalogue. */
  businessAccountId?: string;
  fetch?: typeof fetch;
  /** Per-call timeout; uploads of files get at least a minute. */
  timeoutMs?: number;
}

export interface SendWhatsAppTextInput {
  /** The customer's number (wa_id), digits with or without a leading `+`. */
  to: string;
  /** Up to 4096 characters. */
  text: string;
  /** Quote an earlier message (its wamid). */
  replyTo?: string;
  /** Let WhatsApp render a preview of the first URL in the text. */
  previewUrl?: boolean;
  /** Comes back as `biz_opaque_callback_data` on this message's statuses: our own message id. */
  callbackData?: string;
}

export interface SendWhatsAppMediaInput {
  to: string;
  type: 'image' | 'audio' | 'video' | 'document';
  /** From `uploadWhatsAppMedia`. */
  mediaId: string;
  /** Shown to the customer for documents. */
  fileName?: string;
  /** Not for audio. */
  caption?: string;
  callbackData?: string;
}

export interface SendWhatsAppTemplateInput {
  to: string;
  /** The approved template's name, e.g. `order_update`. */
  name: string;
  /** The template language code, e.g. `en_US` or `pt_BR`. */
  language: string;
  /**
   * Body parameters, in order for `{{1}}`-style templates, or by name for templates created with
   * named parameters (`{{first_name}}`). Their number must match the approved template (132000).
   */
  params?: string[] | Record<string, string>;
  callbackData?: string;
}

export interface WhatsAppMediaInfo {
  id: string;
  /** Short-lived (5 minutes) URL; fetching it needs the same Bearer token. */
  url: string;
  mime_type: string;
  /** Bytes; Meta sends it as a string. */
  file_size?: number;
  sha256?: string;
}

export interface WhatsAppTemplate {
  id?: string;
  name: string;
  language: string;
  /** MARKETING, UTILITY or AUTHENTICATION. */
  category: string;
  /** The BODY component's text with its `{{n}}` placeholders. */
  body: string;
  /** How many distinct body placeholders the template has: the `params` a send must give. */
  paramCount: number;
}

export interface WhatsAppPhoneNumber {
  id: string;
  /** As Meta formats it, e.g. `+1 555-078-3881`. */
  displayPhoneNumber: string;
  /** The business name customers see. */
  verifiedName: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Uploads of files to send take longer than a call. */
const UPLOAD_TIMEOUT_MS = 60_000;
const TEMPLATE_PAGE_LIMIT = 100;
const MAX_TEMPLATE_PAGES = 50;

export async function sendWhatsAppText(cfg: WhatsAppClientConfig, input: SendWhatsAppTextInput): Promise<SendResult> {
  const payload: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: normaliseNumber(input.to),
    type: 'text',
    text: { body: input.text, preview_url: input.previewUrl ?? false },
  };
  if (input.replyTo) payload.context = { message_id: input.replyTo };
  if (input.callbackData !== undefined) payload.biz_opaque_callback_data = input.callbackData;
  return sendMessage(cfg, payload);
}

export async function sendWhatsAppTemplate(cfg: WhatsAppClientConfig, input: SendWhatsAppTemplateInput): Promise<SendResult> {
  const template: Record<string, unknown> = { name: input.name, language: { code: input.language } };
  const parameters = templateParameters(input.params);
  if (parameters.length) template.components = [{ type: 'body', parameters }];
  const payload: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: normaliseNumber(input.to),
    type: 'template',
    template,
  };
  if (input.callbackData !== undefined) payload.biz_opaque_callback_data = input.callbackData;
  return sendMessage(cfg, payload);
}

/**
 * Uploads a file for this number (`POST /{phone-number-id}/media`, multipart with
 * `messaging_product=whatsapp`, `type` and `file`) and returns its media id, usable in a send.
 */
export async function uploadWhatsAppMedia(cfg: WhatsAppClientConfig, file: { data: Uint8Array; fileName: string; mimeType: string }): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mimeType);
  form.set('file', new Blob([file.data as BlobPart], { type: file.mimeType }), file.fileName);
  const body = await graphCall(cloudApi(cfg), 'POST', `/${encodeURIComponent(cfg.phoneNumberId)}/media`, {}, form);
  if (!isObject(body) || typeof body.id !== 'string' || !body.id) {
    throw new ChannelSendError('transient', 'WhatsApp accepted the upload but returned no media id.');
  }
  return body.id;
}

/** A message with an uploaded file: `{type, <type>: {id}}` (documents also carry their file name). */
export async function sendWhatsAppMedia(cfg: WhatsAppClientConfig, input: SendWhatsAppMediaInput): Promise<SendResult> {
  const media: Record<string, unknown> = { id: input.mediaId };
  if (input.type === 'document' && input.fileName) media.filename = input.fileName;
  if (input.caption && input.type !== 'audio') media.caption = input.caption;
  const payload: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: normaliseNumber(input.to),
    type: input.type,
    [input.type]: media,
  };
  if (input.callbackData !== undefined) payload.biz_opaque_callback_data = input.callbackData;
  return sendMessage(cfg, payload);
}

/** Marks an inbound message (and every earlier one) as read; optionally shows "typing…" for ~25 s. */
export async function markWhatsAppRead(cfg: WhatsAppClientConfig, messageId: string, options: { typing?: boolean } = {}): Promise<void> {
  const payload: Record<string, unknown> = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
  if (options.typing) payload.typing_indicator = { type: 'text' };
  const body = await graphCall(cloudApi(cfg), 'POST', `/${encodeURIComponent(cfg.phoneNumberId)}/messages`, {}, payload);
  if (!isObject(body) || body.success !== true) {
    throw new ChannelSendError('permanent', 'WhatsApp did not confirm the read receipt.');
  }
}

/** A media id's facts and a URL valid for about 5 minutes, fetched with the same bearer token (by `domain/media`). */
export async function getWhatsAppMedia(cfg: WhatsAppClientConfig, mediaId: string): Promise<WhatsAppMediaInfo> {
  const body = await graphCall(cloudApi(cfg), 'GET', `/${encodeURIComponent(mediaId)}`, { phone_number_id: cfg.phoneNumberId });
  if (!isObject(body) || typeof body.url !== 'string' || !body.url) {
    throw new ChannelSendError('permanent', 'WhatsApp answered the media lookup without a download URL.');
  }
  const info: WhatsAppMediaInfo = {
    id: typeof body.id === 'string' ? body.id : mediaId,
    url: body.url,
    mime_type: typeof body.mime_type === 'string' ? body.mime_type : 'application/octet-stream',
  };
  const size = toInt(body.file_size);
  if (size !== undefined) info.file_size = size;
  if (typeof body.sha256 === 'string' && body.sha256) info.sha256 = body.sha256;
  return info;
}

/** The APPROVED templates of the business account, every page of them. */
export async function listWhatsAppTemplates(cfg: WhatsAppClientConfig): Promise<WhatsAppTemplate[]> {
  const waba = cfg.businessAccountId;
  if (!waba) {
    throw new ChannelSendError('permanent', 'The WhatsApp Business Account id is not configured, so templates cannot be listed.');
  }
  const templates: WhatsAppTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
    const query: Record<string, string> = {
      fields: 'id,name,language,status,category,components',
      limit: String(TEMPLATE_PAGE_LIMIT),
    };
    if (after) query.after = after;
    const body = await graphCall(cloudApi(cfg), 'GET', `/${encodeURIComponent(waba)}/message_templates`, query);
    if (!isObject(body) || !Array.isArray(body.data)) {
      throw new ChannelSendError('permanent', 'WhatsApp answered the template list without a data array.');
    }
    for (const item of body.data) {
      const template = toTemplate(item);
      if (template) templates.push(template);
    }
    const paging = isObject(body.paging) ? body.paging : {};
    const cursors = isObject(paging.cursors) ? paging.cursors : {};
    // Graph only includes `next` when there is another page.
    if (typeof paging.next !== 'string' || typeof cursors.after !== 'string' || !cursors.after || cursors.after === after) break;
    after = cursors.after;
  }
  return templates;
}

/** The number's display form and verified name; a cheap check that the token works on connect. */
export async function getPhoneNumber(cfg: WhatsAppClientConfig): Promise<WhatsAppPhoneNumber> {
  const body = await graphCall(cloudApi(cfg), 'GET', `/${encodeURIComponent(cfg.phoneNumberId)}`, {
    fields: 'display_phone_number,verified_name',
  });
  if (!isObject(body) || typeof body.display_phone_number !== 'string') {
    throw new ChannelSendError('permanent', 'WhatsApp answered the phone number lookup without a number.');
  }
  return {
    id: typeof body.id === 'string' ? body.id : cfg.phoneNumberId,
    displayPhoneNumber: body.display_phone_number,
    verifiedName: typeof body.verified_name === 'string' ? body.verified_name : '',
  };
}

// ------------------------------------------------------------------------------------ Internals

async function sendMessage(cfg: WhatsAppClientConfig, payload: Record<string, unknown>): Promise<SendResult> {
  const body = await graphCall(cloudApi(cfg), 'POST', `/${encodeURIComponent(cfg.phoneNumberId)}/messages`, {}, payload);
  const first = isObject(body) && Array.isArray(body.messages) ? body.messages[0] : undefined;
  const id = isObject(first) && typeof first.id === 'string' ? first.id : undefined;
  if (!id) {
    // The message may well have gone out; retrying could send it twice.
    throw new ChannelSendError('permanent', 'WhatsApp accepted the message but returned no message id.');
  }
  return { providerMessageId: id };
}

function templateParameters(params: SendWhatsAppTemplateInput['params']): Array<Record<string, string>> {
  if (!params) return [];
  if (Array.isArray(params)) return params.map((text) => ({ type: 'text', text }));
  return Object.entries(params).map(([name, text]) => ({ type: 'text', parameter_name: name, text }));
}

function toTemplate(item: unknown): WhatsAppTemplate | null {
  if (!isObject(item) || item.status !== 'APPROVED') return null;
  if (typeof item.name !== 'string' || typeof item.language !== 'string') return null;
  const components = Array.isArray(item.components) ? item.components.filter(isObject) : [];
  const bodyComponent = components.find((c) => typeof c.type === 'string' && c.type.toUpperCase() === 'BODY');
  const body = bodyComponent && typeof bodyComponent.text === 'string' ? bodyComponent.text : '';
  const template: WhatsAppTemplate = {
    name: item.name,
    language: item.language,
    category: typeof item.category === 'string' ? item.category : '',
    body,
    paramCount: countPlaceholders(body),
  };
  if (typeof item.id === 'string') template.id = item.id;
  return template;
}

/** Distinct `{{1}}` / `{{name}}` placeholders in a template text. */
export function countPlaceholders(text: string): number {
  return new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1])).size;
}

function normaliseNumber(to: string): string {
  return to.trim().replace(/^\+/, '');
}

/** The Cloud API takes its token as a Bearer header, and uploads get as long as downloads. */
function cloudApi(cfg: WhatsAppClientConfig): GraphCallConfig {
  return { ...cfg, bearer: true, platform: 'WhatsApp', toError: parseWhatsAppError, timeoutMs: cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS, uploadTimeoutMs: UPLOAD_TIMEOUT_MS };
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
