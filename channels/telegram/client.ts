import { ChannelSendError, type ContactProfile, type SendResult } from '../types';
import { parseTelegramError, TelegramApiError } from './errors';
import { telegramProviderMessageId } from './ids';
import { isValidWebhookSecret } from './verify';
import { isObject, networkError, parseJson } from '../http';

export { parseTelegramError, TelegramApiError, extractTelegramError, type TelegramErrorBody } from './errors';

export interface TelegramClientConfig {
  /** Bot API origin without a trailing path, e.g. `https://api.telegram.org`. */
  apiUrl: string;
  /** The bot token from @BotFather, `<bot id>:<secret>`. Never log it: it is part of every URL. */
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface TelegramBotInfo {
  /** The bot's user id; `String(id)` is the channel's external id. */
  id: number;
  username: string;
  first_name: string;
}

export interface TelegramWebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  ip_address?: string;
  last_error_date?: number;
  last_error_message?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

export interface TelegramFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  /** Relative path for `fileDownloadUrl`; valid for at least an hour. */
  file_path: string;
}

export interface SetTelegramWebhookInput {
  url: string;
  /** 1-256 characters of A-Za-z0-9_-; comes back in `X-Telegram-Bot-Api-Secret-Token`. */
  secretToken: string;
  /** Defaults to TELEGRAM_ALLOWED_UPDATES; omitting the field would keep whatever was set before. */
  allowedUpdates?: readonly string[];
  dropPendingUpdates?: boolean;
  maxConnections?: number;
}

export interface SendTelegramTextInput {
  chatId: number | string;
  /** 1-4096 characters (the inbox sends at most 1000). Sent as plain text unless parseMode is set. */
  text: string;
  parseMode?: 'MarkdownV2' | 'HTML';
  /** Telegram's message_id (within the same chat) to quote. */
  replyToMessageId?: number;
  disableNotification?: boolean;
}

/** Exactly one of `url` (Telegram fetches it), `fileId` (already on Telegram) or `file` (uploaded). */
export interface SendTelegramFileInput {
  chatId: number | string;
  url?: string;
  fileId?: string;
  file?: { data: Uint8Array | Blob; fileName: string; mimeType?: string };
  /** 0-1024 characters. */
  caption?: string;
  replyToMessageId?: number;
}

export interface TelegramContactProfile extends ContactProfile {
  /**
   * The big profile photo's file id, for `downloadTelegramFile`. There is deliberately no URL:
   * Telegram's file URLs contain the bot token and must never be stored or shown.
   */
  avatarFileId?: string;
}

/** The update kinds the inbox parses; anything else is not even sent. */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'edited_message'] as const;
export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

const DEFAULT_TIMEOUT_MS = 15_000;
const UPLOAD_TIMEOUT_MS = 120_000;

/** Reads the bot behind the token; the way to check a token when a channel is connected. */
export async function getMe(cfg: TelegramClientConfig): Promise<TelegramBotInfo> {
  const result = await callTelegramApi(cfg, 'getMe');
  if (!isObject(result) || typeof result.id !== 'number') {
    throw new ChannelSendError('permanent', 'Telegram answered getMe without a bot id.');
  }
  return {
    id: result.id,
    username: typeof result.username === 'string' ? result.username : '',
    first_name: typeof result.first_name === 'string' ? result.first_name : '',
  };
}

export async function setWebhook(cfg: TelegramClientConfig, input: SetTelegramWebhookInput): Promise<void> {
  if (!isValidWebhookSecret(input.secretToken)) {
    throw new ChannelSendError('permanent', 'The webhook secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -.');
  }
  const params: Record<string, unknown> = {
    url: input.url,
    secret_token: input.secretToken,
    allowed_updates: input.allowedUpdates ?? TELEGRAM_ALLOWED_UPDATES,
  };
  if (input.dropPendingUpdates !== undefined) params.drop_pending_updates = input.dropPendingUpdates;
  if (input.maxConnections !== undefined) params.max_connections = input.maxConnections;
  await callTelegramApi(cfg, 'setWebhook', params);
}

