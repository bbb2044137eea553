import { metaJsonStringify } from '../../channels/meta/meta-json';
import { signMetaBody } from '../../channels/meta/signature';
import { handleMetaWebhook } from '../../http/meta-webhook';
import type { Deps } from '../../domain/deps';
import { TEST_APP_SECRET } from './runtime';

export type MessagingEvent = Record<string, unknown>;

export function pageBody(pageId: string, events: MessagingEvent[]) {
  return metaJsonStringify({ object: 'page', entry: [{ id: pageId, time: Date.now(), messaging: events }] });
}

/** Posts a body to the Meta webhook handler in-process, signed as Meta would unless told otherwise. */
export async function postMeta(deps: Deps, body: string, signature: string | null = signMetaBody(body, TEST_APP_SECRET)) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const response = await handleMetaWebhook(new Request('http://localhost/api/webhooks/meta', { method: 'POST', headers, body }), deps);
  return { status: response.status, text: await response.text() };
}

let n = 0;
export function textEvent(pageId: string, psid: string, text: string, at = Date.now(), mid = `m_${Date.now()}_${++n}`): MessagingEvent {
  return { sender: { id: psid }, recipient: { id: pageId }, timestamp: at, message: { mid, text } };
}
