import { metaJsonStringify } from '../channels/meta/meta-json';
import { signMetaBody } from '../channels/meta/signature';

export interface SimulateTarget {
  /** Origin of our own server, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  appSecret: string;
  pageId: string;
}

type MessengerEvent = Record<string, unknown>;

/** Posts a Messenger webhook exactly as Meta would: Meta's escaping, signed over the sent bytes. */
export async function postMessengerWebhook(target: SimulateTarget, events: MessengerEvent[]): Promise<Response> {
  const body = metaJsonStringify({ object: 'page', entry: [{ id: target.pageId, time: Date.now(), messaging: events }] });
  return fetch(`${target.baseUrl}/api/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(body, target.appSecret) },
    body,
  });
}

export function customerMessage(target: SimulateTarget, psid: string, text: string): MessengerEvent {
  return {
    sender: { id: psid },
    recipient: { id: target.pageId },
    timestamp: Date.now(),
    message: { mid: `m_sim_${Date.now()}_${Math.random().toString(36).slice(2, 10)}`, text },
  };
}

export function deliveryReceipt(target: SimulateTarget, psid: string, mids: string[]): MessengerEvent {
  return { sender: { id: psid }, recipient: { id: target.pageId }, timestamp: Date.now(), delivery: { mids, watermark: Date.now() } };
}

export function readReceipt(target: SimulateTarget, psid: string): MessengerEvent {
  return { sender: { id: psid }, recipient: { id: target.pageId }, timestamp: Date.now(), read: { watermark: Date.now() } };
}