/** Where Telegram delivers, and its last delivery error: what to show when webhooks stop arriving. */
export async function getWebhookInfo(cfg: TelegramClientConfig): Promise<TelegramWebhookInfo> {
  const result = await callTelegramApi(cfg, 'getWebhookInfo');
  if (!isObject(result) || typeof result.url !== 'string') {
    throw new ChannelSendError('permanent', 'Telegram answered getWebhookInfo without a url.');
  }
  return result as unknown as TelegramWebhookInfo;
}

export async function sendTelegramText(cfg: TelegramClientConfig, input: SendTelegramTextInput): Promise<SendResult> {
  const length = [...input.text].length;
  if (input.text.trim() === '') throw new ChannelSendError('permanent', 'Telegram does not send empty messages.');
  if (length > TELEGRAM_TEXT_LIMIT) {
    throw new ChannelSendError(
      'permanent',
      `The message has ${length} characters; Telegram allows ${TELEGRAM_TEXT_LIMIT}, so split it into several messages.`,
    );
  }
  const params: Record<string, unknown> = { chat_id: input.chatId, text: input.text };
  if (input.parseMode) params.parse_mode = input.parseMode;
  if (input.replyToMessageId !== undefined) {
    params.reply_parameters = { message_id: input.replyToMessageId, allow_sending_without_reply: true };
  }
  if (input.disableNotification) params.disable_notification = true;
  return sentMessageResult(await callTelegramApi(cfg, 'sendMessage', params));
}

export async function sendTelegramPhoto(cfg: TelegramClientConfig, input: SendTelegramFileInput): Promise<SendResult> {
  return sendFile(cfg, 'sendPhoto', 'photo', input);
}

export async function sendTelegramDocument(cfg: TelegramClientConfig, input: SendTelegramFileInput): Promise<SendResult> {
  return sendFile(cfg, 'sendDocument', 'document', input);
}

/** An audio file shown with a player (MP3 or M4A). */
export async function sendTelegramAudio(cfg: TelegramClientConfig, input: SendTelegramFileInput): Promise<SendResult> {
  return sendFile(cfg, 'sendAudio', 'audio', input);
}

/** A voice note (OGG/Opus), shown like one the customer recorded. */
export async function sendTelegramVoice(cfg: TelegramClientConfig, input: SendTelegramFileInput): Promise<SendResult> {
  return sendFile(cfg, 'sendVoice', 'voice', input);
}

/** An MP4 video, played inline. */
export async function sendTelegramVideo(cfg: TelegramClientConfig, input: SendTelegramFileInput): Promise<SendResult> {
  return sendFile(cfg, 'sendVideo', 'video', input);
}

export async function getFile(cfg: TelegramClientConfig, fileId: string): Promise<TelegramFile> {
  const result = await callTelegramApi(cfg, 'getFile', { file_id: fileId });
  if (!isObject(result) || typeof result.file_path !== 'string' || !result.file_path) {
    throw new ChannelSendError('permanent', 'Telegram has no download path for this file.');
  }
  return result as unknown as TelegramFile;
}

/**
 * The download URL for a `getFile` path. It embeds the bot token: fetch it server-side, never
 * store it or hand it to a browser.
 */
export function fileDownloadUrl(cfg: TelegramClientConfig, filePath: string): string {
  const path = filePath.split('/').map(encodeURIComponent).join('/');
  return `${base(cfg)}/file/bot${cfg.token}/${path}`;
}

/**
 * The customer's name, username and profile photo as Telegram shows them to the bot (getChat on
 * the private chat). Null when Telegram no longer knows the chat.
 */
