import { graphCall } from '../meta/graph-call';
import { ChannelSendError, type ContactProfile, type SendResult } from '../types';
import { isObject } from '../http';

export interface MessengerClientConfig {
  /** Graph base including the version, e.g. `https://graph.facebook.com/v24.0`. */
  graphUrl: string;
  /** The page access token. */
  accessToken: string;
  /** When set, every call carries `appsecret_proof` (required if the app enforces it). */
  appSecret?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type MessengerTag = 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'POST_PURCHASE_UPDATE' | 'CONFIRMED_EVENT_UPDATE';

export interface SendMessengerTextInput {
  recipientId: string;
  text: string;
  /** Needed outside the 24-hour window; HUMAN_AGENT stretches it to 7 days for human replies. */
  tag?: MessengerTag;
  /** Comes back in the echo: our own outbox id, so the echo can be matched to the send. */
  metadata?: string;
}

export interface SendMessengerAttachmentInput {
  recipientId: string;
  kind: 'image' | 'audio' | 'video' | 'file';
  /** A public URL Meta downloads the file from (25 MB max). */
  url: string;
  tag?: MessengerTag;
  metadata?: string;
}

export interface UploadMessengerAttachmentInput {
  recipientId: string;
  kind: 'image' | 'audio' | 'video' | 'file';
  /** The bytes, sent as the `filedata` part (25 MB max). */
  file: { data: Uint8Array; fileName: string; mimeType: string };
  tag?: MessengerTag;
  metadata?: string;
}

export const MESSENGER_SUBSCRIBED_FIELDS = [
  'messages',
  'message_echoes',
  'message_reads',
  'message_deliveries',
  'messaging_postbacks',
] as const;


export async function sendMessengerText(cfg: MessengerClientConfig, input: SendMessengerTextInput): Promise<SendResult> {
  const message: Record<string, unknown> = { text: input.text };
  if (input.metadata !== undefined) message.metadata = input.metadata;
  return sendMessage(cfg, input.recipientId, input.tag, message);
}

export async function sendMessengerAttachment(
  cfg: MessengerClientConfig,
  input: SendMessengerAttachmentInput,
): Promise<SendResult> {
  const message: Record<string, unknown> = { attachment: { type: input.kind, payload: { url: input.url } } };
  if (input.metadata !== undefined) message.metadata = input.metadata;
  return sendMessage(cfg, input.recipientId, input.tag, message);
}

/**
 * Sends a file by uploading it with the message (multipart `recipient` + `message` + `filedata`),
 * for when Meta cannot fetch it from a public URL of ours. Meta's "upload from file" form of the
 * Send API; the attachment payload carries no URL.
 */
export async function uploadMessengerAttachment(cfg: MessengerClientConfig, input: UploadMessengerAttachmentInput): Promise<SendResult> {
  const message: Record<string, unknown> = { attachment: { type: input.kind, payload: { is_reusable: false } } };
  if (input.metadata !== undefined) message.metadata = input.metadata;
  const form = new FormData();
  form.set('recipient', JSON.stringify({ id: input.recipientId }));
  form.set('messaging_type', input.tag ? 'MESSAGE_TAG' : 'RESPONSE');
  if (input.tag) form.set('tag', input.tag);
  form.set('message', JSON.stringify(message));
  form.set('filedata', new Blob([input.file.data as BlobPart], { type: input.file.mimeType }), input.file.fileName);
  return messageIdOf(await graphCall(cfg, 'POST', '/me/messages', {}, form));
}

export async function markMessengerSeen(cfg: MessengerClientConfig, recipientId: string): Promise<void> {
  await graphCall(cfg, 'POST', '/me/messages', {}, { recipient: { id: recipientId }, sender_action: 'mark_seen' });
}

/**
 * The customer's name and picture, or null when Meta won't share them (phone-number accounts,
 * no opt-in yet, Instant Games pages): the caller then shows "Unknown client".
 * `avatarUrl` expires; copy the image rather than storing the URL.
 */
export async function fetchMessengerProfile(cfg: MessengerClientConfig, psid: string): Promise<ContactProfile | null> {
  let body: unknown;
  try {
    body = await graphCall(cfg, 'GET', `/${encodeURIComponent(psid)}`, { fields: 'first_name,last_name,profile_pic' });
  } catch (error) {
    if (error instanceof ChannelSendError && isProfileUnavailable(error)) return null;
    throw error;
  }
  const profile = isObject(body) ? body : {};
  const displayName = [profile.first_name, profile.last_name].filter((s) => typeof s === 'string' && s).join(' ');
  const avatarUrl = typeof profile.profile_pic === 'string' && profile.profile_pic ? profile.profile_pic : undefined;
  if (!displayName && !avatarUrl) return null;
  const result: ContactProfile = {};
  if (displayName) result.displayName = displayName;
  if (avatarUrl) result.avatarUrl = avatarUrl;
  return result;
}

/**
 * Subscribes the app to the page's messaging webhooks, and to `extraFields` besides (`feed` for
 * comments under the page's posts); needed once per page on connect.
 */
export async function subscribeMessengerPage(cfg: MessengerClientConfig, pageId: string, extraFields: readonly string[] = []): Promise<void> {
  const body = await graphCall(cfg, 'POST', `/${encodeURIComponent(pageId)}/subscribed_apps`, {
    subscribed_fields: [...MESSENGER_SUBSCRIBED_FIELDS, ...extraFields].join(','),
  });
  if (!isObject(body) || body.success !== true) {
    throw new ChannelSendError('permanent', 'Meta did not confirm the webhook subscription for this page.');
  }
}

/** The apps subscribed to the page's webhooks (with this token's app among them while all is well). */
export async function subscribedApps(cfg: MessengerClientConfig, pageId: string): Promise<Array<{ id: string; fields: string[] }>> {
  const body = await graphCall(cfg, 'GET', `/${encodeURIComponent(pageId)}/subscribed_apps`, {});
  const data = isObject(body) && Array.isArray(body.data) ? body.data : [];
  return data.filter(isObject).map((app) => ({
    id: String(app.id ?? ''),
    fields: Array.isArray(app.subscribed_fields) ? app.subscribed_fields.map(String) : [],
  }));
}

/** Reads the page's id and name; a cheap way to check a token when a channel is connected. */
export async function getPage(cfg: MessengerClientConfig, pageId: string): Promise<{ id: string; name: string }> {
  const body = await graphCall(cfg, 'GET', `/${encodeURIComponent(pageId)}`, { fields: 'id,name' });
  if (!isObject(body) || typeof body.id !== 'string') {
    throw new ChannelSendError('permanent', 'Meta answered the page lookup without a page id.');
  }
  return { id: body.id, name: typeof body.name === 'string' ? body.name : '' };
}

async function sendMessage(
  cfg: MessengerClientConfig,
  recipientId: string,
  tag: MessengerTag | undefined,
  message: Record<string, unknown>,
): Promise<SendResult> {
  const payload: Record<string, unknown> = {
    recipient: { id: recipientId },
    messaging_type: tag ? 'MESSAGE_TAG' : 'RESPONSE',
  };
  if (tag) payload.tag = tag;
  payload.message = message;
  return messageIdOf(await graphCall(cfg, 'POST', '/me/messages', {}, payload));
}

function messageIdOf(body: unknown): SendResult {
  if (!isObject(body) || typeof body.message_id !== 'string' || !body.message_id) {
    // The message may well have gone out; retrying could send it twice.
    throw new ChannelSendError('permanent', 'Meta accepted the message but returned no message id.');
  }
  return { providerMessageId: body.message_id };
}

// 2018218: "No profile available for this user"; 100 (often subcode 33): the node can't be read.
function isProfileUnavailable(error: ChannelSendError): boolean {
  return error.code === 100 || error.code === 2018218 || error.subcode === 2018218;
}