export async function fetchTelegramProfile(cfg: TelegramClientConfig, chatId: number | string): Promise<TelegramContactProfile | null> {
  let result: unknown;
  try {
    result = await callTelegramApi(cfg, 'getChat', { chat_id: chatId });
  } catch (error) {
    if (error instanceof ChannelSendError && error.kind === 'recipient') return null;
    throw error;
  }
  if (!isObject(result)) return null;
  const displayName = [result.first_name, result.last_name].filter((s) => typeof s === 'string' && s).join(' ');
  const profile: TelegramContactProfile = {};
  if (displayName) profile.displayName = displayName;
  if (typeof result.username === 'string' && result.username) profile.username = result.username;
  const photo = isObject(result.photo) ? result.photo : undefined;
  if (typeof photo?.big_file_id === 'string' && photo.big_file_id) profile.avatarFileId = photo.big_file_id;
  return Object.keys(profile).length ? profile : null;
}

/**
 * One Bot API call: `POST {apiUrl}/bot{token}/{method}` with a JSON body (or multipart when a
 * value is a Blob), unwrapping `{ok:true,result}`. Failures become ChannelSendErrors.
 */
export async function callTelegramApi(cfg: TelegramClientConfig, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const url = `${base(cfg)}/bot${cfg.token}/${method}`;
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const multipart = Object.values(params).some((v) => v instanceof Blob);
  let body: string | FormData;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (multipart) {
    const form = new FormData();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (value instanceof Blob) form.set(key, value, value instanceof File ? value.name : key);
      else form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    body = form;
  } else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(params);
  }

  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await (cfg.fetch ?? fetch)(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (error) {
    throw networkError('Telegram', error, timeoutMs, cfg.token);
  }

  const parsed = parseJson(text);
  if (status < 200 || status > 299 || !isObject(parsed) || parsed.ok !== true) {
    if (status >= 200 && status <= 299 && !(isObject(parsed) && parsed.ok === false)) {
      throw new ChannelSendError('transient', `Telegram answered ${method} with something other than a Bot API response.`);
    }
    throw parseTelegramError(status, parsed ?? text, retryAfter);
  }
  return parsed.result;
}

async function sendFile(
  cfg: TelegramClientConfig,
  method: 'sendPhoto' | 'sendDocument' | 'sendAudio' | 'sendVoice' | 'sendVideo',
  field: 'photo' | 'document' | 'audio' | 'voice' | 'video',
  input: SendTelegramFileInput,
): Promise<SendResult> {
  const sources = [input.url, input.fileId, input.file].filter((s) => s !== undefined);
  if (sources.length !== 1) throw new ChannelSendError('permanent', `Give exactly one of url, fileId or file to ${method}.`);
  if (input.caption !== undefined && [...input.caption].length > TELEGRAM_CAPTION_LIMIT) {
    throw new ChannelSendError('permanent', `The caption is longer than the ${TELEGRAM_CAPTION_LIMIT} characters Telegram allows.`);
  }
  const params: Record<string, unknown> = { chat_id: input.chatId };
  if (input.file) {
    const { data, fileName, mimeType } = input.file;
    params[field] = new File([data as BlobPart], fileName, mimeType ? { type: mimeType } : undefined);
  } else {
    params[field] = input.url ?? input.fileId;
  }
  if (input.caption !== undefined) params.caption = input.caption;
  if (input.replyToMessageId !== undefined) {
    params.reply_parameters = { message_id: input.replyToMessageId, allow_sending_without_reply: true };
  }
  // up to 50 MB go up in one request; a text-sized timeout would cut them off
  const uploadCfg = input.file ? { ...cfg, timeoutMs: Math.max(cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS, UPLOAD_TIMEOUT_MS) } : cfg;
  return sentMessageResult(await callTelegramApi(uploadCfg, method, params));
}

function sentMessageResult(result: unknown): SendResult {
  const chat = isObject(result) && isObject(result.chat) ? result.chat : undefined;
  if (!isObject(result) || typeof result.message_id !== 'number' || typeof chat?.id !== 'number') {
    // The message may well have gone out; retrying could send it twice.
    throw new ChannelSendError('permanent', 'Telegram accepted the message but returned no message id.');
  }
  return { providerMessageId: telegramProviderMessageId(chat.id, result.message_id) };
}


function base(cfg: TelegramClientConfig): string {
  return cfg.apiUrl.replace(/\/+$/, '');
}


